// Creating, opening and resetting workspace databases: the steps the workspace context runs,
// kept apart from React so tests can drive them with fake-indexeddb. Nothing here deletes a
// database; resetting the demo rewrites only a demo workspace that opened cleanly.
import { DEMO_WORKSPACE_NAME } from '../../core/workspace/demo-workspace'
import { openWorkspaceDb, type OpenResult } from './open-workspace'
import { seedDemoWorkspace } from './seed-demo'
import type { WorkspaceEntry } from './workspace-registry'
import type { WorkspaceDb } from './workspace-db'

/** Opens a listed workspace; a new, empty database gets its meta record (and demo content). */
export async function openListedWorkspace(
  entry: WorkspaceEntry,
  options: { idb?: IDBFactory; now?: Date } = {},
): Promise<OpenResult> {
  const result = await openWorkspaceDb(entry.dbName, options.idb ? { idb: options.idb } : {})
  if (!result.ok) return result
  const meta = await result.db.meta.get('workspace')
  if (!meta) {
    if (entry.isDemo) await seedDemoWorkspace(result.db, options.now ? { now: options.now } : {})
    else
      await result.db.meta.put({
        key: 'workspace',
        name: entry.name,
        isDemo: false,
        createdAt: entry.createdAt,
      })
  }
  return result
}

/** Puts the demo's sample data back as it was when created, in one transaction. */
export async function resetDemoWorkspace(db: WorkspaceDb, now?: Date): Promise<void> {
  const meta = await db.meta.get('workspace')
  if (!meta?.isDemo) throw new Error('Only the demo workspace can be reset.')
  await seedDemoWorkspace(db, now ? { now, clear: true } : { clear: true })
}

export const demoWorkspaceName = DEMO_WORKSPACE_NAME
