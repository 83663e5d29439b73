// The accessibility review of one sweep report: what a person must decide (every node axe could
// not decide, a manual checklist per swept page, every violation), the current state of each
// item from the append-only review log (the latest entry wins), and the report's status. The
// rules for a valid decision or waiver live here too, so the screen, the gate and the tests
// agree. See docs/a11y-sweep.md ("Needs review and waivers").
import { daysUntil, isCalendarDate } from '../evidence/expiry'
import type { A11yItemKind, A11yReviewer, A11yReviewRecord } from './review-records'
import { pageLabel, type SweepReport, type SweptPage } from './sweep-report'
import { targetLabel } from './wcag'

/** The checks no machine can make, asked of a person for every swept page. */
export const MANUAL_CHECKS = [
  {
    id: 'keyboard',
    title: 'Keyboard and tab order',
    criteria: '2.1.1, 2.1.2, 2.4.3',
    guide:
      'Put the mouse aside. From the top of the page press Tab to the end: every link, button and field is reached, in an order that follows the reading order, Shift+Tab goes back, focus is never trapped, and Enter or Space works each control.',
  },
  {
    id: 'focus-visible',
    title: 'Visible focus',
    criteria: '2.4.7, 2.4.11',
    guide:
      'While tabbing, the focused element always shows a clear outline or change of style (contrast of at least 3:1 with what surrounds it) and is never hidden under a sticky header, banner or dialog.',
  },
  {
    id: 'reflow',
    title: 'Reflow at 400 %',
    criteria: '1.4.10, 1.4.4',
    guide:
      'In a window 1280 CSS pixels wide, zoom to 400 %: the content reads in one column without scrolling sideways, nothing is cut off or overlaps, and every function is still there.',
  },
  {
    id: 'alt-text',
    title: 'Meaningful alt text',
    criteria: '1.1.1',
    guide:
      'Each image that carries information has alt text saying what it conveys in this context (not its file name, not “image”); decorative images have empty alt text; a chart has its figures in text nearby.',
  },
  {
    id: 'caveat-banner',
    title: 'Required caveat banner present and legible',
    criteria: '1.3.1, 1.4.3, 1.4.4',
    guide:
      'The caveat the copy requires (partial results, limits of the explanation) is on the page near the top, as text rather than an image, before the content it qualifies in reading order, with contrast of at least 4.5:1, and still legible at 200 % zoom.',
  },
] as const

export type ManualCheckId = (typeof MANUAL_CHECKS)[number]['id']

/** One thing a person must decide about a report. */
export interface ReviewItem {
  /** Stable within the report: the same report always yields the same ids. */
  id: string
  kind: A11yItemKind
  /** Index of the page in `report.pages`. */
  page: number
  /** The page's name for people. */
  pageLabel: string
  /** What to decide, in a few words. */
  title: string
  /** incomplete / violation: the axe rule. */
  ruleId?: string
  /** incomplete: the element (axe's selector), its node index in the rule. */
  target?: string
  node?: number
  /** manual: which check, and how to make it. */
  check?: ManualCheckId
  guide?: string
  /** violation: how many elements fail the rule on this page. */
  elements?: number
}

const pageKey = (page: SweptPage) => `${page.input}:${page.path}`

/**
 * Every item of a report, in page order: per page, axe's undecided nodes, then the manual
 * checklist, then the violations. Pages that could not be swept have no items (they fail the
 * report on their own). Ids are built from the page, the rule and the element, not from list
 * positions, so they stay the same for the same report.
 */
