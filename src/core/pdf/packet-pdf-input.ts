// What a packet PDF shows, and how to gather it from a bundle. The PDF is a plain function of
// this input (see render-packet-pdf.ts), so the app, the CLI and the tests render the same
// document from the same content.
import type { AuditEvent } from '../audit/audit-event'
import { decodeAuditEvent } from '../audit/audit-event'
import { parseCheckpoint } from '../audit/checkpoint'
import { parseNote } from '../audit/signed-note'
import { parseTlogProof } from '../audit/tlog-proof'
import type { CryptoProvider } from '../crypto/crypto-provider'
import { toBase64, toHex } from '../encoding/bytes'
import type { RandomAccessSource } from '../bundle/byte-io'
import {
  entryKind,
  FILES_DIR,
  PACKET_PREDICATE_TYPE,
  SIGNOFF_PREDICATE_TYPE,
  STATEMENT_LOG_PROOF_PATH,
  STATEMENT_PATH,
} from '../bundle/layout'
import type { PacketPredicate, SignoffPredicate } from '../bundle/predicates'
import type { VerificationReport } from '../bundle/report'
import { parseSignedStatement } from '../bundle/signed-statement'
import { DEFAULT_LIMITS, openContainer, readEntryBytes } from '../bundle/zip-container'
import type { PacketTemplate } from '../templates/template-model'
import type { PdfFontFiles } from './pdf-fonts'

/** A sign-off as the PDF lists it. `valid` is set only when a verifier checked it. */
export interface PdfSignoff {
  role: string
  decision: 'approve' | 'reject'
  signer: string
  keyid: string
  time: string
  comment?: string
  valid?: boolean
}

/** The audit-log entry that records the packet's export, from the bundle's log proof. */
export interface PdfLogExcerpt {
  index: number
  entry: AuditEvent
  checkpoint: { origin: string; size: number; rootHash: string }
  /** Key names that signed the checkpoint. */
  signedBy: string[]
  /** True when a verifier checked the proof against trusted keys; false when it failed. */
  verified?: boolean
}

/** What the reader should take the document to be, in words (never colour alone). */
export interface PdfStatus {
  /** A few words: "Verified", "Not verified", "Unverified", "Draft" … */
  label: string
  /** One or two sentences saying what the label means for the reader. */
  detail: string
  tone: 'good' | 'bad' | 'neutral'
}

export interface PacketPdfInput {
  predicate: PacketPredicate
  /** The packet's template; without it, fields are listed by id. */
  template?: PacketTemplate
  /** The statement digest, once the statement exists (a PDF packed inside a bundle has none). */
  statementSha256?: string
  signoffs: PdfSignoff[]
  logProof?: PdfLogExcerpt
  /** Bytes to attach for an evidence subject name (`files/…`), or undefined to list it only. */
  evidence?: (name: string) => Uint8Array | undefined
  status: PdfStatus
  /** The document's creation and modification date: fixed by the caller, never the clock. */
  now: Date
  fonts: PdfFontFiles
  /** An unsigned draft made from a workspace record: the cover says nobody packed or signed it. */
  draft?: boolean
  /** The document's language (BCP 47); the labels are English. Default `en`. */
  lang?: string
}

/** The status line for a verification report. */
export function statusFromReport(report: VerificationReport, keyringName?: string): PdfStatus {
  const against = keyringName ? ` against the keyring ${keyringName}` : ''
  if (report.verdict === 'verified') {
    return {
      label: 'Verified',
      detail: `Every check passed${against}: signatures, files, required sign-offs and the audit-log proof.`,
      tone: 'good',
    }
  }
  const failed = report.items.filter((i) => i.status === 'fail')
  const codes = [...new Set(failed.map((i) => i.code))].join(', ')
  return {
    label: 'Not verified',
    detail: `${failed.length} check${failed.length === 1 ? '' : 's'} failed${against} (${codes}). Do not rely on this packet; the contents below are what the bundle claims.`,
    tone: 'bad',
  }
}

