// Signing off a packet in the workspace, and exporting its bundle. The decisions are the core's
// (core/packets/signoff-rules.ts); this module does the work around them: packing the bundle
// when the first person signs (evidence bytes from the library, the export recorded in the
// workspace's audit log with a checkpoint signed by the packer), adding each sign-off to the
// stored bundle, and storing bundle, sign-off record, packet status and audit events in one
// Dexie transaction. Every hash and signature is made BEFORE that transaction opens.
import type { AuditEvent } from '../../core/audit/audit-event'
import { addSignoff } from '../../core/bundle/add-signoff'
import {
  bytesSource,
  type ByteSink,
  type ContentSource,
  type Progress,
} from '../../core/bundle/byte-io'
import { noteKeyName } from '../../core/bundle/log-proof-check'
import { packBundle } from '../../core/bundle/pack-bundle'
import type { VerificationReport } from '../../core/bundle/report'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { blobFile, type Host, type KeyVault } from '../../core/host/host-api'
import type { KeySigner } from '../../core/keys/key-signer'
import type { Keyring } from '../../core/keys/keyring'
import { bundleDocument, bundleFileName } from '../../core/packets/packet-bundle'
import {
  afterSignoff,
  checkSignoff,
  signoffProgress,
  type SignoffProgress,
} from '../../core/packets/signoff-rules'
import type { PdfFontFiles } from '../../core/pdf/pdf-fonts'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { PacketBundleRecord, PacketRecord, SignoffRecord } from '../../core/workspace/records'
import { logEvent } from '../audit/log-event'
import {
  CheckpointRefusedError,
  latestTrustedCheckpoint,
  openWorkspaceLog,
  workspaceLogOrigin,
  workspaceVerifierKeys,
} from '../audit/workspace-log'
import type { WorkspaceDb } from '../data/workspace-db'
import { platformCrypto } from '../host/platform-crypto'
import { actorLabel } from '../identity/actor'
import { runVerification } from '../verify/run-verification'
import { loadWorkspaceKeyring } from '../verify/workspace-keyring'
import { evidenceBySha, writePacket } from './packet-store'

/** A refusal the signer can act on (the packet changed, a rule says no): shown as it is. */
export class SignoffRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SignoffRefused'
  }
}

/** Collects a zip as it is written, then hands it over as one Blob. */
class BlobSink implements ByteSink {
  private parts: Uint8Array<ArrayBuffer>[] = []
  async write(chunk: Uint8Array): Promise<void> {
    this.parts.push(chunk.slice() as Uint8Array<ArrayBuffer>)
  }
  blob(): Blob {
    const blob = new Blob(this.parts, { type: 'application/zip' })
    this.parts = []
    return blob
  }
}

const blobContent = (blob: Blob): ContentSource => ({
  size: blob.size,
  stream: () => blob.stream() as ReadableStream<Uint8Array>,
})

/** Everything the sign-off panel shows for a packet's current revision. */
export interface SignoffState {
  bundle?: PacketBundleRecord
  signoffs: SignoffRecord[]
  keyring: Keyring
  progress: SignoffProgress
}

export async function loadSignoffState(
  db: WorkspaceDb,
  packet: PacketRecord,
  template: PacketTemplate,
): Promise<SignoffState> {
  const [bundle, signoffs, keyring] = await Promise.all([
    db.packetBundles.get([packet.id, packet.revision]),
    db.signoffs.where('packetId').equals(packet.id).toArray(),
    loadWorkspaceKeyring(db),
  ])
  const progress = signoffProgress(packet, template, signoffs, {
    ...(bundle ? { statementSha256: bundle.statementSha256 } : {}),
    keyring,
  })
  return { ...(bundle ? { bundle } : {}), signoffs, keyring, progress }
}

/** Whether this revision was already packed for sign-off (someone signed or rejected it). */
export async function isPacked(db: WorkspaceDb, packet: PacketRecord): Promise<boolean> {
  return (await db.packetBundles.get([packet.id, packet.revision])) !== undefined
}

export interface SignRequest {
  role: string
  decision: 'approve' | 'reject'
  comment?: string
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
  now?: Date
  crypto?: CryptoProvider
  /** The PDF fonts for packet.pdf; default: the app's font assets, fetched on first use. */
  pdfFonts?: () => Promise<PdfFontFiles>
}

export interface SignOutcome {
  packet: PacketRecord
  note: string
  /** True when this sign-off packed the bundle (the first one of the revision). */
  packed: boolean
  statementSha256: string
}

/**
 * Packs (the first time) and signs off the packet's current revision as `signer`, then stores
 * everything in one transaction. The packet must be the saved, in-review state the signer saw.
 */
