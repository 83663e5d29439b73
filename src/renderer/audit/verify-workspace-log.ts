// Verifies the open workspace's whole audit log from what is stored: every entry hashed again,
// every checkpoint's signature checked against the device key and the workspace keyring, every
// signed root compared with the entries. Used by the audit screen and the pre-sync checklist.
// A damaged log is reported, never repaired: this only reads.
import {
  verifyLog,
  type AuditProgress,
  type LogIssue,
  type LogVerificationReport,
} from '../../core/audit/audit-log'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import type { KeyVault } from '../../core/host/host-api'
import type { WorkspaceDb } from '../data/workspace-db'
import { platformCrypto } from '../host/platform-crypto'
import { workspaceLogOrigin, workspaceVerifierKeys } from './workspace-log'

/**
 * Positions missing from the stored indexes (an entry deleted from the middle of the log, which
 * shifts every later entry) or beyond them: each is reported as entries removed.
 */
function gapIssues(indexes: readonly number[]): LogIssue[] {
  const issues: LogIssue[] = []
  indexes.forEach((stored, position) => {
    const expected = position === 0 ? 0 : indexes[position - 1]! + 1
    if (stored !== expected) {
      const missing = stored - expected
      issues.push({
        code: 'LOG_TRUNCATED',
        message:
          missing === 1
            ? `entry ${expected} is missing from the stored log: it was deleted, and every later entry has moved up one place`
            : `entries ${expected} to ${stored - 1} are missing from the stored log: they were deleted`,
        index: expected,
      })
    }
  })
  return issues
}

export async function verifyWorkspaceLog(
  db: WorkspaceDb,
  keys: KeyVault,
  options: {
    onProgress?: (p: AuditProgress) => void
    signal?: AbortSignal
    crypto?: CryptoProvider
  } = {},
): Promise<LogVerificationReport> {
  const crypto = options.crypto ?? (await platformCrypto())
  // One read transaction, so entries and checkpoints are a consistent snapshot.
  const [rows, checkpointRows] = await db.transaction(
    'r',
    db.auditEntries,
    db.checkpoints,
    async () =>
      Promise.all([
        db.auditEntries.orderBy('index').toArray(),
        db.checkpoints.orderBy('id').toArray(),
      ]),
  )
  options.signal?.throwIfAborted()
  const verifiers = await workspaceVerifierKeys(db, keys, crypto)
  const report = await verifyLog(
    rows.map((r) => r.entry),
    checkpointRows.map((c) => c.note),
    verifiers,
    crypto,
    {
      origin: workspaceLogOrigin(db),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
  const gaps = gapIssues(rows.map((r) => r.index))
  if (gaps.length === 0) return report
  const issues = [...gaps, ...report.issues]
  return { ...report, ok: false, issues }
}
