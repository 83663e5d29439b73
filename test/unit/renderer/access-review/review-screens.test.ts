// The logic behind the #/reviews screens: staging a file (header, detected format, mapping
// remembered for its source), importing the staged files with cross-file duplicates and
// malformed rows reported by line, what blocks a campaign, the item filter with "change not
// confirmed", the justification hint, campaign order, progress and the routes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildItems, type Decision, type ReviewItem } from '../../../../src/core/access-review'
import type { ReviewCampaignRecord } from '../../../../src/core/access-review/review-records'
import {
  analyseFiles,
  defaultSource,
  importedFiles,
  stageFile,
  type StagedFile,
} from '../../../../src/renderer/access-review/import-files'
import { parseReviewRoute, reviewHrefs } from '../../../../src/renderer/access-review/review-routes'
import {
  campaignProgress,
  fileBase,
  inCampaignOrder,
  isOverdue,
  justificationReason,
  NO_FILTER,
  screenItems,
} from '../../../../src/renderer/access-review/review-view'

const sample = (name: string) =>
  readFileSync(join(__dirname, '../../../../resources/access-review', name), 'utf8')
type Remembered = Parameters<typeof stageFile>[5]
const none: Remembered = async () => undefined
let k = 0
const stage = (name: string, text: string, remembered: Remembered = none) =>
  stageFile(`f${k++}`, name, new Blob([text]), text, Date.UTC(2026, 10, 1), remembered)

describe('staging a file', () => {
  it('detects each sample format and suggests the mapping from the header', async () => {
    const generic = await stage('generic-grants.csv', sample('generic-grants.csv'))
    expect(generic.format).toBe('generic')
    expect(generic.source).toBe('generic-grants')
    expect(generic.mapping).toMatchObject({
      login: 'login',
      entitlements: 'entitlements',
      application: 'application',
      lastUsed: 'last_used',
    })
    expect(generic.remembered).toBe(false)
    expect(generic.extractedAt).toBe('2026-11-01T00:00:00.000Z')
    expect((await stage('aws.csv', sample('aws-credential-report.csv'))).format).toBe(
      'aws-iam-credential-report',
    )
    const roster = await stage('hr.csv', sample('hr-roster.csv'))
    expect(roster.format).toBe('hr-roster')
    expect(roster.mapping['employeeId']).toBe('employee_id')
  })

  it('pre-fills the mapping remembered for the source where its columns exist', async () => {
    const text = 'User Name,Perms,System,Who\nann,read,App,x\n'
    const asked: string[] = []
    const f = await stage('Okta Export.CSV', text, async (format: string, source: string) => {
      asked.push(`${format}:${source}`)
      return { login: 'User Name', entitlements: 'Perms', application: 'System', manager: 'Gone' }
    })
    expect(asked).toEqual(['generic:okta export'])
    expect(f.remembered).toBe(true)
    expect(f.mapping).toMatchObject({
      login: 'User Name',
      entitlements: 'Perms',
      application: 'System',
    })
    expect(f.mapping['manager']).toBeUndefined()
  })

  it('names the default source after the file', () => {
    expect(defaultSource('Okta export 2026-11.csv')).toBe('okta export 2026-11')
    expect(defaultSource('.csv')).toBe('.csv')
  })
})

describe('analysing the staged files', () => {
  it('imports the samples, the roster flags nothing by itself and counts rows per file', async () => {
    const files = [
      await stage('generic-grants.csv', sample('generic-grants.csv')),
      await stage('aws-credential-report.csv', sample('aws-credential-report.csv')),
      await stage('hr-roster.csv', sample('hr-roster.csv')),
    ]
    const a = analyseFiles(files, 'exit')
    expect(a.blocking).toEqual([])
    expect(a.employees?.length).toBeGreaterThan(0)
    expect(a.grants.length).toBe(a.files[0]!.grantCount + a.files[1]!.grantCount)
    expect(a.files[2]!.grantCount).toBe(0)
    const imported = importedFiles(files, a, ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)])
    expect(imported.map((f) => [f.fileName, f.input.format, f.input.rowCount])).toEqual([
      ['generic-grants.csv', 'generic', a.files[0]!.rowCount],
      ['aws-credential-report.csv', 'aws-iam-credential-report', a.files[1]!.rowCount],
      ['hr-roster.csv', 'hr-roster', a.files[2]!.rowCount],
    ])
    expect(imported[0]!.input.source).toBe('generic-grants')
  })

  it('lists malformed rows and grants repeated across files with their lines', async () => {
    const one = 'login,entitlements,application\nann,read|write,App\nbob,,App\n'
    const two = 'login,entitlements,application\r\nzed,read,Other\r\nann,write,App\r\n"x,y\r\n'
    const a = analyseFiles([await stage('one.csv', one), await stage('two.csv', two)], 'snapshot')
    expect(a.blocking).toEqual([])
    expect(a.grants.map((g) => `${g.login}:${g.entitlement}`)).toEqual([
      'ann:read',
      'ann:write',
      'zed:read',
    ])
    expect(a.files[0]!.problems.map((p) => p.line)).toEqual([3])
    expect(a.files[1]!.problems.map((p) => p.line)).toEqual([3, 4])
    expect(a.files[1]!.problems[0]!.message).toContain('(one.csv, line 2)')
    expect(a.rowProblems).toBe(3)
  })

  it('blocks a roster alone, two rosters, an exit review without roster and a bad mapping', async () => {
    const roster = sample('hr-roster.csv')
    const r1 = await stage('r1.csv', roster)
    const r2 = await stage('r2.csv', roster)
    expect(analyseFiles([r1], 'snapshot').blocking[0]).toContain('Add at least one who-has-what')
    expect(analyseFiles([r1, r2], 'snapshot').blocking.join(' ')).toContain(
      'Add only one HR roster',
    )
    const g = await stage('g.csv', 'login,entitlements,application\nann,read,App\n')
    expect(analyseFiles([g], 'exit').blocking).toEqual([
      'An exit review needs the HR roster: add it so orphaned accounts can be found.',
    ])
    const unmapped: StagedFile = { ...g, mapping: { login: 'login', entitlements: 'entitlements' } }
    expect(analyseFiles([unmapped], 'snapshot').blocking).toEqual([
      'g.csv: the column mapping has a problem; fix it below.',
    ])
    const empty = await stage('e.csv', 'login,entitlements,application\n,read,App\n')
    expect(analyseFiles([empty], 'snapshot').blocking[0]).toContain(
      'no grant that could be imported',
    )
  })
})

