// One audit-log entry: a small JSON object whose RFC 8785 canonical bytes are the Merkle leaf.
// Decoding is strict (exact canonical bytes, known fields and actions only), so a verifier shows
// exactly what was logged and nothing else.
import { canonicalBytes, parseJsonBytes, type JsonValue } from '../json/canonical-json'
import { bytesEqual } from '../encoding/bytes'

export const AUDIT_ACTIONS = [
  'evidence.added',
  'evidence.edited',
  'packet.created',
  'packet.edited',
  'packet.submitted',
  'packet.returned-to-draft',
  'packet.revision-started',
  'packet.signed',
  'packet.rejected',
  'packet.synced',
  'bundle.exported',
  'bundle.verified',
  'bundle.imported',
  'bundle.removed',
  'source.created',
  'source.edited',
  'source.removed',
  'key.created',
  'key.imported',
  'key.updated',
  'key.revoked',
  'signoff.added',
  'log.exported',
  'review.campaign-created',
  'review.decided',
  'review.reassigned',
  'review.change-confirmed',
  'review.closed',
  'review.packet-filed',
  'deck.saved',
  'deck.deleted',
  'pdf.exported',
  'notes.exported',
  'a11y.reviewed',
  'a11y.waived',
  'a11y.review-saved',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEvent {
  action: AuditAction
  /** Who did it: a user or key identity as the workspace names it. */
  actor: string
  /** UTC time, RFC 3339 with a Z suffix, e.g. 2026-05-01T09:30:00.000Z. */
  time: string
  packetId?: string
  /** What the action was about (a file, a key id, a bundle name …). */
  subject?: string
  details?: { [key: string]: JsonValue }
}

/** Largest entry accepted, in canonical JSON bytes. */
export const MAX_AUDIT_ENTRY_BYTES = 64 * 1024

export class AuditEventError extends Error {
  readonly code = 'LOG_ENTRY_INVALID'
  constructor(message: string) {
    super(message)
    this.name = 'AuditEventError'
  }
}

const FIELDS = new Set(['action', 'actor', 'time', 'packetId', 'subject', 'details'])
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function isValidTime(time: string): boolean {
  if (!TIME.test(time)) return false
  const ms = Date.parse(time)
  // Date.parse rolls 2026-02-30 over to March; the round trip catches that.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === time.slice(0, 19)
}

/** Returns why `value` is not an AuditEvent, or null when it is one. */
export function auditEventProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'an audit entry must be a JSON object'
  for (const key of Object.keys(value)) {
    if (!FIELDS.has(key)) return `unknown field ${JSON.stringify(key)}`
  }
  const { action, actor, time, packetId, subject, details } = value
  if (typeof action !== 'string' || !(AUDIT_ACTIONS as readonly string[]).includes(action)) {
    return `unknown action ${JSON.stringify(action)}`
  }
  if (typeof actor !== 'string' || actor === '') return 'actor must be a non-empty string'
  if (typeof time !== 'string' || !isValidTime(time)) {
    return 'time must be a UTC RFC 3339 timestamp ending in Z'
  }
  if (packetId !== undefined && (typeof packetId !== 'string' || packetId === '')) {
    return 'packetId must be a non-empty string'
  }
  if (subject !== undefined && typeof subject !== 'string') return 'subject must be a string'
  if (details !== undefined && !isPlainObject(details)) return 'details must be a JSON object'
  return null
}

/** The leaf bytes of an event: its canonical JSON. Throws AuditEventError on an invalid event. */
export function encodeAuditEvent(event: AuditEvent): Uint8Array {
  const problem = auditEventProblem(event)
  if (problem) throw new AuditEventError(problem)
  let bytes: Uint8Array
  try {
    bytes = canonicalBytes(event)
  } catch (e) {
    throw new AuditEventError(`audit entry is not canonical JSON: ${(e as Error).message}`)
  }
  if (bytes.length > MAX_AUDIT_ENTRY_BYTES) {
    throw new AuditEventError(`audit entry exceeds ${MAX_AUDIT_ENTRY_BYTES} bytes`)
  }
  return bytes
}

export type DecodedAuditEvent =
  { ok: true; event: AuditEvent } | { ok: false; code: 'LOG_ENTRY_MALFORMED'; message: string }

/** Decodes leaf bytes, requiring a valid event in exactly canonical form. Never throws. */
export function decodeAuditEvent(bytes: Uint8Array): DecodedAuditEvent {
  const fail = (message: string): DecodedAuditEvent => ({
    ok: false,
    code: 'LOG_ENTRY_MALFORMED',
    message,
  })
  if (bytes.length > MAX_AUDIT_ENTRY_BYTES) {
    return fail(`audit entry exceeds ${MAX_AUDIT_ENTRY_BYTES} bytes`)
  }
  let value: JsonValue
  try {
    value = parseJsonBytes(bytes)
  } catch (e) {
    return fail(`audit entry is not strict JSON: ${(e as Error).message}`)
  }
  const problem = auditEventProblem(value)
  if (problem) return fail(`audit entry is not an audit event: ${problem}`)
  try {
    if (!bytesEqual(canonicalBytes(value), bytes)) {
      return fail('audit entry is not in RFC 8785 canonical form')
    }
  } catch (e) {
    return fail(`audit entry cannot be canonicalised: ${(e as Error).message}`)
  }
  return { ok: true, event: value as unknown as AuditEvent }
}
