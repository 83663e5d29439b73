// The list of workspaces on this computer, kept in localStorage (small, synchronous, read
// before any database opens). Each workspace is its own IndexedDB database named
// `evw-workspace-<id>`. The list is only an index: losing it loses no data, and a workspace
// whose database is gone or unreadable stays listed until the user chooses otherwise.

export const REGISTRY_KEY = 'evw.workspaces'
export const DB_PREFIX = 'evw-workspace-'

export interface WorkspaceEntry {
  id: string
  name: string
  dbName: string
  isDemo: boolean
  createdAt: string
}

export interface WorkspaceRegistry {
  entries: WorkspaceEntry[]
  activeId?: string
}

const isEntry = (v: unknown): v is WorkspaceEntry => {
  if (typeof v !== 'object' || v === null) return false
  const e = v as Record<string, unknown>
  return (
    typeof e.id === 'string' &&
    typeof e.name === 'string' &&
    typeof e.dbName === 'string' &&
    e.dbName.startsWith(DB_PREFIX) &&
    typeof e.isDemo === 'boolean' &&
    typeof e.createdAt === 'string'
  )
}

/** The stored list, or an empty one when there is none or it cannot be read. */
export function loadRegistry(storage: Storage = localStorage): WorkspaceRegistry {
  let raw: string | null
  try {
    raw = storage.getItem(REGISTRY_KEY)
  } catch {
    return { entries: [] }
  }
  if (!raw) return { entries: [] }
  try {
    const parsed = JSON.parse(raw) as { entries?: unknown; activeId?: unknown }
    const entries = Array.isArray(parsed.entries) ? parsed.entries.filter(isEntry) : []
    const activeId =
      typeof parsed.activeId === 'string' && entries.some((e) => e.id === parsed.activeId)
        ? parsed.activeId
        : entries[0]?.id
    return activeId ? { entries, activeId } : { entries }
  } catch {
    return { entries: [] }
  }
}

export function saveRegistry(registry: WorkspaceRegistry, storage: Storage = localStorage): void {
  storage.setItem(REGISTRY_KEY, JSON.stringify(registry))
}

/** A new id: readable prefix plus random suffix, safe in a database name. */
export function newWorkspaceId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5))
  const suffix = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${prefix}-${suffix}`
}

export function workspaceEntry(
  id: string,
  name: string,
  isDemo: boolean,
  createdAt: string,
): WorkspaceEntry {
  return { id, name, dbName: `${DB_PREFIX}${id}`, isDemo, createdAt }
}

/**
 * Workspace databases that exist in this browser profile but are not in the list (the list
 * was cleared, or another build created them), so they can be listed again, never lost.
 */
export async function findUnlistedDatabases(
  registry: WorkspaceRegistry,
  idb: IDBFactory = indexedDB,
): Promise<WorkspaceEntry[]> {
  if (typeof idb.databases !== 'function') return []
  let all: IDBDatabaseInfo[]
  try {
    all = await idb.databases()
  } catch {
    return []
  }
  const known = new Set(registry.entries.map((e) => e.dbName))
  return all
    .map((d) => d.name)
    .filter((n): n is string => !!n && n.startsWith(DB_PREFIX) && !known.has(n))
    .sort()
    .map((dbName) => {
      const id = dbName.slice(DB_PREFIX.length)
      return workspaceEntry(id, `Found workspace ${id}`, false, new Date().toISOString())
    })
}
