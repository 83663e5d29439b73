// The accessibility line of a packet's pre-sync review: "accessibility: pass, or every item
// waived and reviewed". Judged from the sweep reports attached to the packet and the review
// records (evw-a11y-review/1) attached beside them, checked against the workspace's review logs.
// Which templates must carry a report is decided here (see docs/a11y-sweep.md, "Gate").
import type { PreSyncItem } from '../packets/pre-sync-review'
import {
  historiesFromLog,
  matchesLog,
  mismatchWithItems,
  reviewOn,
  type A11yReviewDocument,
} from './review-record-file'
import {
  A11Y_STATUS_LABELS,
  itemStates,
  reviewStatus,
  type ReportReview,
  type ReviewItem,
} from './review-model'
import type { A11yReviewRecord } from './review-records'

export const A11Y_CHECK_ID = 'accessibility'
export const A11Y_CHECK_TITLE = 'Accessibility: pass, or every item waived and reviewed'

/**
 * Templates whose packets must carry an accessibility sweep report. A GA flip puts a feature's
 * pages (partner source cards, caveat banners, explanation copy) in front of users, and the
 * sprint's acceptance for those is "a11y pass": so the GA flip checklist needs a report. The
 * other built-in templates are about data, contracts and access, with no pages of their own; a
 * report attached to any packet is still judged.
 */
export const A11Y_REPORT_REQUIRED_TEMPLATES: readonly string[] = ['ga-flip-checklist']

export const requiresA11yReport = (templateId: string): boolean =>
  A11Y_REPORT_REQUIRED_TEMPLATES.includes(templateId)

/** What the app found for one attached evidence item that is a sweep report. */
export interface A11yReportFinding {
  /** The item's name in the packet. */
  path: string
  sha256: string
  /** The workspace's review of the report, or why the report could not be read. */
  review?: ReportReview
  unreadable?: string
  /** The workspace holds decisions or waivers of this report (a received bundle may not). */
  reviewedHere?: boolean
  /**
   * The review record of this report attached to the packet that decides (see judgeReport):
   * its name in the packet, its review on the day of the check, and whether it is the current
   * one (holds exactly the workspace's decisions and waivers, or the workspace holds none).
   */
  record?: { path: string; review: ReportReview; current: boolean }
  /** Review records naming this report whose items are not the report's, with why. */
  misfits?: { path: string; why: string }[]
}

/** A review record attached to the packet, read (or not) from its bytes. */
export type AttachedReviewRecord =
  { path: string; doc: A11yReviewDocument } | { path: string; unreadable: string }

/**
 * Judges one attached sweep report with the review records attached beside it. The record that
 * decides is one of this report that holds exactly the workspace's current review (any, when the
 * workspace has no decisions or waivers of the report); failing that, the newest one, which is
 * then stale. Its status is recomputed for `today`, so an expired waiver counts as expired.
 */
