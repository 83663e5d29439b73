// The accessibility review log in the workspace: reading a report's decisions and waivers,
// recording new ones (each in one transaction with its audit entry), and the status of the
// sweep reports among a set of evidence items (for the pre-sync gate and the readiness matrix).
import { looksLikeSweepReport, parseSweepReport } from '../../core/a11y/parse-report'
import type { A11yReviewEntry, A11yReviewRecord } from '../../core/a11y/review-records'
import {
  decisionProblems,
  failedPageCount,
  itemStates,
  reviewItems,
  reviewStatus,
  waiverProblems,
  type ActingReviewer,
  type EntryProblem,
  type ReportReview,
  type ReviewItem,
} from '../../core/a11y/review-model'
import { previewKind } from '../../core/evidence/file-type'
import {
  judgeReport,
  type A11yReportFinding,
  type AttachedReviewRecord,
} from '../../core/a11y/a11y-gate'
import {
  buildReviewDocument,
  looksLikeReviewRecord,
  parseReviewDocumentBytes,
  reviewDocumentBytes,
  type A11yReviewDocument,
} from '../../core/a11y/review-record-file'
import { A11Y_STATUS_LABELS } from '../../core/a11y/review-model'
import type { SweepReport } from '../../core/a11y/sweep-report'
import type { EvidenceRecord, PacketEvidenceLink } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { actorLabel, type Actor } from '../identity/actor'
import { auditTime, logEvent, logEvents } from '../audit/log-event'
import { evidenceAddedEvent } from '../evidence/evidence-store'
import { sha256Hex } from '../packets/packet-store'

/** Every entry of a report's log, oldest first. */
export async function loadReviewLog(db: WorkspaceDb, reportSha256: string) {
  return db.a11yReviews.where('reportSha256').equals(reportSha256).sortBy('seq')
}

/** The acting person as the review rules see them: the keyring's roles for their keyid. */
export async function actingReviewer(db: WorkspaceDb, actor: Actor): Promise<ActingReviewer> {
  if (!actor.keyid) return { name: actor.name, roles: [] }
  const entry = await db.keyring.get(actor.keyid)
  return {
    keyid: actor.keyid,
    name: actor.name,
    roles: entry?.roles ?? [],
    ...(entry?.revoked ? { revoked: true } : {}),
  }
}

/** Refused: the entry breaks a rule; each problem names its field. Nothing was written. */
export class A11yReviewRefused extends Error {
  constructor(readonly problems: EntryProblem[]) {
    super(problems.map((p) => p.message).join(' '))
    this.name = 'A11yReviewRefused'
  }
}

interface Target {
  reportSha256: string
  /** The report's title in the library, for the audit entry. */
  reportTitle: string
  item: ReviewItem
}

/**
 * Writes the acting reviewer's entry on the target item, with its audit entry, in one
 * transaction.
 */
async function append(
  db: WorkspaceDb,
  target: Target,
  reviewer: ActingReviewer,
  entry: A11yReviewEntry,
  actor: Actor,
  now: Date,
  details: Record<string, string>,
): Promise<A11yReviewRecord> {
  const record: A11yReviewRecord = {
    reportSha256: target.reportSha256,
    itemId: target.item.id,
    itemKind: target.item.kind,
    reviewer: { keyid: reviewer.keyid!, name: reviewer.name },
    at: auditTime(now),
    ...entry,
  }
  return db.transaction('rw', db.a11yReviews, db.auditEntries, async () => {
    const seq = await db.a11yReviews.add(record)
    await logEvent(db, {
      action: entry.kind === 'decision' ? 'a11y.reviewed' : 'a11y.waived',
      actor: actorLabel(actor),
      time: record.at,
      subject: target.reportTitle,
      details: { reportSha256: record.reportSha256, itemId: record.itemId, ...details },
    })
    return { ...record, seq }
  })
}

/** Records a Pass/Fail decision on an incomplete result or a manual check. */
export async function recordDecision(
  db: WorkspaceDb,
  target: Target,
  input: { outcome: 'pass' | 'fail' | undefined; note: string },
  actor: Actor,
  now = new Date(),
): Promise<A11yReviewRecord> {
  const reviewer = await actingReviewer(db, actor)
  const problems = decisionProblems(target.item, input, reviewer)
  if (problems.length > 0) throw new A11yReviewRefused(problems)
  const note = input.note.trim()
  const { item } = target
  return append(
    db,
    target,
    reviewer,
    { kind: 'decision', outcome: input.outcome!, note },
    actor,
    now,
    {
      item: `${item.pageLabel}: ${item.title}${item.target ? ` (${item.target})` : ''}`,
      outcome: input.outcome!,
      ...(note ? { note } : {}),
    },
  )
}

