// Packet data access over the open workspace database: plain functions taking a WorkspaceDb, so
// they work with whichever provider opens the workspace. Every write of a packet also writes a
// revision record (version + 1 within its revision) in the same transaction: history never
// misses a save, and a save never lands without its history.
import type { AuditEvent } from '../../core/audit/audit-event'
import type { ImportedAttachment } from '../../core/import/cnil-pia'
import { revisionRecord } from '../../core/packets/packet-lifecycle'
import type {
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
  PartnerSourceRecord,
} from '../../core/workspace/records'
import { logEvent, logEvents } from '../audit/log-event'
import { evidenceAddedEvent } from '../evidence/evidence-store'
import type { WorkspaceDb } from '../data/workspace-db'

export async function listPackets(db: WorkspaceDb): Promise<PacketRecord[]> {
  const all = await db.packets.toArray()
  return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
}

export const getPacket = (db: WorkspaceDb, id: string) => db.packets.get(id)

export const listPartnerSources = (db: WorkspaceDb): Promise<PartnerSourceRecord[]> =>
  db.partnerSources.orderBy('name').toArray()

export async function listRevisions(
  db: WorkspaceDb,
  packetId: string,
): Promise<PacketRevisionRecord[]> {
  const all = await db.packetRevisions.where('packetId').equals(packetId).toArray()
  return all.sort((a, b) => a.revision - b.revision || a.version - b.version)
}

/**
 * Writes the packet and a revision record for it, atomically, with `event` (when given) appended
 * to the audit log in the same transaction. Returns the revision record.
 */
export async function writePacket(
  db: WorkspaceDb,
  packet: PacketRecord,
  by: string,
  note?: string,
  now: Date = new Date(),
  event?: AuditEvent,
): Promise<PacketRevisionRecord> {
  return db.transaction('rw', db.packets, db.packetRevisions, db.auditEntries, async () => {
    const previous = await db.packetRevisions.where('packetId').equals(packet.id).toArray()
    const record = revisionRecord(packet, previous, { now, by, note })
    await db.packets.put(packet)
    await db.packetRevisions.add(record)
    if (event) await logEvent(db, event)
    return record
  })
}

/** The audit event of a packet's creation: `packet.created`, naming what it was made from. */
export function packetCreatedEvent(
  packet: PacketRecord,
  actor: string,
  how: string,
  now: Date = new Date(),
  details: AuditEvent['details'] = {},
): AuditEvent {
  return {
    action: 'packet.created',
    actor,
    time: now.toISOString(),
    packetId: packet.id,
    subject: packet.title,
    details: {
      how,
      templateId: packet.templateId,
      revision: packet.revision,
      ...(packet.partnerSourceId ? { partnerSourceId: packet.partnerSourceId } : {}),
      ...details,
    },
  }
}

/**
 * Creates a packet that must not exist yet (a new one, a duplicate, an import), logging its
 * creation in the same transaction: `event` when given, else a `packet.created` event by `by`
 * with `note` as how it was made.
 */
export async function insertPacket(
  db: WorkspaceDb,
  packet: PacketRecord,
  by: string,
  note: string,
  now: Date = new Date(),
  event: AuditEvent = packetCreatedEvent(packet, by, note, now),
): Promise<void> {
  await db.transaction('rw', db.packets, db.packetRevisions, db.auditEntries, async () => {
    if (await db.packets.get(packet.id))
      throw new Error(`A packet with id ${packet.id} already exists.`)
    await db.packets.add(packet)
    await db.packetRevisions.add(revisionRecord(packet, [], { now, by, note }))
    await logEvent(db, event)
  })
}

export async function evidenceBySha(
  db: WorkspaceDb,
  shas: readonly string[],
): Promise<Map<string, EvidenceRecord>> {
  const unique = [...new Set(shas)]
  const found = await db.evidence.bulkGet(unique)
  const map = new Map<string, EvidenceRecord>()
  found.forEach((r) => {
    if (r) map.set(r.sha256, r)
  })
  return map
}

/**
 * Evidence for the picker: text matched against title, file name, folder, tags and source;
 * newest first; at most `limit` items so a large library stays quick.
 */
export async function searchEvidenceForPicker(
  db: WorkspaceDb,
  text: string,
  limit = 50,
): Promise<EvidenceRecord[]> {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean)
  const hay = (r: EvidenceRecord) =>
    [r.title, r.fileName, r.folder, r.source ?? '', r.kind, ...r.tags, r.sha256]
      .join(' ')
      .toLowerCase()
  return db.evidence
    .orderBy('addedAt')
    .reverse()
    .filter((r) => words.every((w) => hay(r).includes(w)))
    .limit(limit)
    .toArray()
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Stores imported attachments as evidence (content-addressed: one already in the library is
 * reused, not duplicated) and returns their SHA-256 in the same order.
 */
export async function storeImportedAttachments(
  db: WorkspaceDb,
  attachments: readonly ImportedAttachment[],
  input: { by: string; now: Date; source: string; partnerSourceId?: string },
): Promise<string[]> {
  const hashed = await Promise.all(attachments.map((a) => sha256Hex(a.bytes)))
  await db.transaction('rw', db.evidence, db.blobs, db.auditEntries, async () => {
    const added: EvidenceRecord[] = []
    for (let i = 0; i < attachments.length; i++) {
      const a = attachments[i]!
      const sha256 = hashed[i]!
      if (await db.evidence.get(sha256)) continue
      const record: EvidenceRecord = {
        sha256,
        size: a.bytes.length,
        mimeType: a.mimeType || 'application/octet-stream',
        fileName: a.fileName,
        folder: '',
        title: a.fileName.replace(/\.[^.]+$/, ''),
        kind: a.signed ? 'report' : 'other',
        source: input.source,
        tags: ['cnil-pia-import'],
        classification: 'internal',
        addedAt: input.now.toISOString(),
        addedBy: input.by,
      }
      if (input.partnerSourceId) record.partnerSourceId = input.partnerSourceId
      await db.evidence.add(record)
      await db.blobs.put({
        sha256,
        data: new Blob([a.bytes as Uint8Array<ArrayBuffer>], { type: record.mimeType }),
      })
      added.push(record)
    }
    await logEvents(db, added.map(evidenceAddedEvent))
  })
  return hashed
}

/** A path inside the bundle for a newly attached item: its file name, made unique. */
export function evidencePathFor(fileName: string, taken: readonly string[]): string {
  const clean =
    [...fileName]
      .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
      .join('')
      .replace(/^\.+/, '') || 'evidence'
  const lower = new Set(taken.map((t) => t.toLowerCase()))
  if (!lower.has(clean.toLowerCase())) return clean
  const dot = clean.lastIndexOf('.')
  const stem = dot > 0 ? clean.slice(0, dot) : clean
  const ext = dot > 0 ? clean.slice(dot) : ''
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`
    if (!lower.has(candidate.toLowerCase())) return candidate
  }
}
