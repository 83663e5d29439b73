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
import { SelectField } from '../components/SelectField'

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
      <SelectField
        id="evidence-kind"
        label="Kind"
        value={query.kind ?? ''}
        onChange={(v) => set({ kind: (v || undefined) as EvidenceQuery['kind'] })}
        options={[
          { value: '', label: 'Any' },
          ...EVIDENCE_KINDS.map((k) => ({ value: k, label: k })),
        ]}
      />
      <SelectField
        id="evidence-classification"
        label="Classification"
        value={query.classification ?? ''}
        onChange={(v) =>
          set({ classification: (v || undefined) as EvidenceQuery['classification'] })
        }
        options={[
          { value: '', label: 'Any' },
          ...CLASSIFICATIONS.map((c) => ({ value: c, label: c })),
        ]}
      />
      <SelectField
        id="evidence-partner"
        label="Partner source"
        value={query.partnerSourceId ?? ''}
        onChange={(v) => set({ partnerSourceId: v || undefined })}
        options={[
          { value: '', label: 'Any' },
          { value: NO_PARTNER, label: 'None linked' },
          ...partnerSources.map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <SelectField
        id="evidence-expiry"
        label="Expiry"
        value={query.expiry ?? ''}
        onChange={(v) => set({ expiry: (v || undefined) as EvidenceQuery['expiry'] })}
        options={[
          { value: '', label: 'Any' },
          { value: 'ok', label: 'Valid (not expiring)' },
          { value: 'expiring', label: `Expiring within ${EXPIRING_WITHIN_DAYS} days` },
          { value: 'expired', label: 'Expired' },
        ]}
      />
      <SelectField
        id="evidence-sort"
        label="Order"
        value={sort}
        onChange={(v) => onSort(v as EvidenceSort)}
        options={EVIDENCE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
      />
      <div className="field evidence-clear">
        <button type="button" className="button" onClick={() => onQuery({ text: '' })}>
          Clear filters
        </button>
      </div>
    </div>
  )
}