export function reviewItems(report: SweepReport): ReviewItem[] {
  const items: ReviewItem[] = []
  const seen = new Set<string>()
  const unique = (id: string) => {
    let out = id
    for (let n = 2; seen.has(out); n++) out = `${id}#${n}`
    seen.add(out)
    return out
  }
  report.pages.forEach((page, index) => {
    if (page.status !== 'swept' || !page.axe) return
    const label = pageLabel(report, page)
    const key = pageKey(page)
    for (const rule of page.axe.incomplete) {
      rule.nodes.forEach((node, n) => {
        const target = targetLabel(node)
        items.push({
          id: unique(`incomplete|${key}|${rule.id}|${JSON.stringify(node.target)}`),
          kind: 'incomplete',
          page: index,
          pageLabel: label,
          title: rule.help,
          ruleId: rule.id,
          target,
          node: n,
        })
      })
    }
    for (const check of MANUAL_CHECKS) {
      items.push({
        id: unique(`manual|${key}|${check.id}`),
        kind: 'manual',
        page: index,
        pageLabel: label,
        title: check.title,
        check: check.id,
        guide: check.guide,
      })
    }
    for (const rule of page.axe.violations) {
      items.push({
        id: unique(`violation|${key}|${rule.id}`),
        kind: 'violation',
        page: index,
        pageLabel: label,
        title: rule.help,
        ruleId: rule.id,
        elements: rule.nodes.length,
      })
    }
  })
  return items
}

/** The current state of one item, from its latest log entry. */
export type ItemState =
  | { state: 'undecided' }
  | { state: 'pass' | 'fail'; by: A11yReviewer; at: string; note: string }
  | {
      state: 'waived' | 'waiver-expired'
      by: A11yReviewer
      at: string
      rationale: string
      approverRole: string
      expires: string
    }

const isText = (v: unknown): v is string => typeof v === 'string'

/** A stored entry with every field the state needs (a damaged record is left out, not shown). */
export function wellFormedEntry(e: A11yReviewRecord): boolean {
  if (!e.reviewer || !isText(e.reviewer.keyid) || !isText(e.reviewer.name) || !isText(e.at))
    return false
  if (e.kind === 'decision') return (e.outcome === 'pass' || e.outcome === 'fail') && isText(e.note)
  if (e.kind === 'waiver') return isText(e.rationale) && isText(e.approverRole) && isText(e.expires)
  return false
}

/** Whether a waiver is still in force on `today` (YYYY-MM-DD): through its expiry day. */
export const waiverInForce = (expires: string, today: string): boolean =>
  (daysUntil(expires, today) ?? -1) >= 0

/**
 * The state of each item from the log (any order; `seq` decides, then `at`). Entries for ids
 * the report does not have, and entries of the wrong kind for an item (a waiver on a manual
 * check, a decision on a violation), are ignored: they cannot change the outcome.
 */
export function itemStates(
  items: readonly ReviewItem[],
  log: readonly A11yReviewRecord[],
  today: string,
): Map<string, ItemState> {
  const byId = new Map(items.map((i) => [i.id, i]))
  const latest = new Map<string, A11yReviewRecord>()
  const ordered = [...log].sort(
    (a, b) => (a.seq ?? 0) - (b.seq ?? 0) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  )
  for (const e of ordered) {
    const item = byId.get(e.itemId)
    if (!item || !wellFormedEntry(e)) continue
    if ((e.kind === 'waiver') !== (item.kind === 'violation')) continue
    latest.set(e.itemId, e)
  }
  const out = new Map<string, ItemState>()
  for (const item of items) {
    const e = latest.get(item.id)
    if (!e) out.set(item.id, { state: 'undecided' })
    else if (e.kind === 'decision')
      out.set(item.id, { state: e.outcome, by: e.reviewer, at: e.at, note: e.note })
    else
      out.set(item.id, {
        state: waiverInForce(e.expires, today) ? 'waived' : 'waiver-expired',
        by: e.reviewer,
        at: e.at,
        rationale: e.rationale,
        approverRole: e.approverRole,
        expires: e.expires,
      })
  }
  return out
}

export const A11Y_STATUSES = ['pass', 'waived', 'needs-review', 'fail'] as const
export type A11yStatus = (typeof A11Y_STATUSES)[number]

export const A11Y_STATUS_LABELS: Readonly<Record<A11yStatus, string>> = {
  pass: 'Pass',
  waived: 'Waived',
  'needs-review': 'Needs review',
  fail: 'Fail',
}