export async function signPacket(
  db: WorkspaceDb,
  keys: KeyVault,
  packet: PacketRecord,
  template: PacketTemplate,
  signer: KeySigner,
  request: SignRequest,
): Promise<SignOutcome> {
  const { role, decision, signal, onProgress } = request
  const comment = request.comment?.trim() || undefined
  const now = request.now ?? new Date()
  const crypto = request.crypto ?? (await platformCrypto())
  const actor = actorLabel({ name: signer.name, keyid: signer.keyid })
  const state = await loadSignoffState(db, packet, template)
  const allowed = checkSignoff(packet, template, state.keyring, state.progress, {
    keyid: signer.keyid,
    role,
    decision,
    ...(comment ? { comment } : {}),
    at: now,
  })
  if (!allowed.ok) throw new SignoffRefused(allowed.reason)

  let bundleBlob = state.bundle?.data
  let statementSha256 = state.bundle?.statementSha256 ?? ''
  const packed = !state.bundle
  if (!state.bundle) {
    const records = await evidenceBySha(
      db,
      packet.evidence.map((e) => e.sha256),
    )
    const doc = bundleDocument(packet, records)
    const blobs = new Map<string, Blob>()
    for (const link of packet.evidence) {
      const row = await db.blobs.get(link.sha256)
      if (!row) {
        throw new SignoffRefused(
          `The bytes of ${link.path} are not in this workspace, so the packet cannot be packed. Add the file to the evidence library again.`,
        )
      }
      blobs.set(link.path, row.data)
    }
    // packet.pdf is a signed subject: rendered from the digests the statement will sign
    // (evidence is content-addressed, so each link's sha256 is its digest). The PDF module and
    // its fonts load on first use.
    onProgress?.({ phase: 'rendering packet.pdf', done: 0, total: 1 })
    const logOrigin = workspaceLogOrigin(db)
    const { renderBundlePdf } = await import('../../core/pdf/bundle-pdf')
    const fonts = await (request.pdfFonts
      ? request.pdfFonts()
      : import('../pdf/pdf-fonts-loader').then((m) => m.loadPdfFonts(signal)))
    const digestOf = new Map(packet.evidence.map((l) => [l.path, l.sha256]))
    const pdf = await renderBundlePdf({
      packet: doc,
      digests: (path) => ({ sha256: digestOf.get(path)!, size: blobs.get(path)!.size }),
      signer: { name: signer.name, keyid: signer.keyid },
      now,
      logOrigin,
      template,
      fonts,
    })
    signal?.throwIfAborted()
    const sink = new BlobSink()
    const res = await packBundle(sink, {
      crypto,
      packet: doc,
      evidence: (path) => blobContent(blobs.get(path)!),
      pdf: bytesSource(pdf),
      expectedDigests: (path) => digestOf.get(path),
      signer,
      logOrigin,
      now,
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      recordInLog: (e) =>
        recordPackInLog(db, keys, crypto, signer, {
          action: 'bundle.exported',
          actor,
          time: new Date().toISOString(),
          packetId: e.packetId,
          subject: e.statementSha256,
          details: {
            revision: packet.revision,
            purpose: 'packed for sign-off',
            keyid: signer.keyid,
          },
        }),
    })
    bundleBlob = sink.blob()
    statementSha256 = res.statementSha256
  }
  onProgress?.({ phase: 'adding your sign-off', done: 0, total: 1 })
  const sink = new BlobSink()
  await addSignoff(blobFile('bundle.evb', bundleBlob!).source, sink, {
    crypto,
    signer,
    role,
    decision,
    ...(comment ? { comment } : {}),
    now,
    ...(signal ? { signal } : {}),
  })
  const signed = sink.blob()
  signal?.throwIfAborted()

  const record: SignoffRecord = {
    packetId: packet.id,
    revision: packet.revision,
    statementSha256,
    role,
    keyid: signer.keyid,
    signer: signer.name,
    decision,
    ...(comment ? { comment } : {}),
    signedAt: now.toISOString(),
  }
  const at = new Date().toISOString()
  return db.transaction(
    'rw',
    [db.packets, db.packetRevisions, db.packetBundles, db.signoffs, db.auditEntries],
    async () => {
      const current = await db.packets.get(packet.id)
      if (!current || current.revision !== packet.revision || current.status !== 'in-review') {
        throw new SignoffRefused(
          'The packet changed while you were signing (another window?); nothing was stored. Reload it and sign again.',
        )
      }
      const existing = await db.packetBundles.get([packet.id, packet.revision])
      if (
        (existing?.statementSha256 ?? statementSha256) !== statementSha256 ||
        (packed && existing)
      ) {
        throw new SignoffRefused(
          'Someone packed this revision at the same time; nothing was stored. Reload the packet and sign again.',
        )
      }
      const bundle: PacketBundleRecord = existing
        ? { ...existing, data: signed, updatedAt: at }
        : {
            packetId: packet.id,
            revision: packet.revision,
            statementSha256,
            data: signed,
            packedAt: now.toISOString(),
            packedBy: { name: signer.name, keyid: signer.keyid },
            updatedAt: at,
          }
      await db.packetBundles.put(bundle)
      await db.signoffs.put(record)
      const all = await db.signoffs.where('packetId').equals(packet.id).toArray()
      await logEvent(db, {
        action: 'signoff.added',
        actor,
        time: at,
        packetId: packet.id,
        subject: statementSha256,
        details: {
          revision: packet.revision,
          role,
          decision,
          keyid: signer.keyid,
          ...(comment ? { comment } : {}),
        },
      })
      const next = afterSignoff(current, template, record, all, now)
      if (!next.ok) throw new SignoffRefused(next.reason)
      const event: AuditEvent | undefined =
        next.packet.status === 'signed'
          ? {
              action: 'packet.signed',
              actor,
              time: at,
              packetId: packet.id,
              subject: statementSha256,
              details: { revision: packet.revision },
            }
          : next.packet.status === 'rejected'
            ? {
                action: 'packet.rejected',
                actor,
                time: at,
                packetId: packet.id,
                subject: statementSha256,
                details: { revision: packet.revision, role, reason: comment ?? '' },
              }
            : undefined
      await writePacket(db, next.packet, actor, next.note, now, event)
      return { packet: next.packet, note: next.note, packed, statementSha256 }
    },
  )
}

