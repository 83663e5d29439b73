// The workspace audit log over Dexie (fake-indexeddb): entries are written in the transaction of
// the change they record (both land or neither does), the core AuditLog catches up with them,
// checkpoints are signed with the device key, and tampering with the stored entries or
// checkpoints is reported by verifyWorkspaceLog, naming the entry where it can.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent, type AuditEvent } from '../../../../src/core/audit/audit-event'
import { signCheckpoint } from '../../../../src/core/audit/checkpoint'
import {
  parseAuditLogExport,
  verifyAuditLogExport,
  verifyPacketTrail,
} from '../../../../src/core/audit/log-export'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { utf8 } from '../../../../src/core/encoding/bytes'
import type { Host, KeyVault } from '../../../../src/core/host/host-api'
import { keyIdOf } from '../../../../src/core/keys/keyid'
import { createPacket } from '../../../../src/core/packets/packet-lifecycle'
import { TemplateRegistry } from '../../../../src/core/templates/registry'
import { logEvent } from '../../../../src/renderer/audit/log-event'
import { exportPacketTrail, exportWholeLog } from '../../../../src/renderer/audit/log-exports'
import { verifyWorkspaceLog } from '../../../../src/renderer/audit/verify-workspace-log'
import {
  CheckpointRefusedError,
  DexieAuditLogStore,
  deviceNoteKeyName,
  forgetWorkspaceLog,
  openWorkspaceLog,
  signWorkspaceCheckpoint,
  workspaceLogOrigin,
} from '../../../../src/renderer/audit/workspace-log'
import {
  removePartnerSource,
  savePartnerSource,
} from '../../../../src/renderer/data/partner-sources'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import { openListedWorkspace } from '../../../../src/renderer/data/workspace-lifecycle'
import { workspaceEntry } from '../../../../src/renderer/data/workspace-registry'
import {
  addHashedFiles,
  saveEvidenceMetadata,
} from '../../../../src/renderer/evidence/evidence-store'
import { insertPacket, writePacket } from '../../../../src/renderer/packets/packet-store'
// Node's inflater for the zip reader: seeding the demo signs its bundles (browsers use theirs).
import '../../../../src/node/bundle/file-source'

const crypto = portableCrypto
const NOW = new Date('2026-05-01T09:30:00.000Z')
const ACTOR = 'Dana Ruiz (1a2b3c4d5e6f7a8b)'

async function fakeVault(): Promise<KeyVault & { seed: Uint8Array }> {
  const seed = crypto.randomBytes(32)
  const publicKey = await crypto.ed25519PublicKey(seed)
  const keyid = await keyIdOf(crypto, publicKey)
  const no = () => Promise.reject(new Error('not in this test'))
  return {
    seed,
    keychain: no,
    list: no,
    create: no,
    unlock: no,
    sign: no,
    lock: no,
    remove: no,
    deviceKey: async () => ({ publicKey, keyid }),
    deviceSign: (message) => crypto.ed25519Sign(seed, message),
  }
}

let n = 0
let db: WorkspaceDb
let keys: Awaited<ReturnType<typeof fakeVault>>
const opened: WorkspaceDb[] = []

beforeEach(async () => {
  db = new WorkspaceDb(`evw-workspace-audit-${++n}`)
  await db.open()
  opened.push(db)
  keys = await fakeVault()
})

afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close()
    await Dexie.delete(d.name)
  }
})

const event = (i: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  action: 'packet.edited',
  actor: ACTOR,
  time: new Date(NOW.getTime() + i * 1000).toISOString(),
  packetId: 'p-1',
  subject: `edit ${i}`,
  ...extra,
})

async function appendAndSign(count: number, signEvery = 1): Promise<void> {
  for (let i = 0; i < count; i++) {
    await db.transaction('rw', db.auditEntries, () => logEvent(db, event(i)))
    if ((i + 1) % signEvery === 0) await signWorkspaceCheckpoint(db, keys, { crypto })
  }
}

const verify = () => verifyWorkspaceLog(db, keys, { crypto })
const codes = async () => (await verify()).issues.map((i) => i.code)

const template = new TemplateRegistry().latest('dpia')!
const packet = (id: string) =>
  createPacket(template, { id, title: `Packet ${id}`, now: NOW, by: ACTOR })

