// Access-review campaigns in the workspace database. Each change and its audit-log events are
// written in one 'rw' transaction, so a decision is never stored without its entry (actor and
// time) or the other way round. The rules themselves are core functions (core/access-review).
import {
  buildItems,
  checkClose,
  checkDecision,
  noResponseDecisions,
  type ChangeConfirmation,
  type Decision,
  type FlagContext,
  type Grant,
  type NoResponseDefault,
  type Outcome,
  type ReviewerRule,
  type ReviewType,
  campaignClosedEvent,
  campaignCreatedEvent,
  changeConfirmedEvent,
  decidedEvent,
} from '../../core/access-review'
import {
  mappingKey,
  type CampaignInput,
  type ColumnMappingRecord,
  type ReviewCampaignRecord,
  type ReviewItemRecord,
  type ReviewLogRecord,
} from '../../core/access-review/review-records'
import type { ColumnMapping, SourceFormat } from '../../core/access-review/source-formats'
import type { AuditEvent } from '../../core/audit/audit-event'
import { throwIfAborted, type ProgressListener } from '../../core/bundle/byte-io'
import { defaultMetadata } from '../../core/evidence/metadata'
import type { EvidenceRecord } from '../../core/workspace/records'
import { logEvents } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { evidenceAddedEvent } from '../evidence/evidence-store'

export class ReviewError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReviewError'
  }
}

/** An imported file with its bytes, digest and what was read from it. */
export interface ImportedFile {
  file: Blob
  fileName: string
  sha256: string
  input: Omit<CampaignInput, 'sha256' | 'fileName'>
}

export interface NewCampaign {
  id: string
  name: string
  type: ReviewType
  scope: string
  owner: string
  dueDate: string
  noResponseDefault: NoResponseDefault
  reviewerRules: ReviewerRule[]
  previousCampaignId?: string
  grants: readonly Grant[]
  flagContext: Omit<FlagContext, 'asOf'>
  files: readonly ImportedFile[]
}

export async function getMapping(
  db: WorkspaceDb,
  format: SourceFormat,
  source: string,
): Promise<ColumnMapping | undefined> {
  return (await db.columnMappings.get(mappingKey(format, source)))?.mapping
}

/**
 * Starts a campaign: stores each imported file as evidence (unless already in the library),
 * remembers the column mappings, freezes the items, and logs it all, atomically.
 */
