// The accessibility review log in the workspace: reading a report's decisions and waivers,
// recording new ones (each in one transaction with its audit entry), and the status of the
// sweep reports among a set of evidence items (for the pre-sync gate and the readiness matrix).
import { looksLikeSweepReport, parseSweepReport } from '../../core/a11y/parse-report'
import type { A11yReviewRecord } from '../../core/a11y/review-records'
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
import type { WorkspaceDb } from '../data/workspace-db'
import { actorLabel, type Actor } from '../identity/actor'
import { auditTime, logEvent } from '../audit/log-event'

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

async function append(
  db: WorkspaceDb,
  record: A11yReviewRecord,
  action: 'a11y.reviewed' | 'a11y.waived',
  actor: Actor,
  subject: string,
  details: Record<string, string>,
): Promise<A11yReviewRecord> {
  return db.transaction('rw', db.a11yReviews, db.auditEntries, async () => {
    const seq = await db.a11yReviews.add(record)
    await logEvent(db, {
      action,
      actor: actorLabel(actor),
      time: record.at,
      subject,
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
  return append(
    db,
    {
      reportSha256: target.reportSha256,
      itemId: target.item.id,
      itemKind: target.item.kind,
      reviewer: { keyid: reviewer.keyid!, name: reviewer.name },
      at: auditTime(now),
      kind: 'decision',
      outcome: input.outcome!,
      note,
    },
    'a11y.reviewed',
    actor,
    target.reportTitle,
    {
      item: `${target.item.pageLabel}: ${target.item.title}${target.item.target ? ` (${target.item.target})` : ''}`,
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
  const rationale = input.rationale.trim()
  return append(
    db,
    {
      reportSha256: target.reportSha256,
      itemId: target.item.id,
      itemKind: target.item.kind,
      reviewer: { keyid: reviewer.keyid!, name: reviewer.name },
      at: auditTime(now),
      kind: 'waiver',
      rationale,
      approverRole: input.approverRole,
      expires: input.expires,
    },
    'a11y.waived',
    actor,
    target.reportTitle,
    {
      item: `${target.item.pageLabel}: ${target.item.title}`,
      rationale,
      approverRole: input.approverRole,
      expires: input.expires,
    },
  )
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
