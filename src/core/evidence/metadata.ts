// Evidence metadata: the defaults a new item starts with, and the validation of what a person
// types into the edit form. Problems are data (field, code, sentence) so the form can show each
// one beside its field and tests can check the code.
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  type Classification,
  type EvidenceKind,
  type EvidenceRecord,
} from '../workspace/records'
import { dayNumber, isCalendarDate, localDate } from './expiry'
import { guessKind, guessMimeType } from './file-type'

/** The fields a person edits. */
export type EvidenceMetadata = Pick<
  EvidenceRecord,
  | 'title'
  | 'kind'
  | 'source'
  | 'partnerSourceId'
  | 'collectedBy'
  | 'collectedAt'
  | 'effectiveDate'
  | 'expires'
  | 'tags'
  | 'classification'
>

/** What the form holds: every field as the text in its input. */
export interface MetadataDraft {
  title: string
  kind: string
  source: string
  partnerSourceId: string
  collectedBy: string
  /** `YYYY-MM-DDTHH:mm` (local, from a datetime-local input) or a full RFC 3339 time; '' = none. */
  collectedAt: string
  effectiveDate: string
  expires: string
  /** Comma-separated. */
  tags: string
  classification: string
}

export type MetadataField = keyof MetadataDraft

export interface MetadataProblem {
  field: MetadataField
  code:
    | 'REQUIRED'
    | 'TOO_LONG'
    | 'UNKNOWN_VALUE'
    | 'INVALID_DATE'
    | 'INVALID_TIME'
    | 'IN_FUTURE'
    | 'EXPIRES_BEFORE_EFFECTIVE'
    | 'TOO_MANY_TAGS'
  message: string
}

export type MetadataResult =
  { ok: true; value: EvidenceMetadata } | { ok: false; problems: MetadataProblem[] }

export const MAX_TITLE = 300
export const MAX_TEXT = 200
export const MAX_TAG = 50
export const MAX_TAGS = 30

/** "q3_access-export.final.csv" → "Q3 access export.final". */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const stem = (dot > 0 ? fileName.slice(0, dot) : fileName).replace(/[_-]+/g, ' ')
  const clean = stem.replace(/\s+/g, ' ').trim() || fileName.trim() || 'Untitled'
  return (clean.charAt(0).toUpperCase() + clean.slice(1)).slice(0, MAX_TITLE)
}

/** "a, b ,A,, c" → ["a", "b", "c"]: trimmed, empty ones dropped, duplicates (any case) once. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.replace(/\p{Cc}/gu, '').trim()
    if (!tag || seen.has(tag.toLowerCase())) continue
    seen.add(tag.toLowerCase())
    out.push(tag)
  }
  return out
}

export interface NewFileFacts {
  fileName: string
  /** The MIME type the platform reported ('' when unknown). */
  reportedType: string
  /** File modification time, ms since the epoch (0 or absent when unknown). */
  lastModified?: number
}

/** Metadata a newly added file starts with; the person edits it afterwards. */
export function defaultMetadata(facts: NewFileFacts): EvidenceMetadata & { mimeType: string } {
  const mimeType = guessMimeType(facts.fileName, facts.reportedType)
  const collectedAt =
    facts.lastModified && facts.lastModified > 0
      ? new Date(facts.lastModified).toISOString()
      : undefined
  return {
    mimeType,
    title: titleFromFileName(facts.fileName),
    kind: guessKind(facts.fileName, mimeType),
    tags: [],
    classification: 'internal',
    ...(collectedAt ? { collectedAt } : {}),
  }
}

const p2 = (n: number) => String(n).padStart(2, '0')

