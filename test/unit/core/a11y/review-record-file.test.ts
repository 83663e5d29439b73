import { describe, expect, it } from 'vitest'
import { accessibilityItem, judgeReport } from '../../../../src/core/a11y/a11y-gate'
import {
  A11Y_REVIEW_FORMAT,
  buildReviewDocument,
  looksLikeReviewRecord,
  matchesLog,
  mismatchWithReport,
  parseReviewDocument,
  parseReviewDocumentBytes,
  reviewDocumentBytes,
  reviewOn,
  type A11yReviewDocument,
} from '../../../../src/core/a11y/review-record-file'
import {
  addDays,
  failedPageCount,
  reviewItems,
  type ReviewItem,
} from '../../../../src/core/a11y/review-model'
import type { A11yReviewRecord } from '../../../../src/core/a11y/review-records'
import type { AxeRule, SweepReport, SweptPage } from '../../../../src/core/a11y/sweep-report'
import { canonicalize } from '../../../../src/core/json/canonical-json'

const TODAY = '2026-11-27'
const SHA = 'c'.repeat(64)
const REVIEWER = { keyid: 'a'.repeat(64), name: 'Ada Lead' }

const rule = (id: string, targets: string[]): AxeRule => ({
  id,
  impact: 'serious',
  tags: ['wcag2aa', 'wcag143'],
  description: 'd',
  help: `help ${id}`,
  helpUrl: '',
  nodes: targets.map((t) => ({ html: '<p>', target: [t], any: [], all: [], none: [] })),
})

const page = (path: string, violations: AxeRule[], incomplete: AxeRule[]): SweptPage =>
  ({
    input: 0,
    path,
    url: `http://input-1.sweep.invalid/${path}`,
    sha256: 'b'.repeat(64),
    status: 'swept',
    axe: {
      testEngine: { name: 'axe-core', version: '4' },
      timestamp: 't',
      url: 'u',
      violations,
      incomplete,
      passes: [],
      inapplicable: [],
    },
    assets: [],
    blocked: [],
    popupsClosed: 0,
    crops: [],
    durationMs: 1,
  }) as SweptPage

const report = {
  inputs: [{ path: 'site/', kind: 'folder' }],
  pages: [page('a.html', [rule('color-contrast', ['.low'])], [rule('bg', ['#hero'])])],
} as unknown as SweepReport
const items = reviewItems(report)
const outline = { items, failedPages: failedPageCount(report) }