/** Records a waiver of a violation. */
export async function recordWaiver(
  db: WorkspaceDb,
  target: Target,
  input: { rationale: string; approverRole: string; expires: string },
  actor: Actor,
  today: string,
  now = new Date(),
): Promise<A11yReviewRecord> {
  const reviewer = await actingReviewer(db, actor)
  const problems = waiverProblems(target.item, input, reviewer, today)
  if (problems.length > 0) throw new A11yReviewRefused(problems)
  const waiver = {
    rationale: input.rationale.trim(),
    approverRole: input.approverRole,
    expires: input.expires,
  }
  return append(db, target, reviewer, { kind: 'waiver', ...waiver }, actor, now, {
    item: `${target.item.pageLabel}: ${target.item.title}`,
    ...waiver,
  })
}

// ---- Which evidence items are sweep reports, and their status ---------------------------------

/** What a report contributes to a review, kept per SHA-256 (the bytes never change). */
type Outline = { items: ReviewItem[]; failedPages: number } | { unreadable: string } | null

const outlines = new Map<string, Promise<Outline>>()
const MAX_REPORT_BYTES = 64 * 1024 * 1024

/** The review items of the evidence item `sha256` if it is a sweep report; null otherwise. */
function outline(db: WorkspaceDb, sha256: string, mimeType: string): Promise<Outline> {
  let p = outlines.get(sha256)
  if (!p) {
    p = (async (): Promise<Outline> => {
      if (previewKind(mimeType) !== 'json') return null
      const blob = (await db.blobs.get(sha256))?.data
      if (!blob) return null
      if (!looksLikeSweepReport(await blob.slice(0, 200).text())) return null
      if (blob.size > MAX_REPORT_BYTES) return { unreadable: 'larger than 64 MiB' }
      try {
        const report = parseSweepReport(await blob.text())
        return { items: reviewItems(report), failedPages: failedPageCount(report) }
      } catch (e) {
        return { unreadable: e instanceof Error ? e.message : String(e) }
      }
    })()
    outlines.set(sha256, p)
    // A missing blob may arrive later: do not remember "not a report" for it.
    void p.then((o) => o === null && outlines.delete(sha256))
  }
  return p
}

export interface ReportStatus {
  sha256: string
  review?: ReportReview
  unreadable?: string
}

/**
 * The status of every sweep report among `shas` (items that are not sweep reports are left
 * out), from the reports and the review log as they are now; `today` is YYYY-MM-DD.
 */
export async function reportStatuses(
  db: WorkspaceDb,
  shas: readonly string[],
  today: string,
): Promise<Map<string, ReportStatus>> {
  const unique = [...new Set(shas)]
  const records = await db.evidence.bulkGet(unique)
  const out = new Map<string, ReportStatus>()
  for (const [i, sha] of unique.entries()) {
    const record = records[i]
    if (!record) continue
    const o = await outline(db, sha, record.mimeType)
    if (!o) continue
    if ('unreadable' in o) {
      out.set(sha, { sha256: sha, unreadable: o.unreadable })
      continue
    }
    const log = await loadReviewLog(db, sha)
    const states = itemStates(o.items, log, today)
    out.set(sha, { sha256: sha, review: reviewStatus(o.failedPages, o.items, states) })
  }
  return out
}

// ---- The review as evidence, and the gate's reading of a packet ------------------------------

/** Tag of every review record added to the evidence library. */
export const A11Y_REVIEW_TAG = 'a11y-review'

export interface SavedReview {
  record: EvidenceRecord
  doc: A11yReviewDocument
  /** False when the same review (same bytes) was already in the library. */
  added: boolean
}

/**
 * Adds the report's review as it stands (evw-a11y-review/1, canonical bytes) to the evidence
 * library, in one transaction with its audit entries: `evidence.added` and `a11y.review-saved`.
 * Content-addressed: the same review on the same day is the same item (returned, not added
 * twice); after new decisions it is a new item.
 */
