// Bundles received from others, kept in the open workspace (receivedBundles, keyed by the
// SHA-256 of the file, so the same file received twice is one record). Importing verifies the
// exact bytes it stores against the workspace keyring: a bundle that verifies becomes a packet
// of the workspace (status 'verified', marked as received) with its evidence in the library; any
// other is kept in quarantine only, with its report, and none of its content goes anywhere
// else. Hashing, verifying and reading files happen before the write transaction, which writes
// everything and its audit entries at once. Decisions are core/workspace/received-bundle.ts.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { AuditEvent } from '../../core/audit/audit-event'
import { CancelledError, throwIfAborted, type Progress } from '../../core/bundle/byte-io'
import { inspectBundle, type BundleInfo } from '../../core/bundle/inspect-bundle'
import type { EvidenceEntry } from '../../core/bundle/predicates'
import type { VerificationReport } from '../../core/bundle/report'
import { openContainer, streamEntry } from '../../core/bundle/zip-container'
import { guessMimeType } from '../../core/evidence/file-type'
import { blobFile, MAX_READ_BYTES, type PickedFile } from '../../core/host/host-api'
import type { JsonValue } from '../../core/json/canonical-json'
import type { Keyring } from '../../core/keys/keyring'
import { revisionRecord } from '../../core/packets/packet-lifecycle'
import {
  planReceivedPacket,
  receiveDecision,
  receivedEvidenceRecord,
  reportFailureCodes,
  safeFileName,
  type PacketAction,
} from '../../core/workspace/received-bundle'
import type { ReceivedBundleRecord } from '../../core/workspace/records'
import { logEvents } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { hashFiles } from '../evidence/hash-files'
import { HashCancelled } from '../evidence/hash-stream'
import { platformCrypto } from '../host/platform-crypto'
import { runVerification } from './run-verification'
import type { TrustSource } from './workspace-keyring'

/** A step of receiving a bundle, for the progress display. */
export type ReceiveStep = 'reading' | 'hashing' | 'verifying' | 'extracting' | 'saving'

export interface ReceiveProgress {
  step: ReceiveStep
  done?: number
  total?: number
  bytesDone?: number
  bytesTotal?: number
}

/** Verifies a bundle's bytes against a keyring; the default runs the worker verifier. */
export type Verifier = (
  bundle: PickedFile,
  keyring: Keyring,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
) => Promise<VerificationReport>

const workerVerifier: Verifier = (bundle, keyring, signal, onProgress) =>
  runVerification({ bundle, keyring, signal, onProgress })

/** The longest packet id or title an audit entry or list repeats from an unverified bundle. */
const MAX_LABEL = 300

const isCancelled = (report: VerificationReport) => report.items.some((i) => i.code === 'CANCELLED')

/** The file as one Blob: the host's own when it has one, else read in ranges (desktop files). */
export async function bundleBlobOf(
  file: PickedFile,
  signal?: AbortSignal,
  onProgress?: (p: ReceiveProgress) => void,
): Promise<Blob> {
  if (file.blob) return file.blob
  const parts: Blob[] = []
  for (let offset = 0; offset < file.size; offset += MAX_READ_BYTES) {
    throwIfAborted(signal)
    onProgress?.({ step: 'reading', bytesDone: offset, bytesTotal: file.size })
    const bytes = await file.source.read(offset, Math.min(MAX_READ_BYTES, file.size - offset))
    parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>]))
  }
  onProgress?.({ step: 'reading', bytesDone: file.size, bytesTotal: file.size })
  return new Blob(parts, { type: 'application/zip' })
}

