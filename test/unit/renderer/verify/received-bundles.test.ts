// Receiving bundles into a workspace (fake-indexeddb): a verified bundle becomes a verified,
// received packet with its evidence in the library; an unverified one is quarantined and
// nothing of it goes anywhere else; the same file twice is one record; hostile names are
// never written; every write is logged in the same transaction.
import 'fake-indexeddb/auto'
import '../../../../src/node/bundle/file-source' // zlib inflation for deflated entries in Node
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent, type AuditEvent } from '../../../../src/core/audit/audit-event'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import type { Keyring } from '../../../../src/core/keys/keyring'
import { keyringOf } from '../../../../src/core/keys/keyring'
import { TemplateRegistry } from '../../../../src/core/templates/registry'
import { requiredSignoffRoles } from '../../../../src/core/templates/template-model'
import type { VerificationReport } from '../../../../src/core/bundle/report'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import {
  importStoredBundle,
  receiveBundle,
  removeQuarantined,
  reverifyReceived,
  type Verifier,
} from '../../../../src/renderer/verify/received-bundles'
import { loadWorkspaceKeyring } from '../../../../src/renderer/verify/workspace-keyring'
import {
  dpiaPacket,
  evidenceBytes,
  fullySignedDpia,
  keyringFor,
  packInMemory,
  parties,
  signOff,
  verifyBytes,
} from '../../../helpers/bundle-fixture'
import { buildZip, entry, rawEntry, rewrite, unpack } from '../../../helpers/zip-surgery'

const LATER = new Date('2026-11-22T08:00:00.000Z')
const ACTOR = 'Olive Ombuds (00112233aabbccdd)'

/** The real verifier in this thread, with the fixtures' clock. */
const verify: Verifier = async (file, keyring, signal) =>
  verifyBytes(await file.source.read(0, file.size), keyring, { signal })

let n = 0
const dbs: WorkspaceDb[] = []
async function freshDb(): Promise<WorkspaceDb> {
  const db = new WorkspaceDb(`evw-workspace-received-${++n}`)
  await db.open()
  dbs.push(db)
  return db
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>])

const receive = (db: WorkspaceDb, bytes: Uint8Array, fileName: string, keyring: Keyring) =>
  receiveBundle(db, {
    data: blobOf(bytes),
    fileName,
    keyring,
    actor: ACTOR,
    now: () => LATER,
    verify,
  })

async function events(db: WorkspaceDb): Promise<AuditEvent[]> {
  const entries = await db.auditEntries.orderBy('index').toArray()
  return entries.map((e) => {
    const decoded = decodeAuditEvent(e.entry)
    if (!decoded.ok) throw new Error(decoded.message)
    return decoded.event
  })
}

async function tampered(bundle: Uint8Array): Promise<{ bytes: Uint8Array; file: string }> {
  let file = ''
  const bytes = await rewrite(bundle, (entries) => {
    const first = entries.find((e) => e.name.startsWith('files/'))!
    file = first.name
    const e = entry(entries, first.name)
    e.data = e.data.slice()
    e.data[0] = e.data[0]! ^ 1
    return entries
  })
  return { bytes, file }
}

