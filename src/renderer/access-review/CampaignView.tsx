// One campaign: its frozen population, the item list with filters and selection, decisions
// (one or many, each recorded separately with its audit entry), reassigning, confirming that
// changes were carried out, the owner's progress and gaps, closing, and the exports. Each part
// lives in its own module; this one loads the campaign and lays the parts out.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useRef, useState } from 'react'
import {
  gapReport,
  latestDecisions,
  type ChangeConfirmation,
  type Decision,
} from '../../core/access-review'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import type { WorkspaceDb } from '../data/workspace-db'
import { actorLabel, useActor } from '../identity/actor'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { CampaignExports, type CampaignData } from './CampaignExports'
import { CampaignItems } from './CampaignItems'
import { CampaignSummary } from './CampaignSummary'
import { CloseSection } from './CloseSection'
import { FileReviewPacket } from './FileReviewPacket'
import { GapsView } from './GapsView'
import { stripConfirmation, stripDecision } from './review-store'
import { inCampaignOrder, NO_FILTER, type ScreenFilter } from './review-view'

function useCampaignData(db: WorkspaceDb, id: string) {
  const campaign = useLiveQuery(async () => (await db.reviewCampaigns.get(id)) ?? null, [db, id])
  const items = useLiveQuery(
    async () => inCampaignOrder(await db.reviewItems.where('campaignId').equals(id).toArray()),
    [db, id],
  )
  const log = useLiveQuery(async () => {
    const rows = await db.reviewDecisions.where('campaignId').equals(id).sortBy('seq')
    const decisions: Decision[] = []
    const confirmations: ChangeConfirmation[] = []
    for (const r of rows) {
      if (r.kind === 'decision') decisions.push(stripDecision(r))
      else confirmations.push(stripConfirmation(r))
    }
    return { decisions, confirmations }
  }, [db, id])
  const data: CampaignData | undefined =
    items && log ? { items, decisions: log.decisions, confirmations: log.confirmations } : undefined
  return { campaign, data }
}

export function CampaignView({ id }: { id: string }) {
  const db = useWorkspaceDb()
  const { campaign, data } = useCampaignData(db, id)
  useEffect(() => {
    if (campaign) document.title = `${campaign.name} — Access reviews — Evidence Workbench`
  }, [campaign])
  if (campaign === undefined || (campaign && !data))
    return (
      <>
        <h1 tabIndex={-1}>Access review campaign</h1>
        <p role="status">Loading the campaign…</p>
      </>
    )
  if (campaign === null)
    return (
      <>
        <h1 tabIndex={-1}>Campaign not found</h1>
        <p>
          There is no campaign <span className="mono">{id}</span> in this workspace.{' '}
          <a href="#/reviews">See the campaigns</a>.
        </p>
      </>
    )
  return <Campaign campaign={campaign} data={data!} />
}

function Campaign({ campaign, data }: { campaign: ReviewCampaignRecord; data: CampaignData }) {
  const db = useWorkspaceDb()
  const actor = useActor()
  const actorName = actorLabel(actor)
  const canAct = actor.keyid !== undefined
  const { items, decisions, confirmations } = data
  const latest = useMemo(() => latestDecisions(decisions), [decisions])
  const confirmed = useMemo(() => new Set(confirmations.map((c) => c.itemId)), [confirmations])
  const [filter, setFilter] = useState<ScreenFilter>(NO_FILTER)
  const listRef = useRef<HTMLHeadingElement>(null)

  const showItems = (f: Partial<ScreenFilter>) => {
    setFilter({ ...NO_FILTER, ...f })
    requestAnimationFrame(() => listRef.current?.focus())
  }

  const report = useMemo(
    () => gapReport(items, decisions, confirmations, campaign, new Date().toISOString()),
    [items, decisions, confirmations, campaign],
  )

  return (
    <>
      <p className="back-link">
        <a href="#/reviews">All campaigns</a>
      </p>
      <h1 tabIndex={-1}>{campaign.name}</h1>
      {!canAct ? (
        <div className="panel ar-notice" role="note">
          <p>
            You are not working as any identity, so you can read this campaign but not decide,
            reassign, confirm or close: each of those names the person acting. Choose who you are
            under <a href="#/identities">Keys</a> (“Work as”), then come back.
          </p>
        </div>
      ) : null}
      <CampaignSummary campaign={campaign} decided={report.decided} />
      <CampaignItems
        campaign={campaign}
        items={items}
        decisions={decisions}
        confirmations={confirmations}
        latest={latest}
        confirmed={confirmed}
        filter={filter}
        setFilter={setFilter}
        headingRef={listRef}
        canAct={canAct}
        actor={actorName}
        db={db}
      />
      <GapsView report={report} campaign={campaign} onShow={showItems} />
      <CloseSection
        campaign={campaign}
        items={items}
        decisions={decisions}
        canAct={canAct}
        actor={actorName}
        db={db}
      />
      <FileReviewPacket db={db} campaign={campaign} />
      <CampaignExports campaign={campaign} data={data} report={report} />
    </>
  )
}
