// Opening a workspace database safely. Before Dexie touches a database we look at it with
// plain IndexedDB: Dexie 4 would otherwise open a database of a newer schema and quietly add
// or bump what it expects. A newer, damaged or unreadable database is reported as a problem
// and never deleted, upgraded by force or written to; its raw records can be exported.
import { errorText, findDamagedRecords, openExistingDatabase, requestResult } from './record-scan'
import { nativeVersion, SCHEMA_VERSION, tablesOfVersion, WorkspaceDb } from './workspace-db'

export type OpenProblemKind = 'newer-version' | 'corrupted' | 'unavailable'

export interface OpenProblem {
  kind: OpenProblemKind
  /** What is wrong, in one sentence. */
  message: string
  /** What to do about it. */
  advice: string
  /** Details for support: failing records, the browser's error. */
  details: string[]
  /** Whether the raw records can probably be read for an export. */
  readable: boolean
}

export type OpenResult = { ok: true; db: WorkspaceDb } | { ok: false; problem: OpenProblem }

interface Probe {
  exists: boolean
  version: number
  stores: string[]
}

/**
 * Looks at a database without changing it: opened without a version, so an existing one is
 * never upgraded; a missing one would be created, so that upgrade is aborted at once.
 */
export function probeDatabase(name: string, idb: IDBFactory = indexedDB): Promise<Probe> {
  return new Promise((resolve, reject) => {
    let created = false
    const req = idb.open(name)
    req.onupgradeneeded = () => {
      created = true
      req.transaction?.abort()
    }
    req.onsuccess = () => {
      const db = req.result
      const probe = { exists: true, version: db.version, stores: [...db.objectStoreNames] }
      db.close()
      resolve(probe)
    }
    req.onerror = (e) => {
      if (created) {
        e.preventDefault()
        resolve({ exists: false, version: 0, stores: [] })
      } else reject(req.error ?? new Error('IndexedDB could not open the database'))
    }
    req.onblocked = () => reject(new Error('The database is held open by another window.'))
  })
}

/** The problem reported for a workspace with records the workbench did not write. */
export function damagedRecordsProblem(details: string[]): OpenProblem {
  return {
    kind: 'corrupted',
    message: 'This workspace’s database is damaged: some records are not what the workbench wrote.',
    advice:
      'Nothing has been changed or deleted. Export the raw records as JSON for support, then open another workspace or create a new one.',
    details,
    readable: true,
  }
}

/** Opens (creating or upgrading when needed) the workspace database `name`. */
export async function openWorkspaceDb(
  name: string,
  options: { idb?: IDBFactory; checkRecords?: boolean } = {},
): Promise<OpenResult> {
  const idb = options.idb ?? indexedDB
  let probe: Probe
  try {
    probe = await probeDatabase(name, idb)
  } catch (e) {
    return {
      ok: false,
      problem: {
        kind: 'unavailable',
        message: 'This workspace’s database could not be opened.',
        advice:
          'Close other windows of the workbench and try again. If it keeps failing, the browser profile’s storage may be full or blocked.',
        details: [errorText(e)],
        readable: false,
      },
    }
  }
  if (probe.exists && probe.version > nativeVersion(SCHEMA_VERSION)) {
    const theirs = Math.floor(probe.version / 10)
    return {
      ok: false,
      problem: {
        kind: 'newer-version',
        message: `This workspace was saved by a newer version of Evidence Workbench (database schema ${theirs}; this version understands up to ${SCHEMA_VERSION}).`,
        advice:
          'Install the newer version of the workbench to open it. Nothing has been changed: this version will not open or modify the workspace. You can export its raw records as JSON for support, or open another workspace.',
        details: [
          `IndexedDB version ${probe.version}, expected at most ${nativeVersion(SCHEMA_VERSION)}.`,
        ],
        readable: true,
      },
    }
  }
  // Dexie stores schema version × 10; a database may only lack tables added after its version.
  const missing = tablesOfVersion(Math.floor(probe.version / 10)).filter(
    (t) => !probe.stores.includes(t),
  )
  if (probe.exists && probe.version > 1 && missing.length > 0) {
    return {
      ok: false,
      problem: {
        kind: 'corrupted',
        message: 'This workspace’s database is damaged: some of its tables are missing.',
        advice:
          'Nothing has been changed. Export the raw records as JSON for support, then open another workspace or create a new one.',
        details: [`Missing tables: ${missing.join(', ')}.`],
        readable: true,
      },
    }
  }
  const db = new WorkspaceDb(name, { indexedDB: idb, IDBKeyRange: globalThis.IDBKeyRange })
  try {
    await db.open()
  } catch (e) {
    db.close()
    const upgrade = probe.exists && probe.version < nativeVersion(SCHEMA_VERSION)
    return {
      ok: false,
      problem: {
        kind: 'corrupted',
        message: upgrade
          ? 'This workspace could not be upgraded to the current format, so it was left exactly as it was.'
          : 'This workspace’s database could not be read.',
        advice:
          'Nothing has been deleted. Export the raw records as JSON for support, then open another workspace or create a new one.',
        details: [errorText(e)],
        readable: probe.exists,
      },
    }
  }
  // A sample here (milliseconds, whatever the size); every record is checked once the
  // workspace is open, in the background (background-record-check.ts).
  if (options.checkRecords !== false) {
    let damaged: string[]
    try {
      damaged = await findDamagedRecords(db.backendDB(), { mode: 'sample' })
    } catch (e) {
      damaged = [errorText(e)]
    }
    if (damaged.length > 0) {
      db.close()
      return { ok: false, problem: damagedRecordsProblem(damaged) }
    }
  }
  return { ok: true, db }
}

/** A JSON-able copy of a value read from IndexedDB (Blobs become a size and type). */
function plain(value: unknown): unknown {
  if (value instanceof Blob) return { blob: { size: value.size, type: value.type } }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    return { bytes: (value as ArrayBuffer).byteLength }
  if (Array.isArray(value)) return value.map(plain)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  return value
}

/**
 * Every record of every store, read with plain IndexedDB at whatever version the database
 * is (no upgrade, no writes), as pretty JSON for a support export. Blob contents are left out.
 */
export async function exportRawRecords(name: string, idb: IDBFactory = indexedDB): Promise<string> {
  const probe = await probeDatabase(name, idb)
  if (!probe.exists) throw new Error(`There is no database named ${name}.`)
  const db = await openExistingDatabase(name, idb)
  try {
    const stores: Record<string, unknown> = {}
    for (const store of [...db.objectStoreNames]) {
      const os = db.transaction(store, 'readonly').objectStore(store)
      const [keys, values] = await Promise.all([
        requestResult(os.getAllKeys()),
        requestResult(os.getAll()),
      ])
      stores[store] = values.map((v, i) => ({ key: plain(keys[i]), value: plain(v) }))
    }
    return JSON.stringify(
      {
        database: name,
        indexedDbVersion: db.version,
        exportedAt: new Date().toISOString(),
        stores,
      },
      null,
      2,
    )
  } finally {
    db.close()
  }
}
