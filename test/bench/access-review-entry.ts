// The TypeScript half of the access-review benchmark, bundled by test/bench/access-review.mjs:
// a synthetic who-has-what CSV and the core functions the workbench runs on it.
import Papa from 'papaparse'
import {
  buildItems,
  filterItems,
  gapReport,
  importGenericGrants,
  latestDecisions,
  readCsvRecords,
  suggestMapping,
  type Decision,
  type ReviewItem,
} from '../../src/core/access-review'

const APPS = [
  'GitHub',
  'Salesforce',
  'Jira Cloud',
  'Snowflake',
  'Okta',
  'AWS console',
  'Workday',
  'Zendesk',
]
const ENTS = ['member', 'read', 'write', 'maintain', 'admin', 'billing', 'support', 'auditor']

/** `rows` rows of the generic format, each with two entitlements: 2 × rows grants. */
export function syntheticCsv(rows: number): string {
  let seed = 42
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const out = ['login,entitlements,description,manager,application,last_used,identity_type,owner']
  for (let r = 0; r < rows; r++) {
    const login = r % 23 === 0 ? `svc-job-${r}` : `user.${r}`
    const a = Math.floor(rnd() * ENTS.length)
    const b = (a + 1 + Math.floor(rnd() * (ENTS.length - 1))) % ENTS.length
    const days = Math.floor(rnd() * 200)
    const last = new Date(Date.UTC(2026, 3, 13) - days * 86_400_000).toISOString().slice(0, 10)
    out.push(
      `${login},${ENTS[a]}|${ENTS[b]},"Access for ${login}, team ${r % 40}",manager.${r % 300},${APPS[r % APPS.length]},${last},${login.startsWith('svc') ? 'service' : 'human'},${r % 46 === 0 ? '' : 'owner.' + (r % 17)}`,
    )
  }
  return out.join('\r\n') + '\r\n'
}

export function importCampaign(text: string): ReviewItem[] {
  const mapping = suggestMapping('generic', readCsvRecords(text.slice(0, 2000)).header)
  const r = importGenericGrants(text, mapping)
  if (r.problems.length > 0 || r.mappingProblems.length > 0) throw new Error('import problems')
  return buildItems(r.grants, {
    type: 'snapshot',
    asOf: '2026-04-13T00:00:00.000Z',
    owner: 'owner',
    rules: APPS.map((a, i) => ({
      by: 'application' as const,
      match: a,
      reviewer: `reviewer.${i}`,
    })),
  })
}

/** Baseline: Papa Parse alone on the same text (no mapping, checks, flags or line numbers). */
export const papaBaseline = (text: string): number => Papa.parse<string[]>(text).data.length

export function decideHalf(items: readonly ReviewItem[]): Decision[] {
  return items
    .filter((_, i) => i % 2 === 0)
    .map((i) => ({
      itemId: i.id,
      outcome: 'revoke' as const,
      justification: '',
      actor: i.reviewer,
      at: '2026-04-20T10:00:00.000Z',
      via: 'reviewer' as const,
    }))
}

/** The list screen's filter: privileged, undecided, text "admin". */
export const filterCampaign = (items: readonly ReviewItem[], decisions: readonly Decision[]) =>
  filterItems(items, latestDecisions(decisions), {
    text: 'admin',
    flags: ['privileged'],
    status: 'undecided',
  })

/** Baseline: one Array.filter with the same text test, inlined. */
export const filterBaseline = (items: readonly ReviewItem[]) =>
  items.filter((i) => i.entitlement.includes('admin') || i.description.includes('admin'))

export const gaps = (items: readonly ReviewItem[], decisions: readonly Decision[]) =>
  gapReport(
    items,
    decisions,
    [],
    { owner: 'owner', dueDate: '2026-04-30', noResponseDefault: 'revoke' },
    '2026-05-02T00:00:00.000Z',
  )
