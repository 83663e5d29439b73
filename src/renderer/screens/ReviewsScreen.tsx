// Access reviews (#/reviews): the campaigns with their progress, a new campaign, and one
// campaign's review (docs/access-reviews.md).
import { useLiveQuery } from 'dexie-react-hooks'
import { latestDecisions } from '../../core/access-review'
import { CampaignView } from '../access-review/CampaignView'
import { NewCampaignForm } from '../access-review/NewCampaignForm'
import { reviewHrefs, type ReviewRoute } from '../access-review/review-routes'
import { n } from '../access-review/review-text'
import { ReviewTable } from '../access-review/ReviewTable'
import { isOverdue, TYPE_NAMES } from '../access-review/review-view'
import { useWorkspaceDb } from '../workspace/workspace-context'
import '../workspace/workspace.css'
import '../access-review/reviews.css'

export function ReviewsScreen({ route }: { route: ReviewRoute }) {
  switch (route.view) {
    case 'list':
      return <CampaignList />
    case 'new':
      return (
        <>
          <p className="back-link">
            <a href={reviewHrefs.list}>All campaigns</a>
          </p>
          <h1 tabIndex={-1}>New access review campaign</h1>
          <p className="lede">
            Name the campaign, say who owns it and when it is due, then add the who-has-what files.
            The files are frozen as evidence when the campaign starts.
          </p>
          <NewCampaignForm />
        </>
      )
    case 'campaign':
      return <CampaignView key={route.id} id={route.id} />
  }
}

function CampaignList() {
  const db = useWorkspaceDb()
  const rows = useLiveQuery(async () => {
    const campaigns = await db.reviewCampaigns.orderBy('createdAt').reverse().toArray()
    return Promise.all(
      campaigns.map(async (c) => {
        const log = await db.reviewDecisions.where('campaignId').equals(c.id).toArray()
        let decided = 0
        for (const d of latestDecisions(
          log.flatMap((r) => (r.kind === 'decision' ? [r] : [])),
        ).values())
          if (d.outcome !== 'unsure') decided++
        return { c, decided }
      }),
    )
  }, [db])
  return (
    <>
      <h1 tabIndex={-1}>Access reviews</h1>
      <p className="lede">
        Periodic reviews of who has what: each campaign freezes the imported population, records
        every decision with who made it and why, and tracks what is still open.
      </p>
      <p>
        <a className="button button-primary" href={reviewHrefs.new}>
          New campaign
        </a>
      </p>
      {rows === undefined ? (
        <p role="status">Loading the campaigns…</p>
      ) : rows.length === 0 ? (
        <p>No campaign yet. Start one with “New campaign”.</p>
      ) : (
        <ReviewTable
          caption="Campaigns"
          columns={['Name', 'Type', 'Owner', 'Due', 'Status', 'Progress']}
        >
          {rows.map(({ c, decided }) => (
            <tr key={c.id}>
              <th scope="row">
                <a href={reviewHrefs.campaign(c.id)}>{c.name}</a>
              </th>
              <td>{TYPE_NAMES[c.type]}</td>
              <td>{c.owner}</td>
              <td>
                {c.dueDate}
                {isOverdue(c) ? <span className="tag tag-bad ar-overdue">overdue</span> : null}
              </td>
              <td>{c.status === 'open' ? 'open' : 'closed'}</td>
              <td>
                {n(decided)} of {n(c.itemCount)} decided
              </td>
            </tr>
          ))}
        </ReviewTable>
      )}
    </>
  )
}
