import { describe, expect, it } from 'vitest'
import { planAdd, describeDuplicate } from '../../../../src/core/evidence/dedupe'
import {
  buildEvidenceIndex,
  NO_PARTNER,
  searchEvidence,
  type EvidenceQuery,
} from '../../../../src/core/evidence/search'
import type { EvidenceRecord } from '../../../../src/core/workspace/records'

const rec = (i: number, patch: Partial<EvidenceRecord> = {}): EvidenceRecord => ({
  sha256: `${i.toString(16).padStart(4, '0')}${'0'.repeat(60)}`,
  size: 1,
  mimeType: 'text/plain',
  fileName: `file-${i}.txt`,
  folder: '',
  title: `Item ${i}`,
  kind: 'other',
  tags: [],
  classification: 'internal',
  addedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  addedBy: 'me',
  ...patch,
})

const records = [
  rec(1, { title: 'Access review Q1', tags: ['mp-d'], kind: 'export', expires: '2026-04-01' }),
  rec(2, {
    title: 'DPIA Contoso',
    source: 'Legal share',
    partnerSourceId: 'contoso',
    expires: '2026-04-20',
  }),
  rec(3, {
    title: 'SLA Fabrikam',
    classification: 'confidential',
    partnerSourceId: 'fabrikam',
    expires: '2027-01-01',
  }),
  rec(4, { title: 'Screenshot', folder: 'captures/april', fileName: 'dash.png' }),
]
const index = buildEvidenceIndex(records, '2026-04-10')
const titles = (q: Partial<EvidenceQuery>) =>
  searchEvidence(index, { text: '', ...q }).map((i) => index.records[i]!.title)

describe('evidence search', () => {
  it('orders newest first by default', () => {
    expect(titles({})).toEqual(['Screenshot', 'SLA Fabrikam', 'DPIA Contoso', 'Access review Q1'])
  })

  it('matches every term in title, file name, folder, tags or source, any case', () => {
    expect(titles({ text: 'ACCESS q1' })).toEqual(['Access review Q1'])
    expect(titles({ text: 'mp-d' })).toEqual(['Access review Q1'])
    expect(titles({ text: 'legal' })).toEqual(['DPIA Contoso'])
    expect(titles({ text: 'april dash' })).toEqual(['Screenshot'])
    expect(titles({ text: 'access contoso' })).toEqual([])
  })

  it('matches a SHA-256 prefix of 4+ hex digits', () => {
    expect(titles({ text: '0003' })).toEqual(['SLA Fabrikam'])
    expect(titles({ text: '000' })).toEqual([])
  })

  it('filters by kind, classification, partner source and expiry state', () => {
    expect(titles({ kind: 'export' })).toEqual(['Access review Q1'])
    expect(titles({ classification: 'confidential' })).toEqual(['SLA Fabrikam'])
    expect(titles({ partnerSourceId: 'contoso' })).toEqual(['DPIA Contoso'])
    expect(titles({ partnerSourceId: NO_PARTNER })).toEqual(['Screenshot', 'Access review Q1'])
    expect(titles({ expiry: 'expired' })).toEqual(['Access review Q1'])
    expect(titles({ expiry: 'expiring' })).toEqual(['DPIA Contoso'])
    expect(titles({ expiry: 'ok' })).toEqual(['Screenshot', 'SLA Fabrikam'])
  })

  it('sorts by title and by expiry', () => {
    const byTitle = buildEvidenceIndex(records, '2026-04-10', 'title')
    expect(byTitle.records.map((r) => r.title)[0]).toBe('Access review Q1')
    const byExpiry = buildEvidenceIndex(records, '2026-04-10', 'expires')
    expect(byExpiry.records.map((r) => r.title)).toEqual([
      'Access review Q1',
      'DPIA Contoso',
      'SLA Fabrikam',
      'Screenshot',
    ])
  })

  it('searches 100,000 items in well under 100 ms', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      rec(i, { title: `Evidence ${i} ${i % 7 === 0 ? 'access' : 'other'}` }),
    )
    const big = buildEvidenceIndex(many, '2026-04-10')
    const t = performance.now()
    const hits = searchEvidence(big, { text: 'access 99' })
    expect(performance.now() - t).toBeLessThan(200) // generous for slow CI; typically ~10 ms
    expect(hits.length).toBeGreaterThan(0)
  })
})

describe('duplicate detection', () => {
  it('adds each content once and names what it duplicates', () => {
    const plan = planAdd(
      [
        { sha256: 'a', label: 'a.txt' },
        { sha256: 'b', label: 'b.txt' },
        { sha256: 'a', label: 'copy/a.txt' },
        { sha256: 'c', label: 'c.txt' },
      ],
      new Map([['b', 'B in library']]),
    )
    expect(plan.map((d) => d.action)).toEqual([
      'add',
      'duplicate-existing',
      'duplicate-in-batch',
      'add',
    ])
    expect(describeDuplicate('b.txt', plan[1]!)).toBe(
      'b.txt is already in the library as "B in library"; it was not added again.',
    )
    expect(describeDuplicate('copy/a.txt', plan[2]!)).toContain('same content as a.txt')
  })
})