export interface ReportReview {
  status: A11yStatus
  /** One sentence: why the status is what it is. */
  summary: string
  counts: {
    /** Pages that could not be swept. */
    failedPages: number
    /** Incomplete and manual items with no decision yet. */
    undecided: number
    /** Incomplete and manual items a reviewer failed. */
    failed: number
    /** Violations with no waiver. */
    violationsOpen: number
    /** Violations whose latest waiver has expired. */
    waiversExpired: number
    violationsWaived: number
    decidedPass: number
    items: number
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The report's status. Fail: a page not swept, a violation not waived, an expired waiver, or a
 * reviewer's fail. Otherwise needs review while any item is undecided. Otherwise waived when
 * there are violations (all under a waiver in force), else pass.
 */
export function reviewStatus(
  failedPages: number,
  items: readonly ReviewItem[],
  states: ReadonlyMap<string, ItemState>,
): ReportReview {
  const counts = {
    failedPages,
    undecided: 0,
    failed: 0,
    violationsOpen: 0,
    waiversExpired: 0,
    violationsWaived: 0,
    decidedPass: 0,
    items: items.length,
  }
  for (const item of items) {
    const s = states.get(item.id)?.state ?? 'undecided'
    if (item.kind === 'violation') {
      if (s === 'waived') counts.violationsWaived++
      else if (s === 'waiver-expired') counts.waiversExpired++
      else counts.violationsOpen++
    } else if (s === 'pass') counts.decidedPass++
    else if (s === 'fail') counts.failed++
    else counts.undecided++
  }
  const problems: string[] = []
  if (counts.failedPages) problems.push(`${plural(counts.failedPages, 'page')} not swept`)
  if (counts.violationsOpen)
    problems.push(`${plural(counts.violationsOpen, 'violation')} not waived`)
  if (counts.waiversExpired) problems.push(`${plural(counts.waiversExpired, 'waiver')} expired`)
  if (counts.failed) problems.push(`${plural(counts.failed, 'item')} failed by a reviewer`)
  const undecided = counts.undecided
    ? `${plural(counts.undecided, 'item')} still to decide`
    : undefined
  if (problems.length > 0) {
    return {
      status: 'fail',
      summary: `Fail: ${[...problems, ...(undecided ? [undecided] : [])].join(', ')}.`,
      counts,
    }
  }
  if (undecided) {
    return { status: 'needs-review', summary: `Needs review: ${undecided}.`, counts }
  }
  if (counts.violationsWaived > 0) {
    return {
      status: 'waived',
      summary: `Waived: ${plural(counts.violationsWaived, 'violation')} under a waiver in force, every other item reviewed and passed.`,
      counts,
    }
  }
  return {
    status: 'pass',
    summary: `Pass: no violations, ${plural(counts.decidedPass, 'item')} reviewed and passed.`,
    counts,
  }
}

export const failedPageCount = (report: Pick<SweepReport, 'pages'>): number =>
  report.pages.filter((p) => p.status === 'failed').length

/** Items, their states and the status in one call. */
export function reviewReport(
  report: SweepReport,
  log: readonly A11yReviewRecord[],
  today: string,
): { items: ReviewItem[]; states: Map<string, ItemState>; review: ReportReview } {
  const items = reviewItems(report)
  const states = itemStates(items, log, today)
  return { items, states, review: reviewStatus(failedPageCount(report), items, states) }
}

/** Worst first: the status of several reports together is the worst of theirs. */
const SEVERITY: Record<A11yStatus, number> = { fail: 3, 'needs-review': 2, waived: 1, pass: 0 }

export function worstStatus(statuses: readonly A11yStatus[]): A11yStatus | undefined {
  let worst: A11yStatus | undefined
  for (const s of statuses) if (!worst || SEVERITY[s] > SEVERITY[worst]) worst = s
  return worst
}

// ---- Rules for new entries --------------------------------------------------------------------

/**
 * Roles whose holder may approve a waiver. The accountable manager is the "A" of every built-in
 * template's RACI: the person who accepts a risk for the deliverable. An organisation that names
 * an accessibility lead gives that person the `accessibility-lead` role in the keyring.
 */
export const WAIVER_APPROVER_ROLES = [
  { role: 'accountable-manager', label: 'Accountable manager' },
  { role: 'accessibility-lead', label: 'Accessibility lead' },
] as const

export const WAIVER_RATIONALE_MIN = 20
export const WAIVER_MAX_DAYS = 180
export const NOTE_MAX = 2000

export interface EntryProblem {
  field: 'reviewer' | 'outcome' | 'note' | 'rationale' | 'approverRole' | 'expires' | 'item'
  message: string
}

/** The acting person: a named identity (keyid and name) and the roles the keyring gives it. */
export interface ActingReviewer {
  keyid?: string
  name: string
  /** Roles the workspace keyring holds for this keyid (empty when it holds none). */
  roles: readonly string[]
  /** Set when the keyring says the key was revoked. */
  revoked?: boolean
}

function reviewerProblem(actor: ActingReviewer): EntryProblem | undefined {
  if (!actor.keyid || !actor.name.trim())
    return {
      field: 'reviewer',
      message:
        'A decision needs a named reviewer: choose the identity you act as (or create one) on the Keys screen.',
    }
  if (actor.revoked)
    return {
      field: 'reviewer',
      message: 'The identity you act as has been revoked; act as another identity.',
    }
  return undefined
}

/** Problems with a pass/fail decision on an incomplete or manual item (empty when valid). */
export function decisionProblems(
  item: Pick<ReviewItem, 'kind'>,
  input: { outcome: 'pass' | 'fail' | undefined; note: string },
  actor: ActingReviewer,
): EntryProblem[] {
  const out: EntryProblem[] = []
  const who = reviewerProblem(actor)
  if (who) out.push(who)
  if (item.kind === 'violation')
    out.push({
      field: 'item',
      message:
        'A violation is not decided pass or fail: fix the page and sweep again, or waive it.',
    })
  if (input.outcome !== 'pass' && input.outcome !== 'fail')
    out.push({ field: 'outcome', message: 'Choose Pass or Fail.' })
  if (input.outcome === 'fail' && input.note.trim() === '')
    out.push({
      field: 'note',
      message: 'Say what fails, so the page’s owners know what to fix.',
    })
  if (input.note.length > NOTE_MAX)
    out.push({ field: 'note', message: `Keep the note under ${NOTE_MAX} characters.` })
  return out
}

/** Adds `days` to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Problems with a waiver of a violation (empty when valid); `today` is YYYY-MM-DD. */
export function waiverProblems(
  item: Pick<ReviewItem, 'kind'>,
  input: { rationale: string; approverRole: string; expires: string },
  actor: ActingReviewer,
  today: string,
): EntryProblem[] {
  const out: EntryProblem[] = []
  const who = reviewerProblem(actor)
  if (who) out.push(who)
  if (item.kind !== 'violation')
    out.push({
      field: 'item',
      message: 'Only a violation can be waived; decide this item instead.',
    })
  const rationale = input.rationale.trim()
  if (rationale.length < WAIVER_RATIONALE_MIN)
    out.push({
      field: 'rationale',
      message: `Say why the violation may stay for now and what will fix it (at least ${WAIVER_RATIONALE_MIN} characters; ${rationale.length} so far).`,
    })
  else if (rationale.length > NOTE_MAX)
    out.push({ field: 'rationale', message: `Keep the rationale under ${NOTE_MAX} characters.` })
  const role = WAIVER_APPROVER_ROLES.find((r) => r.role === input.approverRole)
  if (!role)
    out.push({
      field: 'approverRole',
      message: `Choose the approver role: ${WAIVER_APPROVER_ROLES.map((r) => r.label).join(' or ')}.`,
    })
  else if (!who && !actor.roles.includes(role.role))
    out.push({
      field: 'approverRole',
      message: `${actor.name} does not hold the ${role.label} role in this workspace’s keyring. Act as an identity that holds it, or ask its holder to approve the waiver.`,
    })
  if (!isCalendarDate(input.expires))
    out.push({ field: 'expires', message: 'Give the expiry as a date (YYYY-MM-DD).' })
  else {
    const days = daysUntil(input.expires, today) ?? 0
    if (days < 1) out.push({ field: 'expires', message: 'The expiry must be after today.' })
    else if (days > WAIVER_MAX_DAYS)
      out.push({
        field: 'expires',
        message: `A waiver lasts at most ${WAIVER_MAX_DAYS} days: choose ${addDays(today, WAIVER_MAX_DAYS)} or earlier.`,
      })
  }
  return out
}
