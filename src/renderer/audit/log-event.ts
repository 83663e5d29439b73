// Appending to the workspace's audit log. An entry is written in the same Dexie transaction as
// the change it records, so both land or neither does: a crash can never leave a change without
// its leaf, or a leaf for a change that did not happen. Hashing into the Merkle tree happens
// when the log is read (core/audit/audit-log.ts), never inside the transaction.
import { encodeAuditEvent, type AuditEvent } from '../../core/audit/audit-event'
import type { JsonValue } from '../../core/json/canonical-json'
import type { WorkspaceDb } from '../data/workspace-db'

/**
 * Appends `event` as the next entry and returns its index. Call it inside a 'rw' transaction
 * that includes `db.auditEntries` and the tables the change writes. Throws AuditEventError
 * for an invalid event (which aborts the transaction, and so the change).
 */
export async function logEvent(db: WorkspaceDb, event: AuditEvent): Promise<number> {
  const [index] = await logEvents(db, [event])
  return index!
}

/**
 * Appends several events in order (one per file of a batch, say) and returns their indexes.
 * Same rules as logEvent: inside the change's 'rw' transaction, all or nothing.
 */
export async function logEvents(db: WorkspaceDb, events: readonly AuditEvent[]): Promise<number[]> {
  if (events.length === 0) return []
  const entries = events.map(encodeAuditEvent)
  const last = await db.auditEntries.orderBy('index').last()
  const first = last ? last.index + 1 : 0
  // `bulkAdd` on the unique index refuses a second writer racing for the same positions.
  await db.auditEntries.bulkAdd(entries.map((entry, i) => ({ index: first + i, entry })))
  return entries.map((_, i) => first + i)
}

/** The current time as an audit event wants it (RFC 3339 UTC with a Z). */
export const auditTime = (now: Date = new Date()): string => now.toISOString()

/** Each field that differs between two versions of a record, as { from, to } (null: empty). */
export function changedDetails<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): { [field: string]: JsonValue } {
  const out: { [field: string]: JsonValue } = {}
  for (const f of fields) {
    const a = (before[f] ?? null) as JsonValue
    const b = (after[f] ?? null) as JsonValue
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = { from: a, to: b }
  }
  return out
}
