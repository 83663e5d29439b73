// What the review screens show, as plain functions: labels, the item filter of the campaign
// screen (core filterItems plus "change not confirmed"), selection summaries, campaign progress
// and overdue state.
import {
  filterItems,
  latestDecisions,
  needsJustification,
  type Decision,
  type ItemFilter,
  type Outcome,
  type ReviewItem,
  type RiskFlag,
} from '../../core/access-review'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'

export const FLAG_LABELS: Record<RiskFlag, string> = {
  privileged: 'privileged',
  stale: 'stale',
  orphaned: 'orphaned',
  'service-without-owner': 'service account without owner',
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  keep: 'keep',
  revoke: 'revoke',
  modify: 'modify',
  unsure: 'unsure',
}

export const TYPE_NAMES: Record<ReviewCampaignRecord['type'], string> = {
  snapshot: 'Snapshot',
  differential: 'Differential',
  exit: 'Exit',
}

export function lastUsedText(lastUsed: string): string {
  if (lastUsed === '') return 'unknown'
  if (lastUsed === 'never') return 'never'
  return lastUsed.slice(0, 10)
}

/** The status choices of the item filter. */
export type StatusChoice =
  '' | 'undecided' | 'unsure' | 'decided' | 'keep' | 'revoke' | 'modify' | 'unconfirmed'

export const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'undecided', label: 'Undecided' },
  { value: 'unsure', label: 'Unsure' },
  { value: 'decided', label: 'Decided' },
  { value: 'keep', label: 'Decided: keep' },
  { value: 'revoke', label: 'Decided: revoke' },
  { value: 'modify', label: 'Decided: modify' },
  { value: 'unconfirmed', label: 'Revoke or modify not yet confirmed' },
]

export interface ScreenFilter {
  text: string
  application: string
  reviewer: string
  flag: RiskFlag | ''
  status: StatusChoice
}

export const NO_FILTER: ScreenFilter = {
  text: '',
  application: '',
  reviewer: '',
  flag: '',
  status: '',
}

export const isFiltered = (f: ScreenFilter): boolean =>
  f.text.trim() !== '' ||
  f.application !== '' ||
  f.reviewer !== '' ||
  f.flag !== '' ||
  f.status !== ''

/** The items the campaign screen lists for a filter, in campaign order. */
export function screenItems(
  items: readonly ReviewItem[],
  latest: ReadonlyMap<string, Decision>,
  confirmed: ReadonlySet<string>,
  f: ScreenFilter,
): readonly ReviewItem[] {
  if (!isFiltered(f)) return items
  const core: ItemFilter = {
    ...(f.text.trim() ? { text: f.text } : {}),
    ...(f.application ? { application: f.application } : {}),
    ...(f.reviewer ? { reviewer: f.reviewer } : {}),
    ...(f.flag ? { flags: [f.flag] } : {}),
  }
  switch (f.status) {
    case 'undecided':
    case 'unsure':
    case 'decided':
      core.status = f.status
      break
    case 'keep':
    case 'revoke':
    case 'modify':
      core.outcome = f.status
      break
    case 'unconfirmed':
      return filterItems(items, latest, core).filter((i) => {
        const o = latest.get(i.id)?.outcome
        return (o === 'revoke' || o === 'modify') && !confirmed.has(i.id)
      })
  }
  return filterItems(items, latest, core)
}

/** Items in campaign order (ids are i1, i2, …; the database returns them sorted as text). */
export const inCampaignOrder = <T extends ReviewItem>(items: T[]): T[] =>
  items.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))

/** Why a justification is needed for deciding `outcome` on these items, or null if it is not. */
export function justificationReason(items: readonly ReviewItem[], outcome: Outcome): string | null {
  if (outcome === 'modify') return 'Required for modify: say what to change.'
  if (outcome !== 'keep') return null
  const n = items.filter((i) => needsJustification(i, 'keep')).length
  if (n === 0) return null
  return n === items.length
    ? `Required: keeping privileged or stale access needs a reason (at least 10 characters).`
    : `Required: ${n.toLocaleString('en-GB')} of the selected items are privileged or stale, and keeping them needs a reason (at least 10 characters).`
}

export interface CampaignProgress {
  total: number
  decided: number
  overdue: boolean
}

const today = (now: Date) => now.toISOString().slice(0, 10)

export const isOverdue = (c: ReviewCampaignRecord, now: Date = new Date()): boolean =>
  c.status === 'open' && today(now) > c.dueDate

/** Items with a final decision (keep, revoke or modify) out of all. */
export function campaignProgress(
  c: ReviewCampaignRecord,
  decisions: readonly Decision[],
  now: Date = new Date(),
): CampaignProgress {
  let decided = 0
  for (const d of latestDecisions(decisions).values()) if (d.outcome !== 'unsure') decided++
  return { total: c.itemCount, decided, overdue: isOverdue(c, now) }
}

/** A file name from a campaign name: "Q4 AWS review" → "q4-aws-review". */
export const fileBase = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'access-review'
