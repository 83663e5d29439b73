// Appending to the workspace's audit log. An entry is written in the same Dexie transaction as
// the change it records, so both land or neither does: a crash can never leave a change without
// its leaf, or a leaf for a change that did not happen. Hashing into the Merkle tree happens
// when the log is read (core/audit/audit-log.ts), never inside the transaction.
import { encodeAuditEvent, type AuditEvent } from '../../core/audit/audit-event'
import type { WorkspaceDb } from '../data/workspace-db'

/**
 * Appends `event` as the next entry and returns its index. Call it inside a 'rw' transaction
 * that includes `db.auditEntries` and the tables the change writes. Throws AuditEventError
 * for an invalid event (which aborts the transaction, and so the change).
 */
export async function logEvent(db: WorkspaceDb, event: AuditEvent): Promise<number> {
  const entry = encodeAuditEvent(event)
  const last = await db.auditEntries.orderBy('index').last()
  const index = last ? last.index + 1 : 0
  // `add` on the unique index refuses a second writer racing for the same position.
  await db.auditEntries.add({ index, entry })
  return index
}
