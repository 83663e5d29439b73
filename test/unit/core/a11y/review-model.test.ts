import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accessibilityItem, requiresA11yReport } from '../../../../src/core/a11y/a11y-gate'
import { sourceA11y } from '../../../../src/core/a11y/a11y-readiness'
import {
  addDays,
  decisionProblems,
  MANUAL_CHECKS,
  reviewItems,
  reviewReport,
  waiverProblems,
  worstStatus,
  type ActingReviewer,
  type ReviewItem,
} from '../../../../src/core/a11y/review-model'
import type { A11yReviewRecord } from '../../../../src/core/a11y/review-records'
import type { AxeRule, SweepReport, SweptPage } from '../../../../src/core/a11y/sweep-report'

const TODAY = '2026-11-27'
const rule = (id: string, targets: string[]): AxeRule => ({
  id,
  impact: 'serious',
  tags: ['wcag2aa', 'wcag143'],
  description: 'd',
  help: `help ${id}`,
  helpUrl: '',
  nodes: targets.map((t) => ({ html: '<p>', target: [t], any: [], all: [], none: [] })),
})

const page = (
  path: string,
  violations: AxeRule[],
  incomplete: AxeRule[],
  status: 'swept' | 'failed' = 'swept',
): SweptPage => ({
  input: 0,
  path,
  url: `http://input-1.sweep.invalid/${path}`,
  sha256: 'b'.repeat(64),
  status,
  ...(status === 'swept'
    ? {
        axe: {
          testEngine: { name: 'axe-core', version: '4' },
          timestamp: 't',
          url: 'u',
          violations,
          incomplete,
          passes: [],
          inapplicable: [],
        },
      }
    : { error: 'timeout' }),
  assets: [],
  blocked: [],
  popupsClosed: 0,
  crops: [],
  durationMs: 1,
})

const report = (pages: SweptPage[]): SweepReport =>
  ({
    inputs: [{ path: 'site/', kind: 'folder' }],
    pages,
  }) as unknown as SweepReport

const REVIEWER = { keyid: 'a'.repeat(64), name: 'Ada Lead' }
const MANAGER: ActingReviewer = { ...REVIEWER, roles: ['accountable-manager'] }

let seq = 0
const decision = (item: ReviewItem, outcome: 'pass' | 'fail', note = ''): A11yReviewRecord => ({
  seq: ++seq,
  reportSha256: 'r',
  itemId: item.id,
  itemKind: item.kind,
  reviewer: REVIEWER,
  at: '2026-11-27T10:00:00.000Z',
  kind: 'decision',
  outcome,
  note,
})
const waiver = (item: ReviewItem, expires: string): A11yReviewRecord => ({
  seq: ++seq,
  reportSha256: 'r',
  itemId: item.id,
  itemKind: item.kind,
  reviewer: REVIEWER,
  at: '2026-11-27T10:00:00.000Z',
  kind: 'waiver',
  rationale: 'Third-party widget; vendor fix due in January.',
  approverRole: 'accountable-manager',
  expires,
})

const sample = () =>
  report([
    page('a.html', [rule('color-contrast', ['.low', '.lower'])], [rule('bg', ['#hero', '#x'])]),
    page('b.html', [], []),
    page('c.html', [], [], 'failed'),
  ])

