// The workspace keyring in fake-indexeddb: own identities and imported keys are added with their
// audit entry in the same transaction, duplicates are refused without a change, revocation needs
// a reason and keeps the entry, roles, validity and note change in place with a key.updated
// entry (refused for no roles, inverted dates or a revoked key), and the export is the core
// keyring file.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent } from '../../../../src/core/audit/audit-event'
import { toBase64 } from '../../../../src/core/encoding/bytes'
import type { IdentityInfo } from '../../../../src/core/host/host-api'
import { parseKeyring } from '../../../../src/core/keys/keyring'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import {
  addOwnIdentity,
  importKeys,
  revokeKeyringKey,
  updateKeyringEntry,
  workspaceKeyringBytes,
} from '../../../../src/renderer/data/keyring-store'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const NOW = new Date('2026-04-20T09:00:00.000Z')
let n = 0
let db: WorkspaceDb

beforeEach(() => {
  db = new WorkspaceDb(`evw-keyring-test-${++n}`)
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const events = async () =>
  (await db.auditEntries.orderBy('index').toArray()).map((e) => {
    const d = decodeAuditEvent(e.entry)
    if (!d.ok) throw new Error(d.message)
    return d.event
  })

async function identity(name: string, fill: number): Promise<IdentityInfo> {
  const id = await identityFromSeed(nodeCrypto, name, new Uint8Array(32).fill(fill))
  return {
    name,
    keyid: id.keyid,
    publicKey: id.publicKey,
    createdAt: NOW.toISOString(),
    protection: 'passphrase',
  }
}

const candidate = async (name: string, fill: number) => {
  const i = await identity(name, fill)
  return { keyid: i.keyid, publicKey: i.publicKey, name: 'file name', roles: ['legal'] }
}

describe('workspace keyring', () => {
  it('adds an own identity with its roles and logs key.created once', async () => {
    const dana = await identity('Dana', 1)
    const rec = await addOwnIdentity(db, dana, ['legal', 'dpo'], 'local user', {
      created: true,
      now: NOW,
    })
    expect(rec).toMatchObject({
      keyid: dana.keyid,
      origin: 'own',
      roles: ['legal', 'dpo'],
      publicKey: toBase64(dana.publicKey),
    })
    await addOwnIdentity(db, dana, [], 'local user', { created: false, now: NOW })
    expect((await db.keyring.get(dana.keyid))?.roles).toEqual(['legal', 'dpo'])
    expect(await events()).toEqual([
      {
        action: 'key.created',
        actor: 'local user',
        time: NOW.toISOString(),
        subject: dana.keyid,
        details: { name: 'Dana', roles: ['legal', 'dpo'], origin: 'own' },
      },
    ])
  })

  it('imports colleagues’ keys with the importer’s choices, refusing duplicates whole', async () => {
    const lee = await candidate('Lee', 2)
    const sam = await candidate('Sam', 3)
    await importKeys(
      db,
      [
        {
          candidate: lee,
          name: ' Lee Chen ',
          roles: ['dpo', 'ombuds'],
          validFrom: '2026-01-01T00:00:00.000Z',
          validUntil: '2026-12-31T23:59:59.999Z',
          note: 'read by phone',
        },
      ],
      'Dana (0123456789abcdef)',
      NOW,
    )
    expect(await db.keyring.get(lee.keyid)).toMatchObject({
      name: 'Lee Chen',
      roles: ['dpo', 'ombuds'],
      origin: 'imported',
      note: 'read by phone',
    })
    await expect(
      importKeys(
        db,
        [
          { candidate: sam, name: 'Sam', roles: [] },
          { candidate: lee, name: 'Lee again', roles: [] },
        ],
        'x',
        NOW,
      ),
    ).rejects.toThrow(/already in this workspace’s keyring as “Lee Chen”/)
    expect(await db.keyring.count()).toBe(1)
    expect((await events()).map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['key.imported', 'Dana (0123456789abcdef)', lee.keyid],
    ])
  })

  it('checks names, roles and the validity window before writing', async () => {
    const lee = await candidate('Lee', 2)
    await expect(importKeys(db, [{ candidate: lee, name: ' ', roles: [] }], 'x')).rejects.toThrow(
      /Give the key a name/,
    )
    await expect(
      importKeys(db, [{ candidate: lee, name: 'Lee', roles: ['Legal Team'] }], 'x'),
    ).rejects.toThrow(/not a role id/)
    await expect(
      importKeys(
        db,
        [
          {
            candidate: lee,
            name: 'Lee',
            roles: [],
            validFrom: '2027-01-01T00:00:00.000Z',
            validUntil: '2026-01-01T00:00:00.000Z',
          },
        ],
        'x',
      ),
    ).rejects.toThrow(/before “Valid from”/)
    expect(await db.keyring.count()).toBe(0)
    expect(await db.auditEntries.count()).toBe(0)
  })

  it('revokes with a reason, keeps the entry, and exports the core keyring', async () => {
    const lee = await candidate('Lee', 2)
    await importKeys(db, [{ candidate: lee, name: 'Lee', roles: ['legal'] }], 'x', NOW)
    await expect(revokeKeyringKey(db, lee.keyid, '  ', 'x')).rejects.toThrow(/Say why/)
    const later = new Date('2026-05-01T10:00:00.000Z')
    await revokeKeyringKey(db, lee.keyid, 'laptop lost', 'Dana', later)
    await expect(revokeKeyringKey(db, lee.keyid, 'again', 'Dana')).rejects.toThrow(
      /already revoked/,
    )
    expect(await db.keyring.get(lee.keyid)).toMatchObject({
      revoked: { at: later.toISOString(), reason: 'laptop lost' },
    })
    const last = (await events()).at(-1)
    expect(last).toMatchObject({ action: 'key.revoked', actor: 'Dana', subject: lee.keyid })

    const keyring = parseKeyring(await workspaceKeyringBytes(db))
    expect(keyring.keys).toEqual([
      {
        keyid: lee.keyid,
        name: 'Lee',
        publicKey: toBase64(lee.publicKey),
        roles: ['legal'],
        addedAt: NOW.toISOString(),
        revoked: { at: later.toISOString(), reason: 'laptop lost' },
      },
    ])
  })

  it('changes roles, validity and note in place, logging key.updated before and after', async () => {
    const lee = await candidate('Lee', 2)
    await importKeys(
      db,
      [
        {
          candidate: lee,
          name: 'Lee',
          roles: ['legal'],
          validFrom: '2026-01-01T12:00:00.000Z',
          note: 'read by phone',
        },
      ],
      'x',
      NOW,
    )
    const later = new Date('2026-05-01T10:00:00.000Z')
    const out = await updateKeyringEntry(
      db,
      lee.keyid,
      {
        roles: ['ombuds', 'seceng', 'ombuds'],
        validFrom: '2026-01-01T12:00:00.000Z',
        validUntil: '2027-06-30T23:59:59.999Z',
        note: '  moved to security  ',
      },
      'Dana (0123456789abcdef)',
      later,
    )
    expect(out.changed).toBe(true)
    const stored = await db.keyring.get(lee.keyid)
    expect(stored).toEqual({
      keyid: lee.keyid,
      name: 'Lee',
      publicKey: toBase64(lee.publicKey),
      roles: ['ombuds', 'seceng'],
      addedAt: NOW.toISOString(),
      validFrom: '2026-01-01T12:00:00.000Z',
      validUntil: '2027-06-30T23:59:59.999Z',
      origin: 'imported',
      note: 'moved to security',
    })
    expect(out.record).toEqual(stored)
    expect((await events()).at(-1)).toEqual({
      action: 'key.updated',
      actor: 'Dana (0123456789abcdef)',
      time: later.toISOString(),
      subject: lee.keyid,
      details: {
        name: 'Lee',
        origin: 'imported',
        before: { roles: ['legal'], validFrom: '2026-01-01T12:00:00.000Z' },
        after: {
          roles: ['ombuds', 'seceng'],
          validFrom: '2026-01-01T12:00:00.000Z',
          validUntil: '2027-06-30T23:59:59.999Z',
        },
        noteChanged: true,
      },
    })

    // Clearing the window and the note removes them; the same change again writes nothing.
    await updateKeyringEntry(db, lee.keyid, { roles: ['seceng', 'ombuds'] }, 'x', later)
    expect(await db.keyring.get(lee.keyid)).not.toHaveProperty('validFrom')
    expect(await db.keyring.get(lee.keyid)).not.toHaveProperty('validUntil')
    expect(await db.keyring.get(lee.keyid)).not.toHaveProperty('note')
    const count = await db.auditEntries.count()
    const same = await updateKeyringEntry(db, lee.keyid, { roles: ['ombuds', 'seceng'] }, 'x')
    expect(same.changed).toBe(false)
    expect(await db.auditEntries.count()).toBe(count)

    // The exported keyring, which verification reads, carries the new roles.
    const keyring = parseKeyring(await workspaceKeyringBytes(db))
    expect(keyring.keys[0]?.roles).toEqual(['seceng', 'ombuds'])
  })

  it('edits an own identity’s roles, the one place its roles are kept', async () => {
    const dana = await identity('Dana', 1)
    await addOwnIdentity(db, dana, [], 'local user', { created: false, now: NOW })
    await updateKeyringEntry(db, dana.keyid, { roles: ['dpo'] }, 'Dana', NOW)
    expect(await db.keyring.get(dana.keyid)).toMatchObject({ origin: 'own', roles: ['dpo'] })
    expect((await events()).at(-1)?.details).toMatchObject({
      origin: 'own',
      before: { roles: [] },
      after: { roles: ['dpo'] },
    })
  })

  it('refuses no roles, inverted dates, a bad role, a revoked or missing key, changing nothing', async () => {
    const lee = await candidate('Lee', 2)
    await importKeys(db, [{ candidate: lee, name: 'Lee', roles: ['legal'] }], 'x', NOW)
    const before = await db.keyring.get(lee.keyid)
    const entries = await db.auditEntries.count()
    await expect(updateKeyringEntry(db, lee.keyid, { roles: [] }, 'x')).rejects.toThrow(
      /Choose at least one role/,
    )
    await expect(
      updateKeyringEntry(
        db,
        lee.keyid,
        {
          roles: ['legal'],
          validFrom: '2027-01-01T00:00:00.000Z',
          validUntil: '2026-12-31T23:59:59.999Z',
        },
        'x',
      ),
    ).rejects.toThrow(/before “Valid from”/)
    await expect(
      updateKeyringEntry(
        db,
        lee.keyid,
        {
          roles: ['legal'],
          validFrom: '2027-01-01T00:00:00.000Z',
          validUntil: '2027-01-01T00:00:00.000Z',
        },
        'x',
      ),
    ).rejects.toThrow(/must be after “Valid from”/)
    await expect(updateKeyringEntry(db, lee.keyid, { roles: ['Legal Team'] }, 'x')).rejects.toThrow(
      /not a role id/,
    )
    await expect(
      updateKeyringEntry(db, lee.keyid, { roles: ['legal'], note: 'n'.repeat(501) }, 'x'),
    ).rejects.toThrow(/note is too long/)
    await expect(updateKeyringEntry(db, 'f'.repeat(64), { roles: ['legal'] }, 'x')).rejects.toThrow(
      /no longer in the keyring/,
    )
    expect(await db.keyring.get(lee.keyid)).toEqual(before)
    expect(await db.auditEntries.count()).toBe(entries)

    await revokeKeyringKey(db, lee.keyid, 'left the team', 'x', NOW)
    await expect(updateKeyringEntry(db, lee.keyid, { roles: ['dpo'] }, 'x')).rejects.toThrow(
      /was revoked on 2026-04-20: a revoked key cannot be given roles again/,
    )
    expect((await db.keyring.get(lee.keyid))?.roles).toEqual(['legal'])
    expect(await db.auditEntries.count()).toBe(entries + 1)
  })
})
