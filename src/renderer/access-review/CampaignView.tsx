// One campaign: its frozen population, the item list with filters and selection, decisions
// (one or many, each recorded separately with its audit entry), reassigning, confirming that
// changes were carried out, the owner's progress and gaps, closing, and the exports.
import { useLiveQuery } from 'dexie-react-hooks'
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react'
import {
  checkClose,
  decisionsCsv,
  decisionsJson,
  gapReport,
  gapReportJson,
  latestDecisions,
  noResponseDecisions,
  OUTCOMES,
  RISK_FLAGS,
  type ChangeConfirmation,
  type Decision,
  type Outcome,
  type ReviewItem,
} from '../../core/access-review'
import type {
  ReviewCampaignRecord,
  ReviewItemRecord,
} from '../../core/access-review/review-records'
import { utf8 } from '../../core/encoding/bytes'
import type { FileKind } from '../../core/host/host-api'
import { SelectField } from '../components/SelectField'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { actorLabel, useActor } from '../identity/actor'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { FileReviewPacket } from './FileReviewPacket'
import { FORMAT_LABELS } from './import-files'
import { ReviewItemList } from './ReviewItemList'
import {
  applyNoResponseDefault,
  closeCampaign,
  confirmChanges,
  reassignItems,
  recordDecisions,
} from './review-store'
import {
  fileBase,
  FLAG_LABELS,
  inCampaignOrder,
  isOverdue,
  justificationReason,
  NO_FILTER,
  OUTCOME_LABELS,
  screenItems,
  STATUS_CHOICES,
  TYPE_NAMES,
  type ScreenFilter,
} from './review-view'

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))
const n = (x: number) => x.toLocaleString('en-GB')
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`
const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')

interface CampaignData {
  items: ReviewItemRecord[]
  decisions: Decision[]
  confirmations: ChangeConfirmation[]
}

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
      if (r.kind === 'decision')
        decisions.push({
          itemId: r.itemId,
          outcome: r.outcome,
          justification: r.justification,
          actor: r.actor,
          at: r.at,
          via: r.via,
        })
      else
        confirmations.push({ itemId: r.itemId, actor: r.actor, at: r.at, reference: r.reference })
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
  const open = campaign.status === 'open'
  const { items, decisions, confirmations } = data
  const latest = useMemo(() => latestDecisions(decisions), [decisions])
  const confirmed = useMemo(() => new Set(confirmations.map((c) => c.itemId)), [confirmations])
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items])
  const [filter, setFilter] = useState<ScreenFilter>(NO_FILTER)
  const deferredFilter = useDeferredValue(filter)
  const shown = useMemo(
    () => screenItems(items, latest, confirmed, deferredFilter),
    [items, latest, confirmed, deferredFilter],
  )
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [activeId, setActiveId] = useState<string>()
  const [status, setStatus] = useState('')
  const listRef = useRef<HTMLHeadingElement>(null)
  const listTitle = useId()
  const listHint = useId()

  const applications = useMemo(
    () => [...new Set(items.map((i) => i.application))].sort((a, b) => a.localeCompare(b)),
    [items],
  )
  const reviewers = useMemo(
    () => [...new Set(items.map((i) => i.reviewer))].sort((a, b) => a.localeCompare(b)),
    [items],
  )
  const selectedItems = useMemo(
    () => [...selected].map((s) => byId.get(s)).filter((i): i is ReviewItemRecord => !!i),
    [selected, byId],
  )
  const shownIds = useMemo(() => new Set(shown.map((i) => i.id)), [shown])
  const hiddenSelected = selectedItems.filter((i) => !shownIds.has(i.id)).length
  const allShownSelected = shown.length > 0 && shown.every((i) => selected.has(i.id))
  const someShownSelected = !allShownSelected && shown.some((i) => selected.has(i.id))
  const selectAllRef = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someShownSelected
  }, [someShownSelected])

  const toggle = (itemId: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(itemId)) next.delete(itemId)
      else next.add(itemId)
      return next
    })

  const showItems = (f: Partial<ScreenFilter>) => {
    setFilter({ ...NO_FILTER, ...f })
    requestAnimationFrame(() => listRef.current?.focus())
  }

  const report = useMemo(
    () => gapReport(items, decisions, confirmations, campaign, new Date().toISOString()),
    [items, decisions, confirmations, campaign],
  )
  const setF = (change: Partial<ScreenFilter>) => setFilter((f) => ({ ...f, ...change }))

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
      <Summary campaign={campaign} decided={report.decided} />

      <section className="ar-section" aria-labelledby={listTitle}>
        <h2 id={listTitle} tabIndex={-1} ref={listRef}>
          Items
        </h2>
        <div className="ar-filters" role="search" aria-label="Filter the items">
          <div className="field">
            <label htmlFor="ar-search">Search items</label>
            <input
              id="ar-search"
              type="search"
              autoComplete="off"
              value={filter.text}
              onChange={(e) => setF({ text: e.target.value })}
            />
          </div>
          <SelectField
            id="ar-filter-app"
            label="Application"
            value={filter.application}
            onChange={(v) => setF({ application: v })}
            options={[
              { value: '', label: 'All applications' },
              ...applications.map((a) => ({ value: a, label: a })),
            ]}
          />
          <SelectField
            id="ar-filter-reviewer"
            label="Reviewer"
            value={filter.reviewer}
            onChange={(v) => setF({ reviewer: v })}
            options={[
              { value: '', label: 'All reviewers' },
              ...reviewers.map((r) => ({ value: r, label: r })),
            ]}
          />
          <SelectField
            id="ar-filter-flag"
            label="Risk flag"
            value={filter.flag}
            onChange={(v) => setF({ flag: v as ScreenFilter['flag'] })}
            options={[
              { value: '', label: 'Any or none' },
              ...RISK_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] })),
            ]}
          />
          <SelectField
            id="ar-filter-status"
            label="Status"
            value={filter.status}
            onChange={(v) => setF({ status: v as ScreenFilter['status'] })}
            options={STATUS_CHOICES}
          />
        </div>
        <div className="ar-select-bar">
          <div className="ar-checkbox">
            <input
              ref={selectAllRef}
              id="ar-select-all"
              type="checkbox"
              checked={allShownSelected}
              disabled={shown.length === 0}
              onChange={() =>
                setSelected((s) => {
                  const next = new Set(s)
                  if (allShownSelected) for (const i of shown) next.delete(i.id)
                  else for (const i of shown) next.add(i.id)
                  return next
                })
              }
            />
            <label htmlFor="ar-select-all">Select all {plural(shown.length, 'shown item')}</label>
          </div>
          <p id={listHint} className="ar-hint" aria-live="polite">
            Showing {n(shown.length)} of {plural(items.length, 'item')}; {n(selected.size)} selected
            {hiddenSelected > 0 ? ` (${n(hiddenSelected)} of them hidden by the filters)` : ''}. In
            the list, Space selects the active item and Ctrl+A all shown items.
          </p>
          {selected.size > 0 ? (
            <button type="button" className="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          ) : null}
        </div>
        <ReviewItemList
          items={shown}
          latest={latest}
          confirmed={confirmed}
          selected={selected}
          {...(activeId ? { activeId } : {})}
          onActivate={setActiveId}
          onToggle={toggle}
          onSelectAll={() => setSelected((s) => new Set([...s, ...shown.map((i) => i.id)]))}
          labelledBy={listTitle}
          describedBy={listHint}
        />
        {activeId && byId.get(activeId) ? (
          <ItemDetails
            item={byId.get(activeId)!}
            decisions={decisions}
            confirmations={confirmations}
          />
        ) : null}
        <p className="visually-hidden" role="status">
          {status}
        </p>
        {canAct ? (
          <div className="ar-actions-grid">
            {open ? (
              <DecidePanel
                campaignId={campaign.id}
                selectedItems={selectedItems}
                actor={actorName}
                db={db}
                onStart={setStatus}
                onDone={(message) => {
                  setStatus(message)
                  setSelected(new Set())
                }}
              />
            ) : null}
            {open ? (
              <ReassignPanel
                campaignId={campaign.id}
                selectedItems={selectedItems}
                reviewers={reviewers}
                actor={actorName}
                db={db}
                onStart={setStatus}
                onDone={(message) => {
                  setStatus(message)
                  setSelected(new Set())
                }}
              />
            ) : null}
            <ConfirmPanel
              campaignId={campaign.id}
              selectedItems={selectedItems}
              latest={latest}
              confirmed={confirmed}
              actor={actorName}
              db={db}
              onStart={setStatus}
              onDone={(message) => {
                setStatus(message)
                setSelected(new Set())
              }}
            />
          </div>
        ) : null}
      </section>

      <GapsView report={report} campaign={campaign} onShow={showItems} />
      <CloseView
        campaign={campaign}
        items={items}
        decisions={decisions}
        canAct={canAct}
        actor={actorName}
        db={db}
      />
      <FileReviewPacket db={db} campaign={campaign} />
      <ExportView campaign={campaign} data={data} report={report} />
    </>
  )
}

function Summary({ campaign, decided }: { campaign: ReviewCampaignRecord; decided: number }) {
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
        {campaign.scope ? (
          <>
            <dt>Scope</dt>
            <dd>{campaign.scope}</dd>
          </>
        ) : null}
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
      <div className="table-scroll">
        <table className="ar-table">
          <caption className="visually-hidden">Imported files</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format and source</th>
              <th scope="col">Rows</th>
              <th scope="col">Grants</th>
              <th scope="col">Not imported</th>
              <th scope="col">Extracted</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
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

function ItemDetails({
  item,
  decisions,
  confirmations,
}: {
  item: ReviewItem
  decisions: readonly Decision[]
  confirmations: readonly ChangeConfirmation[]
}) {
  const history = decisions.filter((d) => d.itemId === item.id)
  const confirms = confirmations.filter((c) => c.itemId === item.id)
  return (
    <section className="panel ar-item-details" aria-labelledby="ar-item-title">
      <h3 id="ar-item-title">
        {item.login}: {item.entitlement} in {item.application}
      </h3>
      <dl className="facts">
        <dt>Identity type</dt>
        <dd>{item.identityType}</dd>
        {item.description ? (
          <>
            <dt>Description</dt>
            <dd>{item.description}</dd>
          </>
        ) : null}
        {item.manager ? (
          <>
            <dt>Manager</dt>
            <dd>{item.manager}</dd>
          </>
        ) : null}
        {item.owner ? (
          <>
            <dt>Owner</dt>
            <dd>{item.owner}</dd>
          </>
        ) : null}
        <dt>Source line</dt>
        <dd>{item.line}</dd>
        <dt>Decisions</dt>
        <dd>
          {history.length === 0 ? (
            'none yet'
          ) : (
            <ol className="ar-history">
              {history.map((d, i) => (
                <li key={i}>
                  {OUTCOME_LABELS[d.outcome]} by {d.actor} at {when(d.at)}
                  {d.via === 'no-response-default' ? ' (no-response default)' : ''}
                  {d.justification ? `: “${d.justification}”` : ''}
                </li>
              ))}
            </ol>
          )}
        </dd>
        {confirms.length > 0 ? (
          <>
            <dt>Change confirmed</dt>
            <dd>
              {confirms.map((c) => `${c.reference} by ${c.actor} at ${when(c.at)}`).join('; ')}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}

interface PanelProps {
  campaignId: string
  selectedItems: readonly ReviewItemRecord[]
  actor: string
  db: WorkspaceDb
  onDone: (message: string) => void
  /** Says what is being written (to the Items section's status line). */
  onStart: (message: string) => void
}

function DecidePanel({ campaignId, selectedItems, actor, db, onDone, onStart }: PanelProps) {
  const [outcome, setOutcome] = useState<Outcome>('keep')
  const [justification, setJustification] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const name = useId()
  const reason = justificationReason(selectedItems, outcome)
  const count = selectedItems.length

  const record = async () => {
    setError('')
    if (count === 0) {
      setError('Select the items to decide first (Space on a row in the list, or its row).')
      return
    }
    if (reason && justification.trim().length < 10) {
      setError(`${reason.replace(/^Required[^:]*: /, '')} Write the justification, then record.`)
      document.getElementById('ar-justification')?.focus()
      return
    }
    setBusy(true)
    onStart(`Recording ${OUTCOME_LABELS[outcome]} for ${plural(count, 'item')}, one decision each…`)
    try {
      const written = await recordDecisions(
        db,
        campaignId,
        selectedItems.map((i) => i.id),
        outcome,
        justification,
        actor,
      )
      setJustification('')
      onDone(`Recorded ${OUTCOME_LABELS[outcome]} for ${plural(written, 'item')}.`)
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel ar-panel" aria-labelledby="ar-decide-title">
      <h3 id="ar-decide-title">Decide</h3>
      <p className="ar-hint">
        Applies to the {plural(count, 'selected item')}; each gets its own decision and audit entry.
      </p>
      <fieldset className="ar-choice ar-inline">
        <legend>Decision</legend>
        {OUTCOMES.map((o) => (
          <div key={o} className="ar-radio">
            <input
              type="radio"
              id={`ar-outcome-${o}`}
              name={name}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <label htmlFor={`ar-outcome-${o}`}>{o.charAt(0).toUpperCase() + o.slice(1)}</label>
          </div>
        ))}
      </fieldset>
      <div className="ar-field">
        <label htmlFor="ar-justification">Justification</label>
        <p className="ar-hint" id="ar-justification-hint">
          {reason ?? 'Optional for this decision.'}
        </p>
        <textarea
          id="ar-justification"
          value={justification}
          aria-required={reason ? true : undefined}
          aria-describedby="ar-justification-hint"
          onChange={(e) => setJustification(e.target.value)}
        />
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => void record()}
      >
        Record decision
      </button>
      {busy ? (
        <p className="ar-hint">
          Recording {plural(count, 'decision')} with {count === 1 ? 'its' : 'their'} audit entries
          in one step…
        </p>
      ) : null}
    </section>
  )
}

function ReassignPanel({
  campaignId,
  selectedItems,
  reviewers,
  actor,
  db,
  onDone,
  onStart,
}: PanelProps & { reviewers: readonly string[] }) {
  const [to, setTo] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const listId = useId()
  const reassign = async () => {
    setError('')
    if (selectedItems.length === 0) {
      setError('Select the items to reassign first.')
      return
    }
    if (to.trim() === '') {
      setError('Name the reviewer to reassign to.')
      return
    }
    setBusy(true)
    onStart(`Reassigning ${plural(selectedItems.length, 'item')}…`)
    try {
      const moved = await reassignItems(
        db,
        campaignId,
        selectedItems.map((i) => i.id),
        to,
        actor,
      )
      setTo('')
      onDone(`Reassigned ${plural(moved, 'item')} to ${to.trim()}.`)
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel ar-panel" aria-labelledby="ar-reassign-title">
      <h3 id="ar-reassign-title">Reassign</h3>
      <div className="ar-field">
        <label htmlFor="ar-reassign-to">New reviewer</label>
        <input
          id="ar-reassign-to"
          type="text"
          autoComplete="off"
          list={listId}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <datalist id={listId}>
          {reviewers.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" disabled={busy} onClick={() => void reassign()}>
        Reassign selected items
      </button>
    </section>
  )
}

function ConfirmPanel({
  campaignId,
  selectedItems,
  latest,
  confirmed,
  actor,
  db,
  onDone,
  onStart,
}: PanelProps & { latest: ReadonlyMap<string, Decision>; confirmed: ReadonlySet<string> }) {
  const [reference, setReference] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setError('')
    if (selectedItems.length === 0) {
      setError(
        'Select the revoked or modified items first (Status filter: “Revoke or modify not yet confirmed”).',
      )
      return
    }
    const wrong = selectedItems.filter((i) => {
      const o = latest.get(i.id)?.outcome
      return o !== 'revoke' && o !== 'modify'
    })
    if (wrong.length > 0) {
      setError(
        `${plural(wrong.length, 'selected item')} ${wrong.length === 1 ? 'has' : 'have'} no revoke or modify decision (e.g. ${wrong[0]!.login}, ${wrong[0]!.entitlement}). Select only revoked or modified items.`,
      )
      return
    }
    if (reference.trim() === '') {
      setError('Give the ticket or change reference that carried out the change.')
      return
    }
    setBusy(true)
    onStart(`Confirming ${plural(selectedItems.length, 'change')}…`)
    try {
      const ids = selectedItems.filter((i) => !confirmed.has(i.id)).map((i) => i.id)
      const done = await confirmChanges(db, campaignId, ids, reference, actor)
      setReference('')
      onDone(`Confirmed ${plural(done, 'change')} as carried out (${reference.trim()}).`)
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel ar-panel" aria-labelledby="ar-confirm-changes-title">
      <h3 id="ar-confirm-changes-title">Confirm changes carried out</h3>
      <div className="ar-field">
        <label htmlFor="ar-reference">Change reference</label>
        <p className="ar-hint" id="ar-reference-hint">
          The ticket or change that revoked or modified the selected access.
        </p>
        <input
          id="ar-reference"
          type="text"
          autoComplete="off"
          aria-describedby="ar-reference-hint"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
        />
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
        Confirm changes carried out
      </button>
    </section>
  )
}

function GapsView({
  report,
  campaign,
  onShow,
}: {
  report: ReturnType<typeof gapReport>
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
      <div className="table-scroll">
        <table className="ar-table">
          <caption>Progress per reviewer</caption>
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col">Decided</th>
              <th scope="col">Items</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  )
}

function CloseView({
  campaign,
  items,
  decisions,
  canAct,
  actor,
  db,
}: {
  campaign: ReviewCampaignRecord
  items: readonly ReviewItem[]
  decisions: readonly Decision[]
  canAct: boolean
  actor: string
  db: WorkspaceDb
}) {
  const check = useMemo(() => checkClose(items, decisions), [items, decisions])
  const preview = useMemo(
    () => noResponseDecisions(items, decisions, campaign, actor, new Date().toISOString()),
    [items, decisions, campaign, actor],
  )
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const isOwner = actor === campaign.owner || actor.startsWith(`${campaign.owner} (`)
  const open = campaign.status === 'open'
  const pending = preview.decisions.length + preview.refused.length

  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
  }, [confirming])

  const applyDefault = async () => {
    setError('')
    setBusy(true)
    try {
      const r = await applyNoResponseDefault(db, campaign.id, actor)
      setConfirming(false)
      setMessage(
        `Applied the no-response default (${campaign.noResponseDefault}) to ${plural(r.applied, 'item')}.` +
          (r.refused > 0
            ? ` ${plural(r.refused, 'item')} privileged or stale ${r.refused === 1 ? 'needs' : 'need'} a person's decision.`
            : ''),
      )
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }

  const close = async () => {
    setError('')
    setBusy(true)
    try {
      await closeCampaign(db, campaign.id, actor)
      setMessage(`${campaign.name} is closed; its decisions can no longer change.`)
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel ar-section" aria-labelledby="ar-close-title">
      <h2 id="ar-close-title">Close the campaign</h2>
      <p role="status">{message}</p>
      {!open ? (
        <p>
          Closed {when(campaign.closedAt ?? '')} by {campaign.closedBy}. Change confirmations can
          still be added.
        </p>
      ) : check.canClose ? (
        <>
          <p>Every item has a keep, revoke or modify decision: the campaign can close.</p>
          {canAct ? (
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void close()}
            >
              Close campaign
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p>The campaign cannot close yet:</p>
          <ul>
            {check.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {pending > 0 && canAct ? (
            isOwner ? (
              confirming ? (
                <div className="ar-confirm" role="group" aria-labelledby="ar-default-q">
                  <p id="ar-default-q">
                    Record “{campaign.noResponseDefault}” as the decision for{' '}
                    {plural(preview.decisions.length, 'undecided or unsure item')}, each marked as
                    the no-response default with the due date in its justification?
                    {preview.refused.length > 0
                      ? ` ${plural(preview.refused.length, 'item')} privileged or stale will stay open: a keep default never covers them.`
                      : ''}
                  </p>
                  <div className="ar-actions">
                    <button
                      ref={confirmRef}
                      type="button"
                      className="button button-primary"
                      disabled={busy || preview.decisions.length === 0}
                      onClick={() => void applyDefault()}
                    >
                      Apply to {plural(preview.decisions.length, 'item')}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirming(false)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(true)}>
                  Apply the no-response default to the {plural(pending, 'undecided item')}
                </button>
              )
            ) : (
              <p>Only the owner ({campaign.owner}) can apply the no-response default.</p>
            )
          ) : null}
        </>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}

function ExportView({
  campaign,
  data,
  report,
}: {
  campaign: ReviewCampaignRecord
  data: CampaignData
  report: ReturnType<typeof gapReport>
}) {
  const host = useHost()
  const [message, setMessage] = useState('')
  const base = fileBase(campaign.name)
  const items = () => data.items.map(({ campaignId: _campaign, ...item }) => item)
  const save = async (name: string, text: () => string, kind: FileKind) => {
    try {
      const r = await host.saveFile(name, utf8(text()), { kind })
      setMessage(r.saved ? `Saved ${r.name}.` : `${name} was not saved.`)
    } catch (e) {
      setMessage(`${name} could not be saved: ${describe(e)}`)
    }
  }
  return (
    <section className="panel ar-section" aria-labelledby="ar-export-title">
      <h2 id="ar-export-title">Export</h2>
      <p className="ar-hint">
        Spreadsheet cells that start with =, +, - or @ are written as text, never as formulas.
      </p>
      <div className="ar-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            void save(
              `${base}-decisions.csv`,
              () => decisionsCsv(items(), data.decisions, data.confirmations),
              'csv',
            )
          }
        >
          Export decisions CSV
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void save(
              `${base}-decisions.json`,
              () => decisionsJson(items(), data.decisions, data.confirmations),
              'json',
            )
          }
        >
          Export decisions JSON
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void save(`${base}-gap-report.json`, () => gapReportJson(report), 'json')}
        >
          Export gap report JSON
        </button>
      </div>
      <p role="status">{message}</p>
    </section>
  )
}
