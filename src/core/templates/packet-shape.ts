// The structure of a packet document, checked before any template rule: what `evw pack
// --packet FILE` accepts from untrusted JSON. Also the date forms packets use.
import { assertCanonicalizable, CanonicalJsonError } from '../json/canonical-json'
import { evidencePathProblem } from './evidence-path'
import type { PacketDocument } from './packet'
import type { Issue } from './template-model'
import { SEMVER_PATTERN, TEMPLATE_ID_PATTERN } from './validate-template'

export type PacketIssueCode =
  | 'FIELD_REQUIRED'
  | 'FIELD_TYPE'
  | 'FIELD_PATTERN'
  | 'FIELD_RANGE'
  | 'FIELD_OPTION'
  | 'FIELD_UNKNOWN'
  | 'EVIDENCE_REQUIRED'
  | 'EVIDENCE_ROLE_UNKNOWN'
  | 'EVIDENCE_EXPIRED'
  | 'TEMPLATE_MISMATCH'
  | 'PACKET_MALFORMED'

export type PacketIssue = Issue<PacketIssueCode>

export type ParsePacketResult =
  { ok: true; packet: PacketDocument; issues: [] } | { ok: false; issues: PacketIssue[] }

export const PACKET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

const PACKET_KEYS = [
  'packetId',
  'template',
  'title',
  'partnerSource',
  'revision',
  'fields',
  'evidence',
]
const PACKET_REQUIRED = ['packetId', 'template', 'title', 'fields', 'evidence']
const EVIDENCE_TEXT_KEYS = ['title', 'kind', 'source', 'collectedBy', 'classification'] as const
const EVIDENCE_TIME_KEYS = ['collectedAt', 'effectiveDate', 'expires'] as const
const EVIDENCE_KEYS = new Set<string>([
  'path',
  'role',
  ...EVIDENCE_TEXT_KEYS,
  ...EVIDENCE_TIME_KEYS,
  'tags',
])

export type Obj = Record<string, unknown>

export const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined)

export const keyPath = (base: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d|60)(?:\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

function calendarDay(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d)
  const date = new Date(t)
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? t
    : undefined
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s)
  return m !== null && calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined
}

/**
 * The first instant at which something dated `s` no longer holds: the end of the day (UTC) for a
 * `YYYY-MM-DD` date, the instant itself for an RFC 3339 date-time; undefined when malformed.
 */
export function endOfValidity(s: string): number | undefined {
  const d = DATE.exec(s)
  if (d) {
    const day = calendarDay(Number(d[1]), Number(d[2]), Number(d[3]))
    return day === undefined ? undefined : day + 86_400_000
  }
  const m = DATE_TIME.exec(s)
  if (!m || calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) === undefined) return undefined
  const t = Date.parse(s)
  return Number.isNaN(t) ? undefined : t
}