export const UNVERIFIED_STATUS: PdfStatus = {
  label: 'Unverified',
  detail:
    'This document shows what the bundle claims. No signature was checked; verify the bundle with a trusted keyring before relying on it.',
  tone: 'neutral',
}

export interface BundleForPdf {
  predicate?: PacketPredicate
  statementSha256?: string
  signoffs: PdfSignoff[]
  logProof?: PdfLogExcerpt
  /** Evidence bytes whose SHA-256 matches the statement, by subject name. */
  evidence: Map<string, Uint8Array>
  /** Evidence not attached, with the reason. */
  notAttached: { name: string; reason: string }[]
  /** Set when the bundle cannot be read as a packet. */
  problem?: string
}

/**
 * Reads what a bundle claims, for rendering: the statement's predicate and digest, the
 * sign-offs, the log-proof entry, and the evidence files whose bytes match their signed
 * digests (files above `maxAttachmentBytes` are listed but not attached). Judges nothing:
 * pair it with verifyBundle for a verdict.
 */
export async function readBundleForPdf(
  source: RandomAccessSource,
  crypto: CryptoProvider,
  options: { maxAttachmentBytes?: number; maxTotalAttachmentBytes?: number } = {},
): Promise<BundleForPdf> {
  const maxOne = options.maxAttachmentBytes ?? 64 * 1024 * 1024
  let budget = options.maxTotalAttachmentBytes ?? 256 * 1024 * 1024
  const out: BundleForPdf = { signoffs: [], evidence: new Map(), notAttached: [] }
  let container
  try {
    container = await openContainer(source)
  } catch (e) {
    return { ...out, problem: `not a readable bundle: ${(e as Error).message}` }
  }
  try {
    const byName = new Map(container.entries.filter((e) => e.name).map((e) => [e.name!, e]))
    const small = (name: string) => {
      const e = byName.get(name)
      return e ? readEntryBytes(e, DEFAULT_LIMITS.maxMetadataBytes) : undefined
    }
    const statementBytes = await small(STATEMENT_PATH)
    if (!statementBytes) return { ...out, problem: 'the bundle has no statement.dsse.json' }
    const parsed = parseSignedStatement(statementBytes, PACKET_PREDICATE_TYPE)
    if (!parsed.ok) return { ...out, problem: `the statement is malformed: ${parsed.reason}` }
    const predicate = parsed.statement.predicate as unknown as PacketPredicate
    if (!predicate?.packet?.template || !Array.isArray(predicate.evidence)) {
      return { ...out, problem: 'the statement does not describe a packet' }
    }
    out.predicate = predicate
    out.statementSha256 = toHex(await crypto.sha256(parsed.statement.payload))

    for (const [name, e] of byName) {
      if (entryKind(name) !== 'signoff') continue
      const so = parseSignedStatement(
        await readEntryBytes(e, DEFAULT_LIMITS.maxMetadataBytes),
        SIGNOFF_PREDICATE_TYPE,
      )
      if (!so.ok) continue
      const sp = so.statement.predicate as unknown as SignoffPredicate
      if (typeof sp.role !== 'string' || typeof sp.signer?.name !== 'string') continue
      out.signoffs.push({
        role: sp.role,
        decision: sp.decision,
        signer: sp.signer.name,
        keyid: String(sp.signer.keyid),
        time: String(sp.time),
        ...(typeof sp.comment === 'string' ? { comment: sp.comment } : {}),
      })
    }
    out.signoffs.sort((a, b) => (a.role + a.keyid < b.role + b.keyid ? -1 : 1))

    const proofBytes = await small(STATEMENT_LOG_PROOF_PATH)
    if (proofBytes) out.logProof = logExcerpt(proofBytes)

    for (const ev of predicate.evidence) {
      const e = byName.get(ev.name)
      if (!e || !ev.name.startsWith(FILES_DIR)) {
        out.notAttached.push({ name: ev.name, reason: 'missing from the bundle' })
        continue
      }
      if (e.uncompressedSize > maxOne || e.uncompressedSize > budget) {
        out.notAttached.push({
          name: ev.name,
          reason: `too large to attach (${e.uncompressedSize} bytes)`,
        })
        continue
      }
      let bytes: Uint8Array
      try {
        bytes = await readEntryBytes(e, e.uncompressedSize)
      } catch (err) {
        out.notAttached.push({
          name: ev.name,
          reason: `cannot be read intact: ${(err as Error).message}`,
        })
        continue
      }
      if (toHex(await crypto.sha256(bytes)) !== ev.sha256) {
        out.notAttached.push({ name: ev.name, reason: 'its bytes do not match the signed digest' })
        continue
      }
      budget -= bytes.length
      out.evidence.set(ev.name, bytes)
    }
    return out
  } catch (e) {
    return { ...out, problem: `unreadable: ${(e as Error).message}` }
  } finally {
    await container.close().catch(() => undefined)
  }
}

