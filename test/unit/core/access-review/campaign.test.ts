import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildItems,
  checkClose,
  checkDecision,
  decisionsCsv,
  filterItems,
  latestDecisions,
  gapReport,
  gapReportJson,
  importGenericGrants,
  importHrRoster,
  noResponseDecisions,
  readCsvRecords,
  rosterIndex,
  suggestMapping,
  type CampaignRules,
  type Decision,
  type ReviewItem,
} from '../../../../src/core/access-review'

const sample = (name: string) =>
  readFileSync(join(__dirname, '../../../../resources/access-review', name), 'utf8')
const load = (name: string, format: 'generic' | 'hr-roster') => {
  const text = sample(name)
  return { text, mapping: suggestMapping(format, readCsvRecords(text).header) }
}
const asOf = '2026-04-13T00:00:00.000Z'
const rules: CampaignRules = { owner: 'helena', dueDate: '2026-04-30', noResponseDefault: 'revoke' }

const campaign = (type: 'snapshot' | 'exit' | 'differential', previousKeys?: Set<string>) => {
  const g = load('generic-grants.csv', 'generic')
  const r = load('hr-roster.csv', 'hr-roster')
  const grants = importGenericGrants(g.text, g.mapping).grants
  const employees = importHrRoster(r.text, r.mapping).employees
  return buildItems(grants, {
    type,
    asOf,
    findEmployee: rosterIndex(employees),
    owner: 'helena',
    previousKeys,
    rules: [
      { by: 'application', match: 'salesforce', reviewer: 'sofia' },
      { by: 'manager', match: 'dmitri.volkov', reviewer: 'dmitri' },
    ],
  })
}
const decide = (
  item: ReviewItem,
  outcome: Decision['outcome'],
  at = '2026-04-20T10:00:00Z',
): Decision => ({
  itemId: item.id,
  outcome,
  justification: 'Needed for the quarterly close',
  actor: item.reviewer,
  at,
  via: 'reviewer',
})

describe('campaign items', () => {
  it('assigns reviewers by application, then manager, then the owner', () => {
    const items = campaign('snapshot')
    expect(
      items.filter((i) => i.application === 'Salesforce').every((i) => i.reviewer === 'sofia'),
    ).toBe(true)
    const byDmitri = items.filter(
      (i) => i.application !== 'Salesforce' && i.manager === 'dmitri.volkov',
    )
    expect(byDmitri.length).toBeGreaterThan(0)
    expect(byDmitri.every((i) => i.reviewer === 'dmitri')).toBe(true)
    expect(items.find((i) => i.login === 'svc-backup')!.reviewer).toBe('helena')
  })

  it('exit reviews hold only orphaned accounts; differential ones only new grants', () => {
    const exit = campaign('exit')
    expect(exit.length).toBeGreaterThan(0)
    expect(exit.every((i) => i.flags.includes('orphaned'))).toBe(true)
    expect(new Set(exit.map((i) => i.login))).toEqual(
      new Set(['tomasz.nowak', 'meilin.tan', 'liam.oconnor', 'jakob.meyer', 'ana.petrovic']),
    )
    const all = campaign('snapshot')
    const prev = new Set(all.slice(1).map((i) => i.key))
    expect(campaign('differential', prev).map((i) => i.key)).toEqual([all[0]!.key])
  })
})

describe('decisions and closing', () => {
  it('requires a justification to keep privileged or stale access and to modify', () => {
    const items = campaign('snapshot')
    const priv = items.find((i) => i.flags.includes('privileged'))!
    const plain = items.find((i) => i.flags.length === 0)!
    expect(checkDecision(priv, 'keep', '')).toMatch(/needs a justification/)
    expect(checkDecision(priv, 'keep', 'On-call admin for payroll')).toBeNull()
    expect(checkDecision(priv, 'revoke', '')).toBeNull()
    expect(checkDecision(plain, 'keep', '')).toBeNull()
    expect(checkDecision(plain, 'modify', 'less')).toMatch(/Say what to change/)
    expect(checkDecision(plain, 'revoke', 'x'.repeat(2001))).toMatch(/at most 2000 characters/)
  })

  it('closes only when every item has a final decision or the default was applied', () => {
    const items = campaign('snapshot')
    const decisions = items.slice(0, -2).map((i) => decide(i, 'revoke'))
    decisions.push(decide(items.at(-2)!, 'unsure'))
    const check = checkClose(items, decisions)
    expect(check.canClose).toBe(false)
    expect(check.reasons).toEqual([
      '1 item has no decision. Decide them or apply the no-response default.',
      '1 item is marked unsure. Settle them or apply the no-response default.',
    ])
    const applied = noResponseDecisions(items, decisions, rules, 'helena', '2026-05-01T09:00:00Z')
    expect(applied.decisions.map((d) => d.itemId)).toEqual([items.at(-2)!.id, items.at(-1)!.id])
    expect(
      applied.decisions.every((d) => d.via === 'no-response-default' && d.outcome === 'revoke'),
    ).toBe(true)
    expect(checkClose(items, [...decisions, ...applied.decisions]).canClose).toBe(true)
  })

  it('never keeps privileged or stale access by default', () => {
    const items = campaign('snapshot')
    const r = noResponseDecisions(
      items,
      [],
      { ...rules, noResponseDefault: 'keep' },
      'helena',
      asOf,
    )
    expect(r.refused.length).toBeGreaterThan(0)
    expect(
      r.refused.every((i) => i.flags.includes('privileged') || i.flags.includes('stale')),
    ).toBe(true)
    expect(r.decisions.length + r.refused.length).toBe(items.length)
  })

  it('a later decision supersedes an earlier one', () => {
    const [item] = campaign('snapshot')
    const d = [
      decide(item!, 'unsure', '2026-04-20T10:00:00Z'),
      decide(item!, 'keep', '2026-04-21T10:00:00Z'),
    ]
    expect(checkClose([item!], d).canClose).toBe(true)
  })
})

