// Bundles received from others, as the workspace keeps them: what a verification report allows
// (a packet, or quarantine only), the packet and evidence records a verified bundle becomes,
// and whether the reader may add a sign-off to it. Pure functions over the bundle's signed
// statement (core/bundle/inspect-bundle.ts) and the verifier's report; the renderer stores the
// result. See docs/verify-screen.md.
import { FILES_DIR } from '../bundle/layout'
import type { BundleInfo } from '../bundle/inspect-bundle'
import type { EvidenceEntry } from '../bundle/predicates'
import type { VerificationReport } from '../bundle/report'
import { isCalendarDate } from '../evidence/expiry'
import { guessKind, guessMimeType } from '../evidence/file-type'
import { titleFromFileName, MAX_TAG, MAX_TAGS, MAX_TITLE } from '../evidence/metadata'
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  type Classification,
  type EvidenceKind,
  type EvidenceRecord,
  type PacketBundleRecord,
  type PacketRecord,
  type SignoffRecord,
} from './records'

/** Longest file name kept for a received bundle or its evidence. */
export const MAX_FILE_NAME = 200

// Controls, and characters that change how text around them reads without being seen:
// bidirectional overrides and isolates, zero-width joiners and marks, the BOM.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g

// Half of a UTF-16 surrogate pair on its own: not text, and not canonical JSON.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * A file name as the workspace stores and shows it: the last path segment only, without
 * control or invisible direction characters, trimmed and at most MAX_FILE_NAME characters;
 * `fallback` when nothing is left. A received name never becomes a path.
 */
export function safeFileName(name: string, fallback = 'bundle.evb'): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  const clean = base
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .trim()
  if (clean === '' || clean === '.' || clean === '..') return fallback
  if (clean.length <= MAX_FILE_NAME) return clean
  const dot = clean.lastIndexOf('.')
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
  return `${clean.slice(0, MAX_FILE_NAME - ext.length)}${ext}`
}

/** Where a received bundle goes: a verified one becomes a packet, any other is quarantined. */
export type ReceiveDecision =
  { kind: 'packet' } | { kind: 'quarantine'; reason: string } | { kind: 'refuse'; reason: string }

const failedCodes = (report: VerificationReport) => [
  ...new Set(report.items.filter((i) => i.status === 'fail').map((i) => i.code ?? 'UNKNOWN')),
]

/** The failure codes of a report, each once, in report order. */
export const reportFailureCodes = (report: VerificationReport): string[] => failedCodes(report)

export function receiveDecision(report: VerificationReport): ReceiveDecision {
  const codes = failedCodes(report)
  if (codes.includes('CANCELLED')) {
    return { kind: 'refuse', reason: 'The verification was cancelled; verify it to the end first.' }
  }
  if (report.verdict === 'verified' && codes.length === 0) return { kind: 'packet' }
  return {
    kind: 'quarantine',
    reason: `It did not verify (${codes.join(', ') || 'no verdict'}), so it is kept apart: not a packet of this workspace, and none of its files in the evidence library.`,
  }
}

const isKind = (v: unknown): v is EvidenceKind =>
  typeof v === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(v)
const isClassification = (v: unknown): v is Classification =>
  typeof v === 'string' && (CLASSIFICATIONS as readonly string[]).includes(v)
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== 'string') return undefined
  const t = v.replace(LONE_SURROGATE, '\ufffd').replace(INVISIBLE, ' ').trim()
  return t ? t.slice(0, max) : undefined
}

/** The path of an evidence entry below files/, as the packet's evidence link names it. */
export const evidencePathOf = (entry: Pick<EvidenceEntry, 'name'>): string =>
  entry.name.startsWith(FILES_DIR) ? entry.name.slice(FILES_DIR.length) : entry.name