let seq = 0
const decide = (item: ReviewItem, outcome: 'pass' | 'fail', note = ''): A11yReviewRecord => ({
  seq: ++seq,
  reportSha256: SHA,
  itemId: item.id,
  itemKind: item.kind,
  reviewer: REVIEWER,
  at: `2026-11-27T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  kind: 'decision',
  outcome,
  note,
})
const waive = (item: ReviewItem, expires: string): A11yReviewRecord => ({
  seq: ++seq,
  reportSha256: SHA,
  itemId: item.id,
  itemKind: item.kind,
  reviewer: REVIEWER,
  at: '2026-11-27T11:00:00.000Z',
  kind: 'waiver',
  rationale: 'Partner card; the partner ships the fix in release 12.',
  approverRole: 'accountable-manager',
  expires,
})

/** Every item decided pass (one first failed, then passed), every violation waived. */
const fullLog = (): A11yReviewRecord[] => {
  const log: A11yReviewRecord[] = [decide(items[0]!, 'fail', 'Text unreadable on the hero.')]
  for (const i of items) {
    if (i.kind === 'violation') log.push(waive(i, addDays(TODAY, 30)))
    else log.push(decide(i, 'pass'))
  }
  return log
}

const text = (doc: unknown) => JSON.stringify(doc)
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests damage the file freely
type Damaged = Record<string, any>
const mutate = (doc: A11yReviewDocument, f: (d: Damaged) => void) => {
  const copy = JSON.parse(JSON.stringify(doc)) as Damaged
  f(copy)
  return JSON.stringify(copy)
}

describe('the review record file (evw-a11y-review/1)', () => {
  it('holds every item with its state and full history, and the status on its day', () => {
    const doc = buildReviewDocument(report, SHA, fullLog(), TODAY)
    expect(doc.format).toBe(A11Y_REVIEW_FORMAT)
    expect(doc.report).toEqual({ sha256: SHA, failedPages: 0 })
    expect(doc.computedOn).toBe(TODAY)
    expect(doc.status).toBe('waived')
    expect(doc.items.map((i) => i.id)).toEqual(items.map((i) => i.id))
    const first = doc.items[0]!
    expect(first.state).toBe('pass')
    expect(first.history.map((h) => (h.kind === 'decision' ? h.outcome : 'waiver'))).toEqual([
      'fail',
      'pass',
    ])
    expect(first.history[0]).toEqual({
      at: expect.any(String),
      reviewer: REVIEWER,
      kind: 'decision',
      outcome: 'fail',
      note: 'Text unreadable on the hero.',
    })
    const violation = doc.items.find((i) => i.kind === 'violation')!
    expect(violation).toMatchObject({ state: 'waived', ruleId: 'color-contrast', elements: 1 })
    expect(violation.history[0]).toMatchObject({
      rationale: expect.stringMatching(/release 12/),
      approverRole: 'accountable-manager',
      expires: addDays(TODAY, 30),
    })
  })

  it('has deterministic canonical bytes that parse back to the same document', () => {
    seq = 0
    const a = reviewDocumentBytes(buildReviewDocument(report, SHA, fullLog(), TODAY))
    seq = 0
    // The log's order as read does not matter: its sequence numbers do.
    const b = reviewDocumentBytes(buildReviewDocument(report, SHA, fullLog().reverse(), TODAY))
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const parsed = parseReviewDocumentBytes(a)
    expect(canonicalize(parsed)).toBe(new TextDecoder().decode(a))
    expect(looksLikeReviewRecord(new TextDecoder().decode(a).slice(0, 1024))).toBe(true)
    expect(looksLikeReviewRecord('{"format":"evw-a11y-sweep/1"}')).toBe(false)
  })

  it('refuses an unknown format, bad hashes, unknown fields and inconsistent states or status', () => {
    const doc = buildReviewDocument(report, SHA, fullLog(), TODAY)
    expect(() => parseReviewDocument(text(doc))).not.toThrow()
    const refused = (json: string, why: RegExp) =>
      expect(() => parseReviewDocument(json)).toThrow(why)
    refused(
      mutate(doc, (d) => (d.format = 'evw-a11y-review/2')),
      /format "evw-a11y-review\/2" is not evw-a11y-review\/1/,
    )
    refused(
      mutate(doc, (d) => (d.report.sha256 = 'C'.repeat(64))),
      /"sha256" must be 64 lower-case hex/,
    )
    refused(
      mutate(doc, (d) => (d.items[0].history[0].reviewer.keyid = 'xyz')),
      /"keyid" must be 64 lower-case hex/,
    )
    refused(
      mutate(doc, (d) => (d.extra = 1)),
      /unknown field "extra"/,
    )
    refused(
      mutate(doc, (d) => (d.status = 'pass')),
      /"status" is "pass" but the items give "waived"/,
    )
    refused(
      mutate(doc, (d) => (d.items[0].state = 'fail')),
      /"state" is "fail" but its history gives "pass"/,
    )
    // Dropping the last decision of an item leaves a state its history no longer gives.
    refused(
      mutate(doc, (d) => d.items[0].history.pop()),
      /its history gives "fail"/,
    )
    refused(
      mutate(doc, (d) => (d.counts.decidedPass = 99)),
      /"counts" do not match/,
    )
    refused(
      mutate(doc, (d) => {
        const v = d.items.find((i: { kind: string }) => i.kind === 'violation')
        v.history[0] = { ...d.items[0].history[1] }
      }),
      /a violation is waived, not decided/,
    )
    refused(
      mutate(doc, (d) => (d.items[0].history[0].at = 'yesterday')),
      /"at" must be an ISO 8601 time/,
    )
    refused('{"format":"evw-a11y-review/1","format":"x"}', /duplicate key/)
    refused('[]', /must be a JSON object/)
  })

  it('recomputes the status on a later day: an expired waiver fails the review', () => {
    const doc = buildReviewDocument(report, SHA, fullLog(), TODAY)
    expect(reviewOn(doc, TODAY).status).toBe('waived')
    expect(reviewOn(doc, addDays(TODAY, 31)).status).toBe('fail')
    expect(reviewOn(doc, addDays(TODAY, 31)).summary).toMatch(/1 waiver expired/)
  })

  it('knows whether it holds the workspace log exactly, and whether it is of the report', () => {
    const log = fullLog()
    const doc = buildReviewDocument(report, SHA, log, TODAY)
    expect(matchesLog(doc, items, log)).toBe(true)
    expect(matchesLog(doc, items, [...log, decide(items[0]!, 'fail', 'Regressed.')])).toBe(false)
    expect(mismatchWithReport(doc, report)).toBeUndefined()
    const other = {
      ...report,
      pages: [page('b.html', [], [])],
    } as unknown as SweepReport
    expect(mismatchWithReport(doc, other)).toMatch(/items are not the report’s items/)
  })
})

describe('the gate with attached review records', () => {
  const judge = (log: A11yReviewRecord[], docs: A11yReviewDocument[], today = TODAY) =>
    judgeReport({
      path: 'a11y/sweep.json',
      sha256: SHA,
      outline,
      log,
      records: docs.map((doc, i) => ({ path: `a11y/review-${i}.json`, doc })),
      today,
    })

  it('fails a reviewed report until its current review is attached, saying exactly what to do', () => {
    const log = fullLog()
    const none = accessibilityItem('dpia', [judge(log, [])])
    expect(none.status).toBe('fail')
    expect(none.details[0]).toBe(
      'a11y/sweep.json: Waived: 1 violation under a waiver in force, every other item reviewed and passed. No review of it is attached. To do: Attach the current review of a11y/sweep.json to this packet.',
    )
    const ok = accessibilityItem('dpia', [
      judge(log, [buildReviewDocument(report, SHA, log, TODAY)]),
    ])
    expect(ok.status).toBe('pass')
    expect(ok.summary).toBe('1 sweep report reviewed: waived.')
    expect(ok.details[0]).toMatch(/Review attached as a11y\/review-0\.json\.$/)
  })

  it('fails on a stale review record, naming it, and prefers a current one when both are attached', () => {
    const log = fullLog()
    const old = buildReviewDocument(report, SHA, log.slice(0, 2), TODAY)
    const stale = accessibilityItem('dpia', [judge(log, [old])])
    expect(stale.status).toBe('fail')
    expect(stale.details[0]).toMatch(
      /the attached review a11y\/review-0\.json is not the current one .* To do: Attach the current review of a11y\/sweep\.json to this packet in place of a11y\/review-0\.json\.$/,
    )
    const current = buildReviewDocument(report, SHA, log, TODAY)
    expect(accessibilityItem('dpia', [judge(log, [old, current])]).status).toBe('pass')
  })

  it('fails a current review that does not pass, with the steps before attaching again', () => {
    const log = [decide(items[0]!, 'pass')]
    const doc = buildReviewDocument(report, SHA, log, TODAY)
    const item = accessibilityItem('dpia', [judge(log, [doc])])
    expect(item.status).toBe('fail')
    expect(item.details[0]).toMatch(
      /To do: fix or waive 1 violation, decide \d+ items, then attach the current review of a11y\/sweep\.json to this packet\.$/,
    )
  })

  it('lets the attached record alone decide when the workspace has no review of the report', () => {
    const doc = buildReviewDocument(report, SHA, fullLog(), TODAY)
    const received = judge([], [doc])
    expect(received.reviewedHere).toBe(false)
    expect(received.record?.current).toBe(true)
    expect(accessibilityItem('dpia', [received]).status).toBe('pass')
    // Judged on the day of the check: once the waiver expires, the gate fails.
    const later = accessibilityItem('dpia', [judge([], [doc], addDays(TODAY, 31))])
    expect(later.status).toBe('fail')
    expect(later.details[0]).toMatch(/renew or fix 1 expired waiver/)
    // Without a record and without a workspace review, it says what to do first.
    expect(accessibilityItem('dpia', [judge([], [])]).details[0]).toMatch(
      /No review of it is attached\. To do: fix or waive 1 violation, decide \d+ items, then attach the current review/,
    )
  })

  it('fails on a record that names the report but is not a review of its items', () => {
    const log = fullLog()
    const doc = buildReviewDocument(report, SHA, log, TODAY)
    const misfit = { ...doc, items: doc.items.slice(1) }
    const found = judge(log, [doc, misfit])
    expect(found.misfits).toEqual([
      { path: 'a11y/review-1.json', why: 'its items are not the report’s items' },
    ])
    expect(found.record?.path).toBe('a11y/review-0.json')
    const item = accessibilityItem('dpia', [found])
    expect(item.status).toBe('fail')
    expect(item.summary).toBe('1 attached review record cannot be used.')
    expect(item.details[1]).toMatch(
      /^a11y\/review-1\.json: names a11y\/sweep\.json but is not a review of it .* To do: remove it\.$/,
    )
  })

  it('ignores records of other reports and reports unreadable records', () => {
    const doc = buildReviewDocument(report, 'e'.repeat(64), fullLog(), TODAY)
    expect(judge(fullLog(), [doc]).record).toBeUndefined()
    const log = fullLog()
    const good = judge(log, [buildReviewDocument(report, SHA, log, TODAY)])
    const item = accessibilityItem('dpia', [good], [{ path: 'x.json', unreadable: 'bad hash' }])
    expect(item.status).toBe('fail')
    expect(item.details[1]).toMatch(
      /x\.json: cannot be read as an accessibility review record \(bad hash\)/,
    )
  })
})