describe('review items', () => {
  it('lists incomplete nodes, the manual checklist per swept page, and violations', () => {
    const items = reviewItems(sample())
    const kinds = (p: number, k: string) => items.filter((i) => i.page === p && i.kind === k).length
    expect(kinds(0, 'incomplete')).toBe(2)
    expect(kinds(0, 'manual')).toBe(MANUAL_CHECKS.length)
    expect(kinds(0, 'violation')).toBe(1)
    expect(kinds(1, 'manual')).toBe(5)
    expect(items.filter((i) => i.page === 2)).toEqual([])
    expect(items.find((i) => i.kind === 'violation')).toMatchObject({
      ruleId: 'color-contrast',
      elements: 2,
      pageLabel: 'site/a.html',
    })
    expect(items.find((i) => i.check === 'reflow')?.guide).toMatch(/400 %/)
    expect(MANUAL_CHECKS.map((c) => c.id)).toEqual([
      'keyboard',
      'focus-visible',
      'reflow',
      'alt-text',
      'caveat-banner',
    ])
  })

  it('gives stable, unique ids: the same report always yields the same ids', () => {
    const a = reviewItems(sample()).map((i) => i.id)
    const b = reviewItems(structuredClone(sample())).map((i) => i.id)
    expect(a).toEqual(b)
    expect(new Set(a).size).toBe(a.length)
    expect(a).toContain('incomplete|0:a.html|bg|["#hero"]')
    expect(a).toContain('manual|0:b.html|keyboard')
    expect(a).toContain('violation|0:a.html|color-contrast')
    // Ids do not depend on list positions: another rule before it leaves them alone.
    const shifted = report([
      page(
        'a.html',
        [rule('image-alt', ['img']), rule('color-contrast', ['.low', '.lower'])],
        [rule('aa', ['z']), rule('bg', ['#hero', '#x'])],
      ),
    ])
    const ids = reviewItems(shifted).map((i) => i.id)
    for (const id of a.filter((x) => x.includes('a.html'))) expect(ids).toContain(id)
  })

  it('keeps ids unique when axe lists the same target twice', () => {
    const items = reviewItems(report([page('a.html', [], [rule('bg', ['#x', '#x'])])]))
    const inc = items.filter((i) => i.kind === 'incomplete').map((i) => i.id)
    expect(new Set(inc).size).toBe(2)
  })
})