export async function createCampaign(
  db: WorkspaceDb,
  c: NewCampaign,
  actor: string,
  now: Date = new Date(),
  work: WriteWork = {},
): Promise<ReviewCampaignRecord> {
  const at = now.toISOString()
  if (c.name.trim() === '') throw new ReviewError('Give the campaign a name.')
  if (c.owner.trim() === '') throw new ReviewError('Name the campaign owner.')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.dueDate)) throw new ReviewError('Choose a due date.')
  if (c.files.length === 0) throw new ReviewError('Import at least one who-has-what file.')
  const badRule = c.reviewerRules.find((r) => r.match.trim() === '' || r.reviewer.trim() === '')
  if (badRule)
    throw new ReviewError(
      `Each reviewer rule needs both the ${badRule.by} and the reviewer; complete or remove the empty one.`,
    )
  const previousKeys =
    c.type === 'differential' && c.previousCampaignId
      ? new Set(
          (await db.reviewItems.where('campaignId').equals(c.previousCampaignId).toArray()).map(
            (i) => i.key,
          ),
        )
      : undefined
  if (c.type === 'differential' && !previousKeys)
    throw new ReviewError('A differential review needs the previous campaign to compare with.')
  const items = buildItems(c.grants, {
    ...c.flagContext,
    asOf: at,
    type: c.type,
    rules: c.reviewerRules,
    owner: c.owner,
    previousKeys,
  })
  if (items.length === 0)
    throw new ReviewError(
      c.type === 'exit'
        ? 'No account is orphaned against the HR roster, so an exit review has nothing to review.'
        : 'The imported files hold no grants to review.',
    )
  const record: ReviewCampaignRecord = {
    id: c.id,
    name: c.name.trim(),
    type: c.type,
    scope: c.scope.trim(),
    owner: c.owner.trim(),
    dueDate: c.dueDate,
    noResponseDefault: c.noResponseDefault,
    reviewerRules: c.reviewerRules,
    status: 'open',
    frozenAt: at,
    createdAt: at,
    createdBy: actor,
    inputs: c.files.map((f) => ({ ...f.input, sha256: f.sha256, fileName: f.fileName })),
    itemCount: items.length,
    ...(c.previousCampaignId ? { previousCampaignId: c.previousCampaignId } : {}),
  }
  const tables = [
    db.reviewCampaigns,
    db.reviewItems,
    db.columnMappings,
    db.evidence,
    db.blobs,
    db.auditEntries,
  ]
  return db.transaction('rw', tables, async () => {
    if (await db.reviewCampaigns.get(c.id))
      throw new ReviewError(`A campaign with id ${c.id} exists already.`)
    const events: AuditEvent[] = []
    for (const f of c.files) {
      if (await db.evidence.get(f.sha256)) continue
      const { mimeType: _mime, ...meta } = defaultMetadata({
        fileName: f.fileName,
        reportedType: 'text/csv',
        lastModified: now.getTime(),
      })
      const evidence: EvidenceRecord = {
        sha256: f.sha256,
        size: f.file.size,
        mimeType: 'text/csv',
        fileName: f.fileName,
        folder: '',
        ...meta,
        kind: 'export',
        source: f.input.source,
        collectedAt: f.input.extractedAt,
        tags: [...new Set([...meta.tags, 'access-review'])],
        addedAt: at,
        addedBy: actor,
      }
      await db.evidence.add(evidence)
      await db.blobs.put({ sha256: f.sha256, data: f.file })
      events.push(evidenceAddedEvent(evidence))
    }
    for (const f of c.files) {
      const m: ColumnMappingRecord = {
        key: mappingKey(f.input.format, f.input.source),
        format: f.input.format,
        source: f.input.source,
        mapping: f.input.mapping,
        updatedAt: at,
      }
      await db.columnMappings.put(m)
    }
    await db.reviewCampaigns.add(record)
    await inChunks(items, work, 'storing the items', (chunk) =>
      db.reviewItems.bulkAdd(chunk.map((i) => ({ ...i, campaignId: c.id }))).then(() => undefined),
    )
    events.push(campaignCreatedEvent(record, actor, at, items.length))
    await logEvents(db, events)
    return record
  })
}

/** A read-write transaction over a campaign, its items, its decision log and the audit log. */
const inCampaignTransaction = <T>(db: WorkspaceDb, work: () => Promise<T>): Promise<T> =>
  db.transaction(
    'rw',
    [db.reviewCampaigns, db.reviewItems, db.reviewDecisions, db.auditEntries],
    work,
  )

/** How a long write reports its progress, and how it is stopped. */
export interface WriteWork {
  signal?: AbortSignal
  onProgress?: ProgressListener
}

/** Items are read and written this many at a time by the bulk actions. */
const CHUNK = 2_000

/**
 * Runs `step` on `records` CHUNK at a time inside the caller's transaction, reporting progress
 * and stopping with CancelledError once `work.signal` is aborted: the error aborts the
 * transaction, so a cancelled action writes nothing at all.
 */
async function inChunks<T>(
  records: readonly T[],
  work: WriteWork,
  phase: string,
  step: (chunk: readonly T[]) => Promise<void>,
): Promise<void> {
  const total = records.length
  for (let done = 0; done < total; done += CHUNK) {
    throwIfAborted(work.signal)
    work.onProgress?.({ phase, done, total })
    await step(records.slice(done, done + CHUNK))
  }
  work.onProgress?.({ phase, done: total, total })
}

/** Writes decision or confirmation rows and their audit events, CHUNK at a time. */
const writeLogged = (
  db: WorkspaceDb,
  entries: readonly { row: ReviewLogRecord; event: AuditEvent }[],
  work: WriteWork,
  phase: string,
) =>
  inChunks(entries, work, phase, async (chunk) => {
    await db.reviewDecisions.bulkAdd(chunk.map((e) => e.row))
    await logEvents(
      db,
      chunk.map((e) => e.event),
    )
  })

