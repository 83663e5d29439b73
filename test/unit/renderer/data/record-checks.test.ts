// Damage detection when a large workspace opens, with fake-indexeddb. Opening checks a sample
// (the small tables whole, the first and last records by key of the large ones) so it stays
// quick; the background check then reads every record, page by page, once the loads a screen
// is waiting for are done, and must find damage anywhere, in any table, whatever the page size,
// without writing anything.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { EvidenceRecord } from '../../../../src/core/workspace/records'
import { checkRecordsInBackground } from '../../../../src/renderer/data/background-record-check'
import { asForegroundLoad } from '../../../../src/renderer/data/foreground-loads'
import { exportRawRecords, openWorkspaceDb } from '../../../../src/renderer/data/open-workspace'
import {
  findDamagedRecords,
  openExistingDatabase,
  RECORD_CHECK_SAMPLE,
} from '../../../../src/renderer/data/record-scan'
import { openListedWorkspace } from '../../../../src/renderer/data/workspace-lifecycle'
import { workspaceEntry } from '../../../../src/renderer/data/workspace-registry'

const NOW = '2026-04-20T09:00:00.000Z'
let n = 0
const names: string[] = []
const fresh = (prefix = 'evw-workspace-check') => {
  const name = `${prefix}-${++n}`
  names.push(name)
  return name
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

const sha = (i: number) => i.toString(16).padStart(64, '0')

const evidence = (i: number): EvidenceRecord => ({
  sha256: sha(i),
  size: i,
  mimeType: 'application/pdf',
  fileName: `item-${i}.pdf`,
  folder: '',
  title: `Item ${i}`,
  kind: 'report',
  tags: [],
  classification: 'internal',
  addedAt: NOW,
  addedBy: 'me',
})

/** A workspace (current schema) holding `count` evidence items, `damaged` ones with bad tags. */
async function workspaceWith(count: number, damaged: number[]): Promise<string> {
  const entry = workspaceEntry(`check-${++n}`, 'Large workspace', false, NOW)
  names.push(entry.dbName)
  const opened = await openListedWorkspace(entry)
  if (!opened.ok) throw new Error(opened.problem.message)
  const items = Array.from({ length: count }, (_, i) => evidence(i))
  for (const i of damaged) items[i] = { ...items[i]!, tags: 'audit' as never }
  await opened.db.evidence.bulkPut(items)
  opened.db.close()
  return entry.dbName
}

const strip = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '')

describe('opening a large workspace', () => {
  const sample = RECORD_CHECK_SAMPLE.evidence!
  const count = 3 * sample

  it('opens when the sample misses a damaged record; the background check names it', async () => {
    const name = await workspaceWith(count, [Math.floor(count / 2)])
    const before = await exportRawRecords(name)

    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    expect(await checkRecordsInBackground(result.db)).toEqual({
      damaged: [`evidence record "${sha(count / 2)}" has “tags” that is not an array.`],
    })
    result.db.close()
    expect(strip(await exportRawRecords(name))).toEqual(strip(before))
  })

  it('refuses to open when the first or last records by key are damaged', async () => {
    for (const i of [0, sample - 1, count - sample, count - 1]) {
      const name = await workspaceWith(count, [i])
      const before = await exportRawRecords(name)
      const result = await openWorkspaceDb(name)
      expect(result.ok, `damaged item ${i}`).toBe(false)
      if (result.ok) return
      expect(result.problem.kind).toBe('corrupted')
      expect(result.problem.details).toEqual([
        `evidence record "${sha(i)}" has “tags” that is not an array.`,
      ])
      expect(strip(await exportRawRecords(name))).toEqual(strip(before))
    }
  })

  it('finds nothing in a workspace without damage, and stops when asked to', async () => {
    const name = await workspaceWith(count, [])
    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    expect(await checkRecordsInBackground(result.db)).toEqual({ damaged: [] })
    const stop = new AbortController()
    stop.abort()
    expect(await checkRecordsInBackground(result.db, { signal: stop.signal })).toBe('interrupted')
    result.db.close()
  })

  it('starts checking only once the loads a screen is waiting for are done', async () => {
    const name = await workspaceWith(count, [count - sample - 1])
    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    let finishLoad: () => void = () => undefined
    const load = asForegroundLoad(() => new Promise<void>((resolve) => (finishLoad = resolve)))
    let checked = false
    const check = checkRecordsInBackground(result.db).then((r) => {
      checked = true
      return r
    })
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5))
    expect(checked).toBe(false)
    finishLoad()
    await load
    expect(await check).toEqual({
      damaged: [`evidence record "${sha(count - sample - 1)}" has “tags” that is not an array.`],
    })
    result.db.close()
  })
})