describe('report status', () => {
  const status = (r: SweepReport, log: A11yReviewRecord[]) => reviewReport(r, log, TODAY).review

  it('fails a report with an unwaived violation or a page not swept, however much is decided', () => {
    const r = sample()
    const items = reviewItems(r)
    const all = items.filter((i) => i.kind !== 'violation').map((i) => decision(i, 'pass'))
    const s = status(r, all)
    expect(s.status).toBe('fail')
    expect(s.summary).toMatch(/1 page not swept, 1 violation not waived/)
  })

  it('needs review while items are undecided, then passes or is waived', () => {
    const r = report([page('a.html', [rule('color-contrast', ['.low'])], [rule('bg', ['#x'])])])
    const items = reviewItems(r)
    const v = items.find((i) => i.kind === 'violation')!
    const w = waiver(v, '2027-01-31')
    expect(status(r, [w]).status).toBe('needs-review')
    expect(status(r, [w]).summary).toBe('Needs review: 6 items still to decide.')
    const decided = items.filter((i) => i.kind !== 'violation').map((i) => decision(i, 'pass'))
    expect(status(r, [w, ...decided]).status).toBe('waived')
    const clean = report([page('b.html', [], [])])
    const cleanItems = reviewItems(clean)
    expect(status(clean, []).status).toBe('needs-review')
    expect(
      status(
        clean,
        cleanItems.map((i) => decision(i, 'pass')),
      ).status,
    ).toBe('pass')
  })

  it('fails on a reviewer’s fail and on an expired waiver; the latest entry wins', () => {
    const r = report([page('a.html', [rule('color-contrast', ['.low'])], [])])
    const items = reviewItems(r)
    const v = items.find((i) => i.kind === 'violation')!
    const manual = items.filter((i) => i.kind === 'manual')
    const passes = manual.map((i) => decision(i, 'pass'))
    expect(status(r, [waiver(v, '2026-11-27'), ...passes]).status).toBe('waived') // through its day
    const expired = status(r, [waiver(v, '2026-11-26'), ...passes])
    expect(expired.status).toBe('fail')
    expect(expired.summary).toMatch(/1 waiver expired/)
    // Renewed: a later waiver replaces the expired one.
    expect(status(r, [waiver(v, '2026-11-26'), ...passes, waiver(v, '2027-02-01')]).status).toBe(
      'waived',
    )
    const failed = status(r, [
      waiver(v, '2027-01-01'),
      ...passes,
      decision(manual[0]!, 'fail', 'x'),
    ])
    expect(failed.status).toBe('fail')
    expect(failed.summary).toMatch(/1 item failed by a reviewer/)
    // A later pass replaces the fail.
    expect(
      status(r, [
        waiver(v, '2027-01-01'),
        ...passes,
        decision(manual[0]!, 'fail', 'x'),
        decision(manual[0]!, 'pass'),
      ]).status,
    ).toBe('waived')
  })

  it('ignores entries for unknown items and entries of the wrong kind', () => {
    const r = report([page('a.html', [rule('color-contrast', ['.low'])], [])])
    const items = reviewItems(r)
    const v = items.find((i) => i.kind === 'violation')!
    const passes = items.filter((i) => i.kind === 'manual').map((i) => decision(i, 'pass'))
    // A "pass" decision on a violation does not clear it; a waiver on a manual item is ignored.
    expect(status(r, [...passes, decision(v, 'pass')]).status).toBe('fail')
    const m = items.find((i) => i.kind === 'manual')!
    const rest = passes.filter((p) => p.itemId !== m.id)
    expect(status(r, [...rest, waiver(v, '2027-01-01'), waiver(m, '2027-01-01')]).status).toBe(
      'needs-review',
    )
    expect(
      status(r, [...passes, waiver(v, '2027-01-01'), { ...decision(m, 'fail'), itemId: 'nope' }])
        .status,
    ).toBe('waived')
  })

  it('leaves out damaged entries rather than failing on them', () => {
    const r = report([page('a.html', [], [])])
    const items = reviewItems(r)
    const log = items.map((i) => decision(i, 'pass'))
    const damaged = [
      { ...log[0]!, reviewer: undefined } as unknown as A11yReviewRecord,
      { ...log[1]!, outcome: 'maybe' } as unknown as A11yReviewRecord,
    ]
    expect(status(r, log).status).toBe('pass')
    expect(status(r, [...log.slice(2), ...damaged]).status).toBe('needs-review')
  })

  it('property: the status follows the rules for any log', () => {
    const r = report([
      page(
        'a.html',
        [rule('color-contrast', ['.a']), rule('image-alt', ['img'])],
        [rule('bg', ['#x'])],
      ),
    ])
    const items = reviewItems(r)
    const entry = fc.record({
      item: fc.integer({ min: 0, max: items.length - 1 }),
      choice: fc.constantFrom('pass', 'fail', 'waive-ok', 'waive-expired'),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        seq = 0
        const log = entries.flatMap(({ item: n, choice }) => {
          const item = items[n]!
          if (choice === 'pass' || choice === 'fail') return [decision(item, choice, 'n')]
          return [waiver(item, choice === 'waive-ok' ? '2027-01-01' : '2026-01-01')]
        })
        // The latest valid entry per item, computed independently.
        const last = new Map<string, A11yReviewRecord>()
        for (const e of log) {
          const item = items.find((i) => i.id === e.itemId)!
          if ((e.kind === 'waiver') === (item.kind === 'violation')) last.set(e.itemId, e)
        }
        const violations = items.filter((i) => i.kind === 'violation')
        const others = items.filter((i) => i.kind !== 'violation')
        const waivedOk = violations.every((v) => {
          const e = last.get(v.id)
          return e?.kind === 'waiver' && e.expires === '2027-01-01'
        })
        const anyFail = others.some((i) => {
          const e = last.get(i.id)
          return e?.kind === 'decision' && e.outcome === 'fail'
        })
        const allPass = others.every((i) => {
          const e = last.get(i.id)
          return e?.kind === 'decision' && e.outcome === 'pass'
        })
        const expected = !waivedOk || anyFail ? 'fail' : !allPass ? 'needs-review' : 'waived'
        expect(status(r, log).status).toBe(expected)
        // Shuffling the stored order does not change the answer: seq decides.
        expect(status(r, [...log].reverse()).status).toBe(expected)
      }),
    )
  })

  it('takes the worst of several statuses', () => {
    expect(worstStatus([])).toBeUndefined()
    expect(worstStatus(['pass', 'waived'])).toBe('waived')
    expect(worstStatus(['waived', 'needs-review', 'pass'])).toBe('needs-review')
    expect(worstStatus(['needs-review', 'fail'])).toBe('fail')
  })
})

