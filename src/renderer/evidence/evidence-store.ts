// Evidence data access over the open workspace database. Plain functions taking a WorkspaceDb,
// so they work with whichever provider opens the workspace (see use-evidence-db.ts). Records
// and blobs are written in one transaction: an add either lands whole or not at all.
import { planAdd, type AddDecision, type HashedCandidate } from '../../core/evidence/dedupe'
import { defaultMetadata, withMetadata, type EvidenceMetadata } from '../../core/evidence/metadata'
import type { BlobRecord, EvidenceRecord, PacketRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import type { IncomingFile } from './collect-files'

/** How many of the newest items the library shows before the whole table has loaded. */
export const FIRST_PAGE = 100

export const loadNewestEvidence = (db: WorkspaceDb, limit = FIRST_PAGE) =>
  db.evidence.orderBy('addedAt').reverse().limit(limit).toArray()

export const loadAllEvidence = (db: WorkspaceDb): Promise<EvidenceRecord[]> => db.evidence.toArray()

export async function getEvidenceBlob(db: WorkspaceDb, sha256: string): Promise<Blob | undefined> {
  return (await db.blobs.get(sha256))?.data
}

/** Packets whose evidence links name this SHA-256, newest change first. */
export async function packetsUsing(db: WorkspaceDb, sha256: string): Promise<PacketRecord[]> {
  const found = await db.packets
    .filter((p) => p.evidence.some((e) => e.sha256 === sha256))
    .toArray()
  return found.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
}

export interface AddOutcome {
  added: EvidenceRecord[]
  /** One decision per incoming file, in order. */
  decisions: AddDecision[]
  labels: string[]
}

export const labelOf = (f: IncomingFile) => (f.folder ? `${f.folder}/${f.file.name}` : f.file.name)

/**
 * Stores hashed files as new evidence, skipping duplicates (already in the library, or repeated
 * in the batch). The duplicate check runs again inside the write transaction, so two adds racing
 * each other cannot store the same item twice.
 */
export async function addHashedFiles(
  db: WorkspaceDb,
  files: readonly IncomingFile[],
  digests: readonly string[],
  addedBy: string,
  now: Date = new Date(),
): Promise<AddOutcome> {
  const labels = files.map(labelOf)
  const candidates: HashedCandidate[] = files.map((_, i) => ({
    sha256: digests[i]!,
    label: labels[i]!,
  }))
  const addedAt = now.toISOString()
  return db.transaction('rw', db.evidence, db.blobs, async () => {
    const unique = [...new Set(digests)]
    const found = await db.evidence.bulkGet(unique)
    const existing = new Map<string, string>()
    found.forEach((r) => r && existing.set(r.sha256, r.title))
    const decisions = planAdd(candidates, existing)
    const added: EvidenceRecord[] = []
    const blobs: BlobRecord[] = []
    for (const d of decisions) {
      if (d.action !== 'add') continue
      const { file, folder } = files[d.index]!
      const { mimeType, ...meta } = defaultMetadata({
        fileName: file.name,
        reportedType: file.type,
        lastModified: file.lastModified,
      })
      const sha256 = digests[d.index]!
      added.push({
        sha256,
        size: file.size,
        mimeType,
        fileName: file.name,
        folder,
        ...meta,
        addedAt,
        addedBy,
      })
      blobs.push({ sha256, data: file })
    }
    await db.evidence.bulkAdd(added)
    await db.blobs.bulkAdd(blobs)
    return { added, decisions, labels }
  })
}

/** Saves edited metadata; returns the stored record. */
export async function saveEvidenceMetadata(
  db: WorkspaceDb,
  sha256: string,
  metadata: EvidenceMetadata,
): Promise<EvidenceRecord> {
  return db.transaction('rw', db.evidence, async () => {
    const current = await db.evidence.get(sha256)
    if (!current) throw new Error('This item is no longer in the library.')
    const next = withMetadata(current, metadata)
    await db.evidence.put(next)
    return next
  })
}