export function judgeReport(input: {
  path: string
  sha256: string
  /** The report's items and pages not swept, or why it cannot be read. */
  outline: { items: ReviewItem[]; failedPages: number } | { unreadable: string }
  log: readonly A11yReviewRecord[]
  records: readonly AttachedReviewRecord[]
  today: string
}): A11yReportFinding {
  const { path, sha256, outline, log, today } = input
  if ('unreadable' in outline) return { path, sha256, unreadable: outline.unreadable }
  const { items, failedPages } = outline
  const histories = historiesFromLog(items, log)
  const reviewedHere = [...histories.values()].some((h) => h.length > 0)
  const review = reviewStatus(failedPages, items, itemStates(items, log, today))
  const named = input.records.flatMap((r) =>
    'doc' in r && r.doc.report.sha256 === sha256 ? [{ ...r, doc: r.doc }] : [],
  )
  const misfits = named.flatMap((r) => {
    const why = mismatchWithItems(r.doc, items, failedPages)
    return why ? [{ path: r.path, why }] : []
  })
  const mine = named
    .filter((r) => !misfits.some((m) => m.path === r.path))
    .map((r) => ({ ...r, current: !reviewedHere || matchesLog(r.doc, items, log) }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        (a.doc.computedOn < b.doc.computedOn ? 1 : a.doc.computedOn > b.doc.computedOn ? -1 : 0),
    )
  const chosen = mine[0]
  return {
    path,
    sha256,
    review,
    reviewedHere,
    ...(misfits.length > 0 ? { misfits } : {}),
    ...(chosen
      ? {
          record: {
            path: chosen.path,
            review: reviewOn(chosen.doc, today),
            current: chosen.current,
          },
        }
      : {}),
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function whatToDo(review: ReportReview | undefined): string {
  const c = review?.counts
  if (!c) return ''
  const steps: string[] = []
  if (c.failedPages) steps.push(`sweep the ${plural(c.failedPages, 'page')} not swept again`)
  if (c.violationsOpen) steps.push(`fix or waive ${plural(c.violationsOpen, 'violation')}`)
  if (c.waiversExpired) steps.push(`renew or fix ${plural(c.waiversExpired, 'expired waiver')}`)
  if (c.failed) steps.push(`fix the ${plural(c.failed, 'item')} a reviewer failed and sweep again`)
  if (c.undecided) steps.push(`decide ${plural(c.undecided, 'item')}`)
  return steps.join(', ')
}

const passes = (r: ReportReview | undefined) => r?.status === 'pass' || r?.status === 'waived'

/** The review that decides the report: its attached, current review record, if any. */
const deciding = (f: A11yReportFinding): ReportReview | undefined =>
  f.record?.current ? f.record.review : undefined

/** One line per report: its status, and when it does not pass, exactly what to do. */
function detailOf(f: A11yReportFinding): string {
  if (!f.review)
    return `${f.path}: cannot be read as a sweep report (${f.unreadable ?? 'unknown reason'}).`
  const attach = `attach the current review of ${f.path} to this packet`
  const Attach = `Attach the current review of ${f.path} to this packet`
  const decided = deciding(f)
  if (decided && passes(decided))
    return `${f.path}: ${decided.summary} Review attached as ${f.record!.path}.`
  if (decided) {
    const todo = whatToDo(decided)
    return `${f.path}: ${decided.summary} To do: ${todo ? `${todo}, then ${attach}` : Attach}.`
  }
  const here = f.reviewedHere || !f.record ? f.review : f.record.review
  const todo = passes(here) ? '' : whatToDo(here)
  const next = todo ? `${todo}, then ${attach}` : Attach
  if (f.record)
    return `${f.path}: the attached review ${f.record.path} is not the current one (decisions or waivers were recorded since). ${here.summary} To do: ${next} in place of ${f.record.path}.`
  return `${f.path}: ${here.summary} No review of it is attached. To do: ${next}.`
}

export function accessibilityItem(
  templateId: string,
  reports: readonly A11yReportFinding[],
  /** Review records attached to the packet that cannot be read. */
  badRecords: readonly { path: string; unreadable: string }[] = [],
): PreSyncItem {
  const base = { id: A11Y_CHECK_ID, title: A11Y_CHECK_TITLE }
  if (reports.length === 0) {
    return requiresA11yReport(templateId)
      ? {
          ...base,
          status: 'fail',
          summary: 'No accessibility sweep report is attached, and this template requires one.',
          details: [],
          advice:
            'Sweep the pages with "evw a11y PATH --out report.json", add the report to the evidence library, attach it to a new revision, review it, and attach its review.',
        }
      : {
          ...base,
          status: 'pass',
          summary: 'No accessibility report attached; this template does not require one.',
          details: [],
        }
  }
  const bad = reports.filter((r) => !passes(deciding(r)))
  const details = [
    ...reports.flatMap((r) => [
      detailOf(r),
      ...(r.misfits ?? []).map(
        (m) =>
          `${m.path}: names ${r.path} but is not a review of it (${m.why}); it does not count. To do: remove it.`,
      ),
    ]),
    ...badRecords.map(
      (b) =>
        `${b.path}: cannot be read as an accessibility review record (${b.unreadable}). To do: remove it and attach the current review again.`,
    ),
  ]
  const misfits = reports.reduce((n, r) => n + (r.misfits?.length ?? 0), 0)
  if (bad.length === 0 && badRecords.length === 0 && misfits === 0) {
    return {
      ...base,
      status: 'pass',
      summary: `${plural(reports.length, 'sweep report')} reviewed: ${reports
        .map((r) => A11Y_STATUS_LABELS[deciding(r)!.status].toLowerCase())
        .join(', ')}.`,
      details,
    }
  }
  return {
    ...base,
    status: 'fail',
    summary:
      bad.length > 0
        ? `${plural(bad.length, 'sweep report')} of ${reports.length} not passed or waived by an attached current review.`
        : `${plural(badRecords.length + misfits, 'attached review record')} cannot be used.`,
    details,
    advice:
      'Open each report in the evidence library: decide every item in "Needs a person’s review", and have each violation fixed (sweep again) or waived by an accountable manager or accessibility lead. Then choose "Add the review to the evidence library" under the review, attach that review record to this packet with "Attach evidence…" (removing an older one), save, and check again.',
  }
}