/** The campaign's items with these ids, undefined where there is none. */
async function itemsById(
  db: WorkspaceDb,
  campaignId: string,
  itemIds: readonly string[],
  work: WriteWork = {},
): Promise<(ReviewItemRecord | undefined)[]> {
  const items: (ReviewItemRecord | undefined)[] = []
  await inChunks(itemIds, work, 'reading the items', async (ids) => {
    items.push(
      ...(await db.reviewItems.bulkGet(ids.map((id) => [campaignId, id] as [string, string]))),
    )
  })
  return items
}

const openCampaign = async (db: WorkspaceDb, id: string) => {
  const c = await db.reviewCampaigns.get(id)
  if (!c) throw new ReviewError(`Campaign ${id} is not in this workspace.`)
  if (c.status !== 'open')
    throw new ReviewError(`${c.name} is closed; its decisions can no longer change.`)
  return c
}

/**
 * Records one decision per item (a bulk decision is still one decision and one audit entry per
 * item). Every item is checked first; if any decision is invalid nothing is written.
 */
export async function recordDecisions(
  db: WorkspaceDb,
  campaignId: string,
  itemIds: readonly string[],
  outcome: Outcome,
  justification: string,
  actor: string,
  now: Date = new Date(),
  work: WriteWork = {},
): Promise<number> {
  const at = now.toISOString()
  return inCampaignTransaction(db, async () => {
    await openCampaign(db, campaignId)
    const items = await itemsById(db, campaignId, itemIds, work)
    const problems: string[] = []
    items.forEach((item, i) => {
      if (!item) problems.push(`Item ${itemIds[i]} is not in this campaign.`)
      else {
        const p = checkDecision(item, outcome, justification)
        if (p) problems.push(p)
      }
    })
    if (problems.length > 0)
      throw new ReviewError(
        problems.length === 1
          ? problems[0]!
          : `${problems.length} items cannot be decided this way: ${problems[0]}`,
      )
    const entries = (items as ReviewItemRecord[]).map((item) => {
      const d: Decision = {
        itemId: item.id,
        outcome,
        justification: justification.trim(),
        actor,
        at,
        via: 'reviewer',
      }
      return {
        row: { ...d, campaignId, kind: 'decision' as const },
        event: decidedEvent(campaignId, item, d),
      }
    })
    await writeLogged(db, entries, work, 'recording the decisions')
    return entries.length
  })
}

/** Applies the campaign's no-response default to every undecided or unsure item it may cover. */
export async function applyNoResponseDefault(
  db: WorkspaceDb,
  campaignId: string,
  actor: string,
  now: Date = new Date(),
  work: WriteWork = {},
): Promise<{ applied: number; refused: number }> {
  return inCampaignTransaction(db, async () => {
    const c = await openCampaign(db, campaignId)
    if (actor !== c.owner && !actor.startsWith(`${c.owner} (`))
      throw new ReviewError(`Only the campaign owner (${c.owner}) applies the no-response default.`)
    const items = await db.reviewItems.where('campaignId').equals(campaignId).toArray()
    const decisions = await campaignDecisions(db, campaignId)
    const r = noResponseDecisions(items, decisions, c, actor, now.toISOString())
    const byId = new Map(items.map((i) => [i.id, i]))
    const entries = r.decisions.map((d) => ({
      row: { ...d, campaignId, kind: 'decision' as const },
      event: decidedEvent(campaignId, byId.get(d.itemId)!, d),
    }))
    await writeLogged(db, entries, work, 'recording the default decisions')
    return { applied: r.decisions.length, refused: r.refused.length }
  })
}

