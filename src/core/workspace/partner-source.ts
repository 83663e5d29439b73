// Partner sources as people type them: a draft from the register's form, checked field by
// field, then turned into a stored record. Also the labels the register and matrix show.
import {
  SLA_TIERS,
  SOURCE_STATUSES,
  type PartnerSourceRecord,
  type SlaTier,
  type SourceStatus,
} from './records'

export interface PartnerSourceDraft {
  name: string
  owner: string
  slaTier: string
  status: string
  notes: string
}

export type DraftField = keyof PartnerSourceDraft

export interface DraftIssue {
  field: DraftField
  message: string
}

export const MAX_SOURCE_NAME = 120
export const MAX_SOURCE_OWNER = 120
export const MAX_SOURCE_NOTES = 2000

export const SOURCE_STATUS_LABELS: Readonly<Record<SourceStatus, string>> = {
  proposed: 'Proposed',
  onboarding: 'Onboarding',
  pilot: 'Pilot',
  live: 'Live',
  paused: 'Paused',
  retired: 'Retired',
}

export const SLA_TIER_LABELS: Readonly<Record<SlaTier, string>> = {
  'tier-1': 'Tier 1 (critical)',
  'tier-2': 'Tier 2 (standard)',
  'tier-3': 'Tier 3 (best effort)',
}

export const emptyDraft = (): PartnerSourceDraft => ({
  name: '',
  owner: '',
  slaTier: 'tier-2',
  status: 'proposed',
  notes: '',
})

export const draftOf = (s: PartnerSourceRecord): PartnerSourceDraft => ({
  name: s.name,
  owner: s.owner,
  slaTier: s.slaTier,
  status: s.status,
  notes: s.notes ?? '',
})

const isSlaTier = (v: string): v is SlaTier => (SLA_TIERS as readonly string[]).includes(v)
const isStatus = (v: string): v is SourceStatus =>
  (SOURCE_STATUSES as readonly string[]).includes(v)
const squash = (s: string) => s.trim().replace(/\s+/g, ' ')

/**
 * Every problem with a draft, in form order, as sentences that say what to do. Names must be
 * unique (ignoring case) among `others`, the sources other than the one being edited.
 */
export function validatePartnerSourceDraft(
  draft: PartnerSourceDraft,
  others: readonly Pick<PartnerSourceRecord, 'name'>[],
): DraftIssue[] {
  const issues: DraftIssue[] = []
  const name = squash(draft.name)
  if (name === '') issues.push({ field: 'name', message: 'Enter the partner source’s name.' })
  else if (name.length > MAX_SOURCE_NAME)
    issues.push({ field: 'name', message: `Use at most ${MAX_SOURCE_NAME} characters.` })
  else if (others.some((o) => squash(o.name).toLowerCase() === name.toLowerCase()))
    issues.push({
      field: 'name',
      message: `A partner source named “${name}” already exists. Choose another name.`,
    })
  const owner = squash(draft.owner)
  if (owner === '')
    issues.push({ field: 'owner', message: 'Enter who owns this source (a person or a team).' })
  else if (owner.length > MAX_SOURCE_OWNER)
    issues.push({ field: 'owner', message: `Use at most ${MAX_SOURCE_OWNER} characters.` })
  if (!isSlaTier(draft.slaTier)) issues.push({ field: 'slaTier', message: 'Choose an SLA tier.' })
  if (!isStatus(draft.status)) issues.push({ field: 'status', message: 'Choose a status.' })
  if (draft.notes.length > MAX_SOURCE_NOTES)
    issues.push({ field: 'notes', message: `Use at most ${MAX_SOURCE_NOTES} characters.` })
  return issues
}

/** A readable, unique id from the name: "Contoso Maps" → "contoso-maps" (or "-2", "-3"…). */
export function partnerSourceId(name: string, taken: ReadonlySet<string>): string {
  const base =
    squash(name)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'source'
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

/** The stored record for a valid draft (call validatePartnerSourceDraft first). */
export function partnerSourceFromDraft(
  draft: PartnerSourceDraft,
  base: { id: string; createdAt: string },
  now: string,
): PartnerSourceRecord {
  if (!isSlaTier(draft.slaTier) || !isStatus(draft.status))
    throw new Error('partnerSourceFromDraft: the draft was not validated')
  const notes = draft.notes.trim()
  const record: PartnerSourceRecord = {
    id: base.id,
    name: squash(draft.name),
    owner: squash(draft.owner),
    slaTier: draft.slaTier,
    status: draft.status,
    createdAt: base.createdAt,
    updatedAt: now,
  }
  if (notes) record.notes = notes
  return record
}