describe('gap report and exports', () => {
  it('lists undecided items, overdue reviewers, unconfirmed revocations and orphans', () => {
    const items = campaign('snapshot')
    const revoked = items.filter((i) => i.reviewer === 'sofia').map((i) => decide(i, 'revoke'))
    const confirmations = [
      { itemId: revoked[0]!.itemId, actor: 'ops', at: '2026-04-22T00:00:00Z', reference: 'CHG-1' },
    ]
    const before = gapReport(items, revoked, confirmations, rules, '2026-04-25T00:00:00Z')
    expect(before.overdueReviewers).toEqual([])
    const report = gapReport(items, revoked, confirmations, rules, '2026-05-02T00:00:00Z')
    expect(report.decided).toBe(revoked.length)
    expect(report.undecided).toHaveLength(items.length - revoked.length)
    expect(report.unconfirmedChanges).toHaveLength(revoked.length - 1)
    expect(report.overdueReviewers.map((r) => r.reviewer).sort()).toEqual(['dmitri', 'helena'])
    expect(report.reviewers.find((r) => r.reviewer === 'sofia')).toMatchObject({ overdue: false })
    expect(report.orphaned.length).toBeGreaterThan(0)
    expect(report.serviceWithoutOwner.map((i) => i.login)).toEqual([
      'svc-backup',
      'sfdc-integration',
    ])
    expect(JSON.parse(gapReportJson(report)).undecided).toHaveLength(report.undecided.length)
  })

  it('exports decisions as CSV with formula injection neutralised', () => {
    const items = campaign('snapshot')
    const csv = decisionsCsv(
      items,
      items.map((i) => decide(i, 'keep')),
      [],
    )
    const back = readCsvRecords(csv)
    expect(back.problems).toEqual([])
    expect(back.records).toHaveLength(items.length)
    const hostile = items.find((i) => i.description.startsWith('=HYPERLINK'))
    expect(hostile).toBeDefined()
    const row = back.records.find((r) => r.cells[0] === hostile!.id)!
    expect(row.cells[2]).toBe('sfdc-integration')
    expect(row.cells[5]).toBe(`'${hostile!.description}`)
    expect(
      decisionsCsv(
        items.slice(0, 1),
        [{ ...decide(items[0]!, 'keep'), justification: '=cmd|x' }],
        [],
      ),
    ).toContain("'=cmd|x")
  })
})

describe('filterItems', () => {
  it('combines text, flags, reviewer and decision status', () => {
    const items = campaign('snapshot')
    const none = new Map<string, Decision>()
    const admins = filterItems(items, none, { text: 'system administrator' })
    expect(admins.length).toBeGreaterThan(0)
    expect(admins.every((i) => i.entitlement === 'System Administrator')).toBe(true)
    const stalePriv = filterItems(items, none, { flags: ['privileged', 'stale'] })
    expect(
      stalePriv.every((i) => i.flags.includes('privileged') && i.flags.includes('stale')),
    ).toBe(true)
    expect(filterItems(items, none, { reviewer: 'sofia' })).toHaveLength(
      items.filter((i) => i.application === 'Salesforce').length,
    )
    const first = items[0]!
    const latest = latestDecisions([decide(first, 'revoke')])
    expect(filterItems(items, latest, { status: 'decided' })).toEqual([first])
    expect(filterItems(items, latest, { outcome: 'revoke' })).toEqual([first])
    expect(filterItems(items, latest, { status: 'undecided' })).toHaveLength(items.length - 1)
    expect(filterItems(items, none, { text: 'no-such-thing' })).toEqual([])
  })
})
