// The accessibility line of a packet's pre-sync review: "accessibility: pass, or every item
// waived and reviewed". Judged from the sweep reports attached to the packet and their review
// logs. Which templates must carry a report is decided here (see docs/a11y-sweep.md, "Gate").
import type { PreSyncItem } from '../packets/pre-sync-review'
import { A11Y_STATUS_LABELS, type ReportReview } from './review-model'

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
  /** The review, or why the report could not be read. */
  review?: ReportReview
  unreadable?: string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function whatToDo(f: A11yReportFinding): string {
  const c = f.review?.counts
  if (!c) return ''
  const steps: string[] = []
  if (c.failedPages) steps.push(`sweep the ${plural(c.failedPages, 'page')} not swept again`)
  if (c.violationsOpen) steps.push(`fix or waive ${plural(c.violationsOpen, 'violation')}`)
  if (c.waiversExpired) steps.push(`renew or fix ${plural(c.waiversExpired, 'expired waiver')}`)
  if (c.failed) steps.push(`fix the ${plural(c.failed, 'item')} a reviewer failed and sweep again`)
  if (c.undecided) steps.push(`decide ${plural(c.undecided, 'item')}`)
  return steps.join(', ')
}

export function accessibilityItem(
  templateId: string,
  reports: readonly A11yReportFinding[],
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
            'Sweep the pages with "evw a11y PATH --out report.json", add the report to the evidence library, attach it to a new revision, and review it.',
        }
      : {
          ...base,
          status: 'pass',
          summary: 'No accessibility report attached; this template does not require one.',
          details: [],
        }
  }
  const bad = reports.filter(
    (r) => !r.review || (r.review.status !== 'pass' && r.review.status !== 'waived'),
  )
  const details = reports.map((r) =>
    r.review
      ? `${r.path}: ${r.review.summary}${bad.includes(r) ? ` To do: ${whatToDo(r)}.` : ''}`
      : `${r.path}: cannot be read as a sweep report (${r.unreadable ?? 'unknown reason'}).`,
  )
  if (bad.length === 0) {
    return {
      ...base,
      status: 'pass',
      summary: `${plural(reports.length, 'sweep report')} reviewed: ${reports
        .map((r) => A11Y_STATUS_LABELS[r.review!.status].toLowerCase())
        .join(', ')}.`,
      details,
    }
  }
  return {
    ...base,
    status: 'fail',
    summary: `${plural(bad.length, 'sweep report')} of ${reports.length} not passed or waived.`,
    details,
    advice:
      'Open each report in the evidence library: decide every item in "Needs a person’s review", and have each violation fixed (sweep again) or waived by an accountable manager or accessibility lead. Then check again.',
  }
}
