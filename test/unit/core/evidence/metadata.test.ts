import { describe, expect, it } from 'vitest'
import {
  defaultMetadata,
  draftFrom,
  parseTags,
  titleFromFileName,
  validateMetadata,
  withMetadata,
  type MetadataDraft,
} from '../../../../src/core/evidence/metadata'
import type { EvidenceRecord } from '../../../../src/core/workspace/records'

const draft = (patch: Partial<MetadataDraft> = {}): MetadataDraft => ({
  title: 'Access review export',
  kind: 'export',
  source: '',
  partnerSourceId: '',
  collectedBy: '',
  collectedAt: '',
  effectiveDate: '',
  expires: '',
  tags: '',
  classification: 'internal',
  ...patch,
})

const codes = (d: MetadataDraft, opts = {}) => {
  const r = validateMetadata(d, { now: new Date('2026-04-10T12:00:00Z'), ...opts })
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)
}

describe('evidence metadata', () => {
  it('starts from the file: title, kind, MIME type, classification internal, collected at', () => {
    const m = defaultMetadata({
      fileName: 'q3_access-export.csv',
      reportedType: '',
      lastModified: Date.UTC(2026, 2, 31, 14, 30),
    })
    expect(m).toEqual({
      mimeType: 'text/csv',
      title: 'Q3 access export',
      kind: 'export',
      tags: [],
      classification: 'internal',
      collectedAt: '2026-03-31T14:30:00.000Z',
    })
    expect(defaultMetadata({ fileName: 'screen.png', reportedType: 'image/png' }).kind).toBe(
      'screenshot',
    )
    expect(defaultMetadata({ fileName: 'DPIA-MP-D.pdf', reportedType: '' }).kind).toBe('policy')
    expect(titleFromFileName('.env')).toBe('.env')
  })

  it('parses tags: trimmed, empty dropped, duplicates once whatever their case', () => {
    expect(parseTags(' a, b ,A,, c ')).toEqual(['a', 'b', 'c'])
  })

  it('accepts a complete draft and leaves empty fields out', () => {
    const r = validateMetadata(
      draft({
        source: ' SIEM ',
        collectedAt: '2026-03-31T14:30',
        effectiveDate: '2026-04-01',
        expires: '2027-03-31',
        tags: 'q1, access',
      }),
      { now: new Date('2026-04-10T12:00:00Z') },
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.source).toBe('SIEM')
    expect(r.value.tags).toEqual(['q1', 'access'])
    expect(r.value.collectedAt).toMatch(/^2026-03-3\dT\d\d:30:00\.000Z$/)
    expect('partnerSourceId' in r.value).toBe(false)
  })

  it('reports each problem on its field', () => {
    expect(codes(draft({ title: '  ' }))).toEqual(['title:REQUIRED'])
    expect(codes(draft({ kind: 'poem' }))).toEqual(['kind:UNKNOWN_VALUE'])
    expect(codes(draft({ classification: 'secret' }))).toEqual(['classification:UNKNOWN_VALUE'])
    expect(codes(draft({ expires: '2026-02-30' }))).toEqual(['expires:INVALID_DATE'])
    expect(codes(draft({ effectiveDate: '2026-05-01', expires: '2026-04-30' }))).toEqual([
      'expires:EXPIRES_BEFORE_EFFECTIVE',
    ])
    expect(codes(draft({ effectiveDate: '2026-05-01', expires: '2026-05-01' }))).toEqual([])
    expect(codes(draft({ collectedAt: 'yesterday' }))).toEqual(['collectedAt:INVALID_TIME'])
    expect(codes(draft({ collectedAt: '2026-06-01T10:00' }))).toEqual(['collectedAt:IN_FUTURE'])
    expect(codes(draft({ partnerSourceId: 'nope' }), { partnerSourceIds: new Set(['a']) })).toEqual(
      ['partnerSourceId:UNKNOWN_VALUE'],
    )
    expect(codes(draft({ tags: 'x'.repeat(51) }))).toEqual(['tags:TOO_LONG'])
  })

  it('round-trips a record through the form and clears emptied fields', () => {
    const record: EvidenceRecord = {
      sha256: 'ab'.repeat(32),
      size: 3,
      mimeType: 'text/plain',
      fileName: 'a.txt',
      folder: '',
      title: 'A',
      kind: 'other',
      source: 'old source',
      expires: '2027-01-01',
      tags: ['t'],
      classification: 'internal',
      addedAt: '2026-01-01T00:00:00.000Z',
      addedBy: 'me',
    }
    const r = validateMetadata({ ...draftFrom(record), source: '', expires: '' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const next = withMetadata(record, r.value)
    expect(next.source).toBeUndefined()
    expect(next.expires).toBeUndefined()
    expect(next.sha256).toBe(record.sha256)
    expect(next.tags).toEqual(['t'])
  })
})