describe('receiving a bundle that verifies', () => {
  it('stores it and makes its packet a verified, received packet with its evidence', async () => {
    const db = await freshDb()
    const { bundle, keyring, packet } = await fullySignedDpia()
    const outcome = await receive(db, bundle, 'dpia-signed.evb', keyring)

    expect(outcome.report.verdict).toBe('verified')
    expect(outcome).toMatchObject({
      quarantined: false,
      duplicate: false,
      packet: { id: packet.packetId, action: 'created' },
    })
    const sha = outcome.sha256
    expect(sha).toMatch(/^[0-9a-f]{64}$/)

    const received = await db.receivedBundles.toArray()
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      sha256: sha,
      fileName: 'dpia-signed.evb',
      size: bundle.length,
      verdict: 'verified',
      quarantined: false,
      packetId: packet.packetId,
      receivedBy: ACTOR,
    })
    expect(new Uint8Array(await received[0]!.data.arrayBuffer())).toEqual(bundle)

    const stored = await db.packets.get(packet.packetId)
    expect(stored).toMatchObject({
      status: 'verified',
      title: packet.title,
      templateId: packet.template.id,
      templateVersion: packet.template.version,
      revision: 1,
      createdBy: 'Priya Product-Ops',
      receivedFrom: { bundleSha256: sha, fileName: 'dpia-signed.evb' },
    })
    expect(stored!.fields).toEqual(packet.fields)
    expect(stored!.evidence.map((e) => e.path)).toEqual(packet.evidence.map((e) => e.path))
    expect(await db.packetRevisions.where('packetId').equals(packet.packetId).count()).toBe(1)

    // Evidence: content-addressed, bytes exactly the signed ones, metadata from the statement.
    const evidence = await db.evidence.toArray()
    expect(evidence).toHaveLength(new Set(packet.evidence.map((e) => e.path)).size)
    for (const link of stored!.evidence) {
      const record = evidence.find((e) => e.sha256 === link.sha256)!
      expect(record.tags).toContain('received')
      expect(record.fileName).toBe(link.path.split('/').pop())
      const blob = (await db.blobs.get(link.sha256))!.data
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(evidenceBytes(link.path))
    }

    // The bundle is the packet revision's bundle, with the sign-offs it carries.
    const held = await db.packetBundles.get([packet.packetId, 1])
    expect(held?.statementSha256).toBe(outcome.report.statementSha256)
    const required = requiredSignoffRoles(new TemplateRegistry().resolve(packet.template)!)
    expect((await db.signoffs.toArray()).map((s) => s.role).sort()).toEqual([...required].sort())

    // Both actions logged, after the write they describe.
    const log = await events(db)
    expect(log.map((e) => e.action)).toEqual(['bundle.verified', 'bundle.imported'])
    expect(log[0]).toMatchObject({
      actor: ACTOR,
      time: LATER.toISOString(),
      packetId: packet.packetId,
      subject: 'dpia-signed.evb',
      details: { verdict: 'verified', failures: [], bundleSha256: sha },
    })
    expect(log[1]!.details).toMatchObject({ quarantined: false, packet: 'created' })
  })

  it('keeps one record for the same file received twice, and writes the packet once', async () => {
    const db = await freshDb()
    const { bundle, keyring, packet } = await fullySignedDpia()
    const first = await receive(db, bundle, 'dpia-signed.evb', keyring)
    const again = await receive(db, bundle, 'copy of dpia-signed.evb', keyring)
    expect(again).toMatchObject({ sha256: first.sha256, duplicate: true, quarantined: false })
    expect(again.packet?.action).toBe('unchanged')
    expect(await db.receivedBundles.count()).toBe(1)
    expect((await db.receivedBundles.get(first.sha256))?.fileName).toBe('dpia-signed.evb')
    expect(await db.packets.count()).toBe(1)
    expect(await db.packetRevisions.where('packetId').equals(packet.packetId).count()).toBe(1)
    expect((await events(db)).map((e) => e.action)).toEqual([
      'bundle.verified',
      'bundle.imported',
      'bundle.verified',
      'bundle.imported',
    ])
  })

  it("never overwrites the workspace's own packet of the same id", async () => {
    const db = await freshDb()
    const { bundle, keyring, packet } = await fullySignedDpia()
    await db.packets.add({
      id: packet.packetId,
      templateId: packet.template.id,
      templateVersion: packet.template.version,
      title: 'Our own draft',
      status: 'draft',
      revision: 1,
      fields: {},
      evidence: [],
      createdAt: LATER.toISOString(),
      createdBy: 'me',
      updatedAt: LATER.toISOString(),
    })
    const outcome = await receive(db, bundle, 'dpia-signed.evb', keyring)
    expect(outcome.packet?.action).toBe('kept-local')
    expect((await db.packets.get(packet.packetId))?.title).toBe('Our own draft')
    expect(await db.evidence.count()).toBe(0)
    expect(await db.receivedBundles.count()).toBe(1)
  })

  it('writes no invisible direction characters from signed evidence names', async () => {
    const db = await freshDb()
    const ps = await parties()
    const packet = dpiaPacket()
    packet.evidence[0]!.path = 'dpia/invoice\u202egnp.exe'
    let bundle = await packInMemory(packet, ps.packer.identity)
    bundle = await signOff(bundle, ps.dpo, 'dpo')
    bundle = await signOff(bundle, ps.legal, 'legal')
    bundle = await signOff(bundle, ps.manager, 'accountable-manager')
    const keyring = await keyringFor([ps.packer, ps.dpo, ps.legal, ps.manager])
    const outcome = await receive(db, bundle, 'sneaky\u202eevb.exe', keyring)
    expect(outcome.report.verdict).toBe('verified')
    for (const e of await db.evidence.toArray()) expect(e.fileName).not.toMatch(/[\u202a-\u202e]/)
    expect((await db.evidence.toArray()).map((e) => e.fileName)).toContain('invoicegnp.exe')
    expect((await db.receivedBundles.toArray())[0]!.fileName).toBe('sneakyevb.exe')
  })
})

