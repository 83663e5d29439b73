// Campaign rules: who reviews which item, what a valid decision is, when a campaign may close,
// and the gap report the owner and the auditors read. Plain functions of the campaign state, so
// the app, the CLI and the tests reach the same answers.
import { riskFlags, type FlagContext, type Grant, type RiskFlag } from './grants'

export type ReviewType = 'snapshot' | 'differential' | 'exit'
export type Outcome = 'keep' | 'revoke' | 'modify' | 'unsure'
export const OUTCOMES: readonly Outcome[] = ['keep', 'revoke', 'modify', 'unsure']
export type NoResponseDefault = 'revoke' | 'keep'

export interface ReviewerRule {
  by: 'application' | 'manager'
  /** Application name or manager login, compared case-insensitively. */
  match: string
  reviewer: string
}

export interface ReviewItem extends Grant {
  id: string
  flags: RiskFlag[]
  reviewer: string
}

export interface Decision {
  itemId: string
  outcome: Outcome
  justification: string
  actor: string
  at: string
  /** 'reviewer' for a person's decision, 'no-response-default' when the owner applied the default. */
  via: 'reviewer' | 'no-response-default'
}

export interface ChangeConfirmation {
  itemId: string
  actor: string
  at: string
  reference: string
}

export interface CampaignRules {
  owner: string
  dueDate: string
  noResponseDefault: NoResponseDefault
}

const ruleKey = (s: string) => s.trim().toLowerCase()

/** Picks the reviewer: the first application rule, then the first manager rule, then the owner. */
export function reviewerAssigner(
  rules: readonly ReviewerRule[],
  owner: string,
): (grant: Grant) => string {
  const byApp = new Map<string, string>()
  const byManager = new Map<string, string>()
  for (const r of rules) {
    const map = r.by === 'application' ? byApp : byManager
    if (!map.has(ruleKey(r.match))) map.set(ruleKey(r.match), r.reviewer)
  }
  return (grant) =>
    byApp.get(ruleKey(grant.application)) ??
    (grant.manager !== '' ? byManager.get(ruleKey(grant.manager)) : undefined) ??
    owner
}

export const assignReviewer = (grant: Grant, rules: readonly ReviewerRule[], owner: string) =>
  reviewerAssigner(rules, owner)(grant)

/**
 * The items of a new campaign. Snapshot: every grant. Differential: grants whose key was not in
 * the previous campaign. Exit: grants of accounts flagged orphaned (needs a roster).
 */
export function buildItems(
  grants: readonly Grant[],
  opts: FlagContext & {
    type: ReviewType
    rules: readonly ReviewerRule[]
    owner: string
    previousKeys?: ReadonlySet<string>
  },
): ReviewItem[] {
  const items: ReviewItem[] = []
  const assign = reviewerAssigner(opts.rules, opts.owner)
  for (const g of grants) {
    if (opts.type === 'differential' && opts.previousKeys?.has(g.key)) continue
    const flags = riskFlags(g, opts)
    if (opts.type === 'exit' && !flags.includes('orphaned')) continue
    items.push({
      ...g,
      id: `i${items.length + 1}`,
      flags,
      reviewer: assign(g),
    })
  }
  return items
}

export const needsJustification = (item: ReviewItem, outcome: Outcome): boolean =>
  (outcome === 'keep' && (item.flags.includes('privileged') || item.flags.includes('stale'))) ||
  outcome === 'modify'

export const MIN_JUSTIFICATION = 10
export const MAX_JUSTIFICATION = 2000

/** Returns what is wrong with a decision, or null when it may be recorded. */
export function checkDecision(
  item: ReviewItem,
  outcome: Outcome,
  justification: string,
): string | null {
  if (!OUTCOMES.includes(outcome))
    return `"${outcome}" is not a decision; choose keep, revoke, modify or unsure.`
  if (justification.trim().length > MAX_JUSTIFICATION)
    return `Shorten the justification to at most ${MAX_JUSTIFICATION} characters; attach longer reasoning as evidence.`
  if (needsJustification(item, outcome) && justification.trim().length < MIN_JUSTIFICATION) {
    if (outcome === 'modify')
      return `Say what to change for ${item.login} in ${item.application} (at least ${MIN_JUSTIFICATION} characters).`
    const why = item.flags.filter((f) => f === 'privileged' || f === 'stale').join(' and ')
    return `Keeping ${why} access for ${item.login} (${item.entitlement}) needs a justification of at least ${MIN_JUSTIFICATION} characters.`
  }
  return null
}

/** Latest decision per item (decisions are append-only; a later one supersedes an earlier one). */
export function latestDecisions(decisions: readonly Decision[]): Map<string, Decision> {
  const map = new Map<string, Decision>()
  for (const d of decisions) {
    const prev = map.get(d.itemId)
    if (!prev || prev.at <= d.at) map.set(d.itemId, d)
  }
  return map
}

const isFinal = (d: Decision | undefined) => d !== undefined && d.outcome !== 'unsure'

/**
 * The decisions the owner records when applying the no-response default: every undecided or
 * unsure item gets the default, except that a 'keep' default never covers privileged or stale
 * items (a person must decide those); they are returned in `refused`.
 */