/** An RFC 3339 time as the local `YYYY-MM-DDTHH:mm` a datetime-local input shows. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${localDate(d)}T${p2(d.getHours())}:${p2(d.getMinutes())}`
}

/** The form's starting text for a record. */
export function draftFrom(m: EvidenceMetadata): MetadataDraft {
  return {
    title: m.title,
    kind: m.kind,
    source: m.source ?? '',
    partnerSourceId: m.partnerSourceId ?? '',
    collectedBy: m.collectedBy ?? '',
    collectedAt: toLocalInput(m.collectedAt),
    effectiveDate: m.effectiveDate ?? '',
    expires: m.expires ?? '',
    tags: m.tags.join(', '),
    classification: m.classification,
  }
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/** A local datetime-local value or an RFC 3339 time, as an RFC 3339 UTC time; undefined if bad. */
export function parseCollectedAt(text: string): string | undefined {
  const t = text.trim()
  if (!LOCAL_TIME.test(t) && !RFC3339.test(t)) return undefined
  if (!isCalendarDate(t.slice(0, 10))) return undefined
  const d = new Date(t)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

export interface ValidateOptions {
  /** Partner source ids that exist; when given, an unknown id is a problem. */
  partnerSourceIds?: ReadonlySet<string>
  /** The current time (for "collected in the future"); defaults to now. */
  now?: Date
}

/** Checks a form draft; on success returns the metadata to store (empty fields left out). */
export function validateMetadata(
  draft: MetadataDraft,
  options: ValidateOptions = {},
): MetadataResult {
  const problems: MetadataProblem[] = []
  const add = (field: MetadataField, code: MetadataProblem['code'], message: string) =>
    problems.push({ field, code, message })

  const title = draft.title.trim()
  if (!title) add('title', 'REQUIRED', 'Enter a title.')
  else if (title.length > MAX_TITLE)
    add('title', 'TOO_LONG', `Keep the title under ${MAX_TITLE} characters.`)

  if (!(EVIDENCE_KINDS as readonly string[]).includes(draft.kind)) {
    add('kind', 'UNKNOWN_VALUE', 'Choose a kind from the list.')
  }
  if (!(CLASSIFICATIONS as readonly string[]).includes(draft.classification)) {
    add('classification', 'UNKNOWN_VALUE', 'Choose a classification from the list.')
  }
  for (const field of ['source', 'collectedBy'] as const) {
    if (draft[field].trim().length > MAX_TEXT) {
      add(field, 'TOO_LONG', `Keep this under ${MAX_TEXT} characters.`)
    }
  }
  const partner = draft.partnerSourceId.trim()
  if (partner && options.partnerSourceIds && !options.partnerSourceIds.has(partner)) {
    add('partnerSourceId', 'UNKNOWN_VALUE', 'Choose a partner source from the list.')
  }

  let collectedAt: string | undefined
  if (draft.collectedAt.trim()) {
    collectedAt = parseCollectedAt(draft.collectedAt)
    const now = options.now ?? new Date()
    if (!collectedAt) {
      add('collectedAt', 'INVALID_TIME', 'Enter a date and time, e.g. 2026-03-31 14:30.')
    } else if (new Date(collectedAt).getTime() > now.getTime() + 24 * 3600_000) {
      add('collectedAt', 'IN_FUTURE', 'The collection time is in the future.')
    }
  }
  const effective = draft.effectiveDate.trim()
  const expires = draft.expires.trim()
  if (effective && !isCalendarDate(effective)) {
    add('effectiveDate', 'INVALID_DATE', 'Enter a real date as YYYY-MM-DD, e.g. 2026-04-01.')
  }
  if (expires && !isCalendarDate(expires)) {
    add('expires', 'INVALID_DATE', 'Enter a real date as YYYY-MM-DD, e.g. 2027-03-31.')
  }
  if (effective && expires && isCalendarDate(effective) && isCalendarDate(expires)) {
    if ((dayNumber(expires) ?? 0) < (dayNumber(effective) ?? 0)) {
      add(
        'expires',
        'EXPIRES_BEFORE_EFFECTIVE',
        `The expiry date is before the effective date (${effective}).`,
      )
    }
  }

  const tags = parseTags(draft.tags)
  if (tags.length > MAX_TAGS) add('tags', 'TOO_MANY_TAGS', `Use at most ${MAX_TAGS} tags.`)
  const long = tags.find((t) => t.length > MAX_TAG)
  if (long)
    add('tags', 'TOO_LONG', `Keep each tag under ${MAX_TAG} characters ("${long.slice(0, 20)}…").`)

  if (problems.length > 0) return { ok: false, problems }
  const opt = (v: string) => v.trim() || undefined
  const value: EvidenceMetadata = {
    title,
    kind: draft.kind as EvidenceKind,
    classification: draft.classification as Classification,
    tags,
  }
  const source = opt(draft.source)
  const collectedBy = opt(draft.collectedBy)
  if (source) value.source = source
  if (partner) value.partnerSourceId = partner
  if (collectedBy) value.collectedBy = collectedBy
  if (collectedAt) value.collectedAt = collectedAt
  if (effective) value.effectiveDate = effective
  if (expires) value.expires = expires
  return { ok: true, value }
}

/** A record with new metadata: optional fields left empty are removed, not kept stale. */
export function withMetadata(record: EvidenceRecord, m: EvidenceMetadata): EvidenceRecord {
  const {
    source: _s,
    partnerSourceId: _p,
    collectedBy: _b,
    collectedAt: _a,
    effectiveDate: _e,
    expires: _x,
    ...rest
  } = record
  return { ...rest, ...m }
}
