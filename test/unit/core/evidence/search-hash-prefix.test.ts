// The search index (the hash prefix buckets, the texts and expiry states computed once per
// record, the faster newest-first sort) must change how fast items are found, never what is
// found: searchEvidence is compared, on generated libraries and queries, with a plain filter
// that tests every record as documented (every term in the search text, or a 4+ hex digit term
// at the start of the hash).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expiryState } from '../../../../src/core/evidence/expiry'
import {
  buildEvidenceIndex,
  EVIDENCE_SORTS,
  findByHashPrefix,
  NO_PARTNER,
  prepareForIndex,
  queryTerms,
  searchEvidence,
  searchText,
  sortEvidence,
  type EvidenceQuery,
  type EvidenceSort,
} from '../../../../src/core/evidence/search'
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  type EvidenceRecord,
} from '../../../../src/core/workspace/records'

const TODAY = '2026-04-10'

/** The documented order, compared field by field on the records themselves. */
function plainOrder(records: readonly EvidenceRecord[], sort: EvidenceSort): EvidenceRecord[] {
  if (sort !== 'added') return sortEvidence(records, sort)
  return records
    .slice()
    .sort((a, b) =>
      a.addedAt === b.addedAt ? (a.sha256 < b.sha256 ? -1 : 1) : a.addedAt < b.addedAt ? 1 : -1,
    )
}

/** The documented search, record by record, without any index. */
function plainSearch(
  records: readonly EvidenceRecord[],
  sort: EvidenceSort,
  q: EvidenceQuery,
): string[] {
  const terms = queryTerms(q.text)
  return plainOrder(records, sort)
    .filter((r) => {
      if (q.kind && r.kind !== q.kind) return false
      if (q.classification && r.classification !== q.classification) return false
      if (q.partnerSourceId === NO_PARTNER && r.partnerSourceId) return false
      if (
        q.partnerSourceId !== undefined &&
        q.partnerSourceId !== NO_PARTNER &&
        r.partnerSourceId !== q.partnerSourceId
      )
        return false
      const e = expiryState(r.expires, TODAY)
      if (q.expiry === 'ok' && (e === 'expiring' || e === 'expired')) return false
      if (q.expiry && q.expiry !== 'ok' && e !== q.expiry) return false
      const text = searchText(r)
      return terms.every(
        (t) => text.includes(t) || (/^[0-9a-f]{4,64}$/.test(t) && r.sha256.startsWith(t)),
      )
    })
    .map((r) => r.sha256)
}

const HEX = [...'0123456789abcdef']
const hexString = (min: number, max: number, digits = HEX) =>
  fc.string({ unit: fc.constantFrom(...digits), minLength: min, maxLength: max })

// Hashes crowded into few buckets (shared prefixes), ordinary ones, and stored values the
// workbench would never write (short, upper case, not hex) that no prefix search may match.
const sha256 = fc.oneof(
  { weight: 2, arbitrary: hexString(64, 64, ['0', 'f']) },
  { weight: 4, arbitrary: hexString(64, 64, ['0', '1', 'a', 'f']) },
  { weight: 4, arbitrary: hexString(64, 64) },
  { weight: 1, arbitrary: hexString(64, 64).map((s) => s.toUpperCase()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: hexString(0, 6) },
)

// Words that are hex themselves, so a hex term can match the text and the hash at once.
const WORDS = [
  'decade',
  'cafe',
  'face',
  'beef',
  'added',
  'access',
  'review',
  'dpia',
  'a0f1',
  '2026',
]
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(' '))

const record = fc.record({
  sha256,
  title: words,
  fileName: words.map((w) => `${w.replace(/ /g, '-')}.pdf`),
  folder: fc.constantFrom('', 'audits/2026', 'beef'),
  tags: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }),
  source: fc.option(fc.constantFrom('Legal share', 'MP-D-17'), { nil: undefined }),
  kind: fc.constantFrom(...EVIDENCE_KINDS),
  classification: fc.constantFrom(...CLASSIFICATIONS),
  partnerSourceId: fc.option(fc.constantFrom('contoso', 'fabrikam'), { nil: undefined }),
  // Around each edge of the expiry states for TODAY, and a date that does not exist.
  expires: fc.option(
    fc.constantFrom('2026-04-09', '2026-04-10', '2026-05-10', '2026-05-11', '2026-02-30', ''),
    { nil: undefined },
  ),
  addedAt: fc
    .integer({ min: 0, max: 50 })
    .map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString()),
})

