// Evidence data access over the open workspace database. Plain functions taking a WorkspaceDb,
// so they work with whichever provider opens the workspace (see use-evidence-db.ts). Records
// and blobs are written in one transaction: an add either lands whole or not at all.
import { planAdd, type AddDecision, type HashedCandidate } from '../../core/evidence/dedupe'
import { defaultMetadata, withMetadata, type EvidenceMetadata } from '../../core/evidence/metadata'
import type { BlobRecord, EvidenceRecord, PacketRecord } from '../../core/workspace/records'
import { checkEvidence } from '../../core/workspace/record-checks'
import type { AuditEvent } from '../../core/audit/audit-event'
import { changedDetails, logEvent, logEvents } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import type { IncomingFile } from './collect-files'

/** How many of the newest items the library shows before the whole table has loaded. */
export const FIRST_PAGE = 100

/** The newest items (fewer if some fail their shape check; see loadAllEvidence). */
export const loadNewestEvidence = async (db: WorkspaceDb, limit = FIRST_PAGE) =>
  (await db.evidence.orderBy('addedAt').reverse().limit(limit).toArray()).filter(
    (r) => !checkEvidence(r),
  )

/** Records read per page when the whole library loads. */
export const EVIDENCE_PAGE = 5000

export interface LoadProgress {
  loaded: number
  total: number
}

/**
 * Every item, read in pages by key so the page stays responsive and can show how far it got.
 * A record that fails its shape check is left out: the workspace's background record check
 * reports it (and closes the workspace), and the library never shows or edits it meanwhile.
 */
export async function loadAllEvidence(
  db: WorkspaceDb,
  options: {
    pageSize?: number
    /** Called with each page's items (those that pass their check) as it arrives. */
    onPage?: (records: EvidenceRecord[]) => void
    onProgress?: (p: LoadProgress) => void
    signal?: AbortSignal
  } = {},
): Promise<EvidenceRecord[]> {
  const pageSize = options.pageSize ?? EVIDENCE_PAGE
  const out: EvidenceRecord[] = []
  let total = 0
  let loaded = 0
  let last: string | undefined
  const counted = db.evidence.count().then((n) => (total = n))
  for (;;) {
    const page = await (last === undefined
      ? db.evidence.orderBy(':id').limit(pageSize).toArray()
      : db.evidence.where(':id').above(last).limit(pageSize).toArray())
    options.signal?.throwIfAborted()
    const valid = page.filter((r) => !checkEvidence(r))
    options.onPage?.(valid)
    for (const r of valid) out.push(r)
    loaded += page.length
    await counted
    options.onProgress?.({ loaded, total: Math.max(total, loaded) })
    if (page.length < pageSize) return out
    last = page[page.length - 1]!.sha256
  }
}

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
  return db.transaction('rw', db.evidence, db.blobs, db.auditEntries, async () => {
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
    await logEvents(db, added.map(evidenceAddedEvent))
    return { added, decisions, labels }
  })
}

/** The audit event of one item added to the library (subject: its SHA-256). */
export function evidenceAddedEvent(record: EvidenceRecord): AuditEvent {
  const details: AuditEvent['details'] = {
    fileName: record.fileName,
    title: record.title,
    size: record.size,
  }
  if (record.folder) details.folder = record.folder
  if (record.partnerSourceId) details.partnerSourceId = record.partnerSourceId
  return {
    action: 'evidence.added',
    actor: record.addedBy,
    time: record.addedAt,
    subject: record.sha256,
    details,
  }
}

const METADATA_FIELDS = [
  'title',
  'kind',
  'source',
  'partnerSourceId',
  'collectedBy',
  'collectedAt',
  'effectiveDate',
  'expires',
  'tags',
  'classification',
] as const satisfies readonly (keyof EvidenceMetadata)[]

/**
 * Saves edited metadata, logging `evidence.edited` by `actor` with the changed details in the
 * same transaction (nothing is logged when nothing changed); returns the stored record.
 */
export async function saveEvidenceMetadata(
  db: WorkspaceDb,
  sha256: string,
  metadata: EvidenceMetadata,
  actor: string,
  now: Date = new Date(),
): Promise<EvidenceRecord> {
  return db.transaction('rw', db.evidence, db.auditEntries, async () => {
    const current = await db.evidence.get(sha256)
    if (!current) throw new Error('This item is no longer in the library.')
    const next = withMetadata(current, metadata)
    await db.evidence.put(next)
    const changed = changedDetails(current, next, METADATA_FIELDS)
    if (Object.keys(changed).length > 0) {
      await logEvent(db, {
        action: 'evidence.edited',
        actor,
        time: now.toISOString(),
        subject: sha256,
        details: { title: next.title, changed },
      })
    }
    return next
  })
}