describe('receiving a bundle that does not verify', () => {
  it('quarantines a tampered bundle with its report, and nothing else', async () => {
    const db = await freshDb()
    const { bundle, keyring } = await fullySignedDpia()
    const { bytes, file } = await tampered(bundle)
    const outcome = await receive(db, bytes, 'dpia-tampered.evb', keyring)

    expect(outcome.quarantined).toBe(true)
    expect(outcome.packet).toBeUndefined()
    const record = (await db.receivedBundles.get(outcome.sha256))!
    expect(record).toMatchObject({ verdict: 'not-verified', quarantined: true })
    const report = record.report as unknown as VerificationReport
    expect(report.items).toContainEqual(
      expect.objectContaining({ code: 'DIGEST_MISMATCH', subject: file }),
    )
    expect(await db.packets.count()).toBe(0)
    expect(await db.packetRevisions.count()).toBe(0)
    expect(await db.packetBundles.count()).toBe(0)
    expect(await db.signoffs.count()).toBe(0)
    expect(await db.evidence.count()).toBe(0)
    expect(await db.blobs.count()).toBe(0)
    const log = await events(db)
    expect(log.map((e) => e.action)).toEqual(['bundle.verified', 'bundle.imported'])
    expect(log[0]!.details).toMatchObject({
      verdict: 'not-verified',
      failures: ['DIGEST_MISMATCH'],
    })
    expect(log[1]!.details).toMatchObject({ quarantined: true })
  })

  it('quarantines a bundle signed by keys the workspace does not trust', async () => {
    const db = await freshDb()
    const { bundle } = await fullySignedDpia()
    const outcome = await receive(db, bundle, 'dpia-signed.evb', await loadWorkspaceKeyring(db))
    expect(outcome.quarantined).toBe(true)
    expect(outcome.report.items.some((i) => i.code === 'KEY_UNTRUSTED')).toBe(true)
    expect(await db.packets.count()).toBe(0)
  })

  it('writes nothing from a bundle with hostile entry names, and never its file name as a path', async () => {
    const db = await freshDb()
    const { bundle, keyring } = await fullySignedDpia()
    const entries = await unpack(bundle)
    const hostile = buildZip([
      ...entries.map((e) => rawEntry(e.name, e.data)),
      rawEntry('files/../../../home/user/.bashrc', new TextEncoder().encode('rm -rf ~\n')),
      rawEntry('/etc/cron.d/evil', new TextEncoder().encode('* * * * * root sh\n')),
    ])
    const outcome = await receive(db, hostile, '../../outside/\u0007evil.evb', keyring)
    expect(outcome.quarantined).toBe(true)
    const codes = outcome.report.items.filter((i) => i.status === 'fail').map((i) => i.code)
    expect(codes).toContain('ENTRY_UNSAFE_PATH')
    expect(await db.evidence.count()).toBe(0)
    expect(await db.blobs.count()).toBe(0)
    expect(await db.packets.count()).toBe(0)
    const record = (await db.receivedBundles.toArray())[0]!
    expect(record.fileName).toBe('evil.evb')
    for (const e of await events(db)) expect(e.subject).toBe('evil.evb')
  })

  it('lets a quarantined bundle be deleted, but not one that became a packet', async () => {
    const db = await freshDb()
    const { bundle, keyring } = await fullySignedDpia()
    const bad = await receive(db, (await tampered(bundle)).bytes, 'bad.evb', keyring)
    const good = await receive(db, bundle, 'good.evb', keyring)
    await expect(removeQuarantined(db, good.sha256, ACTOR, LATER)).rejects.toThrow(/quarantined/)
    await removeQuarantined(db, bad.sha256, ACTOR, LATER)
    expect((await db.receivedBundles.toArray()).map((r) => r.fileName)).toEqual(['good.evb'])
    const last = (await events(db)).at(-1)!
    expect(last).toMatchObject({ action: 'bundle.removed', subject: 'bad.evb' })
  })

  it('imports a quarantined bundle once it verifies against the updated keyring', async () => {
    const db = await freshDb()
    const { bundle, keyring, packet } = await fullySignedDpia()
    const first = await receive(db, bundle, 'dpia.evb', await loadWorkspaceKeyring(db))
    expect(first.quarantined).toBe(true)

    // The colleagues' keys are imported into the workspace keyring.
    await db.keyring.bulkAdd(keyring.keys.map((k) => ({ ...k, origin: 'imported' as const })))
    const trusted = await loadWorkspaceKeyring(db)
    const byKeyid = (a: { keyid: string }, b: { keyid: string }) => (a.keyid < b.keyid ? -1 : 1)
    expect(trusted.keys.sort(byKeyid)).toEqual(keyringOf(keyring.keys).keys.sort(byKeyid))
    const again = await reverifyReceived(db, first.sha256, {
      keyring: trusted,
      actor: ACTOR,
      now: () => LATER,
      verify,
    })
    expect(again.record).toMatchObject({ verdict: 'verified', quarantined: true })
    expect(await db.packets.count()).toBe(0)

    const imported = await importStoredBundle(db, first.sha256, {
      keyring: trusted,
      actor: ACTOR,
      now: () => LATER,
      verify,
    })
    expect(imported).toMatchObject({ quarantined: false, duplicate: true })
    expect((await db.receivedBundles.get(first.sha256))?.quarantined).toBe(false)
    expect((await db.packets.get(packet.packetId))?.status).toBe('verified')
  })
})

describe('bundle bytes', () => {
  it('are hashed as stored (the record key is the SHA-256 of the file)', async () => {
    const db = await freshDb()
    const { bundle, keyring } = await fullySignedDpia()
    const outcome = await receive(db, bundle, 'a.evb', keyring)
    const { createHash } = await import('node:crypto')
    expect(outcome.sha256).toBe(createHash('sha256').update(bundle).digest('hex'))
    expect(bytesSource(bundle).size).toBe(bundle.length)
  })
})
