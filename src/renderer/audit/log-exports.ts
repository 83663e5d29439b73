// Exporting the workspace log: the whole log (every entry and checkpoint) or one packet's trail
// (its entries, each with an inclusion proof against a freshly signed checkpoint). Both formats
// are core/audit/log-export.ts, documented in docs/audit-log.md. Each export that was saved is
// itself logged (`log.exported`), after the file was written, so a cancelled save logs nothing.
import { decodeAuditEvent } from '../../core/audit/audit-event'
import {
  formatAuditLogExport,
  formatPacketTrail,
  type PacketTrailEntry,
} from '../../core/audit/log-export'
import type { Host, SaveFileResult } from '../../core/host/host-api'
import type { WorkspaceDb } from '../data/workspace-db'
import { platformCrypto } from '../host/platform-crypto'
import { logEvent } from './log-event'
import {
  openWorkspaceLog,
  signWorkspaceCheckpoint,
  workspaceIdOf,
  workspaceLogOrigin,
  workspaceVerifierKeys,
} from './workspace-log'

const fileStamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[:T]/g, '-')

/** Evidence SHA-256s a packet cites, in any of its revisions. */
export async function packetEvidence(db: WorkspaceDb, packetId: string): Promise<Set<string>> {
  const [packet, revisions] = await Promise.all([
    db.packets.get(packetId),
    db.packetRevisions.where('packetId').equals(packetId).toArray(),
  ])
  const shas = new Set<string>()
  for (const link of packet?.evidence ?? []) shas.add(link.sha256)
  for (const r of revisions) for (const link of r.evidence) shas.add(link.sha256)
  return shas
}

/**
 * Whether an entry belongs to a packet's trail: it names the packet, or it records adding or
 * editing evidence the packet cites.
 */
export function inPacketTrail(
  event: { action: string; packetId?: string; subject?: string },
  packetId: string,
  evidence: ReadonlySet<string>,
): boolean {
  if (event.packetId === packetId) return true
  return event.action.startsWith('evidence.') && !!event.subject && evidence.has(event.subject)
}

async function logExport(
  db: WorkspaceDb,
  actor: string,
  details: { scope: string; file: string; entries: number; checkpointSize?: number },
  packetId?: string,
): Promise<void> {
  await db.transaction('rw', db.auditEntries, () =>
    logEvent(db, {
      action: 'log.exported',
      actor,
      time: new Date().toISOString(),
      ...(packetId ? { packetId } : {}),
      subject: details.file,
      details,
    }),
  )
}

export interface ExportOutcome {
  saved: SaveFileResult
  entries: number
}

/** Saves the whole log (entries and checkpoints) as JSON; logs the export once saved. */
export async function exportWholeLog(
  db: WorkspaceDb,
  host: Host,
  actor: string,
  now: Date = new Date(),
): Promise<ExportOutcome> {
  const crypto = await platformCrypto()
  const [rows, checkpoints] = await db.transaction('r', db.auditEntries, db.checkpoints, () =>
    Promise.all([
      db.auditEntries.orderBy('index').toArray(),
      db.checkpoints.orderBy('id').toArray(),
    ]),
  )
  const verifiers = await workspaceVerifierKeys(db, host.keys, crypto)
  const bytes = formatAuditLogExport({
    origin: workspaceLogOrigin(db),
    exportedAt: now.toISOString(),
    verifierKeys: verifiers.map((v) => v.key),
    entries: rows.map((r) => r.entry),
    checkpoints: checkpoints.map((c) => c.note),
  })
  const name = `audit-log-${workspaceIdOf(db)}-${fileStamp(now)}.json`
  const saved = await host.saveFile(name, bytes, { kind: 'audit-log' })
  if (saved.saved) {
    await logExport(db, actor, { scope: 'whole log', file: saved.name, entries: rows.length })
  }
  return { saved, entries: rows.length }
}

/**
 * Saves one packet's trail: each of its entries with a tlog-proof against a checkpoint signed
 * now with the device key. Throws when no checkpoint can be signed (the log does not match its
 * last checkpoint) or when the packet has no entries.
 */
export async function exportPacketTrail(
  db: WorkspaceDb,
  host: Host,
  packetId: string,
  actor: string,
  now: Date = new Date(),
): Promise<ExportOutcome> {
  const crypto = await platformCrypto()
  const { note, checkpoint } = await signWorkspaceCheckpoint(db, host.keys, { crypto })
  const log = await openWorkspaceLog(db, { crypto })
  const evidence = await packetEvidence(db, packetId)
  const entries: PacketTrailEntry[] = []
  for (let index = 0; index < checkpoint.size; index++) {
    const decoded = decodeAuditEvent(log.entry(index))
    if (!decoded.ok || !inPacketTrail(decoded.event, packetId, evidence)) continue
    entries.push({ index, event: decoded.event, proof: await log.proofFile(index, note) })
  }
  if (entries.length === 0) throw new Error(`The log has no entries about packet ${packetId}.`)
  const verifiers = await workspaceVerifierKeys(db, host.keys, crypto)
  const bytes = formatPacketTrail({
    origin: workspaceLogOrigin(db),
    packetId,
    exportedAt: now.toISOString(),
    verifierKeys: verifiers.map((v) => v.key),
    checkpoint: note,
    entries,
  })
  const safeId = packetId.replace(/[^A-Za-z0-9._-]+/g, '-')
  const name = `audit-trail-${safeId}-${fileStamp(now)}.json`
  const saved = await host.saveFile(name, bytes, { kind: 'audit-log' })
  if (saved.saved) {
    await logExport(
      db,
      actor,
      {
        scope: 'packet trail',
        file: saved.name,
        entries: entries.length,
        checkpointSize: checkpoint.size,
      },
      packetId,
    )
  }
  return { saved, entries: entries.length }
}
