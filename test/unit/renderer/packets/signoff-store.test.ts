// The sign-off flow over fake-indexeddb with real keys: the first sign-off packs the bundle
// (evidence from the library, export recorded in the workspace log with a checkpoint signed by
// the packer), every sign-off is added to the stored bundle and recorded with its audit
// events, the packet is signed once every required role approved, a rejection needs its
// reason, and the export is exactly the stored bundle, verified first.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent } from '../../../../src/core/audit/audit-event'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { verifyBundle } from '../../../../src/core/bundle/verify-bundle'
import { toBase64 } from '../../../../src/core/encoding/bytes'
import type { Host, KeyVault } from '../../../../src/core/host/host-api'
import { identitySigner, type KeySigner } from '../../../../src/core/keys/key-signer'
import { keyringOf } from '../../../../src/core/keys/keyring'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import { createPacket } from '../../../../src/core/packets/packet-lifecycle'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import { examplePacket } from '../../../../src/core/templates/example-packet'
import { templatePolicy } from '../../../../src/core/templates/verify-policy'
import type { PacketRecord } from '../../../../src/core/workspace/records'
import { verifyWorkspaceLog } from '../../../../src/renderer/audit/verify-workspace-log'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import {
  exportBundle,
  loadSignoffState,
  signPacket,
  SignoffRefused,
} from '../../../../src/renderer/packets/signoff-store'
import { exportPacketPdf } from '../../../../src/renderer/packets/packet-pdf-export'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import { loadPdfFonts } from '../../../../src/node/pdf/font-files'
// Node's inflater for the zip reader (browsers use DecompressionStream).
import '../../../../src/node/bundle/file-source'

