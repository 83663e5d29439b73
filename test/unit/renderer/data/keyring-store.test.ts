// The workspace keyring in fake-indexeddb: own identities and imported keys are added with their
// audit entry in the same transaction, duplicates are refused without a change, revocation needs
// a reason and keeps the entry, and the export is the core keyring file.
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
})
