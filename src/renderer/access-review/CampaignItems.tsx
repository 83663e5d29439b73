// A campaign's Items section: the filters, the multi-select list, the active item's details and
// the panels that act on the selection (decide, reassign, confirm changes).
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type Ref } from 'react'
import { RISK_FLAGS, type ChangeConfirmation, type Decision } from '../../core/access-review'
import type {
  ReviewCampaignRecord,
  ReviewItemRecord,
} from '../../core/access-review/review-records'
import { SelectField, type SelectOption } from '../components/SelectField'
import type { WorkspaceDb } from '../data/workspace-db'
import type { ItemActionProps } from './ActionPanel'
import { ConfirmChangesPanel } from './ConfirmChangesPanel'
import { DecidePanel } from './DecidePanel'
import { ItemDetails } from './ItemDetails'
import { ReassignPanel } from './ReassignPanel'
import { ReviewItemList } from './ReviewItemList'
import { n, plural } from './review-text'
import { FLAG_LABELS, screenItems, STATUS_CHOICES, type ScreenFilter } from './review-view'

/** The choices of a filter: "any" first, then each value found in the items. */
const choicesOf = (any: string, values: readonly string[]): SelectOption[] => [
  { value: '', label: any },
  ...values.map((v) => ({ value: v, label: v })),
]

const FLAG_CHOICES: SelectOption[] = [
  { value: '', label: 'Any or none' },
  ...RISK_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] })),
]

const sortedUnique = (values: readonly string[]) =>
  [...new Set(values)].sort((a, b) => a.localeCompare(b))

export function CampaignItems({
  campaign,
  items,
  decisions,
  confirmations,
  latest,
  confirmed,
  filter,
  setFilter,
  headingRef,
  canAct,
  actor,
  db,
}: {
  campaign: ReviewCampaignRecord
  items: readonly ReviewItemRecord[]
  decisions: readonly Decision[]
  confirmations: readonly ChangeConfirmation[]
  latest: ReadonlyMap<string, Decision>
  confirmed: ReadonlySet<string>
  filter: ScreenFilter
  setFilter: (update: (f: ScreenFilter) => ScreenFilter) => void
  /** The section's heading, focused when another section filters the list. */
  headingRef: Ref<HTMLHeadingElement>
  canAct: boolean
  actor: string
  db: WorkspaceDb
}) {
  const open = campaign.status === 'open'
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items])
  const deferredFilter = useDeferredValue(filter)
  const shown = useMemo(
    () => screenItems(items, latest, confirmed, deferredFilter),
    [items, latest, confirmed, deferredFilter],
  )
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [activeId, setActiveId] = useState<string>()
  const [status, setStatus] = useState('')
  const listTitle = useId()
  const listHint = useId()

  const applications = useMemo(() => sortedUnique(items.map((i) => i.application)), [items])
  const reviewers = useMemo(() => sortedUnique(items.map((i) => i.reviewer)), [items])
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
  const setF = (change: Partial<ScreenFilter>) => setFilter((f) => ({ ...f, ...change }))
  const filters: {
    key: 'application' | 'reviewer' | 'flag' | 'status'
    id: string
    label: string
    options: readonly SelectOption[]
  }[] = [
    {
      key: 'application',
      id: 'ar-filter-app',
      label: 'Application',
      options: choicesOf('All applications', applications),
    },
    {
      key: 'reviewer',
      id: 'ar-filter-reviewer',
      label: 'Reviewer',
      options: choicesOf('All reviewers', reviewers),
    },
    { key: 'flag', id: 'ar-filter-flag', label: 'Risk flag', options: FLAG_CHOICES },
    { key: 'status', id: 'ar-filter-status', label: 'Status', options: STATUS_CHOICES },
  ]
  const activeItem = activeId ? byId.get(activeId) : undefined
  const panel: ItemActionProps = {
    campaignId: campaign.id,
    selectedItems,
    actor,
    db,
    onStart: setStatus,
    onDone: (message) => {
      setStatus(message)
      setSelected(new Set())
    },
  }

  return (
    <section className="ar-section" aria-labelledby={listTitle}>
      <h2 id={listTitle} tabIndex={-1} ref={headingRef}>
        Items
      </h2>
      <div className="ar-filters" role="search" aria-label="Filter the items">
        <div className="ws-field">
          <label htmlFor="ar-search">Search items</label>
          <input
            id="ar-search"
            type="search"
            autoComplete="off"
            value={filter.text}
            onChange={(e) => setF({ text: e.target.value })}
          />
        </div>
        {filters.map((f) => (
          <SelectField
            key={f.id}
            className="ws-field"
            id={f.id}
            label={f.label}
            value={filter[f.key]}
            onChange={(v) => setF({ [f.key]: v } as Partial<ScreenFilter>)}
            options={f.options}
          />
        ))}
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
        <p id={listHint} className="ws-hint" aria-live="polite">
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
      {activeItem ? (
        <ItemDetails item={activeItem} decisions={decisions} confirmations={confirmations} />
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {canAct ? (
        <div className="ar-actions-grid">
          {open ? <DecidePanel {...panel} /> : null}
          {open ? <ReassignPanel {...panel} reviewers={reviewers} /> : null}
          <ConfirmChangesPanel {...panel} latest={latest} confirmed={confirmed} />
        </div>
      ) : null}
    </section>
  )
}