describe('logEvent in the transaction of the change', () => {
  it('a failing change leaves no entry', async () => {
    await insertPacket(db, packet('p-1'), ACTOR, 'Created', NOW)
    expect(await db.auditEntries.count()).toBe(1)
    await expect(insertPacket(db, packet('p-1'), ACTOR, 'Created', NOW)).rejects.toThrow(
      /already exists/,
    )
    expect(await db.auditEntries.count()).toBe(1)
    expect(await db.packetRevisions.count()).toBe(1)
  })

  it('a failing entry leaves no change', async () => {
    const draft = {
      name: 'Fabrikam',
      owner: 'Jo',
      slaTier: 'tier-1',
      status: 'proposed',
      notes: '',
    }
    // An empty actor is not a valid audit event: the source must not be saved without it.
    await expect(savePartnerSource(db, draft, undefined, '', NOW)).rejects.toThrow(/actor/)
    expect(await db.partnerSources.count()).toBe(0)
    expect(await db.auditEntries.count()).toBe(0)
    await expect(
      writePacket(db, packet('p-2'), ACTOR, 'Saved', NOW, { ...event(0), time: 'yesterday' }),
    ).rejects.toThrow(/time/)
    expect(await db.packets.count()).toBe(0)
  })

  it('records sources, evidence and packets with who did what', async () => {
    const draft = {
      name: 'Fabrikam',
      owner: 'Jo',
      slaTier: 'tier-1',
      status: 'proposed',
      notes: '',
    }
    const saved = await savePartnerSource(db, draft, undefined, ACTOR, NOW)
    if (!saved.ok) throw new Error('not saved')
    await savePartnerSource(db, { ...draft, owner: 'Jo Berg' }, saved.source.id, ACTOR, NOW)
    await savePartnerSource(db, { ...draft, owner: 'Jo Berg' }, saved.source.id, ACTOR, NOW)
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' })
    const sha = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
    const added = await addHashedFiles(db, [{ file, folder: '' }], [sha], ACTOR, NOW)
    await saveEvidenceMetadata(db, sha, { ...added.added[0]!, title: 'Greeting' }, ACTOR, NOW)
    await saveEvidenceMetadata(db, sha, { ...added.added[0]!, title: 'Greeting' }, ACTOR, NOW)
    await insertPacket(db, packet('p-1'), ACTOR, 'Created', NOW)
    await removePartnerSource(db, saved.source.id, ACTOR, NOW)

    const events = (await db.auditEntries.orderBy('index').toArray()).map((r) => {
      const d = decodeAuditEvent(r.entry)
      if (!d.ok) throw new Error(d.message)
      return d.event
    })
    expect(events.map((e) => e.action)).toEqual([
      'source.created',
      'source.edited',
      'evidence.added',
      'evidence.edited',
      'packet.created',
      'source.removed',
    ])
    expect(events.every((e) => e.actor === ACTOR)).toBe(true)
    expect(events[1]!.details).toEqual({
      name: 'Fabrikam',
      changed: { owner: { from: 'Jo', to: 'Jo Berg' } },
    })
    expect(events[2]).toMatchObject({ subject: sha, details: { fileName: 'hello.txt' } })
    expect(events[3]!.details).toMatchObject({
      changed: { title: { from: 'Hello', to: 'Greeting' } },
    })
    expect(events[4]).toMatchObject({ packetId: 'p-1', details: { how: 'Created' } })
  })
})

