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
import type { WorkspaceDb } from './workspace-db'

export type SaveSourceResult =
  { ok: true; source: PartnerSourceRecord } | { ok: false; issues: DraftIssue[] }

/** Adds a source (id undefined) or updates one; validates against the stored sources. */
export function savePartnerSource(
  db: WorkspaceDb,
  draft: PartnerSourceDraft,
  id?: string,
  now = new Date(),
): Promise<SaveSourceResult> {
  return db.transaction('rw', db.partnerSources, async () => {
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
    return { ok: true, source }
  })
}

/**
 * Removes a partner source. Its packets and evidence stay in the workspace (they may be
 * signed); they simply no longer count towards any source's readiness.
 */
export async function removePartnerSource(db: WorkspaceDb, id: string): Promise<void> {
  await db.partnerSources.delete(id)
}