export async function reassignItems(
  db: WorkspaceDb,
  campaignId: string,
  itemIds: readonly string[],
  reviewer: string,
  actor: string,
  now: Date = new Date(),
  work: WriteWork = {},
): Promise<number> {
  const to = reviewer.trim()
  if (to === '') throw new ReviewError('Name the reviewer to reassign to.')
  const at = now.toISOString()
  return db.transaction('rw', db.reviewCampaigns, db.reviewItems, db.auditEntries, async () => {
    await openCampaign(db, campaignId)
    const items = await itemsById(db, campaignId, itemIds, work)
    const moved = items.filter((i): i is ReviewItemRecord => i !== undefined && i.reviewer !== to)
    await inChunks(moved, work, 'reassigning the items', async (chunk) => {
      await db.reviewItems.bulkPut(chunk.map((i) => ({ ...i, reviewer: to })))
      await logEvents(
        db,
        chunk.map((i) => ({
          action: 'review.reassigned' as const,
          actor,
          time: at,
          subject: campaignId,
          details: { item: i.id, login: i.login, application: i.application, from: i.reviewer, to },
        })),
      )
    })
    return moved.length
  })
}

/** Confirms that revocations or modifications were carried out (reference: a ticket or change id). */
export async function confirmChanges(
  db: WorkspaceDb,
  campaignId: string,
  itemIds: readonly string[],
  reference: string,
  actor: string,
  now: Date = new Date(),
  work: WriteWork = {},
): Promise<number> {
  const at = now.toISOString()
  const ref = reference.trim()
  if (ref === '')
    throw new ReviewError('Give the ticket or change reference that carried out the change.')
  return inCampaignTransaction(db, async () => {
    if (!(await db.reviewCampaigns.get(campaignId)))
      throw new ReviewError(`Campaign ${campaignId} is not in this workspace.`)
    const decisions = await campaignDecisions(db, campaignId)
    const latest = new Map(decisions.map((d) => [d.itemId, d]))
    const entries = itemIds.map((id) => {
      const d = latest.get(id)
      if (d?.outcome !== 'revoke' && d?.outcome !== 'modify')
        throw new ReviewError(`Item ${id} has no revoke or modify decision to confirm.`)
      const row: ReviewLogRecord = {
        itemId: id,
        actor,
        at,
        reference: ref,
        campaignId,
        kind: 'confirmation',
      }
      return { row, event: changeConfirmedEvent(campaignId, id, d.outcome, ref, actor, at) }
    })
    await writeLogged(db, entries, work, 'recording the confirmations')
    return entries.length
  })
}

export async function closeCampaign(
  db: WorkspaceDb,
  campaignId: string,
  actor: string,
  now: Date = new Date(),
): Promise<ReviewCampaignRecord> {
  const at = now.toISOString()
  return inCampaignTransaction(db, async () => {
    const c = await openCampaign(db, campaignId)
    const items = await db.reviewItems.where('campaignId').equals(campaignId).toArray()
    const check = checkClose(items, await campaignDecisions(db, campaignId))
    if (!check.canClose)
      throw new ReviewError(`${c.name} cannot close yet. ${check.reasons.join(' ')}`)
    const closed: ReviewCampaignRecord = { ...c, status: 'closed', closedAt: at, closedBy: actor }
    await db.reviewCampaigns.put(closed)
    await logEvents(db, [campaignClosedEvent(c, items.length, actor, at)])
    return closed
  })
}

/** Every decision of a campaign, oldest first. */
export async function campaignDecisions(db: WorkspaceDb, campaignId: string): Promise<Decision[]> {
  const rows = await db.reviewDecisions.where('campaignId').equals(campaignId).sortBy('seq')
  return rows.flatMap((r) => (r.kind === 'decision' ? [stripDecision(r)] : []))
}

export async function campaignConfirmations(
  db: WorkspaceDb,
  campaignId: string,
): Promise<ChangeConfirmation[]> {
  const rows = await db.reviewDecisions.where('campaignId').equals(campaignId).sortBy('seq')
  return rows.flatMap((r) => (r.kind === 'confirmation' ? [stripConfirmation(r)] : []))
}

/** A decision row of the log without its storage fields. */
export const stripDecision = (r: ReviewLogRecord & { kind: 'decision' }): Decision => ({
  itemId: r.itemId,
  outcome: r.outcome,
  justification: r.justification,
  actor: r.actor,
  at: r.at,
  via: r.via,
})

/** A confirmation row of the log without its storage fields. */
export const stripConfirmation = (
  r: ReviewLogRecord & { kind: 'confirmation' },
): ChangeConfirmation => ({ itemId: r.itemId, actor: r.actor, at: r.at, reference: r.reference })