const items: ReviewItem[] = buildItems(
  [
    { login: 'root', entitlement: 'admin', application: 'A', lastUsed: '2026-11-01T00:00:00.000Z' },
    { login: 'ann', entitlement: 'read', application: 'A', lastUsed: '2026-11-01T00:00:00.000Z' },
    { login: 'bob', entitlement: 'read', application: 'B', lastUsed: 'never' },
    { login: 'cy', entitlement: 'write', application: 'B', lastUsed: '2026-11-01T00:00:00.000Z' },
  ].map((g, i) => ({
    ...g,
    key: `k${i}`,
    identityType: 'human' as const,
    description: '',
    manager: '',
    owner: '',
    line: i + 2,
  })),
  { asOf: '2026-11-20T00:00:00.000Z', type: 'snapshot', rules: [], owner: 'Olu' },
)
const decide = (itemId: string, outcome: Decision['outcome']): Decision => ({
  itemId,
  outcome,
  justification: '',
  actor: 'Olu',
  at: '2026-11-20T10:00:00.000Z',
  via: 'reviewer',
})

describe('the campaign screen', () => {
  const decisions = [decide('i2', 'revoke'), decide('i3', 'modify'), decide('i4', 'unsure')]
  const latest = new Map(decisions.map((d) => [d.itemId, d]))
  const ids = (list: readonly ReviewItem[]) => list.map((i) => i.id)

  it('filters by status, outcome, unconfirmed changes, flag and text', () => {
    const confirmed = new Set(['i3'])
    const f = (change: object) =>
      ids(screenItems(items, latest, confirmed, { ...NO_FILTER, ...change }))
    expect(screenItems(items, latest, confirmed, NO_FILTER)).toBe(items)
    expect(f({ status: 'undecided' })).toEqual(['i1'])
    expect(f({ status: 'unsure' })).toEqual(['i4'])
    expect(f({ status: 'decided' })).toEqual(['i2', 'i3'])
    expect(f({ status: 'revoke' })).toEqual(['i2'])
    expect(f({ status: 'unconfirmed' })).toEqual(['i2'])
    expect(f({ flag: 'privileged' })).toEqual(['i1'])
    expect(f({ flag: 'stale' })).toEqual(['i3'])
    expect(f({ text: 'b read' })).toEqual(['i3'])
    expect(f({ application: 'B', status: 'unconfirmed' })).toEqual([])
  })

  it('says when and why a justification is required', () => {
    expect(justificationReason(items, 'revoke')).toBeNull()
    expect(justificationReason([items[1]!], 'keep')).toBeNull()
    expect(justificationReason([items[0]!], 'keep')).toContain('Required: keeping privileged')
    expect(justificationReason(items, 'keep')).toContain('Required: 2 of the selected items')
    expect(justificationReason([items[1]!], 'modify')).toContain('say what to change')
  })

  it('orders items by number, counts progress and marks open campaigns past due', () => {
    const shuffled = [{ id: 'i10' }, { id: 'i2' }, { id: 'i1' }] as ReviewItem[]
    expect(ids(inCampaignOrder(shuffled))).toEqual(['i1', 'i2', 'i10'])
    const c = { status: 'open', dueDate: '2026-11-19', itemCount: 4 } as ReviewCampaignRecord
    const now = new Date('2026-11-20T08:00:00Z')
    expect(campaignProgress(c, decisions, now)).toEqual({ total: 4, decided: 2, overdue: true })
    expect(isOverdue({ ...c, dueDate: '2026-11-20' }, now)).toBe(false)
    expect(isOverdue({ ...c, status: 'closed' }, now)).toBe(false)
    expect(fileBase('Q4 AWS review!')).toBe('q4-aws-review')
  })

  it('parses the review routes', () => {
    expect(parseReviewRoute('/reviews')).toEqual({ view: 'list' })
    expect(parseReviewRoute('/reviews/new')).toEqual({ view: 'new' })
    expect(parseReviewRoute(reviewHrefs.campaign('review 1').slice(1))).toEqual({
      view: 'campaign',
      id: 'review 1',
    })
    expect(parseReviewRoute('/reviews/%E0')).toBeUndefined()
    expect(parseReviewRoute('/reviewsx')).toBeUndefined()
  })
})