/** The logged entry and checkpoint of a tlog-proof file, unverified; undefined if malformed. */
export function logExcerpt(proof: Uint8Array): PdfLogExcerpt | undefined {
  const parsed = parseTlogProof(proof)
  if (!parsed.ok || !parsed.proof.entry) return undefined
  const decoded = decodeAuditEvent(parsed.proof.entry)
  const note = parseNote(parsed.proof.checkpoint)
  if (!decoded.ok || !note.ok) return undefined
  const cp = parseCheckpoint(note.note.text)
  if (!cp.ok) return undefined
  return {
    index: parsed.proof.index,
    entry: decoded.event,
    checkpoint: {
      origin: cp.checkpoint.origin,
      size: cp.checkpoint.size,
      rootHash: toBase64(cp.checkpoint.rootHash),
    },
    signedBy: note.note.signatures.map((s) => s.name),
  }
}

/**
 * The PDF input for a bundle read by readBundleForPdf, with the verifier's view when a report
 * is given (its verdict on the cover, each sign-off's validity, whether the log proof checked
 * out). Without `fonts`' caller-supplied parts it is everything renderPacketPdf needs.
 */
export function inputFromBundle(
  read: BundleForPdf & { predicate: PacketPredicate },
  options: { report?: VerificationReport; keyringName?: string; template?: PacketTemplate },
): Omit<PacketPdfInput, 'fonts'> {
  const { report } = options
  let signoffs: PdfSignoff[] = read.signoffs
  let logProof = read.logProof
  let status = UNVERIFIED_STATUS
  if (report) {
    status = statusFromReport(report, options.keyringName)
    signoffs = report.signoffs.map(({ valid, ...s }) => ({ ...s, valid }))
    const logItem = report.items.find((i) => i.check === 'log')
    if (logProof && logItem) logProof = { ...logProof, verified: logItem.status === 'pass' }
  }
  return {
    predicate: read.predicate,
    ...(options.template ? { template: options.template } : {}),
    ...(read.statementSha256 ? { statementSha256: read.statementSha256 } : {}),
    signoffs,
    ...(logProof ? { logProof } : {}),
    evidence: (name) => read.evidence.get(name),
    status,
    // The document's date is the bundle's, so the same bundle renders to the same bytes.
    now: latestTime(read.predicate.createdAt, signoffs),
  }
}

/** The latest of the packing and sign-off times: when the bundle last changed. */
export function latestTime(createdAt: string, signoffs: PdfSignoff[]): Date {
  let latest = Date.parse(createdAt)
  for (const s of signoffs) {
    const t = Date.parse(s.time)
    if (Number.isFinite(t) && t > latest) latest = t
  }
  return new Date(Number.isFinite(latest) ? latest : 0)
}
