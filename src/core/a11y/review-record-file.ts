// The review of one sweep report as a file (format evw-a11y-review/1): the report's SHA-256,
// every review item with its current state and full history (each decision with its reviewer,
// key id, time and note; each waiver with its rationale, approver role and expiry), and the
// status computed on a given day. Written as RFC 8785 canonical JSON, so the same review on the
// same day always gives the same bytes (and the same evidence SHA-256). Stored as evidence and
// attached to packets, it travels inside the signed bundle with the report it reviews.
// The parser is strict: an unknown format, a bad hash, an unknown field or a status that does
// not follow from the history is refused with the reason. See docs/a11y-sweep.md.
import { isCalendarDate } from '../evidence/expiry'
import {
  canonicalBytes,
  canonicalize,
  parseJsonBytes,
  parseJsonStrict,
} from '../json/canonical-json'
import {
  A11Y_STATUSES,
  itemStates,
  reviewItems,
  reviewStatus,
  failedPageCount,
  wellFormedEntry,
  type A11yStatus,
  type ItemState,
  type ReportReview,
  type ReviewItem,
} from './review-model'
import type { A11yItemKind, A11yReviewer, A11yReviewRecord } from './review-records'
import type { SweepReport } from './sweep-report'

export const A11Y_REVIEW_FORMAT = 'evw-a11y-review/1'

/** One entry of an item's history, as the review log holds it (without the log's own keys). */
export type ReviewHistoryEntry = { at: string; reviewer: A11yReviewer } & (
  | { kind: 'decision'; outcome: 'pass' | 'fail'; note: string }
  | { kind: 'waiver'; rationale: string; approverRole: string; expires: string }
)

export type ReviewItemState = ItemState['state']

export interface ReviewDocumentItem {
  id: string
  kind: A11yItemKind
  page: number
  pageLabel: string
  title: string
  ruleId?: string
  target?: string
  check?: string
  elements?: number
  /** The state on `computedOn`, from the last entry of `history`. */
  state: ReviewItemState
  /** Every decision or waiver on the item, oldest first; the last one is in force. */
  history: ReviewHistoryEntry[]
}

export interface A11yReviewDocument {
  format: typeof A11Y_REVIEW_FORMAT
  report: {
    /** SHA-256 of the sweep report's bytes: the evidence item it reviews. */
    sha256: string
    /** Pages of the report that could not be swept (they fail it on their own). */
    failedPages: number
  }
  /** YYYY-MM-DD: the day the states and status were computed (waivers expire by day). */
  computedOn: string
  status: A11yStatus
  summary: string
  counts: ReportReview['counts']
  items: ReviewDocumentItem[]
}

export class A11yReviewFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'A11yReviewFileError'
  }
}