const library = fc.uniqueArray(record, { selector: (r) => r.sha256, maxLength: 60 }).map((rs) =>
  rs.map((r): EvidenceRecord => {
    const out: EvidenceRecord = {
      ...r,
      size: 1,
      mimeType: 'application/pdf',
      addedBy: 'me',
    }
    for (const k of ['source', 'partnerSourceId', 'expires'] as const)
      if (out[k] === undefined) delete out[k]
    return out
  }),
)

/** A term: a prefix of some stored hash (any length, any case), random hex, or a word. */
const term = (records: EvidenceRecord[]) => {
  const other = [hexString(1, 70), fc.constantFrom(...WORDS, 'mp-d', 'zzz')]
  if (records.length === 0) return fc.oneof(...other)
  const prefix = fc
    .tuple(fc.nat(records.length - 1), fc.integer({ min: 1, max: 66 }), fc.boolean())
    .map(([i, n, upper]) => {
      const p = records[i]!.sha256.slice(0, n)
      return upper ? p.toUpperCase() : p
    })
  return fc.oneof(prefix, ...other)
}

/** Mostly absent, so most queries are text alone. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb })

const query = (records: EvidenceRecord[]) =>
  fc
    .record({
      text: fc
        .array(term(records), { minLength: 1, maxLength: 3 })
        .map((ts) => ts.filter((t) => t.trim() !== '').join('  ')),
      kind: sometimes(fc.constantFrom(...EVIDENCE_KINDS)),
      classification: sometimes(fc.constantFrom(...CLASSIFICATIONS)),
      partnerSourceId: sometimes(fc.constantFrom('contoso', NO_PARTNER)),
      expiry: sometimes(fc.constantFrom('ok' as const, 'expiring' as const, 'expired' as const)),
    })
    .map((q) => {
      const out: EvidenceQuery = { text: q.text }
      if (q.kind) out.kind = q.kind
      if (q.classification) out.classification = q.classification
      if (q.partnerSourceId) out.partnerSourceId = q.partnerSourceId
      if (q.expiry) out.expiry = q.expiry
      return out
    })

describe('the SHA-256 prefix index', () => {
  it('finds exactly the records whose hash starts with a 4+ hex digit prefix', () => {
    fc.assert(
      fc.property(
        library.chain((rs) => fc.tuple(fc.constant(rs), fc.array(term(rs), { maxLength: 5 }))),
        ([records, terms]) => {
          const index = buildEvidenceIndex(records, TODAY)
          for (const raw of terms) {
            const t = raw.toLowerCase()
            if (!/^[0-9a-f]{4,64}$/.test(t)) continue
            const expected = index.records
              .map((r, i) => (r.sha256.startsWith(t) ? i : -1))
              .filter((i) => i >= 0)
            expect(findByHashPrefix(index, t)).toEqual(expected)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('leaves searchEvidence answering exactly as a plain filter over every record', () => {
    fc.assert(
      fc.property(
        library.chain((rs) => fc.tuple(fc.constant(rs), query(rs), fc.boolean())),
        ([records, q, ahead]) => {
          // The same record objects in every order: what was computed for one index (or ahead,
          // as while a library loads) serves the next.
          if (ahead) prepareForIndex(records)
          for (const sort of EVIDENCE_SORTS) {
            const index = buildEvidenceIndex(records, TODAY, sort)
            const found = searchEvidence(index, q).map((i) => index.records[i]!.sha256)
            expect(found).toEqual(plainSearch(records, sort, q))
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('finds one hash among 100,000 by its first 4, 8 and 64 digits', () => {
    const records = Array.from({ length: 100_000 }, (_, i): EvidenceRecord => {
      const sha = (i * 2654435761).toString(16).padStart(8, '0').slice(-8).repeat(8)
      return {
        sha256: sha,
        size: 1,
        mimeType: 'text/plain',
        fileName: `f${i}.txt`,
        folder: '',
        title: `Item ${i}`,
        kind: 'other',
        tags: [],
        classification: 'internal',
        addedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        addedBy: 'me',
      }
    })
    const index = buildEvidenceIndex(records, TODAY)
    const wanted = records[73_421]!.sha256
    for (const n of [4, 8, 64]) {
      const q = { text: wanted.slice(0, n).toUpperCase() }
      const expected = plainSearch(records, 'added', q)
      expect(expected).toContain(wanted)
      expect(searchEvidence(index, q).map((i) => index.records[i]!.sha256)).toEqual(expected)
    }
  })
})
