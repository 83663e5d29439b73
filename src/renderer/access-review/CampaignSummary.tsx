// A campaign's facts (status, type, owner, due date, progress, default) and its frozen
// population: the imported files and the rows each one did not import.
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import { Fact } from './Fact'
import { FORMAT_LABELS } from './import-files'
import { ReviewTable } from './ReviewTable'
import { n, plural, when } from './review-text'
import { isOverdue, TYPE_NAMES } from './review-view'

export function CampaignSummary({
  campaign,
  decided,
}: {
  campaign: ReviewCampaignRecord
  decided: number
}) {
  const overdue = isOverdue(campaign)
  return (
    <section className="panel ar-section" aria-labelledby="ar-summary-title">
      <h2 id="ar-summary-title">Summary</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          {campaign.status === 'open'
            ? 'Open'
            : `Closed ${when(campaign.closedAt ?? '')} by ${campaign.closedBy ?? ''}`}
        </dd>
        <dt>Review type</dt>
        <dd>
          {TYPE_NAMES[campaign.type]}
          {campaign.previousCampaignId ? ` (against ${campaign.previousCampaignId})` : ''}
        </dd>
        <Fact term="Scope" value={campaign.scope} />
        <dt>Owner</dt>
        <dd>{campaign.owner}</dd>
        <dt>Due</dt>
        <dd>
          {campaign.dueDate}
          {overdue ? <span className="tag tag-bad ar-overdue">overdue</span> : null}
        </dd>
        <dt>Progress</dt>
        <dd>
          {n(decided)} of {plural(campaign.itemCount, 'item')} decided
        </dd>
        <dt>No-response default</dt>
        <dd>{campaign.noResponseDefault}</dd>
        <dt>Population frozen</dt>
        <dd>
          {when(campaign.frozenAt)} by {campaign.createdBy}
        </dd>
      </dl>
      <h3>Population</h3>
      <ReviewTable
        caption="Imported files"
        hideCaption
        columns={[
          'File',
          'Format and source',
          'Rows',
          'Grants',
          'Not imported',
          'Extracted',
          'SHA-256',
        ]}
      >
        {campaign.inputs.map((f) => (
          <tr key={f.sha256}>
            <th scope="row">{f.fileName}</th>
            <td>
              {FORMAT_LABELS[f.format]}
              <span className="block muted small">{f.source}</span>
            </td>
            <td>{n(f.rowCount)}</td>
            <td>{f.format === 'hr-roster' ? 'roster' : n(f.grantCount)}</td>
            <td>{n(f.problems.length)}</td>
            <td>{when(f.extractedAt)}</td>
            <td>
              <span className="mono ar-hash">{f.sha256}</span>
            </td>
          </tr>
        ))}
      </ReviewTable>
      {campaign.inputs.some((f) => f.problems.length > 0) ? (
        <details className="ar-details">
          <summary>Rows not imported (the import report)</summary>
          {campaign.inputs
            .filter((f) => f.problems.length > 0)
            .map((f) => (
              <div key={f.sha256}>
                <h4>{f.fileName}</h4>
                <ul className="ar-row-problems">
                  {f.problems.map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              </div>
            ))}
        </details>
      ) : null}
    </section>
  )
}
