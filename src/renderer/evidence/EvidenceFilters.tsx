// Search box and filters above the library list. Every control has a visible label; the
// search runs as you type (no button), and "Clear" resets everything.
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  type PartnerSourceRecord,
} from '../../core/workspace/records'
import { EXPIRING_WITHIN_DAYS } from '../../core/evidence/expiry'
import {
  EVIDENCE_SORTS,
  NO_PARTNER,
  type EvidenceQuery,
  type EvidenceSort,
} from '../../core/evidence/search'

const SORT_LABELS: Record<EvidenceSort, string> = {
  added: 'Newest first',
  title: 'Title A–Z',
  expires: 'Expiry, soonest first',
}

export interface EvidenceFiltersProps {
  query: EvidenceQuery
  sort: EvidenceSort
  partnerSources: readonly PartnerSourceRecord[]
  onQuery: (q: EvidenceQuery) => void
  onSort: (s: EvidenceSort) => void
}

export function EvidenceFilters({
  query,
  sort,
  partnerSources,
  onQuery,
  onSort,
}: EvidenceFiltersProps) {
  const set = (patch: Partial<EvidenceQuery>) => {
    const next: EvidenceQuery = { ...query, ...patch }
    for (const k of Object.keys(patch) as (keyof EvidenceQuery)[]) {
      if (next[k] === '' && k !== 'text') delete next[k]
    }
    onQuery(next)
  }
  return (
    <div className="evidence-filters" role="search" aria-label="Evidence">
      <div className="field evidence-search">
        <label htmlFor="evidence-search">Search</label>
        <input
          id="evidence-search"
          type="search"
          value={query.text}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="evidence-search-hint"
          onChange={(e) => set({ text: e.target.value })}
        />
        <span id="evidence-search-hint" className="muted small">
          Title, file name, tags, source or the start of a SHA-256
        </span>
      </div>
      <div className="field">
        <label htmlFor="evidence-kind">Kind</label>
        <select
          id="evidence-kind"
          value={query.kind ?? ''}
          onChange={(e) => set({ kind: (e.target.value || undefined) as EvidenceQuery['kind'] })}
        >
          <option value="">Any</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="evidence-classification">Classification</label>
        <select
          id="evidence-classification"
          value={query.classification ?? ''}
          onChange={(e) =>
            set({
              classification: (e.target.value || undefined) as EvidenceQuery['classification'],
            })
          }
        >
          <option value="">Any</option>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="evidence-partner">Partner source</label>
        <select
          id="evidence-partner"
          value={query.partnerSourceId ?? ''}
          onChange={(e) => set({ partnerSourceId: e.target.value || undefined })}
        >
          <option value="">Any</option>
          <option value={NO_PARTNER}>None linked</option>
          {partnerSources.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="evidence-expiry">Expiry</label>
        <select
          id="evidence-expiry"
          value={query.expiry ?? ''}
          onChange={(e) =>
            set({ expiry: (e.target.value || undefined) as EvidenceQuery['expiry'] })
          }
        >
          <option value="">Any</option>
          <option value="ok">Valid (not expiring)</option>
          <option value="expiring">Expiring within {EXPIRING_WITHIN_DAYS} days</option>
          <option value="expired">Expired</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="evidence-sort">Order</label>
        <select
          id="evidence-sort"
          value={sort}
          onChange={(e) => onSort(e.target.value as EvidenceSort)}
        >
          {EVIDENCE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field evidence-clear">
        <button type="button" className="button" onClick={() => onQuery({ text: '' })}>
          Clear filters
        </button>
      </div>
    </div>
  )
}