let n = 0
const dbs: WorkspaceDb[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

const EVIDENCE = new TextEncoder().encode('client -> gateway -> partner\n'.repeat(20))

async function person(seed: number, name: string) {
  const identity = await identityFromSeed(nodeCrypto, name, new Uint8Array(32).fill(seed))
  return { identity, signer: identitySigner(nodeCrypto, identity) }
}

async function setup() {
  const db = new WorkspaceDb(`evw-workspace-signoff-${++n}`)
  dbs.push(db)
  const lee = await person(21, 'Lee Legal')
  const max = await person(22, 'Max Manager')
  const device = await person(23, 'device')
  await db.keyring.bulkPut([
    {
      keyid: lee.identity.keyid,
      name: lee.identity.name,
      publicKey: toBase64(lee.identity.publicKey),
      roles: ['legal', 'dpo'],
      addedAt: '2026-01-01T00:00:00.000Z',
      origin: 'own',
    },
    {
      keyid: max.identity.keyid,
      name: max.identity.name,
      publicKey: toBase64(max.identity.publicKey),
      roles: ['accountable-manager'],
      addedAt: '2026-01-01T00:00:00.000Z',
      origin: 'imported',
    },
  ])
  const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', EVIDENCE)).toString('hex')
  await db.evidence.put({
    sha256,
    size: EVIDENCE.length,
    mimeType: 'text/plain',
    fileName: 'flow.txt',
    folder: '',
    title: 'Data flow',
    kind: 'other',
    tags: [],
    classification: 'internal',
    addedAt: '2026-04-01T00:00:00.000Z',
    addedBy: 'me',
  })
  await db.blobs.put({ sha256, data: new Blob([EVIDENCE]) })
  const ex = examplePacket(dpiaTemplate)
  const packet: PacketRecord = {
    ...createPacket(dpiaTemplate, {
      id: 'dpia-test-1',
      title: 'DPIA: Test',
      now: new Date(),
      by: 'me',
      fields: ex.fields,
    }),
    status: 'in-review',
    evidence: [{ sha256, role: 'data-flow-diagram', path: 'flow.txt' }],
  }
  await db.packets.put(packet)
  const keys = {
    deviceKey: async () => ({
      publicKey: device.identity.publicKey,
      keyid: device.identity.keyid,
    }),
    deviceSign: (m: Uint8Array) => device.signer.sign(m),
  } as unknown as KeyVault
  return { db, lee, max, packet, keys }
}

const sign = async (
  ctx: Awaited<ReturnType<typeof setup>>,
  signer: KeySigner,
  role: string,
  decision: 'approve' | 'reject' = 'approve',
  comment?: string,
) => {
  const packet = (await ctx.db.packets.get('dpia-test-1'))!
  return signPacket(ctx.db, ctx.keys, packet, dpiaTemplate, signer, {
    role,
    decision,
    ...(comment ? { comment } : {}),
    crypto: nodeCrypto,
    pdfFonts: () => loadPdfFonts(),
  })
}

const actions = async (db: WorkspaceDb) =>
  (await db.auditEntries.orderBy('index').toArray()).map((r) => {
    const d = decodeAuditEvent(r.entry)
    return d.ok ? d.event.action : 'BAD'
  })

describe('signing off a packet in the workspace', () => {
  it('packs on the first sign-off, signs once every required role approved, and verifies', async () => {
    const ctx = await setup()
    const first = await sign(ctx, ctx.lee.signer, 'legal')
    expect(first).toMatchObject({ packed: true })
    expect(first.packet.status).toBe('in-review')
    expect(first.note).toBe('Approved by Lee Legal as Legal (1 of 3 required roles)')
    const second = await sign(ctx, ctx.lee.signer, 'dpo')
    expect(second.packed).toBe(false)
    expect(second.statementSha256).toBe(first.statementSha256)
    await expect(sign(ctx, ctx.max.signer, 'legal')).rejects.toBeInstanceOf(SignoffRefused)
    await expect(sign(ctx, ctx.lee.signer, 'dpo')).rejects.toThrow(/already signed/)
    const last = await sign(ctx, ctx.max.signer, 'accountable-manager')
    expect(last.packet.status).toBe('signed')
    expect((await ctx.db.packets.get('dpia-test-1'))!.status).toBe('signed')

    const state = await loadSignoffState(ctx.db, last.packet, dpiaTemplate)
    expect(state.progress.complete).toBe(true)
    expect(state.signoffs).toHaveLength(3)
    const bundle = new Uint8Array(await state.bundle!.data.arrayBuffer())
    const report = await verifyBundle(bytesSource(bundle), {
      crypto: nodeCrypto,
      keyring: state.keyring,
      policy: templatePolicy(),
    })
    expect(
      report.items.filter((i) => i.status === 'fail'),
      JSON.stringify(report.items),
    ).toEqual([])
    expect(report.verdict).toBe('verified')
    // The packet's PDF was packed as a signed subject, rendered from what the statement signs.
    const pdfItem = report.items.find((i) => i.subject === 'packet.pdf')
    expect(pdfItem, JSON.stringify(report.items)).toMatchObject({ status: 'pass' })

    expect(await actions(ctx.db)).toEqual([
      'bundle.exported',
      'signoff.added',
      'signoff.added',
      'signoff.added',
      'packet.signed',
    ])
    const log = await verifyWorkspaceLog(ctx.db, ctx.keys, { crypto: nodeCrypto })
    expect(log.issues).toEqual([])
    expect(log.verifiedCheckpoints).toBe(1)
    // A frozen revision takes no further sign-off.
    await expect(sign(ctx, ctx.lee.signer, 'ombuds')).rejects.toThrow(/frozen/)
  })

  it('rejects with a reason, and refuses a rejection without one', async () => {
    const ctx = await setup()
    await expect(sign(ctx, ctx.lee.signer, 'legal', 'reject')).rejects.toThrow(/needs a reason/)
    expect(await ctx.db.packetBundles.count()).toBe(0)
    const out = await sign(ctx, ctx.lee.signer, 'legal', 'reject', 'Name the reader comments.')
    expect(out.packet.status).toBe('rejected')
    expect(out.packet.rejectionReason).toBe('Legal (Lee Legal): Name the reader comments.')
    expect((await actions(ctx.db)).slice(-2)).toEqual(['signoff.added', 'packet.rejected'])
  })

  it('exports exactly the stored bundle after verifying it, and logs the export', async () => {
    const ctx = await setup()
    await sign(ctx, ctx.lee.signer, 'legal')
    await sign(ctx, ctx.lee.signer, 'dpo')
    const { packet } = await sign(ctx, ctx.max.signer, 'accountable-manager')
    const saved: { name: string; bytes: Uint8Array }[] = []
    const host = {
      saveFile: async (name: string, bytes: Uint8Array) => {
        saved.push({ name, bytes })
        return { saved: true as const, name }
      },
    } as unknown as Host
    const out = await exportBundle(ctx.db, host, packet, {
      actor: 'Lee Legal',
      signal: new AbortController().signal,
      onProgress: () => undefined,
    })
    expect(out.kind).toBe('saved')
    expect(saved[0]!.name).toBe('dpia-test-1-r1.evb')
    const stored = await ctx.db.packetBundles.get(['dpia-test-1', 1])
    expect(Buffer.from(saved[0]!.bytes).equals(Buffer.from(await stored!.data.arrayBuffer()))).toBe(
      true,
    )
    expect((await actions(ctx.db)).at(-1)).toBe('bundle.exported')

    // With Max's key gone from the keyring the bundle no longer verifies: nothing is saved.
    await ctx.db.keyring.delete(ctx.max.identity.keyid)
    const refused = await exportBundle(ctx.db, host, packet, {
      actor: 'Lee Legal',
      signal: new AbortController().signal,
      onProgress: () => undefined,
    })
    expect(refused.kind).toBe('not-verified')
    expect(saved).toHaveLength(1)
    expect(keyringOf(await ctx.db.keyring.toArray()).keys).toHaveLength(1)
  })

  it('exports the packet PDF: a draft from the record, a packed revision from its bundle', async () => {
    const ctx = await setup()
    const saved: { name: string; bytes: Uint8Array }[] = []
    const host = {
      platform: 'browser',
      saveFile: async (name: string, bytes: Uint8Array) => {
        saved.push({ name, bytes })
        return { saved: true as const, name }
      },
    } as unknown as Host
    const run = async (signal = new AbortController().signal, onPhase?: (p: string) => void) => {
      const phases: string[] = []
      const packet = (await ctx.db.packets.get('dpia-test-1'))!
      const out = await exportPacketPdf(ctx.db, host, packet, dpiaTemplate, {
        signal,
        onPhase: (p) => {
          phases.push(p)
          onPhase?.(p)
        },
        now: new Date('2026-05-01T00:00:00.000Z'),
        fonts: () => loadPdfFonts(),
        actor: 'Pat Exporter',
      })
      return { out, phases }
    }
    // Cancelled before it starts: nothing is saved.
    const controller = new AbortController()
    controller.abort()
    expect((await run(controller.signal)).out).toEqual({ kind: 'cancelled' })
    // Cancelled while the pages are laid out: nothing is saved either.
    const midway = new AbortController()
    const cancelled = await run(midway.signal, (p) => {
      if (p === 'Laying out the pages') midway.abort()
    })
    expect(cancelled.out).toEqual({ kind: 'cancelled' })
    expect(cancelled.phases).not.toContain('Saving')
    expect(saved).toEqual([])

    // In review, nobody signed yet: a draft, from the record (evidence from the library).
    const draft = await run()
    expect(draft.out).toMatchObject({ kind: 'saved', name: 'dpia-test-1-r1-draft.pdf' })
    expect(draft.phases).not.toContain('Checking the signed bundle')
    // The library's evidence is attached, and the document says it is an unsigned draft.
    const doc = await PDFDocument.load(saved[0]!.bytes, { updateMetadata: false })
    const attached = doc.catalog
      .lookup(PDFName.of('Names'), PDFDict)
      .lookup(PDFName.of('EmbeddedFiles'), PDFDict)
      .lookup(PDFName.of('Names'), PDFArray)
    expect(attached.size()).toBe(2)
    expect(doc.getTitle()).toBe('DPIA: Test')
    // The saved export is logged with the file's digest and pages; the cancelled ones are not.
    const logged = (await ctx.db.auditEntries.orderBy('index').toArray())
      .map((r) => decodeAuditEvent(r.entry))
      .flatMap((d) => (d.ok && d.event.action === 'pdf.exported' ? [d.event] : []))
    expect(logged).toHaveLength(1)
    const digest = Buffer.from(
      await crypto.subtle.digest('SHA-256', saved[0]!.bytes as Uint8Array<ArrayBuffer>),
    ).toString('hex')
    expect(logged[0]).toMatchObject({
      actor: 'Pat Exporter',
      packetId: 'dpia-test-1',
      subject: 'dpia-test-1-r1-draft.pdf',
      details: {
        document: 'packet-pdf',
        sha256: digest,
        bytes: saved[0]!.bytes.length,
        pages: doc.getPageCount(),
        source: 'draft',
      },
    })

    // Once someone signed, the revision renders from its bundle, verified first.
    await sign(ctx, ctx.lee.signer, 'legal')
    const packed = await run()
    expect(packed.out).toMatchObject({
      kind: 'saved',
      name: 'dpia-test-1-r1.pdf',
      from: 'bundle',
      // Two required roles are still missing, and the cover says so.
      verdict: 'Not verified',
    })
    expect(packed.phases).toContain('Checking the signed bundle')
  }, 60_000)
})
