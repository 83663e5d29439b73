// Loading the library page by page (fake-indexeddb): every item arrives once, in key order,
// with progress after each page; an item that fails its shape check is left out (the
// workspace's background record check reports it), and nothing is written.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { EvidenceRecord } from '../../../../src/core/workspace/records'
import { openWorkspaceDb } from '../../../../src/renderer/data/open-workspace'
import type { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import {
  loadAllEvidence,
  loadNewestEvidence,
  type LoadProgress,
} from '../../../../src/renderer/evidence/evidence-store'

let n = 0
const dbs: WorkspaceDb[] = []

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

const item = (i: number): EvidenceRecord => ({
  sha256: ((i * 7919) % 1000).toString(16).padStart(64, 'e'),
  size: i,
  mimeType: 'text/plain',
  fileName: `item-${i}.txt`,
  folder: '',
  title: `Item ${i}`,
  kind: 'log',
  tags: ['audit'],
  classification: 'internal',
  addedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  addedBy: 'me',
})

async function library(count: number, damaged: number[] = []): Promise<WorkspaceDb> {
  const result = await openWorkspaceDb(`evw-workspace-load-${++n}`)
  if (!result.ok) throw new Error(result.problem.message)
  dbs.push(result.db)
  const items = Array.from({ length: count }, (_, i) => item(i))
  for (const i of damaged) items[i] = { ...items[i]!, classification: 'secret' as never }
  await result.db.evidence.bulkAdd(items)
  return result.db
}

const bySha = (a: EvidenceRecord, b: EvidenceRecord) => (a.sha256 < b.sha256 ? -1 : 1)

describe('loading the whole library', () => {
  it('reads every item once, in pages, reporting progress after each', async () => {
    for (const [count, pageSize] of [
      [0, 5],
      [4, 5],
      [5, 5],
      [12, 5],
      [12, 1],
    ] as const) {
      const db = await library(count)
      const progress: LoadProgress[] = []
      const all = await loadAllEvidence(db, { pageSize, onProgress: (p) => progress.push(p) })
      const expected = Array.from({ length: count }, (_, i) => item(i)).sort(bySha)
      expect(all, `${count} items, pages of ${pageSize}`).toEqual(expected)
      const pages = Math.floor(count / pageSize) + 1
      expect(progress).toHaveLength(pages)
      expect(progress.at(-1)).toEqual({ loaded: count, total: count })
      expect(progress.map((p) => p.loaded)).toEqual(
        Array.from({ length: pages }, (_, k) => Math.min(count, (k + 1) * pageSize)),
      )
    }
  })

  it('leaves out items that fail their shape check, and changes nothing', async () => {
    const db = await library(12, [0, 7])
    const before = await db.evidence.toArray()
    const all = await loadAllEvidence(db, { pageSize: 5 })
    expect(all.map((r) => r.size).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11])
    expect((await loadNewestEvidence(db, 5)).map((r) => r.size)).toEqual([11, 10, 9, 8])
    expect(await db.evidence.toArray()).toEqual(before)
  })

  it('stops when asked to', async () => {
    const db = await library(12)
    const stop = new AbortController()
    const pages: number[] = []
    const loading = loadAllEvidence(db, {
      pageSize: 5,
      signal: stop.signal,
      onProgress: (p) => {
        pages.push(p.loaded)
        stop.abort()
      },
    })
    await expect(loading).rejects.toThrow()
    expect(pages).toEqual([5])
  })
})
