import { describe, expect, it } from 'vitest'
import { unsafePathReason } from '../../../../src/core/bundle/paths'
import { parseJsonStrict } from '../../../../src/core/json/canonical-json'
import {
  dpiaTemplate,
  evidencePathProblem,
  examplePacket,
  isSafeEvidencePath,
  parsePacketDocument,
  type PacketIssue,
} from '../../../../src/core/templates'

const codes = (issues: PacketIssue[]) => issues.map((i) => `${i.code} ${i.path}`)
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const minimal = () => ({
  packetId: 'dpia-northwind-weather-2026-04',
  template: { id: 'dpia', version: '1.0.0' },
  title: 'DPIA: Northwind Weather API',
  fields: {},
  evidence: [{ path: 'dpia/data-flow.png', role: 'data-flow-diagram' }],
})

function issuesFor(doc: unknown): string[] {
  const result = parsePacketDocument(doc)
  return result.ok ? [] : codes(result.issues)
}

describe('parsePacketDocument', () => {
  it('returns the typed packet for well-formed JSON', () => {
    const text = JSON.stringify(examplePacket(dpiaTemplate), null, 2)
    const result = parsePacketDocument(parseJsonStrict(text))
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.packet.packetId).toBe('dpia-northwind-weather-2026-04')
    expect(parsePacketDocument(minimal()).ok).toBe(true)
  })

  it('rejects what is not an object', () => {
    for (const doc of [null, [], 'packet', 3]) {
      expect(issuesFor(doc)).toEqual(['PACKET_MALFORMED '])
    }
  })

  it('names each missing or unknown top-level property', () => {
    const doc: Record<string, unknown> = { ...minimal(), status: 'signed' }
    delete doc.packetId
    delete doc.evidence
    expect(issuesFor(doc)).toEqual([
      'PACKET_MALFORMED packetId',
      'PACKET_MALFORMED evidence',
      'PACKET_MALFORMED status',
    ])
  })

  it('checks the types of the top-level properties', () => {
    expect(
      issuesFor({
        packetId: '../x',
        template: { id: 'DPIA', version: '1.0', extra: true },
        title: ' ',
        partnerSource: '',
        revision: 0,
        fields: [],
        evidence: {},
      }),
    ).toEqual([
      'PACKET_MALFORMED packetId',
      'PACKET_MALFORMED template.id',
      'PACKET_MALFORMED template.version',
      'PACKET_MALFORMED template.extra',
      'PACKET_MALFORMED title',
      'PACKET_MALFORMED partnerSource',
      'PACKET_MALFORMED revision',
      'PACKET_MALFORMED fields',
      'PACKET_MALFORMED evidence',
    ])
  })

  it('checks each evidence entry', () => {
    const doc = minimal()
    ;(doc.evidence as unknown[]) = [
      { path: 'dpia/a.png', role: 'data-flow-diagram', expires: '2026-13-01', tags: ['ok', ''] },
      { path: 'dpia/b.png', role: '', collectedAt: '2026-04-13T09:30:00', size: 3 },
      { role: 'data-flow-diagram', title: 7 },
      'dpia/c.png',
    ]
    expect(issuesFor(doc)).toEqual([
      'PACKET_MALFORMED evidence[0].expires',
      'PACKET_MALFORMED evidence[0].tags',
      'PACKET_MALFORMED evidence[1].size',
      'PACKET_MALFORMED evidence[1].role',
      'PACKET_MALFORMED evidence[1].collectedAt',
      'PACKET_MALFORMED evidence[2].path',
      'PACKET_MALFORMED evidence[2].title',
      'PACKET_MALFORMED evidence[3]',
    ])
  })

  it('accepts dates and RFC 3339 date-times with a time zone on evidence', () => {
    const doc = minimal()
    doc.evidence[0] = {
      ...doc.evidence[0]!,
      collectedAt: '2026-04-13T09:30:00.250+02:00',
      effectiveDate: '2026-04-01',
      expires: '2027-03-31T23:59:59Z',
    } as (typeof doc.evidence)[0]
    expect(issuesFor(doc)).toEqual([])
  })

  it.each([
    ['../outside.txt', 'parent directory'],
    ['dpia/../../outside.txt', 'parent directory'],
    ['/etc/passwd', 'absolute'],
    ['dpia\\data-flow.png', 'backslash'],
    ['dpia//data-flow.png', 'empty or "." path segment'],
    ['dpia/', 'empty or "." path segment'],
    ['./dpia/data-flow.png', '"." path segment'],
    ['dpia/data\u0000flow.png', 'control character'],
    ['dpia/data\nflow.png', 'control character'],
    ['dpia/data\u0085flow.png', 'control character'],
    ['', 'empty'],
    ['dpia/cafe\u0301.png', 'NFC'],
  ])('rejects the evidence path %j (%s)', (path, why) => {
    expect(evidencePathProblem(path)).toContain(why)
    const doc = minimal()
    doc.evidence[0]!.path = path
    expect(issuesFor(doc)).toEqual(['PACKET_MALFORMED evidence[0].path'])
  })

  it.each(['data-flow.png', 'dpia/data-flow.png', 'a/b/c/.hidden', 'dpia/café.png', 'x..y/z'])(
    'accepts the evidence path %j',
    (path) => {
      expect(isSafeEvidencePath(path)).toBe(true)
    },
  )

  it('rejects two entries naming the same file, letter case aside', () => {
    const doc = minimal()
    doc.evidence.push({ path: 'DPIA/Data-Flow.png', role: 'data-flow-diagram' })
    const result = parsePacketDocument(doc)
    expect(result.ok ? [] : codes(result.issues)).toEqual(['PACKET_MALFORMED evidence[1].path'])
    expect(result.ok ? '' : result.issues[0]?.message).toContain('evidence[0]')
  })

  it('rejects values that cannot be signed as canonical JSON', () => {
    const doc = minimal() as Record<string, unknown>
    doc.fields = { purposes: 'ok', score: Number.NaN, big: 2 ** 60, nested: { lone: '\ud800' } }
    expect(issuesFor(doc)).toEqual(['PACKET_MALFORMED fields.big'])
    doc.fields = { nested: { lone: '\ud800' } }
    expect(issuesFor(doc)).toEqual(['PACKET_MALFORMED fields.nested.lone'])
    doc.fields = { when: new Date() }
    expect(issuesFor(doc)).toEqual(['PACKET_MALFORMED fields.when'])
  })

  it('keeps keys such as __proto__ as plain data', () => {
    const doc = json(minimal()) as Record<string, unknown>
    const fields = parseJsonStrict('{"__proto__": {"polluted": true}}')
    doc.fields = fields
    expect(parsePacketDocument(doc).ok).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('evidence paths and bundle subject names', () => {
  const samples = [
    'dpia/data-flow.png',
    'a/b/c/.hidden',
    'x..y/z',
    'C:/evidence/a.png',
    'c:a.png',
    'dpia/a:b.png',
    '../a',
    'a/..',
    'a/./b',
    '/a',
    'a\\b',
    'a//b',
    'a/',
    '',
    'a\u007fb',
    'cafe\u0301.png',
    'x'.repeat(1018),
    'x'.repeat(1019),
    'x'.repeat(1025),
  ]

  it.each(samples.map((p) => [p.length > 40 ? `${p.length} characters` : p, p]))(
    'agree with the bundle rules on %j',
    (_, path) => {
      const bundleOk =
        unsafePathReason(path) === undefined && unsafePathReason(`files/${path}`) === undefined
      expect(isSafeEvidencePath(path)).toBe(bundleOk)
    },
  )
})