/** The library record of a verified bundle's evidence file, from its signed metadata. */
export function receivedEvidenceRecord(
  entry: EvidenceEntry,
  input: { now: Date; by: string; partnerSourceId?: string; bundleName: string },
): EvidenceRecord {
  const path = evidencePathOf(entry)
  const slash = path.lastIndexOf('/')
  const fileName = safeFileName(path.slice(slash + 1), 'evidence')
  const folder = slash > 0 ? path.slice(0, slash).replace(INVISIBLE, '') : ''
  const mimeType = guessMimeType(fileName)
  const tags = [
    ...new Set(
      [...(Array.isArray(entry.tags) ? entry.tags : []), 'received']
        .map((t) => text(t, MAX_TAG))
        .filter((t): t is string => t !== undefined),
    ),
  ].slice(0, MAX_TAGS)
  const record: EvidenceRecord = {
    sha256: entry.sha256,
    size: entry.size,
    mimeType,
    fileName,
    folder,
    title: text(entry.title, MAX_TITLE) ?? titleFromFileName(fileName),
    kind: isKind(entry.kind) ? entry.kind : guessKind(fileName, mimeType),
    tags,
    classification: isClassification(entry.classification) ? entry.classification : 'internal',
    addedAt: input.now.toISOString(),
    addedBy: input.by,
    source: text(entry.source, 200) ?? `Received in ${safeFileName(input.bundleName)}`,
  }
  const collectedBy = text(entry.collectedBy, 200)
  if (collectedBy) record.collectedBy = collectedBy
  if (typeof entry.collectedAt === 'string' && !Number.isNaN(Date.parse(entry.collectedAt))) {
    record.collectedAt = new Date(entry.collectedAt).toISOString()
  }
  for (const key of ['effectiveDate', 'expires'] as const) {
    const v = entry[key]
    if (typeof v === 'string' && isCalendarDate(v)) record[key] = v
  }
  if (input.partnerSourceId) record.partnerSourceId = input.partnerSourceId
  return record
}

/** What happens to the workspace packet with the bundle's packet id. */
export type PacketAction =
  /** No packet had this id: the received one is added. */
  | 'created'
  /** A packet received earlier (same or older revision) is replaced by this bundle's. */
  | 'updated'
  /** The workspace already has a later revision received from another bundle. */
  | 'kept-newer'
  /** The workspace's own packet has this id: it is left as it is. */
  | 'kept-local'
  /** The packet was imported from this very file before: nothing changes. */
  | 'unchanged'

export interface ReceivedPacketPlan {
  action: PacketAction
  /** The packet to write (created or updated), else undefined. */
  packet?: PacketRecord
  /** The bundle held for the packet's revision (its data is the received file). */
  bundle?: Omit<PacketBundleRecord, 'data'>
  /** The sign-offs the bundle carries that verified. */
  signoffs: SignoffRecord[]
  /** A sentence for the user about the packet. */
  note: string
}

/**
 * The packet a verified bundle becomes: status 'verified', its fields and evidence as signed,
 * marked as received from this bundle. An existing packet of the workspace's own is never
 * overwritten; one received before is replaced only by the same or a later revision.
 */
