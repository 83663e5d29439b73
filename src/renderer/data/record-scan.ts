// Reading a workspace's records to check their shape (core/workspace/record-checks.ts). Plain
// IndexedDB, no Dexie, so the same code runs in the page and in the record-check worker.
//
// Opening a workspace checks a sample, which takes milliseconds whatever the size of the
// workspace: the small tables whole, and the first and last records (by key) of the tables that
// can hold many. Every record of every checked table is then read in the background, page by
// page (see background-record-check.ts).
import { RECORD_CHECKS } from '../../core/workspace/record-checks'

export function requestResult<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

export const errorText = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${e.message}` : `Unexpected error: ${String(e)}`

/**
 * Opens an existing database at whatever version it has, never upgrading it. A missing one
 * would be created, so that creation is aborted and the promise rejects.
 */
export function openExistingDatabase(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name)
    req.onsuccess = () => resolve(req.result)
    req.onerror = (e) => {
      e.preventDefault()
      reject(req.error ?? new Error('IndexedDB could not open the database'))
    }
    req.onupgradeneeded = () => req.transaction?.abort()
    req.onblocked = () => reject(new Error('The database is held open by another window.'))
  })
}

/**
 * Tables that can hold many records, with how many records from each end (by key) opening a
 * workspace checks; the other checked tables (meta, partner sources) are read whole.
 */
export const RECORD_CHECK_SAMPLE: Readonly<Record<string, number>> = {
  evidence: 200,
  packets: 200,
  packetRevisions: 200,
}

/** Records read per transaction when every record is checked. */
export const RECORD_CHECK_PAGE = 2000

export interface RecordScanOptions {
  /**
   * 'sample': the tables in RECORD_CHECK_SAMPLE by their first and last records, the others
   * whole; every damaged record found is listed (up to `limit`). 'all': every record, stopping
   * at the end of the page in which the first damaged record was found.
   */
  mode: 'sample' | 'all'
  /** How many damaged records to list at most (10). */
  limit?: number
  /** Records per read in 'all' mode (RECORD_CHECK_PAGE). */
  pageSize?: number
  /** Stops the scan between two reads; the promise then rejects with the signal's reason. */
  signal?: AbortSignal
}

interface Page {
  keys: IDBValidKey[]
  values: unknown[]
}

const after = (key: IDBValidKey | undefined) =>
  key === undefined ? null : IDBKeyRange.lowerBound(key, true)

/** Up to `count` (else all) records with keys above `from`, in key order, in one transaction. */
async function readPage(
  db: IDBDatabase,
  table: string,
  from: IDBValidKey | undefined,
  count?: number,
): Promise<Page> {
  const store = db.transaction(table, 'readonly').objectStore(table)
  const [keys, values] = await Promise.all([
    requestResult(store.getAllKeys(after(from), count)),
    requestResult(store.getAll(after(from), count)),
  ])
  return { keys, values }
}

/** Up to `count` records with keys above `from`, the last ones by key, in key order. */
function readLast(
  db: IDBDatabase,
  table: string,
  from: IDBValidKey | undefined,
  count: number,
): Promise<Page> {
  return new Promise((resolve, reject) => {
    const page: Page = { keys: [], values: [] }
    const done = () => {
      page.keys.reverse()
      page.values.reverse()
      resolve(page)
    }
    const req = db.transaction(table, 'readonly').objectStore(table).openCursor(after(from), 'prev')
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return done()
      page.keys.push(cursor.primaryKey)
      page.values.push(cursor.value)
      if (page.keys.length >= count) done()
      else cursor.continue()
    }
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

/**
 * Reads the checked tables of a workspace database and describes the records that fail their
 * shape check, in table and key order ("packets record "p-1" is missing “title”."); an empty
 * list when every record read fits. Never writes.
 */
export async function findDamagedRecords(
  db: IDBDatabase,
  options: RecordScanOptions,
): Promise<string[]> {
  const limit = options.limit ?? 10
  const pageSize = options.pageSize ?? RECORD_CHECK_PAGE
  const found: string[] = []
  const checkPage = (table: string, page: Page) => {
    const check = RECORD_CHECKS[table]!
    for (let i = 0; i < page.values.length && found.length < limit; i++) {
      const problem = check(page.values[i])
      if (problem) found.push(`${table} record ${JSON.stringify(page.keys[i])} ${problem}.`)
    }
  }
  for (const table of Object.keys(RECORD_CHECKS)) {
    if (!db.objectStoreNames.contains(table)) continue
    options.signal?.throwIfAborted()
    if (options.mode === 'sample') {
      const sample = RECORD_CHECK_SAMPLE[table]
      const first = await readPage(db, table, undefined, sample)
      checkPage(table, first)
      if (sample && first.keys.length === sample)
        checkPage(table, await readLast(db, table, first.keys.at(-1), sample))
      continue
    }
    let from: IDBValidKey | undefined
    for (;;) {
      const page = await readPage(db, table, from, pageSize)
      checkPage(table, page)
      if (found.length > 0) return found
      if (page.keys.length < pageSize) break
      from = page.keys.at(-1)
      options.signal?.throwIfAborted()
    }
  }
  return found
}