export async function saveReviewRecord(
  db: WorkspaceDb,
  source: { report: SweepReport; reportSha256: string },
  actor: Actor,
  today: string,
  now = new Date(),
): Promise<SavedReview> {
  const log = await loadReviewLog(db, source.reportSha256)
  const doc = buildReviewDocument(source.report, source.reportSha256, log, today)
  const bytes = reviewDocumentBytes(doc)
  const sha256 = await sha256Hex(bytes)
  return db.transaction(
    'rw',
    [db.evidence, db.blobs, db.a11yReviews, db.auditEntries],
    async () => {
      // Decisions recorded while the file was being hashed would make it stale: refuse.
      const again = await loadReviewLog(db, source.reportSha256)
      if (again.length !== log.length)
        throw new Error('A decision was recorded meanwhile; add the review again.')
      const existing = await db.evidence.get(sha256)
      if (existing) return { record: existing, doc, added: false }
      const reportRecord = await db.evidence.get(source.reportSha256)
      const reportTitle = reportRecord?.title ?? source.reportSha256.slice(0, 16)
      const stem = (reportRecord?.fileName ?? 'sweep-report').replace(/\.json$/i, '')
      const record: EvidenceRecord = {
        sha256,
        size: bytes.length,
        mimeType: 'application/json',
        fileName: `${stem}.review-${today}.json`,
        folder: '',
        title: `Accessibility review of ${reportTitle} (${A11Y_STATUS_LABELS[doc.status]}, ${today})`,
        kind: 'report',
        source: `Review of the sweep report SHA-256 ${source.reportSha256}`,
        collectedBy: actorLabel(actor),
        collectedAt: auditTime(now),
        tags: [A11Y_REVIEW_TAG],
        classification: reportRecord?.classification ?? 'internal',
        addedAt: auditTime(now),
        addedBy: actorLabel(actor),
        ...(reportRecord?.partnerSourceId ? { partnerSourceId: reportRecord.partnerSourceId } : {}),
      }
      await db.evidence.add(record)
      await db.blobs.add({
        sha256,
        data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }),
      })
      await logEvents(db, [
        evidenceAddedEvent(record),
        {
          action: 'a11y.review-saved',
          actor: actorLabel(actor),
          time: record.addedAt,
          subject: reportTitle,
          details: {
            reportSha256: source.reportSha256,
            reviewSha256: sha256,
            status: doc.status,
            computedOn: today,
          },
        },
      ])
      return { record, doc, added: true }
    },
  )
}

const records = new Map<string, Promise<AttachedReviewRecord | null>>()
const MAX_RECORD_BYTES = 16 * 1024 * 1024

/** The evidence item `sha256` read as a review record; null when it is not one. */
function reviewRecordOf(
  db: WorkspaceDb,
  sha256: string,
  mimeType: string,
  path: string,
): Promise<AttachedReviewRecord | null> {
  let p = records.get(sha256)
  if (!p) {
    p = (async (): Promise<AttachedReviewRecord | null> => {
      if (previewKind(mimeType) !== 'json') return null
      const blob = (await db.blobs.get(sha256))?.data
      if (!blob) return null
      if (!looksLikeReviewRecord(await blob.slice(0, 1024).text())) return null
      if (blob.size > MAX_RECORD_BYTES) return { path, unreadable: 'larger than 16 MiB' }
      try {
        return { path, doc: parseReviewDocumentBytes(new Uint8Array(await blob.arrayBuffer())) }
      } catch (e) {
        return { path, unreadable: e instanceof Error ? e.message : String(e) }
      }
    })()
    records.set(sha256, p)
    void p.then((o) => o === null && records.delete(sha256))
  }
  return p.then((r) => (r ? { ...r, path } : r))
}

/**
 * What the pre-sync gate needs of a packet's evidence: each sweep report judged with the review
 * records attached beside it (core/a11y/a11y-gate.ts judgeReport), and the attached review
 * records that cannot be read.
 */
export async function packetA11yFindings(
  db: WorkspaceDb,
  links: readonly PacketEvidenceLink[],
  today: string,
): Promise<{ reports: A11yReportFinding[]; badRecords: { path: string; unreadable: string }[] }> {
  const found = await db.evidence.bulkGet(links.map((l) => l.sha256))
  const reportLinks: { link: PacketEvidenceLink; outline: Exclude<Outline, null> }[] = []
  const attached: AttachedReviewRecord[] = []
  for (const [i, link] of links.entries()) {
    const record = found[i]
    if (!record) continue
    const o = await outline(db, link.sha256, record.mimeType)
    if (o) {
      reportLinks.push({ link, outline: o })
      continue
    }
    const r = await reviewRecordOf(db, link.sha256, record.mimeType, link.path)
    if (r) attached.push(r)
  }
  const reports: A11yReportFinding[] = []
  for (const { link, outline: o } of reportLinks) {
    reports.push(
      judgeReport({
        path: link.path,
        sha256: link.sha256,
        outline: o,
        log: 'unreadable' in o ? [] : await loadReviewLog(db, link.sha256),
        records: attached,
        today,
      }),
    )
  }
  const badRecords = attached.flatMap((r) =>
    'unreadable' in r ? [{ path: r.path, unreadable: r.unreadable }] : [],
  )
  return { reports, badRecords }
}