/** Checks the structure of a packet document; says nothing about its template. */
export function checkPacketShape(doc: unknown): PacketIssue[] {
  const issues: PacketIssue[] = []
  const bad = (path: string, message: string) => {
    issues.push({ code: 'PACKET_MALFORMED', path, message })
  }

  if (!isObject(doc)) {
    bad('', 'The packet must be a JSON object with packetId, template, title, fields and evidence.')
    return issues
  }
  try {
    assertCanonicalizable(doc)
  } catch (e) {
    if (!(e instanceof CanonicalJsonError)) throw e
    const path = e.path.replace(/^\$\.?/, '')
    const reason = e.message.slice(0, e.message.lastIndexOf(' at '))
    bad(path, `This value cannot be signed as canonical JSON (${reason}); change it.`)
  }
  for (const key of PACKET_REQUIRED) {
    if (own(doc, key) === undefined) bad(key, `The packet has no "${key}"; add it.`)
  }
  for (const key of Object.keys(doc)) {
    if (!PACKET_KEYS.includes(key)) {
      bad(
        keyPath('', key).replace(/^\./, ''),
        `"${key}" is not a packet property; remove it or check its spelling (field values go in "fields").`,
      )
    }
  }
  const packetId = own(doc, 'packetId')
  if (
    packetId !== undefined &&
    (typeof packetId !== 'string' || !PACKET_ID_PATTERN.test(packetId))
  ) {
    bad(
      'packetId',
      'The packet id must be 1–128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.',
    )
  }
  const template = own(doc, 'template')
  if (template !== undefined) {
    if (!isObject(template)) {
      bad('template', 'The template reference must be an object with "id" and "version".')
    } else {
      const id = own(template, 'id')
      const version = own(template, 'version')
      if (typeof id !== 'string' || !TEMPLATE_ID_PATTERN.test(id)) {
        bad('template.id', 'The template id must be lowercase kebab-case text, e.g. "dpia".')
      }
      if (typeof version !== 'string' || !SEMVER_PATTERN.test(version)) {
        bad('template.version', 'The template version must be a semantic version, e.g. "1.0.0".')
      }
      for (const key of Object.keys(template)) {
        if (key !== 'id' && key !== 'version') {
          bad(keyPath('template', key), `"${key}" is not part of a template reference; remove it.`)
        }
      }
    }
  }
  const title = own(doc, 'title')
  if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
    bad('title', 'The packet title must be non-empty text.')
  }
  const partner = own(doc, 'partnerSource')
  if (partner !== undefined && (typeof partner !== 'string' || partner.trim() === '')) {
    bad('partnerSource', 'The partner source, when given, must be non-empty text.')
  }
  const revision = own(doc, 'revision')
  if (revision !== undefined && (!Number.isSafeInteger(revision) || Number(revision) < 1)) {
    bad('revision', 'The revision, when given, must be a whole number, 1 or more.')
  }
  const fields = own(doc, 'fields')
  if (fields !== undefined && !isObject(fields)) {
    bad('fields', 'The fields must be an object mapping field ids to values.')
  }
  const evidence = own(doc, 'evidence')
  if (evidence === undefined) return issues
  if (!Array.isArray(evidence)) {
    bad('evidence', 'The evidence must be a list (it may be empty).')
    return issues
  }
  const seen = new Map<string, number>()
  evidence.forEach((e: unknown, i) => {
    const p = `evidence[${i}]`
    if (!isObject(e)) {
      bad(p, 'Each evidence entry must be an object with at least "path" and "role".')
      return
    }
    for (const key of Object.keys(e)) {
      if (!EVIDENCE_KEYS.has(key)) {
        bad(
          keyPath(p, key),
          `"${key}" is not an evidence property; remove it or check its spelling.`,
        )
      }
    }
    const path = own(e, 'path')
    if (typeof path !== 'string') {
      bad(
        `${p}.path`,
        'The evidence entry needs a "path": the file, relative to the evidence folder.',
      )
    } else {
      const problem = evidencePathProblem(path)
      if (problem)
        bad(`${p}.path`, `The evidence path ${JSON.stringify(path)} is not usable. ${problem}`)
      const folded = path.toLowerCase()
      const first = seen.get(folded)
      if (first !== undefined) {
        bad(
          `${p}.path`,
          `This names the same file as evidence[${first}] (letter case aside); list each file once.`,
        )
      } else seen.set(folded, i)
    }
    const role = own(e, 'role')
    if (typeof role !== 'string' || role.trim() === '') {
      bad(`${p}.role`, 'The evidence entry needs a "role" saying what it is evidence of.')
    }
    for (const key of EVIDENCE_TEXT_KEYS) {
      const v = own(e, key)
      if (v !== undefined && typeof v !== 'string') bad(`${p}.${key}`, `"${key}" must be text.`)
    }
    for (const key of EVIDENCE_TIME_KEYS) {
      const v = own(e, key)
      if (v !== undefined && (typeof v !== 'string' || endOfValidity(v) === undefined)) {
        bad(
          `${p}.${key}`,
          `"${key}" must be a date (YYYY-MM-DD) or a date-time with time zone (e.g. 2026-04-13T09:30:00Z).`,
        )
      }
    }
    const tags = own(e, 'tags')
    if (
      tags !== undefined &&
      (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.trim() === ''))
    ) {
      bad(`${p}.tags`, '"tags" must be a list of non-empty text values.')
    }
  })
  return issues
}

/**
 * Checks the shape of untrusted packet JSON. Returns the typed packet, or PACKET_MALFORMED
 * issues naming each problem; template rules are checked later by validatePacket.
 */
export function parsePacketDocument(json: unknown): ParsePacketResult {
  const issues = checkPacketShape(json)
  return issues.length === 0
    ? { ok: true, packet: json as PacketDocument, issues: [] }
    : { ok: false, issues }
}