describe('the Dexie store and the core AuditLog', () => {
  it('catches up with entries appended by logEvent, and refuses a stale append', async () => {
    const log = await openWorkspaceLog(db, { crypto })
    expect(log.size).toBe(0)
    await appendAndSign(3, 100)
    expect((await openWorkspaceLog(db, { crypto })).size).toBe(3)
    // Appending through the log itself lands after them.
    expect(await log.append(event(3))).toBe(3)
    await expect(new DexieAuditLogStore(db).appendEntry(2, utf8('{}'))).rejects.toThrow(/refused/)
    expect(await db.auditEntries.count()).toBe(4)
  })

  it('signs checkpoints with the device key and verifies the whole log', async () => {
    await appendAndSign(5, 2)
    const first = await signWorkspaceCheckpoint(db, keys, { crypto })
    expect(first.signed).toBe(true)
    const again = await signWorkspaceCheckpoint(db, keys, { crypto })
    expect(again.signed).toBe(false)
    const device = await keys.deviceKey()
    expect(first.note).toContain(`\u2014 ${deviceNoteKeyName(device.keyid)} `)
    expect(first.note.split('\n')[0]).toBe(workspaceLogOrigin(db))
    const progress: string[] = []
    const report = await verifyWorkspaceLog(db, keys, {
      crypto,
      onProgress: (p) => progress.push(p.phase),
    })
    expect(report).toMatchObject({ ok: true, entries: 5, checkpoints: 3, coveredEntries: 5 })
    expect(progress).toContain('entries')
    expect(progress).toContain('checkpoints')
  })

  it('can be cancelled', async () => {
    await appendAndSign(3, 3)
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(
      verifyWorkspaceLog(db, keys, { crypto, signal: controller.signal }),
    ).rejects.toThrow('stop')
  })
})

describe('tampering through the database is reported, never repaired', () => {
  it('an edited entry is named', async () => {
    await appendAndSign(6)
    const row = (await db.auditEntries.get(3))!
    const edited = new TextDecoder().decode(row.entry).replace('edit 3', 'edit 9')
    await db.auditEntries.put({ index: 3, entry: utf8(edited) })
    const report = await verify()
    expect(report.ok).toBe(false)
    const issue = report.issues.find((i) => i.code === 'LOG_EDITED')!
    expect(issue).toMatchObject({ index: 3, size: 4 })
    // Nothing was rewritten.
    expect(new TextDecoder().decode((await db.auditEntries.get(3))!.entry)).toContain('edit 9')
    // A log read before the damage signs only what it read, which hides nothing...
    await db.transaction('rw', db.auditEntries, () => logEvent(db, event(7)))
    await signWorkspaceCheckpoint(db, keys, { crypto })
    expect((await verify()).issues.filter((i) => i.code === 'LOG_EDITED')).toHaveLength(4)
    // ...and once the log is read again from the database, no checkpoint is signed over it.
    forgetWorkspaceLog(db)
    await db.transaction('rw', db.auditEntries, () => logEvent(db, event(8)))
    await expect(signWorkspaceCheckpoint(db, keys, { crypto })).rejects.toBeInstanceOf(
      CheckpointRefusedError,
    )
  })

  it('an entry made unreadable is reported as malformed too', async () => {
    await appendAndSign(2)
    await db.auditEntries.put({ index: 1, entry: utf8('{"action":"nope"}') })
    expect(await codes()).toEqual(expect.arrayContaining(['LOG_ENTRY_MALFORMED', 'LOG_EDITED']))
  })

  it('deleting the last entries is a truncation', async () => {
    await appendAndSign(5)
    await db.auditEntries.bulkDelete([3, 4])
    const report = await verify()
    expect(report.issues.filter((i) => i.code === 'LOG_TRUNCATED').map((i) => i.size)).toEqual([
      4, 5,
    ])
  })

  it('deleting an entry in the middle is named', async () => {
    await appendAndSign(5)
    await db.auditEntries.delete(2)
    const issues = (await verify()).issues
    expect(issues[0]).toMatchObject({ code: 'LOG_TRUNCATED', index: 2 })
    expect(issues.map((i) => i.code)).toContain('LOG_EDITED')
  })

  it('a checkpoint replaced by a forked one is reported', async () => {
    await appendAndSign(4, 2)
    const rows = await db.checkpoints.orderBy('id').toArray()
    const forkedRoot = await crypto.sha256(utf8('another history'))
    const forked = await signCheckpoint(
      { origin: workspaceLogOrigin(db), size: 4, rootHash: forkedRoot, extensions: [] },
      {
        name: deviceNoteKeyName((await keys.deviceKey()).keyid),
        seed: keys.seed,
      },
      crypto,
    )
    // Replaced: the only checkpoint of size 4 now disagrees with the entries.
    await db.checkpoints.put({ ...rows[1]!, note: forked })
    expect(await codes()).toEqual(['LOG_EDITED'])
    // Kept beside the real one: two signed histories of the same size.
    await db.checkpoints.put({ ...rows[1]!, id: undefined as never })
    expect(await codes()).toEqual(expect.arrayContaining(['LOG_FORKED']))
  })

  it('a checkpoint signed by an unknown key or with a bad signature is reported', async () => {
    await appendAndSign(2)
    const row = (await db.checkpoints.orderBy('id').last())!
    const sigLine = row.note.trimEnd().split('\n').at(-1)!
    const bad = row.note.replace(sigLine, `${sigLine.slice(0, -6)}AAAAA=`)
    await db.checkpoints.put({ ...row, note: bad })
    expect(await codes()).toEqual(['LOG_CHECKPOINT_SIGNATURE_INVALID'])
    const stranger = await fakeVault()
    const report = await verifyWorkspaceLog(db, stranger, { crypto })
    expect(report.issues.every((i) => i.code === 'LOG_CHECKPOINT_UNTRUSTED_KEY')).toBe(true)
  })
})