describe('reading every record page by page', () => {
  /** A bare database with the two key shapes the checked tables use. */
  async function rawDb(evidenceCount: number, revisionCount: number): Promise<IDBDatabase> {
    const name = fresh('evw-raw-check')
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1)
      req.onupgradeneeded = () => {
        req.result.createObjectStore('evidence', { keyPath: 'sha256' })
        req.result.createObjectStore('packetRevisions', {
          keyPath: ['packetId', 'revision', 'version'],
        })
      }
      req.onsuccess = () => {
        const db = req.result
        const tx = db.transaction(['evidence', 'packetRevisions'], 'readwrite')
        for (let i = 0; i < evidenceCount; i++) tx.objectStore('evidence').put(evidence(i))
        for (let i = 0; i < revisionCount; i++)
          tx.objectStore('packetRevisions').put({
            packetId: `p-${i % 3}`,
            revision: Math.floor(i / 3),
            version: 1,
            savedAt: NOW,
            title: 'Packet',
            fields: {},
            evidence: [],
            status: 'draft',
          })
        tx.oncomplete = () => {
          db.close()
          resolve()
        }
        tx.onerror = () => reject(tx.error)
      }
      req.onerror = () => reject(req.error)
    })
    return openExistingDatabase(name, indexedDB)
  }

  const damage = async (db: IDBDatabase, store: string, key: IDBValidKey, patch: object) => {
    const os = db.transaction(store, 'readwrite').objectStore(store)
    await new Promise<void>((resolve, reject) => {
      const get = os.get(key)
      get.onsuccess = () => {
        if (!get.result) return reject(new Error(`No record ${JSON.stringify(key)}`))
        const put = os.put({ ...get.result, ...patch })
        put.onsuccess = () => resolve()
        put.onerror = () => reject(put.error)
      }
    })
  }

  it('reaches every record whatever the page size, across page edges', async () => {
    for (const pageSize of [1, 4, 7]) {
      for (const count of [1, 6, 7, 8, 15]) {
        for (let i = 0; i < count; i++) {
          const db = await rawDb(count, 0)
          await damage(db, 'evidence', sha(i), { kind: 'memo' })
          expect(
            await findDamagedRecords(db, { mode: 'all', pageSize }),
            `${count} records, pages of ${pageSize}, damaged item ${i}`,
          ).toEqual([
            `evidence record "${sha(i)}" has “kind” that is not one of screenshot, export, log, policy, contract, source-card, report, other.`,
          ])
          db.close()
        }
      }
    }
  })

  it('pages through compound keys and reports the first damaged page of each table', async () => {
    const db = await rawDb(5, 20)
    expect(await findDamagedRecords(db, { mode: 'all', pageSize: 3 })).toEqual([])
    // Keys in order: p-0 revisions 0–6, p-1 revisions 0–6, p-2 revisions 0–5: the last page.
    await damage(db, 'packetRevisions', ['p-2', 5, 1], { evidence: 'none' })
    await damage(db, 'packetRevisions', ['p-2', 4, 1], { status: 'gone' })
    expect(await findDamagedRecords(db, { mode: 'all', pageSize: 3 })).toEqual([
      'packetRevisions record ["p-2",4,1] has “status” that is not one of draft, in-review, signed, verified, synced, rejected.',
      'packetRevisions record ["p-2",5,1] has “evidence” that is not an array.',
    ])
    db.close()
  })
})