export function planReceivedPacket(
  info: BundleInfo,
  report: VerificationReport,
  input: {
    bundleSha256: string
    fileName: string
    now: Date
    existing?: PacketRecord
    /** Partner sources of this workspace; the packet links to its source only if it exists. */
    partnerSourceIds?: ReadonlySet<string>
  },
): ReceivedPacketPlan {
  const p = info.packet
  if (!p || !info.createdBy || !info.createdAt || !info.statementSha256) {
    throw new Error('The bundle statement could not be read, so it cannot become a packet.')
  }
  const revision = p.revision
  const signoffs: SignoffRecord[] = report.signoffs
    .filter((s) => s.valid)
    .map((s) => ({
      packetId: p.packetId,
      revision,
      statementSha256: info.statementSha256!,
      role: s.role,
      keyid: s.keyid,
      signer: s.signer,
      decision: s.decision,
      ...(s.comment !== undefined ? { comment: s.comment } : {}),
      signedAt: s.time,
    }))
  const existing = input.existing
  if (existing && !existing.receivedFrom) {
    return {
      action: 'kept-local',
      signoffs: [],
      note: `This workspace already has its own packet ${p.packetId}; it was left unchanged. The bundle is kept under Received bundles.`,
    }
  }
  if (existing?.receivedFrom?.bundleSha256 === input.bundleSha256) {
    return {
      action: 'unchanged',
      signoffs: [],
      note: `${p.title} was imported from this bundle before; the workspace already holds it.`,
    }
  }
  if (existing && existing.revision > revision) {
    return {
      action: 'kept-newer',
      signoffs: [],
      note: `This workspace already holds revision ${existing.revision} of ${p.title}, received earlier; this bundle's revision ${revision} did not replace it.`,
    }
  }
  const at = input.now.toISOString()
  const packet: PacketRecord = {
    id: p.packetId,
    templateId: p.template.id,
    templateVersion: p.template.version,
    title: p.title,
    status: 'verified',
    revision,
    fields: structuredClone(p.fields),
    evidence: info.evidence.map((e) => ({
      sha256: e.sha256,
      role: e.role,
      path: evidencePathOf(e),
    })),
    createdAt: existing?.createdAt ?? info.createdAt,
    createdBy: info.createdBy.name,
    updatedAt: at,
    receivedFrom: { bundleSha256: input.bundleSha256, fileName: safeFileName(input.fileName) },
  }
  if (p.partnerSource && (input.partnerSourceIds?.has(p.partnerSource) ?? true)) {
    packet.partnerSourceId = p.partnerSource
  }
  return {
    action: existing ? 'updated' : 'created',
    packet,
    bundle: {
      packetId: p.packetId,
      revision,
      statementSha256: info.statementSha256,
      packedAt: info.createdAt,
      packedBy: { name: info.createdBy.name, keyid: info.createdBy.keyid },
      updatedAt: at,
    },
    signoffs,
    note: existing
      ? `The packet ${p.title} received earlier now holds this bundle (revision ${revision}).`
      : `${p.title} is now a verified packet of this workspace.`,
  }
}

/** Whether the reader may add a sign-off to a bundle, judged on its report. */
export type SignoffEligibility =
  { ok: true; missingRoles: string[] } | { ok: false; reason: string }

/**
 * A sign-off can be added to a bundle that verifies, or whose only problems are required roles
 * still without an approval (ROLE_MISSING): anything else must be fixed by the sender first,
 * because a sign-off vouches for the whole statement.
 */
export function signoffEligibility(report: VerificationReport): SignoffEligibility {
  const codes = failedCodes(report)
  if (codes.includes('CANCELLED')) {
    return { ok: false, reason: 'Verify the bundle to the end before signing it.' }
  }
  if (!report.packet || !report.statementSha256) {
    return { ok: false, reason: 'The bundle could not be read far enough to be signed.' }
  }
  const other = codes.filter((c) => c !== 'ROLE_MISSING')
  if (other.length > 0) {
    return {
      ok: false,
      reason: `Only a bundle that verifies, or that only lacks sign-offs, can be signed; this one has other problems (${other.join(', ')}). Ask the sender to fix them first.`,
    }
  }
  const missingRoles = report.items
    .filter((i) => i.status === 'fail' && i.code === 'ROLE_MISSING' && i.subject)
    .map((i) => i.subject!)
  return { ok: true, missingRoles }
}

/** The file name to save a bundle under after signing it in `role`: `<name>-<role>.evb`. */
export function signedBundleFileName(bundleName: string, role: string): string {
  const base = safeFileName(bundleName).replace(/\.(evb|zip)$/i, '')
  const suffix = `-${role}`
  return `${base.endsWith(suffix) ? base : `${base}${suffix}`}.evb`
}
