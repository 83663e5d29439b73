// The owner's view of a campaign's progress and gaps: what is still open, each with a link that
// filters the item list to it, and the progress of each reviewer.
import type { GapReport } from '../../core/access-review'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import { ReviewTable } from './ReviewTable'
import { n, plural } from './review-text'
import type { ScreenFilter } from './review-view'

export function GapsView({
  report,
  campaign,
  onShow,
}: {
  report: GapReport
  campaign: ReviewCampaignRecord
  onShow: (f: Partial<ScreenFilter>) => void
}) {
  const rows: { label: string; count: number; filter: Partial<ScreenFilter> }[] = [
    { label: 'Undecided items', count: report.undecided.length, filter: { status: 'undecided' } },
    { label: 'Marked unsure', count: report.unsure.length, filter: { status: 'unsure' } },
    {
      label: 'Revocations and modifications not yet confirmed as done',
      count: report.unconfirmedChanges.length,
      filter: { status: 'unconfirmed' },
    },
    { label: 'Orphaned accounts', count: report.orphaned.length, filter: { flag: 'orphaned' } },
    {
      label: 'Service accounts without an owner',
      count: report.serviceWithoutOwner.length,
      filter: { flag: 'service-without-owner' },
    },
  ]
  return (
    <section className="panel ar-section" aria-labelledby="ar-gaps-title">
      <h2 id="ar-gaps-title">Progress and gaps</h2>
      <p>
        <label htmlFor="ar-progress">
          {n(report.decided)} of {plural(report.total, 'item')} decided
        </label>{' '}
        <progress id="ar-progress" max={report.total || 1} value={report.decided} />
      </p>
      <ul className="ar-gaps">
        {rows.map((r) => (
          <li key={r.label}>
            <span>
              {r.label}: <strong>{n(r.count)}</strong>
            </span>
            {r.count > 0 ? (
              <button type="button" className="link-button" onClick={() => onShow(r.filter)}>
                Show {r.label.toLowerCase()} in the list
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {report.overdueReviewers.length > 0 ? (
        <p className="ar-warning">
          Overdue (due {campaign.dueDate}):{' '}
          {report.overdueReviewers
            .map((r) => `${r.reviewer} (${n(r.total - r.decided)} open)`)
            .join(', ')}
          .
        </p>
      ) : null}
      <ReviewTable
        caption="Progress per reviewer"
        columns={['Reviewer', 'Decided', 'Items', 'State']}
      >
        {report.reviewers.map((r) => (
          <tr key={r.reviewer}>
            <th scope="row">{r.reviewer}</th>
            <td>{n(r.decided)}</td>
            <td>{n(r.total)}</td>
            <td>
              {r.decided === r.total ? (
                'done'
              ) : r.overdue ? (
                <span className="tag tag-bad">overdue</span>
              ) : (
                `${n(r.total - r.decided)} open`
              )}
            </td>
          </tr>
        ))}
      </ReviewTable>
    </section>
  )
}