describe('the demo workspace', () => {
  it('starts with a log of its sample history that verifies once signed', async () => {
    const entry = workspaceEntry(`audit-demo-${++n}`, 'Demo workspace', true, NOW.toISOString())
    const result = await openListedWorkspace(entry, { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    opened.push(result.db)
    const rows = await result.db.auditEntries.orderBy('index').toArray()
    const events = rows.map((r) => {
      const d = decodeAuditEvent(r.entry)
      if (!d.ok) throw new Error(d.message)
      return d.event
    })
    const actions = new Set<string>(events.map((e) => e.action))
    for (const a of ['source.created', 'evidence.added', 'packet.created'])
      expect(actions.has(a), a).toBe(true)
    const times = events.map((e) => e.time)
    expect([...times].sort()).toEqual(times)
    await signWorkspaceCheckpoint(result.db, keys, { crypto })
    const report = await verifyWorkspaceLog(result.db, keys, { crypto })
    expect(report).toMatchObject({ ok: true, coveredEntries: rows.length })
  })
})

describe('exports', () => {
  function captureHost(): Host & { files: Map<string, Uint8Array> } {
    const files = new Map<string, Uint8Array>()
    return {
      files,
      keys,
      saveFile: async (name: string, bytes: Uint8Array) => {
        files.set(name, bytes)
        return { saved: true as const, name }
      },
    } as unknown as Host & { files: Map<string, Uint8Array> }
  }

  it('the whole log verifies on its own, and the export is logged once saved', async () => {
    await appendAndSign(4, 2)
    const host = captureHost()
    const out = await exportWholeLog(db, host, ACTOR, NOW)
    expect(out.entries).toBe(4)
    const [name, bytes] = [...host.files][0]!
    expect(name).toMatch(/^audit-log-audit-\d+-2026-05-01-09-30-00\.json$/)
    const file = parseAuditLogExport(bytes)
    expect(file.entries).toHaveLength(4)
    const report = await verifyAuditLogExport(bytes, file.verifierKeys, crypto)
    expect(report).toMatchObject({ ok: true, coveredEntries: 4 })
    const last = decodeAuditEvent((await db.auditEntries.orderBy('index').last())!.entry)
    expect(last.ok && last.event).toMatchObject({ action: 'log.exported', subject: name })
  })

  it("a packet's trail carries an inclusion proof per entry", async () => {
    await insertPacket(db, packet('p-1'), ACTOR, 'Created', NOW)
    await insertPacket(db, packet('p-2'), ACTOR, 'Created', NOW)
    await appendAndSign(3, 100)
    const host = captureHost()
    const out = await exportPacketTrail(db, host, 'p-1', ACTOR, NOW)
    expect(out.entries).toBe(4)
    const bytes = [...host.files.values()][0]!
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { verifierKeys: string[] }
    const report = await verifyPacketTrail(bytes, json.verifierKeys, crypto)
    expect(report).toMatchObject({ ok: true, packetId: 'p-1', entries: 4 })
    // A changed event in the file is caught.
    const tampered = new TextDecoder().decode(bytes).replace('"edit 1"', '"edit 7"')
    const bad = await verifyPacketTrail(utf8(tampered), json.verifierKeys, crypto)
    expect(bad.ok).toBe(false)
  })
})
