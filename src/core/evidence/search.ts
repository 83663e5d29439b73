// Search and filters over the evidence library, fast enough for 100,000 items on every
// keystroke: the index is built once per change of the records (one lower-cased text per item
// and its expiry state for today), and a query is one pass of substring tests over it.
//
// Text: every whitespace-separated term must occur in the title, file name, folder, tags or
// source (case-insensitive); a term of 4+ hex digits also matches a SHA-256 that starts with it.
import type { Classification, EvidenceKind, EvidenceRecord } from '../workspace/records'
import { expiryState, type ExpiryState } from './expiry'

export interface EvidenceQuery {
  text: string
  kind?: EvidenceKind
  classification?: Classification
  /** A partner source id, or NO_PARTNER for items linked to none. */
  partnerSourceId?: string
  /** 'ok' here means "not expiring or expired" (including items with no expiry date). */
  expiry?: Exclude<ExpiryState, 'none'>
}

export const NO_PARTNER = '\u0000none'

export const EVIDENCE_SORTS = ['added', 'title', 'expires'] as const
export type EvidenceSort = (typeof EVIDENCE_SORTS)[number]

export interface EvidenceIndex {
  /** Records in the chosen order. */
  readonly records: readonly EvidenceRecord[]
  readonly haystacks: readonly string[]
  readonly expiry: readonly ExpiryState[]
  readonly today: string
}

export function searchText(r: EvidenceRecord): string {
  return [r.title, r.fileName, r.folder, r.tags.join(' '), r.source ?? ''].join('\n').toLowerCase()
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

export function sortEvidence(
  records: readonly EvidenceRecord[],
  sort: EvidenceSort,
): EvidenceRecord[] {
  const out = records.slice()
  switch (sort) {
    case 'added':
      // ISO times compare correctly as strings; newest first, then by hash for a stable order.
      out.sort((a, b) =>
        a.addedAt === b.addedAt ? (a.sha256 < b.sha256 ? -1 : 1) : a.addedAt < b.addedAt ? 1 : -1,
      )
      break
    case 'title':
      out.sort((a, b) => collator.compare(a.title, b.title) || (a.sha256 < b.sha256 ? -1 : 1))
      break
    case 'expires':
      // Soonest expiry first; items without one last.
      out.sort((a, b) => {
        const x = a.expires ?? '9999-99-99'
        const y = b.expires ?? '9999-99-99'
        return x === y ? collator.compare(a.title, b.title) : x < y ? -1 : 1
      })
      break
  }
  return out
}

export function buildEvidenceIndex(
  records: readonly EvidenceRecord[],
  today: string,
  sort: EvidenceSort = 'added',
): EvidenceIndex {
  const sorted = sortEvidence(records, sort)
  return {
    records: sorted,
    haystacks: sorted.map(searchText),
    expiry: sorted.map((r) => expiryState(r.expires, today)),
    today,
  }
}

export function queryTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean)
}

export const isEmptyQuery = (q: EvidenceQuery): boolean =>
  queryTerms(q.text).length === 0 &&
  !q.kind &&
  !q.classification &&
  q.partnerSourceId === undefined &&
  !q.expiry

/** Positions (into index.records) of the items that match, in the index's order. */
export function searchEvidence(index: EvidenceIndex, query: EvidenceQuery): number[] {
  const terms = queryTerms(query.text)
  const hexTerms = terms.map((t) => (/^[0-9a-f]{4,64}$/.test(t) ? t : undefined))
  const { records, haystacks, expiry } = index
  const out: number[] = []
  outer: for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    if (query.kind && r.kind !== query.kind) continue
    if (query.classification && r.classification !== query.classification) continue
    if (query.partnerSourceId !== undefined) {
      if (
        query.partnerSourceId === NO_PARTNER
          ? r.partnerSourceId
          : r.partnerSourceId !== query.partnerSourceId
      ) {
        continue
      }
    }
    if (query.expiry) {
      const e = expiry[i]!
      if (query.expiry === 'ok' ? e === 'expiring' || e === 'expired' : e !== query.expiry) continue
    }
    const hay = haystacks[i]!
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!
      if (hay.includes(term)) continue
      const hex = hexTerms[t]
      if (hex && r.sha256.startsWith(hex)) continue
      continue outer
    }
    out.push(i)
  }
  return out
}

/** Counts per expiry state, for the summary above the list. */
export function expiryCounts(index: EvidenceIndex): Record<ExpiryState, number> {
  const counts: Record<ExpiryState, number> = { none: 0, ok: 0, expiring: 0, expired: 0 }
  for (const e of index.expiry) counts[e]++
  return counts
}