/** True when the start of a file (its first KiB) says it is a review record. */
export function looksLikeReviewRecord(start: string): boolean {
  return /^\s*\{/.test(start) && /"format"\s*:\s*"evw-a11y-review\/1"/.test(start)
}

const HEX64 = /^[0-9a-f]{64}$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

const toEntry = (e: A11yReviewRecord): ReviewHistoryEntry =>
  e.kind === 'decision'
    ? {
        at: e.at,
        reviewer: { keyid: e.reviewer.keyid, name: e.reviewer.name },
        kind: 'decision',
        outcome: e.outcome,
        note: e.note,
      }
    : {
        at: e.at,
        reviewer: { keyid: e.reviewer.keyid, name: e.reviewer.name },
        kind: 'waiver',
        rationale: e.rationale,
        approverRole: e.approverRole,
        expires: e.expires,
      }

/**
 * Each item's history from the review log: the entries that count for it (well formed, of the
 * right kind for the item), in log order. Entries for other items are left out.
 */
export function historiesFromLog(
  items: readonly ReviewItem[],
  log: readonly A11yReviewRecord[],
): Map<string, ReviewHistoryEntry[]> {
  const byId = new Map(items.map((i) => [i.id, i]))
  const out = new Map<string, ReviewHistoryEntry[]>(items.map((i) => [i.id, []]))
  const ordered = [...log].sort(
    (a, b) => (a.seq ?? 0) - (b.seq ?? 0) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  )
  for (const e of ordered) {
    const item = byId.get(e.itemId)
    if (!item || !wellFormedEntry(e)) continue
    if ((e.kind === 'waiver') !== (item.kind === 'violation')) continue
    out.get(item.id)!.push(toEntry(e))
  }
  return out
}

/** The histories back as log records (numbered in order), for the review model. */
function logFromHistories(
  reportSha256: string,
  items: readonly Pick<ReviewItem, 'id' | 'kind'>[],
  histories: (id: string) => readonly ReviewHistoryEntry[],
): A11yReviewRecord[] {
  const log: A11yReviewRecord[] = []
  let seq = 0
  for (const item of items)
    for (const h of histories(item.id))
      log.push({ ...h, seq: ++seq, reportSha256, itemId: item.id, itemKind: item.kind })
  return log
}

function documentItem(
  item: ReviewItem,
  state: ItemState,
  history: ReviewHistoryEntry[],
): ReviewDocumentItem {
  return {
    id: item.id,
    kind: item.kind,
    page: item.page,
    pageLabel: item.pageLabel,
    title: item.title,
    ...(item.ruleId !== undefined ? { ruleId: item.ruleId } : {}),
    ...(item.target !== undefined ? { target: item.target } : {}),
    ...(item.check !== undefined ? { check: item.check } : {}),
    ...(item.elements !== undefined ? { elements: item.elements } : {}),
    state: state.state,
    history,
  }
}

/** The review of `report` from its log, as it stands on `today` (YYYY-MM-DD). */
export function buildReviewDocument(
  report: SweepReport,
  reportSha256: string,
  log: readonly A11yReviewRecord[],
  today: string,
): A11yReviewDocument {
  const items = reviewItems(report)
  const histories = historiesFromLog(items, log)
  const failedPages = failedPageCount(report)
  const states = itemStates(
    items,
    logFromHistories(reportSha256, items, (id) => histories.get(id)!),
    today,
  )
  const review = reviewStatus(failedPages, items, states)
  return {
    format: A11Y_REVIEW_FORMAT,
    report: { sha256: reportSha256, failedPages },
    computedOn: today,
    status: review.status,
    summary: review.summary,
    counts: review.counts,
    items: items.map((i) => documentItem(i, states.get(i.id)!, histories.get(i.id)!)),
  }
}

/** The file's bytes: canonical JSON (RFC 8785), the same for the same review and day. */
export const reviewDocumentBytes = (doc: A11yReviewDocument): Uint8Array => canonicalBytes(doc)

/**
 * The review the document's history gives on `today` (waivers may have expired since it was
 * computed), judged over `items`: the report's own items when the caller has the report.
 */
export function reviewOn(doc: A11yReviewDocument, today: string): ReportReview {
  const byId = new Map(doc.items.map((i) => [i.id, i]))
  const log = logFromHistories(doc.report.sha256, doc.items, (id) => byId.get(id)!.history)
  const items = doc.items as unknown as ReviewItem[]
  return reviewStatus(doc.report.failedPages, items, itemStates(items, log, today))
}

/**
 * Why the document does not fit the report whose items and pages not swept are given (its items
 * differ), or undefined when it does.
 */
export function mismatchWithItems(
  doc: A11yReviewDocument,
  items: readonly Pick<ReviewItem, 'id' | 'kind'>[],
  failedPages: number,
): string | undefined {
  if (doc.report.failedPages !== failedPages)
    return 'its count of pages not swept differs from the report'
  if (
    doc.items.length !== items.length ||
    doc.items.some((d, i) => d.id !== items[i]!.id || d.kind !== items[i]!.kind)
  )
    return 'its items are not the report’s items'
  return undefined
}

/** mismatchWithItems for a whole report. */
export const mismatchWithReport = (
  doc: A11yReviewDocument,
  report: Pick<SweepReport, 'pages' | 'inputs'>,
): string | undefined =>
  mismatchWithItems(doc, reviewItems(report as SweepReport), failedPageCount(report))

/**
 * Whether the document holds exactly the history the workspace's log gives for the report:
 * false when decisions or waivers were recorded since it was written (or were never in it).
 */
export function matchesLog(
  doc: A11yReviewDocument,
  items: readonly ReviewItem[],
  log: readonly A11yReviewRecord[],
): boolean {
  const fromLog = historiesFromLog(items, log)
  const mine = new Map(doc.items.map((i) => [i.id, i.history]))
  if (mine.size !== fromLog.size) return false
  for (const [id, history] of fromLog) {
    const other = mine.get(id)
    if (!other || canonicalize(other) !== canonicalize(history)) return false
  }
  return true
}

// ---- The strict parser --------------------------------------------------------------------

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function fail(where: string, what: string): never {
  throw new A11yReviewFileError(`${where}: ${what}`)
}

function only(o: Obj, keys: readonly string[], where: string) {
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      fail(where, `unknown field "${k}" (this is not an evw-a11y-review/1 file)`)
}

function text(o: Obj, key: string, where: string, optional = false): string | undefined {
  const v = o[key]
  if (v === undefined && optional) return undefined
  if (typeof v !== 'string') fail(where, `"${key}" must be text`)
  return v
}

function count(o: Obj, key: string, where: string, optional = false): number | undefined {
  const v = o[key]
  if (v === undefined && optional) return undefined
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    fail(where, `"${key}" must be a whole number of at least 0`)
  return v
}

const ITEM_KINDS: readonly A11yItemKind[] = ['incomplete', 'manual', 'violation']
const STATES: readonly ReviewItemState[] = ['undecided', 'pass', 'fail', 'waived', 'waiver-expired']
const COUNT_KEYS = [
  'failedPages',
  'undecided',
  'failed',
  'violationsOpen',
  'waiversExpired',
  'violationsWaived',
  'decidedPass',
  'items',
] as const

function entry(v: unknown, itemKind: A11yItemKind, where: string): ReviewHistoryEntry {
  if (!isObj(v)) fail(where, 'an entry must be an object')
  const at = text(v, 'at', where)!
  if (!ISO_TIME.test(at) || Number.isNaN(Date.parse(at)))
    fail(where, '"at" must be an ISO 8601 time')
  const r = v.reviewer
  if (!isObj(r)) fail(where, '"reviewer" must be an object')
  only(r, ['keyid', 'name'], `${where}.reviewer`)
  const keyid = text(r, 'keyid', `${where}.reviewer`)!
  if (!HEX64.test(keyid)) fail(`${where}.reviewer`, '"keyid" must be 64 lower-case hex digits')
  const name = text(r, 'name', `${where}.reviewer`)!
  if (!name.trim()) fail(`${where}.reviewer`, '"name" must not be empty')
  const reviewer = { keyid, name }
  if (v.kind === 'decision') {
    only(v, ['at', 'reviewer', 'kind', 'outcome', 'note'], where)
    if (itemKind === 'violation') fail(where, 'a violation is waived, not decided')
    if (v.outcome !== 'pass' && v.outcome !== 'fail')
      fail(where, '"outcome" must be "pass" or "fail"')
    return { at, reviewer, kind: 'decision', outcome: v.outcome, note: text(v, 'note', where)! }
  }
  if (v.kind === 'waiver') {
    only(v, ['at', 'reviewer', 'kind', 'rationale', 'approverRole', 'expires'], where)
    if (itemKind !== 'violation') fail(where, 'only a violation can be waived')
    const expires = text(v, 'expires', where)!
    if (!isCalendarDate(expires)) fail(where, '"expires" must be a date, YYYY-MM-DD')
    const rationale = text(v, 'rationale', where)!
    const approverRole = text(v, 'approverRole', where)!
    if (!rationale.trim() || !approverRole.trim())
      fail(where, 'a waiver needs a rationale and an approver role')
    return { at, reviewer, kind: 'waiver', rationale, approverRole, expires }
  }
  return fail(where, '"kind" must be "decision" or "waiver"')
}

function item(v: unknown, where: string): ReviewDocumentItem {
  if (!isObj(v)) fail(where, 'an item must be an object')
  only(
    v,
    [
      'id',
      'kind',
      'page',
      'pageLabel',
      'title',
      'ruleId',
      'target',
      'check',
      'elements',
      'state',
      'history',
    ],
    where,
  )
  const kind = v.kind as A11yItemKind
  if (!ITEM_KINDS.includes(kind)) fail(where, '"kind" must be incomplete, manual or violation')
  const state = v.state as ReviewItemState
  if (!STATES.includes(state)) fail(where, `"state" must be one of ${STATES.join(', ')}`)
  if (!Array.isArray(v.history)) fail(where, '"history" must be a list')
  const id = text(v, 'id', where)!
  if (!id) fail(where, '"id" must not be empty')
  const out: ReviewDocumentItem = {
    id,
    kind,
    page: count(v, 'page', where)!,
    pageLabel: text(v, 'pageLabel', where)!,
    title: text(v, 'title', where)!,
    state,
    history: v.history.map((e, n) => entry(e, kind, `${where}.history[${n}]`)),
  }
  const ruleId = text(v, 'ruleId', where, true)
  const target = text(v, 'target', where, true)
  const check = text(v, 'check', where, true)
  const elements = count(v, 'elements', where, true)
  if (ruleId !== undefined) out.ruleId = ruleId
  if (target !== undefined) out.target = target
  if (check !== undefined) out.check = check
  if (elements !== undefined) out.elements = elements
  return out
}

/** Checks a parsed value field by field, and that its states and status follow from it. */
export function validateReviewDocument(v: unknown): A11yReviewDocument {
  if (!isObj(v)) fail('review', 'must be a JSON object')
  if (v.format !== A11Y_REVIEW_FORMAT)
    fail(
      'review',
      typeof v.format === 'string'
        ? `format "${v.format}" is not ${A11Y_REVIEW_FORMAT}`
        : `"format" must be "${A11Y_REVIEW_FORMAT}"`,
    )
  only(v, ['format', 'report', 'computedOn', 'status', 'summary', 'counts', 'items'], 'review')
  const report = v.report
  if (!isObj(report)) fail('review', '"report" must be an object')
  only(report, ['sha256', 'failedPages'], 'report')
  const sha256 = text(report, 'sha256', 'report')!
  if (!HEX64.test(sha256)) fail('report', '"sha256" must be 64 lower-case hex digits')
  const failedPages = count(report, 'failedPages', 'report')!
  const computedOn = text(v, 'computedOn', 'review')!
  if (!isCalendarDate(computedOn)) fail('review', '"computedOn" must be a date, YYYY-MM-DD')
  const status = v.status as A11yStatus
  if (!A11Y_STATUSES.includes(status))
    fail('review', `"status" must be one of ${A11Y_STATUSES.join(', ')}`)
  const summary = text(v, 'summary', 'review')!
  if (!isObj(v.counts)) fail('review', '"counts" must be an object')
  only(v.counts, COUNT_KEYS, 'counts')
  const counts = Object.fromEntries(
    COUNT_KEYS.map((k) => [k, count(v.counts as Obj, k, 'counts')!]),
  ) as ReportReview['counts']
  if (!Array.isArray(v.items)) fail('review', '"items" must be a list')
  const items = v.items.map((it, n) => item(it, `items[${n}]`))
  const ids = new Set<string>()
  for (const it of items) {
    if (ids.has(it.id)) fail('items', `the id "${it.id}" is listed twice`)
    ids.add(it.id)
  }
  const doc: A11yReviewDocument = {
    format: A11Y_REVIEW_FORMAT,
    report: { sha256, failedPages },
    computedOn,
    status,
    summary,
    counts,
    items,
  }
  // The recorded states and status must be what the history gives on computedOn.
  const byId = new Map(items.map((i) => [i.id, i]))
  const asItems = items as unknown as ReviewItem[]
  const states = itemStates(
    asItems,
    logFromHistories(sha256, items, (id) => byId.get(id)!.history),
    computedOn,
  )
  for (const [n, it] of items.entries()) {
    const s = states.get(it.id)!.state
    if (s !== it.state)
      fail(`items[${n}]`, `"state" is "${it.state}" but its history gives "${s}" on ${computedOn}`)
  }
  const review = reviewStatus(failedPages, asItems, states)
  if (review.status !== status)
    fail('review', `"status" is "${status}" but the items give "${review.status}" on ${computedOn}`)
  if (canonicalize(review.counts) !== canonicalize(counts))
    fail('review', '"counts" do not match the items')
  if (review.summary !== summary) fail('review', '"summary" does not match the items')
  return doc
}

/** Parses a review record from text (strict JSON: duplicate keys and the like are refused). */
export function parseReviewDocument(json: string): A11yReviewDocument {
  let value: unknown
  try {
    value = parseJsonStrict(json)
  } catch (e) {
    throw new A11yReviewFileError(`not valid JSON: ${(e as Error).message}`)
  }
  return validateReviewDocument(value)
}

/** Parses a review record from its bytes (UTF-8, no byte order mark). */
export function parseReviewDocumentBytes(bytes: Uint8Array): A11yReviewDocument {
  let value: unknown
  try {
    value = parseJsonBytes(bytes)
  } catch (e) {
    throw new A11yReviewFileError(`not valid JSON: ${(e as Error).message}`)
  }
  return validateReviewDocument(value)
}