describe('rules for decisions and waivers', () => {
  const manual = { kind: 'manual' as const }
  const violation = { kind: 'violation' as const }

  it('needs a named reviewer and a note on fail', () => {
    const fields = (p: { field: string }[]) => p.map((x) => x.field)
    expect(decisionProblems(manual, { outcome: 'pass', note: '' }, MANAGER)).toEqual([])
    expect(
      fields(
        decisionProblems(manual, { outcome: 'pass', note: '' }, { name: 'local user', roles: [] }),
      ),
    ).toEqual(['reviewer'])
    expect(fields(decisionProblems(manual, { outcome: 'fail', note: '  ' }, MANAGER))).toEqual([
      'note',
    ])
    expect(fields(decisionProblems(manual, { outcome: undefined, note: '' }, MANAGER))).toEqual([
      'outcome',
    ])
    expect(fields(decisionProblems(violation, { outcome: 'pass', note: '' }, MANAGER))).toEqual([
      'item',
    ])
    expect(
      fields(
        decisionProblems(manual, { outcome: 'pass', note: '' }, { ...MANAGER, revoked: true }),
      ),
    ).toEqual(['reviewer'])
  })

  it('needs a rationale, a role the actor holds and an expiry within 180 days', () => {
    const ok = {
      rationale: 'Vendor widget, fix promised for release 12.',
      approverRole: 'accountable-manager',
      expires: addDays(TODAY, 90),
    }
    const fields = (
      input: Partial<typeof ok>,
      actor = MANAGER,
      item: { kind: 'violation' | 'manual' } = violation,
    ) => waiverProblems(item, { ...ok, ...input }, actor, TODAY).map((p) => p.field)
    expect(fields({})).toEqual([])
    expect(fields({ rationale: 'too short' })).toEqual(['rationale'])
    expect(fields({ approverRole: 'pm' })).toEqual(['approverRole'])
    expect(fields({ approverRole: 'accessibility-lead' })).toEqual(['approverRole'])
    expect(
      fields({ approverRole: 'accessibility-lead' }, { ...MANAGER, roles: ['accessibility-lead'] }),
    ).toEqual([])
    expect(fields({ expires: TODAY })).toEqual(['expires'])
    expect(fields({ expires: '2026-02-30' })).toEqual(['expires'])
    expect(fields({ expires: addDays(TODAY, 180) })).toEqual([])
    expect(fields({ expires: addDays(TODAY, 181) })).toEqual(['expires'])
    expect(fields({}, { name: 'local user', roles: [] })).toEqual(['reviewer'])
    expect(fields({}, MANAGER, manual)).toEqual(['item'])
    const msg = waiverProblems(
      violation,
      { ...ok, approverRole: 'accessibility-lead' },
      MANAGER,
      TODAY,
    )
    expect(msg[0]!.message).toMatch(/Ada Lead does not hold the Accessibility lead role/)
  })

  it('adds days across months and years', () => {
    expect(addDays('2026-11-27', 35)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})

describe('the pre-sync gate', () => {
  const review = (status: 'pass' | 'waived' | 'needs-review' | 'fail') => {
    const r = report([page('a.html', [rule('color-contrast', ['.low'])], [rule('bg', ['#x'])])])
    const items = reviewItems(r)
    const log: A11yReviewRecord[] = []
    if (status !== 'fail')
      log.push(
        waiver(
          items.find((i) => i.kind === 'violation')!,
          '2027-01-01',
        ),
      )
    if (status !== 'needs-review')
      for (const i of items) if (i.kind !== 'violation') log.push(decision(i, 'pass'))
    return reviewReport(r, log, TODAY).review
  }

  it('passes without a report only where the template does not require one', () => {
    expect(requiresA11yReport('ga-flip-checklist')).toBe(true)
    expect(requiresA11yReport('dpia')).toBe(false)
    const dpia = accessibilityItem('dpia', [])
    expect(dpia.status).toBe('pass')
    expect(dpia.summary).toMatch(/No accessibility report attached/)
    const ga = accessibilityItem('ga-flip-checklist', [])
    expect(ga.status).toBe('fail')
    expect(ga.advice).toMatch(/evw a11y/)
  })

  it('passes when every report is passed or waived, and says what to do otherwise', () => {
    const attached = (r: ReturnType<typeof review>) => ({
      path: 'a11y/review.json',
      review: r,
      current: true,
    })
    const waived = {
      path: 'a11y/sweep.json',
      sha256: 's',
      review: review('waived'),
      reviewedHere: true,
      record: attached(review('waived')),
    }
    expect(accessibilityItem('dpia', [waived]).status).toBe('pass')
    // Without its review attached, a waived report does not pass.
    const bare = accessibilityItem('dpia', [{ ...waived, record: undefined }])
    expect(bare.status).toBe('fail')
    expect(bare.details[0]).toMatch(
      /No review of it is attached\. To do: Attach the current review of a11y\/sweep\.json to this packet\.$/,
    )
    const open = {
      path: 'a11y/other.json',
      sha256: 't',
      review: review('needs-review'),
      reviewedHere: true,
      record: attached(review('needs-review')),
    }
    const item = accessibilityItem('dpia', [waived, open])
    expect(item.status).toBe('fail')
    expect(item.summary).toBe(
      '1 sweep report of 2 not passed or waived by an attached current review.',
    )
    expect(item.details[1]).toMatch(
      /^a11y\/other\.json: Needs review: 6 items still to decide\. To do: decide 6 items, then attach the current review of a11y\/other\.json to this packet\.$/,
    )
    const failing = accessibilityItem('dpia', [
      { path: 'x.json', sha256: 'u', review: review('fail') },
    ])
    expect(failing.details[0]).toMatch(/fix or waive 1 violation/)
    expect(failing.advice).toMatch(/Open each report/)
    const unreadable = accessibilityItem('dpia', [
      { path: 'x.json', sha256: 'u', unreadable: 'bad' },
    ])
    expect(unreadable.status).toBe('fail')
    expect(unreadable.details[0]).toMatch(/cannot be read as a sweep report \(bad\)/)
  })
})

describe('the readiness badge', () => {
  it('is the worst status of the reports on a source’s packets or linked to it', () => {
    const statusOf = new Map([
      ['r1', 'waived' as const],
      ['r2', 'needs-review' as const],
      ['r3', 'pass' as const],
    ])
    const link = (sha256: string) => ({ sha256, role: 'x', path: sha256 })
    const out = sourceA11y(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      [
        { partnerSourceId: 'a', status: 'draft', evidence: [link('r1'), link('plain')] },
        { partnerSourceId: 'b', status: 'signed', evidence: [link('r1')] },
        { partnerSourceId: 'd', status: 'rejected', evidence: [link('r2')] },
        { status: 'draft', evidence: [link('r2')] },
      ],
      [
        { sha256: 'r2', partnerSourceId: 'b' },
        { sha256: 'r3', partnerSourceId: 'c' },
      ],
      statusOf,
    )
    expect(out.get('a')).toEqual({ state: 'waived', reports: ['r1'] })
    expect(out.get('b')).toEqual({ state: 'needs-review', reports: ['r1', 'r2'] })
    expect(out.get('c')?.state).toBe('pass')
    expect(out.get('d')).toEqual({ state: 'no-report', reports: [] })
  })
})
