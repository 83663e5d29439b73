// Search and filters over the evidence library, fast enough for 100,000 items on every
// keystroke: the index is built once per change of the records (one lower-cased text per item,
// its expiry state for today, and the items bucketed by the start of their SHA-256), and a query
// is one pass of substring tests over it. What the index needs of each record is computed once
// per record object (records are never changed in place: an edit makes a new object), and can
// be computed ahead, page by page while a library loads (prepareForIndex).
//
// Text: every whitespace-separated term must occur in the title, file name, folder, tags or
// source (case-insensitive); a term of 4+ hex digits also matches a SHA-256 that starts with it.
// Those hashes are looked up in the hash prefix index, not tested one by one.
import type { Classification, EvidenceKind, EvidenceRecord } from '../workspace/records'
import { dayNumber, expiryStateForDays, type ExpiryState } from './expiry'

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
  readonly hashes: HashPrefixIndex
}

/**
 * Positions into `records`, grouped by the first four hex digits of their SHA-256 (a counting
 * sort into 65,536 buckets): bucket b holds positions[starts[b]] up to positions[starts[b + 1]],
 * ascending. A record whose hash does not start with four lower-case hex digits is in no bucket,
 * as no hex term of four or more digits can be a prefix of it.
 */
export interface HashPrefixIndex {
  readonly starts: Uint32Array
  readonly positions: Uint32Array
}

const BUCKETS = 0x10000

/** The bucket of a string's first four characters, or -1 unless they are lower-case hex. */
function hexBucket(s: string): number {
  if (s.length < 4) return -1
  let b = 0
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i)
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1
    if (d < 0) return -1
    b = b * 16 + d
  }
  return b
}

export function buildHashPrefixIndex(records: readonly EvidenceRecord[]): HashPrefixIndex {
  const bucket = new Int32Array(records.length)
  const starts = new Uint32Array(BUCKETS + 1)
  for (let i = 0; i < records.length; i++) {
    const b = hexBucket(records[i]!.sha256)
    bucket[i] = b
    if (b >= 0) starts[b + 1]!++
  }
  for (let b = 1; b <= BUCKETS; b++) starts[b]! += starts[b - 1]!
  const next = starts.slice(0, BUCKETS)
  const positions = new Uint32Array(starts[BUCKETS]!)
  for (let i = 0; i < records.length; i++) {
    const b = bucket[i]!
    if (b >= 0) positions[next[b]!++] = i
  }
  return { starts, positions }
}

/** Positions of the records whose SHA-256 starts with `prefix` (4+ lower-case hex digits). */
export function findByHashPrefix(index: EvidenceIndex, prefix: string): number[] {
  const b = hexBucket(prefix)
  if (b < 0) return []
  const { starts, positions } = index.hashes
  const out: number[] = []
  for (let j = starts[b]!; j < starts[b + 1]!; j++) {
    const pos = positions[j]!
    if (index.records[pos]!.sha256.startsWith(prefix)) out.push(pos)
  }
  return out
}

export function searchText(r: EvidenceRecord): string {
  return [r.title, r.fileName, r.folder, r.tags.join(' '), r.source ?? ''].join('\n').toLowerCase()
}

interface Prepared {
  readonly text: string
  /** The expiry date as days since 1970-01-01, if it has a valid one. */
  readonly expires: number | undefined
}

const prepared = new WeakMap<EvidenceRecord, Prepared>()

function prepare(r: EvidenceRecord): Prepared {
  let p = prepared.get(r)
  if (!p) {
    p = { text: searchText(r), expires: r.expires ? dayNumber(r.expires) : undefined }
    prepared.set(r, p)
  }
  return p
}

/**
 * Computes what the index needs of each record now rather than in buildEvidenceIndex, e.g.
 * page by page while the library loads, so that building the index is then mostly sorting.
 */
export function prepareForIndex(records: readonly EvidenceRecord[]): void {
  for (const r of records) prepare(r)
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

export function sortEvidence(
  records: readonly EvidenceRecord[],
  sort: EvidenceSort,
): EvidenceRecord[] {
  if (sort === 'added') {
    // ISO times compare correctly as strings; newest first, then by hash for a stable order.
    // The keys are copied into plain arrays first: sorting positions over them is about twice
    // as fast in Chromium as comparing the records' own properties.
    const added = records.map((r) => r.addedAt)
    const sha = records.map((r) => r.sha256)
    const order = Array.from(records, (_, i) => i).sort((a, b) =>
      added[a] === added[b] ? (sha[a]! < sha[b]! ? -1 : 1) : added[a]! < added[b]! ? 1 : -1,
    )
    return order.map((i) => records[i]!)
  }
  const out = records.slice()
  if (sort === 'title')
    out.sort((a, b) => collator.compare(a.title, b.title) || (a.sha256 < b.sha256 ? -1 : 1))
  else
    // Soonest expiry first; items without one last.
    out.sort((a, b) => {
      const x = a.expires ?? '9999-99-99'
      const y = b.expires ?? '9999-99-99'
      return x === y ? collator.compare(a.title, b.title) : x < y ? -1 : 1
    })
  return out
}

export function buildEvidenceIndex(
  records: readonly EvidenceRecord[],
  today: string,
  sort: EvidenceSort = 'added',
): EvidenceIndex {
  const sorted = sortEvidence(records, sort)
  const day = dayNumber(today)
  const haystacks = new Array<string>(sorted.length)
  const expiry = new Array<ExpiryState>(sorted.length)
  for (let i = 0; i < sorted.length; i++) {
    const p = prepare(sorted[i]!)
    haystacks[i] = p.text
    expiry[i] = expiryStateForDays(
      p.expires === undefined || day === undefined ? undefined : p.expires - day,
    )
  }
  return { records: sorted, haystacks, expiry, today, hashes: buildHashPrefixIndex(sorted) }
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
  // Per term, the positions whose hash starts with it (hex terms with any such hash only).
  const byHash = terms.map((t) => {
    if (!/^[0-9a-f]{4,64}$/.test(t)) return undefined
    const found = findByHashPrefix(index, t)
    return found.length > 0 ? new Set(found) : undefined
  })
  const { records, haystacks, expiry } = index
  const filtered = !!query.kind || !!query.classification || query.partnerSourceId !== undefined
  const out: number[] = []
  outer: for (let i = 0; i < records.length; i++) {
    if (filtered) {
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
    }
    if (query.expiry) {
      const e = expiry[i]!
      if (query.expiry === 'ok' ? e === 'expiring' || e === 'expired' : e !== query.expiry) continue
    }
    const hay = haystacks[i]!
    for (let t = 0; t < terms.length; t++) {
      if (hay.includes(terms[t]!)) continue
      if (byHash[t]?.has(i)) continue
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