/**
 * The packBundle recordInLog step: appends the export event to the workspace log (its own
 * small transaction), signs a checkpoint of the whole log with the packer's key (note key name
 * evw-<keyid16>, so a verifier's keyring checks it) and returns the entry's tlog-proof. Refuses
 * to sign over a log that no longer extends its last trusted checkpoint.
 */
async function recordPackInLog(
  db: WorkspaceDb,
  keys: KeyVault,
  crypto: CryptoProvider,
  signer: KeySigner,
  event: AuditEvent,
): Promise<string> {
  const index = await db.transaction('rw', db.auditEntries, () => logEvent(db, event))
  const log = await openWorkspaceLog(db, { crypto })
  const verifiers = await workspaceVerifierKeys(db, keys, crypto)
  const latest = await latestTrustedCheckpoint(db, verifiers, crypto)
  if (latest && !(await log.extends(latest.checkpoint))) {
    throw new CheckpointRefusedError(
      `The audit log no longer matches its last signed checkpoint (${latest.checkpoint.size} entries), so nothing was signed. Verify the whole log on the audit screen to see what changed.`,
    )
  }
  const { note } = await log.signCheckpoint({
    origin: workspaceLogOrigin(db),
    keyName: noteKeyName(signer.keyid),
    publicKey: signer.publicKey,
    sign: (message) => signer.sign(message),
  })
  return log.proofFile(index, note)
}

export type ExportOutcome =
  | { kind: 'saved'; name: string; report: VerificationReport }
  | { kind: 'not-saved' }
  | { kind: 'not-verified'; report: VerificationReport }
  | { kind: 'cancelled' }

/**
 * Exports the packet's signed bundle: verifies the stored bytes with the workspace keyring (in
 * the verification worker), then offers exactly those bytes to save as
 * `<packet id>-r<revision>.evb`, and logs bundle.exported. A bundle that does not verify is
 * not saved; its report says why.
 */
export async function exportBundle(
  db: WorkspaceDb,
  host: Host,
  packet: PacketRecord,
  options: {
    actor: string
    signal: AbortSignal
    onProgress: (p: Progress) => void
  },
): Promise<ExportOutcome> {
  const bundle = await db.packetBundles.get([packet.id, packet.revision])
  if (!bundle) throw new SignoffRefused('This revision has no bundle yet: nobody has signed it.')
  const name = bundleFileName(packet)
  const keyring = await loadWorkspaceKeyring(db)
  const report = await runVerification({
    bundle: blobFile(name, bundle.data),
    keyring,
    signal: options.signal,
    onProgress: options.onProgress,
  })
  if (options.signal.aborted) return { kind: 'cancelled' }
  if (report.verdict !== 'verified') return { kind: 'not-verified', report }
  options.onProgress({ phase: 'saving', done: 0, total: 1 })
  const bytes = new Uint8Array(await bundle.data.arrayBuffer())
  if (options.signal.aborted) return { kind: 'cancelled' }
  const saved = await host.saveFile(name, bytes, { kind: 'bundle' })
  if (!saved.saved) return { kind: 'not-saved' }
  await db.transaction('rw', db.auditEntries, () =>
    logEvent(db, {
      action: 'bundle.exported',
      actor: options.actor,
      time: new Date().toISOString(),
      packetId: packet.id,
      subject: bundle.statementSha256,
      details: { revision: packet.revision, file: saved.name, bytes: bundle.data.size },
    }),
  )
  return { kind: 'saved', name: saved.name, report }
}
