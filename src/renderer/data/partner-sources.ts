// Writing partner sources: add, update and remove, each in one transaction. Screens call these
// with the open database from useWorkspaceDb(); decisions (is the draft valid, what id) are
// core functions.
import {
  partnerSourceFromDraft,
  partnerSourceId,
  validatePartnerSourceDraft,
  type DraftIssue,
  type PartnerSourceDraft,
} from '../../core/workspace/partner-source'
import type { PartnerSourceRecord } from '../../core/workspace/records'
import { changedDetails, logEvent } from '../audit/log-event'
import { actorLabel, LOCAL_ACTOR } from '../identity/actor'
import type { WorkspaceDb } from './workspace-db'

export type SaveSourceResult =
  { ok: true; source: PartnerSourceRecord } | { ok: false; issues: DraftIssue[] }

const SOURCE_FIELDS = ['name', 'owner', 'slaTier', 'status', 'notes'] as const

/**
 * Adds a source (id undefined) or updates one; validates against the stored sources. Logs
 * `source.created` or `source.edited` (with the changed fields) by `actor` in the same
 * transaction; an edit that changes nothing logs nothing.
 */
export function savePartnerSource(
  db: WorkspaceDb,
  draft: PartnerSourceDraft,
  id?: string,
  actor = actorLabel(LOCAL_ACTOR),
  now = new Date(),
): Promise<SaveSourceResult> {
  return db.transaction('rw', db.partnerSources, db.auditEntries, async () => {
    const all = await db.partnerSources.toArray()
    const existing = id ? all.find((s) => s.id === id) : undefined
    if (id && !existing)
      return {
        ok: false,
        issues: [{ field: 'name', message: 'This partner source no longer exists.' }],
      }
    const issues = validatePartnerSourceDraft(
      draft,
      all.filter((s) => s.id !== id),
    )
    if (issues.length > 0) return { ok: false, issues }
    const stamp = now.toISOString()
    const source = partnerSourceFromDraft(
      draft,
      existing
        ? { id: existing.id, createdAt: existing.createdAt }
        : { id: partnerSourceId(draft.name, new Set(all.map((s) => s.id))), createdAt: stamp },
      stamp,
    )
    await db.partnerSources.put(source)
    const base = { actor, time: stamp, subject: source.id }
    if (!existing) {
      await logEvent(db, {
        ...base,
        action: 'source.created',
        details: { name: source.name, owner: source.owner, status: source.status },
      })
    } else {
      const changed = changedDetails(existing, source, SOURCE_FIELDS)
      if (Object.keys(changed).length > 0)
        await logEvent(db, {
          ...base,
          action: 'source.edited',
          details: { name: source.name, changed },
        })
    }
    return { ok: true, source }
  })
}

/**
 * Removes a partner source, logging `source.removed` by `actor` in the same transaction. Its
 * packets and evidence stay in the workspace (they may be signed); they simply no longer count
 * towards any source's readiness.
 */
export async function removePartnerSource(
  db: WorkspaceDb,
  id: string,
  actor = actorLabel(LOCAL_ACTOR),
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.partnerSources, db.auditEntries, async () => {
    const existing = await db.partnerSources.get(id)
    if (!existing) return
    await db.partnerSources.delete(id)
    await logEvent(db, {
      action: 'source.removed',
      actor,
      time: now.toISOString(),
      subject: id,
      details: { name: existing.name },
    })
  })
}
