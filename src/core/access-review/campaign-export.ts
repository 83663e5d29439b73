// The campaign outputs filed with the access-review packet: decisions as CSV (neutralised for
// spreadsheets) and JSON, and the gap report as JSON.
import {
  latestDecisions,
  type ChangeConfirmation,
  type Decision,
  type GapReport,
  type ReviewItem,
} from './campaign'
import { writeCsv } from './csv-records'

export const DECISION_CSV_HEADER = [
  'item',
  'application',
  'login',
  'identity_type',
  'entitlement',
  'description',
  'last_used',
  'risk_flags',
  'reviewer',
  'decision',
  'justification',
  'decided_by',
  'decided_at',
  'decided_via',
  'change_confirmed_by',
  'change_confirmed_at',
  'change_reference',
  'source_line',
] as const

export function decisionsCsv(
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
  confirmations: readonly ChangeConfirmation[],
): string {
  const latest = latestDecisions(decisions)
  const confirmed = new Map(confirmations.map((c) => [c.itemId, c]))
  const rows = items.map((i) => {
    const d = latest.get(i.id)
    const c = confirmed.get(i.id)
    return [
      i.id,
      i.application,
      i.login,
      i.identityType,
      i.entitlement,
      i.description,
      i.lastUsed,
      i.flags.join('|'),
      i.reviewer,
      d?.outcome ?? '',
      d?.justification ?? '',
      d?.actor ?? '',
      d?.at ?? '',
      d?.via ?? '',
      c?.actor ?? '',
      c?.at ?? '',
      c?.reference ?? '',
      String(i.line),
    ]
  })
  return writeCsv(DECISION_CSV_HEADER, rows)
}

/** Every decision in order (history included), with the item it concerns. */
export function decisionsJson(
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
  confirmations: readonly ChangeConfirmation[],
): string {
  return (
    JSON.stringify(
      { format: 'evw.access-review.decisions/1', items, decisions, confirmations },
      null,
      2,
    ) + '\n'
  )
}

const brief = (i: ReviewItem) => ({
  item: i.id,
  login: i.login,
  application: i.application,
  entitlement: i.entitlement,
  reviewer: i.reviewer,
  flags: i.flags,
})

export function gapReportJson(report: GapReport): string {
  return (
    JSON.stringify(
      {
        format: 'evw.access-review.gaps/1',
        generatedAt: report.generatedAt,
        total: report.total,
        decided: report.decided,
        undecided: report.undecided.map(brief),
        unsure: report.unsure.map(brief),
        overdueReviewers: report.overdueReviewers,
        reviewers: report.reviewers,
        unconfirmedChanges: report.unconfirmedChanges.map(brief),
        orphaned: report.orphaned.map(brief),
        serviceWithoutOwner: report.serviceWithoutOwner.map(brief),
      },
      null,
      2,
    ) + '\n'
  )
}