export function noResponseDecisions(
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
  rules: CampaignRules,
  actor: string,
  at: string,
): { decisions: Decision[]; refused: ReviewItem[] } {
  const latest = latestDecisions(decisions)
  const out: Decision[] = []
  const refused: ReviewItem[] = []
  for (const item of items) {
    if (isFinal(latest.get(item.id))) continue
    if (rules.noResponseDefault === 'keep' && needsJustification(item, 'keep')) {
      refused.push(item)
      continue
    }
    out.push({
      itemId: item.id,
      outcome: rules.noResponseDefault,
      justification: `No decision by the due date ${rules.dueDate}; the campaign default (${rules.noResponseDefault}) was applied.`,
      actor,
      at,
      via: 'no-response-default',
    })
  }
  return { decisions: out, refused }
}

export interface CloseCheck {
  canClose: boolean
  reasons: string[]
}

export function checkClose(
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
): CloseCheck {
  const latest = latestDecisions(decisions)
  const undecided = items.filter((i) => !latest.has(i.id)).length
  const unsure = items.filter((i) => latest.get(i.id)?.outcome === 'unsure').length
  const reasons: string[] = []
  if (items.length === 0) reasons.push('The campaign has no items to review.')
  if (undecided > 0)
    reasons.push(
      `${undecided} item${undecided === 1 ? ' has' : 's have'} no decision. Decide them or apply the no-response default.`,
    )
  if (unsure > 0)
    reasons.push(
      `${unsure} item${unsure === 1 ? ' is' : 's are'} marked unsure. Settle them or apply the no-response default.`,
    )
  return { canClose: reasons.length === 0, reasons }
}

export interface ReviewerProgress {
  reviewer: string
  total: number
  decided: number
  overdue: boolean
}

export interface GapReport {
  generatedAt: string
  total: number
  decided: number
  undecided: ReviewItem[]
  unsure: ReviewItem[]
  overdueReviewers: ReviewerProgress[]
  reviewers: ReviewerProgress[]
  unconfirmedChanges: ReviewItem[]
  orphaned: ReviewItem[]
  serviceWithoutOwner: ReviewItem[]
}

export function gapReport(
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
  confirmations: readonly ChangeConfirmation[],
  rules: CampaignRules,
  now: string,
): GapReport {
  const latest = latestDecisions(decisions)
  const confirmed = new Set(confirmations.map((c) => c.itemId))
  const byReviewer = new Map<string, ReviewerProgress>()
  const overdue = now.slice(0, 10) > rules.dueDate
  const report: GapReport = {
    generatedAt: now,
    total: items.length,
    decided: 0,
    undecided: [],
    unsure: [],
    overdueReviewers: [],
    reviewers: [],
    unconfirmedChanges: [],
    orphaned: [],
    serviceWithoutOwner: [],
  }
  for (const item of items) {
    const d = latest.get(item.id)
    const p = byReviewer.get(item.reviewer) ?? {
      reviewer: item.reviewer,
      total: 0,
      decided: 0,
      overdue: false,
    }
    byReviewer.set(item.reviewer, p)
    p.total++
    if (isFinal(d)) {
      p.decided++
      report.decided++
    } else if (d) report.unsure.push(item)
    else report.undecided.push(item)
    if ((d?.outcome === 'revoke' || d?.outcome === 'modify') && !confirmed.has(item.id))
      report.unconfirmedChanges.push(item)
    if (item.flags.includes('orphaned')) report.orphaned.push(item)
    if (item.flags.includes('service-without-owner')) report.serviceWithoutOwner.push(item)
  }
  for (const p of byReviewer.values()) p.overdue = overdue && p.decided < p.total
  report.reviewers = [...byReviewer.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer))
  report.overdueReviewers = report.reviewers.filter((p) => p.overdue)
  return report
}

export type ItemStatus = 'undecided' | 'unsure' | 'decided'

export interface ItemFilter {
  /** Words that must all appear in login, application, entitlement, description or reviewer. */
  text?: string
  flags?: readonly RiskFlag[]
  application?: string
  reviewer?: string
  status?: ItemStatus
  outcome?: Outcome
}

/** The items matching every given criterion, in campaign order. */
export function filterItems(
  items: readonly ReviewItem[],
  latest: ReadonlyMap<string, Decision>,
  f: ItemFilter,
): ReviewItem[] {
  const words = (f.text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
  const flags = f.flags ?? []
  return items.filter((i) => {
    if (f.application !== undefined && i.application !== f.application) return false
    if (f.reviewer !== undefined && i.reviewer !== f.reviewer) return false
    for (const flag of flags) if (!i.flags.includes(flag)) return false
    if (f.status !== undefined || f.outcome !== undefined) {
      const d = latest.get(i.id)
      const status: ItemStatus = !d ? 'undecided' : d.outcome === 'unsure' ? 'unsure' : 'decided'
      if (f.status !== undefined && status !== f.status) return false
      if (f.outcome !== undefined && d?.outcome !== f.outcome) return false
    }
    if (words.length > 0) {
      const hay =
        `${i.login}\n${i.application}\n${i.entitlement}\n${i.description}\n${i.reviewer}`.toLowerCase()
      for (const w of words) if (!hay.includes(w)) return false
    }
    return true
  })
}