async function hashBundle(
  data: Blob,
  signal: AbortSignal,
  onProgress?: (p: ReceiveProgress) => void,
): Promise<string> {
  try {
    const [digest] = await hashFiles({
      files: [data],
      signal,
      onProgress: (p) =>
        onProgress?.({ step: 'hashing', bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
    })
    return digest!
  } catch (e) {
    if (e instanceof HashCancelled || signal.aborted) throw new CancelledError()
    throw e
  }
}

/** Raw bytes kept in memory at once while an evidence file is copied out of a bundle. */
const PART_BYTES = 8 * 1024 * 1024

/**
 * Copies the named evidence files out of a bundle, each checked again against its signed
 * SHA-256 (the bytes were verified a moment ago; this makes the library hold exactly those).
 * Bytes go into Blobs a few megabytes at a time, never whole in memory.
 */
async function extractEvidence(
  data: Blob,
  wanted: readonly EvidenceEntry[],
  signal: AbortSignal,
  onProgress?: (p: ReceiveProgress) => void,
): Promise<Map<string, Blob>> {
  const out = new Map<string, Blob>()
  if (wanted.length === 0) return out
  const container = await openContainer(blobFile('bundle', data).source)
  try {
    const byName = new Map(container.entries.map((e) => [e.name, e]))
    const bytesTotal = wanted.reduce((n, e) => n + e.size, 0)
    let bytesDone = 0
    for (const [i, entry] of wanted.entries()) {
      throwIfAborted(signal)
      onProgress?.({ step: 'extracting', done: i, total: wanted.length, bytesDone, bytesTotal })
      const zipEntry = byName.get(entry.name)
      if (!zipEntry)
        throw new Error(`${entry.name} is missing from the bundle; nothing was imported.`)
      const hasher = sha256.create()
      const blobs: Blob[] = []
      let pending: Uint8Array[] = []
      let pendingBytes = 0
      const flush = () => {
        if (pending.length) blobs.push(new Blob(pending as Uint8Array<ArrayBuffer>[]))
        pending = []
        pendingBytes = 0
      }
      await streamEntry(
        zipEntry,
        (chunk) => {
          hasher.update(chunk)
          pending.push(chunk.slice())
          pendingBytes += chunk.length
          bytesDone += chunk.length
          if (pendingBytes >= PART_BYTES) flush()
        },
        { cap: entry.size, signal },
      )
      flush()
      if (bytesToHex(hasher.digest()) !== entry.sha256) {
        throw new Error(
          `${entry.name} no longer matches its signed digest; nothing was imported. Verify the bundle again.`,
        )
      }
      out.set(entry.sha256, new Blob(blobs, { type: guessMimeType(entry.name) }))
    }
    onProgress?.({
      step: 'extracting',
      done: wanted.length,
      total: wanted.length,
      bytesDone,
      bytesTotal,
    })
    return out
  } finally {
    await container.close().catch(() => undefined)
  }
}

const label = (s: string | undefined): string | undefined =>
  s === undefined || s === '' ? undefined : s.slice(0, MAX_LABEL)

/** An audit event about a received bundle; optional members only when present. */
function bundleEvent(
  action: AuditEvent['action'],
  input: {
    actor: string
    now: Date
    fileName: string
    report: VerificationReport
    details: { [key: string]: JsonValue }
  },
): AuditEvent {
  const packetId = label(input.report.packet?.packetId)
  return {
    action,
    actor: input.actor,
    time: input.now.toISOString(),
    ...(packetId ? { packetId } : {}),
    subject: input.fileName,
    details: input.details,
  }
}

function verifiedDetails(
  report: VerificationReport,
  trust: string,
  extra: { [key: string]: JsonValue } = {},
): { [key: string]: JsonValue } {
  return {
    verdict: report.verdict,
    failures: reportFailureCodes(report),
    trust,
    ...(report.statementSha256 ? { statementSha256: report.statementSha256 } : {}),
    ...extra,
  }
}

const workspaceTrust = (keyring: Keyring): string =>
  `workspace keyring (${keyring.keys.length} keys)`

const trustLabel = (trust: TrustSource): string =>
  trust.kind === 'workspace'
    ? `workspace keyring (${trust.keys} keys)`
    : `keyring file ${safeFileName(trust.fileName, 'keyring.json')} (${trust.keys} keys)`

/**
 * Records a verification run in the workspace's audit log (`bundle.verified`): which file,
 * the verdict and failure codes, and which keyring was trusted. A cancelled run concluded
 * nothing and is not logged.
 */
export async function logVerification(
  db: WorkspaceDb,
  input: {
    fileName: string
    report: VerificationReport
    trust: TrustSource
    actor: string
    now?: Date
  },
): Promise<void> {
  if (isCancelled(input.report)) return
  const event = bundleEvent('bundle.verified', {
    actor: input.actor,
    now: input.now ?? new Date(),
    fileName: safeFileName(input.fileName),
    report: input.report,
    details: verifiedDetails(input.report, trustLabel(input.trust)),
  })
  await db.transaction('rw', db.auditEntries, () => logEvents(db, [event]))
}

export interface ReceiveInput {
  /** The bundle's bytes exactly as they will be stored. */
  data: Blob
  fileName: string
  /** The workspace keyring (imports always trust it, whatever the screen used before). */
  keyring: Keyring
  actor: string
  now?: () => Date
  signal?: AbortSignal
  onProgress?: (p: ReceiveProgress) => void
  verify?: Verifier
}

export interface ReceiveOutcome {
  sha256: string
  report: VerificationReport
  /** Kept apart: did not verify, and is not (or not yet) a packet of the workspace. */
  quarantined: boolean
  /** The same file was received before: its one record was updated, not duplicated. */
  duplicate: boolean
  packet?: { id: string; title: string; action: PacketAction; note: string }
  evidence: { added: number; reused: number }
}

/**
 * Receives a bundle into the workspace: hashes and verifies its bytes against the workspace
 * keyring, then stores it with its report. Verified: its packet and evidence join the workspace.
 * Not verified: quarantined only. Rejects with CancelledError when cancelled (nothing stored).
 */
export async function receiveBundle(db: WorkspaceDb, input: ReceiveInput): Promise<ReceiveOutcome> {
  const controller = new AbortController()
  const signal = input.signal ?? controller.signal
  const { data, keyring, actor, onProgress } = input
  const fileName = safeFileName(input.fileName)
  const now = input.now ?? (() => new Date())
  const verify = input.verify ?? workerVerifier

  const bundleSha256 = await hashBundle(data, signal, onProgress)
  throwIfAborted(signal)
  onProgress?.({ step: 'verifying' })
  const report = await verify(blobFile(fileName, data), keyring, signal, (p) =>
    onProgress?.({
      step: 'verifying',
      done: p.done,
      total: p.total,
      ...(p.bytesDone !== undefined ? { bytesDone: p.bytesDone } : {}),
      ...(p.bytesTotal !== undefined ? { bytesTotal: p.bytesTotal } : {}),
    }),
  )
  if (isCancelled(report) || signal.aborted) throw new CancelledError()
  const decision = receiveDecision(report)
  if (decision.kind === 'refuse') throw new Error(decision.reason)

  // A verified bundle: read what its packet needs, outside the transaction.
  let info: BundleInfo | undefined
  let files = new Map<string, Blob>()
  if (decision.kind === 'packet') {
    info = await inspectBundle(blobFile(fileName, data).source, await platformCrypto())
    if (info.problem || !info.packet) {
      throw new Error(`The bundle's statement could not be read (${info.problem ?? 'no packet'}).`)
    }
    const existing = await db.packets.get(info.packet.packetId)
    const plan = planReceivedPacket(info, report, { bundleSha256, fileName, now: now(), existing })
    if (plan.packet) {
      const known = await db.evidence.bulkGet(info.evidence.map((e) => e.sha256))
      const have = new Set(known.filter((r) => r !== undefined).map((r) => r.sha256))
      const wanted = info.evidence.filter(
        (e, i, all) => !have.has(e.sha256) && all.findIndex((x) => x.sha256 === e.sha256) === i,
      )
      files = await extractEvidence(data, wanted, signal, onProgress)
    }
  }
  throwIfAborted(signal)
  onProgress?.({ step: 'saving' })

  return db.transaction(
    'rw',
    [
      db.receivedBundles,
      db.packets,
      db.packetRevisions,
      db.packetBundles,
      db.signoffs,
      db.evidence,
      db.blobs,
      db.partnerSources,
      db.auditEntries,
    ],
    async () => {
      const at = now()
      const previous = await db.receivedBundles.get(bundleSha256)
      const outcome: ReceiveOutcome = {
        sha256: bundleSha256,
        report,
        quarantined: decision.kind !== 'packet',
        duplicate: previous !== undefined,
        evidence: { added: 0, reused: 0 },
      }
      const events: AuditEvent[] = [
        bundleEvent('bundle.verified', {
          actor,
          now: at,
          fileName,
          report,
          details: verifiedDetails(report, workspaceTrust(keyring), { bundleSha256 }),
        }),
      ]
      if (info) {
        const existing = await db.packets.get(info.packet!.packetId)
        const sources = new Set((await db.partnerSources.toCollection().primaryKeys()) as string[])
        const plan = planReceivedPacket(info, report, {
          bundleSha256,
          fileName,
          now: at,
          existing,
          partnerSourceIds: sources,
        })
        outcome.packet = {
          id: info.packet!.packetId,
          title: info.packet!.title,
          action: plan.action,
          note: plan.note,
        }
        if (plan.packet && plan.bundle) {
          for (const entry of info.evidence) {
            if (await db.evidence.get(entry.sha256)) {
              outcome.evidence.reused++
              continue
            }
            const blob = files.get(entry.sha256)
            if (!blob) throw new Error(`${entry.name} was not read from the bundle; try again.`)
            const record = receivedEvidenceRecord(entry, {
              now: at,
              by: actor,
              bundleName: fileName,
              ...(plan.packet.partnerSourceId
                ? { partnerSourceId: plan.packet.partnerSourceId }
                : {}),
            })
            await db.evidence.add(record)
            await db.blobs.put({ sha256: entry.sha256, data: blob })
            outcome.evidence.added++
          }
          const revisions = await db.packetRevisions
            .where('packetId')
            .equals(plan.packet.id)
            .toArray()
          await db.packets.put(plan.packet)
          await db.packetRevisions.add(
            revisionRecord(plan.packet, revisions, {
              now: at,
              by: actor,
              note: `Received in ${fileName} (verified)`,
            }),
          )
          await db.packetBundles.put({ ...plan.bundle, data })
          await db.signoffs.bulkPut(plan.signoffs)
        }
      }
      const record: ReceivedBundleRecord = {
        sha256: bundleSha256,
        // The same file under another name is still one record, under its first name.
        fileName: previous?.fileName ?? fileName,
        size: data.size,
        receivedAt: previous?.receivedAt ?? at.toISOString(),
        receivedBy: previous?.receivedBy ?? actor,
        verdict: report.verdict,
        // Once its packet joined the workspace a bundle is no longer quarantined, even if a
        // later check fails (the list then shows the new verdict).
        quarantined: outcome.quarantined && (previous?.quarantined ?? true),
        report: report as unknown as JsonValue,
        data,
      }
      const packetId = label(report.packet?.packetId)
      const title = label(report.packet?.title)
      if (packetId) record.packetId = packetId
      if (title) record.title = title
      if (report.packet?.template.id) record.templateId = label(report.packet.template.id)!
      outcome.quarantined = record.quarantined
      await db.receivedBundles.put(record)
      events.push(
        bundleEvent('bundle.imported', {
          actor,
          now: at,
          fileName,
          report,
          details: {
            bundleSha256,
            quarantined: record.quarantined,
            again: outcome.duplicate,
            ...(outcome.packet ? { packet: outcome.packet.action } : {}),
            evidenceAdded: outcome.evidence.added,
          },
        }),
      )
      await logEvents(db, events)
      return outcome
    },
  )
}

/** Receives a bundle chosen on the Verify screen (its bytes are read into a Blob first). */
export async function receivePickedBundle(
  db: WorkspaceDb,
  file: PickedFile,
  input: Omit<ReceiveInput, 'data' | 'fileName'>,
): Promise<ReceiveOutcome> {
  const data = await bundleBlobOf(file, input.signal, input.onProgress)
  return receiveBundle(db, { ...input, data, fileName: file.name })
}

/**
 * Verifies a stored bundle again against the workspace keyring (after keys were imported or
 * revoked, say) and keeps the new report. A quarantined bundle that now verifies stays in
 * quarantine until it is imported (importStoredBundle).
 */
export async function reverifyReceived(
  db: WorkspaceDb,
  sha256: string,
  input: {
    keyring: Keyring
    actor: string
    now?: () => Date
    signal?: AbortSignal
    onProgress?: (p: ReceiveProgress) => void
    verify?: Verifier
  },
): Promise<{ record: ReceivedBundleRecord; report: VerificationReport }> {
  const stored = await db.receivedBundles.get(sha256)
  if (!stored) throw new Error('This bundle is no longer in the workspace.')
  const signal = input.signal ?? new AbortController().signal
  const verify = input.verify ?? workerVerifier
  const now = input.now ?? (() => new Date())
  const report = await verify(blobFile(stored.fileName, stored.data), input.keyring, signal, (p) =>
    input.onProgress?.({ step: 'verifying', done: p.done, total: p.total }),
  )
  if (isCancelled(report) || signal.aborted) throw new CancelledError()
  return db.transaction('rw', db.receivedBundles, db.auditEntries, async () => {
    const current = await db.receivedBundles.get(sha256)
    if (!current) throw new Error('This bundle was removed from the workspace meanwhile.')
    const record: ReceivedBundleRecord = {
      ...current,
      verdict: report.verdict,
      report: report as unknown as JsonValue,
    }
    await db.receivedBundles.put(record)
    await logEvents(db, [
      bundleEvent('bundle.verified', {
        actor: input.actor,
        now: now(),
        fileName: current.fileName,
        report,
        details: verifiedDetails(report, workspaceTrust(input.keyring), {
          bundleSha256: sha256,
          again: true,
        }),
      }),
    ])
    return { record, report }
  })
}

/** Imports a stored bundle again (a quarantined one that now verifies becomes a packet). */
export async function importStoredBundle(
  db: WorkspaceDb,
  sha256: string,
  input: Omit<ReceiveInput, 'data' | 'fileName'>,
): Promise<ReceiveOutcome> {
  const stored = await db.receivedBundles.get(sha256)
  if (!stored) throw new Error('This bundle is no longer in the workspace.')
  return receiveBundle(db, { ...input, data: stored.data, fileName: stored.fileName })
}

/** Deletes a quarantined bundle (with its report); a bundle that became a packet stays. */
export async function removeQuarantined(
  db: WorkspaceDb,
  sha256: string,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', db.receivedBundles, db.auditEntries, async () => {
    const record = await db.receivedBundles.get(sha256)
    if (!record) return
    if (!record.quarantined) {
      throw new Error(
        'Only a quarantined bundle can be deleted; this one is a packet of the workspace.',
      )
    }
    await db.receivedBundles.delete(sha256)
    const report = record.report as unknown as VerificationReport
    await logEvents(db, [
      bundleEvent('bundle.removed', {
        actor,
        now,
        fileName: record.fileName,
        report,
        details: { bundleSha256: sha256, quarantined: true, verdict: record.verdict },
      }),
    ])
  })
}

/** The received bundles, newest first. */
export async function listReceived(db: WorkspaceDb): Promise<ReceivedBundleRecord[]> {
  return db.receivedBundles.orderBy('receivedAt').reverse().toArray()
}
