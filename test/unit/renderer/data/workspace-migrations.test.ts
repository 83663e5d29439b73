// Schema migrations of the workspace database, with fake-indexeddb: a database written with
// the version 1 schema (as shipped) keeps every record when the current code opens it; a
// database of a newer version is refused and left untouched; a failed upgrade leaves the
// previous version and all its data in place.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
  PartnerSourceRecord,
} from '../../../../src/core/workspace/records'
import { openWorkspaceDb, probeDatabase } from '../../../../src/renderer/data/open-workspace'
import {
  MigrationError,
  nativeVersion,
  SCHEMA_VERSION,
  WorkspaceDb,
} from '../../../../src/renderer/data/workspace-db'

/** The version 1 schema exactly as it shipped (never edit: this is what users have on disk). */
const STORES_V1 = {
  evidence: '&sha256, addedAt, kind, classification, expires, partnerSourceId, *tags',
  blobs: '&sha256',
  partnerSources: '&id, name, status',
  packets: '&id, templateId, partnerSourceId, status, updatedAt',
  packetRevisions: '&[packetId+revision+version], packetId',
  meta: '&key',
}

let n = 0
const names: string[] = []
const freshName = () => {
  const name = `evw-workspace-migration-${++n}`
  names.push(name)
  return name
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

const sources: PartnerSourceRecord[] = [
  {
    id: 'northwind-weather',
    name: '  Northwind   Weather API ',
    owner: ' Priya Raman ',
    slaTier: 'tier-1',
    status: 'live',
    notes: 'First source',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
  },
  {
    id: 'contoso-maps',
    name: 'Contoso Maps',
    owner: 'Lena Fischer',
    slaTier: 'tier-2',
    status: 'pilot',
    createdAt: '2026-03-03T10:00:00.000Z',
    updatedAt: '2026-03-03T10:00:00.000Z',
  },
]

const packets: PacketRecord[] = [
  {
    id: 'dpia-northwind-weather-2026-04',
    templateId: 'dpia',
    templateVersion: '1.0.0',
    title: 'DPIA: Northwind Weather API',
    partnerSourceId: 'northwind-weather',
    status: 'signed',
    revision: 2,
    fields: { controller: 'Contoso', risks: [{ title: 'x', before: { severity: 2 } }] },
    evidence: [{ sha256: 'a'.repeat(64), role: 'data-flow-diagram', path: 'dpia/flow.png' }],
    createdAt: '2026-03-05T10:00:00.000Z',
    createdBy: 'Priya Raman',
    updatedAt: '2026-03-06T10:00:00.000Z',
  },
  {
    id: 'license-contoso-maps',
    templateId: 'license',
    templateVersion: '1.0.0',
    title: 'License: Contoso Maps',
    partnerSourceId: 'contoso-maps',
    status: 'rejected',
    rejectionReason: 'Wrong licence text attached',
    revision: 1,
    fields: {},
    evidence: [],
    createdAt: '2026-03-05T10:00:00.000Z',
    createdBy: 'Lena Fischer',
    updatedAt: '2026-03-07T10:00:00.000Z',
  },
]

const revisions: PacketRevisionRecord[] = [1, 2].map((revision) => ({
  packetId: 'dpia-northwind-weather-2026-04',
  revision,
  version: 1,
  savedAt: `2026-03-0${4 + revision}T10:00:00.000Z`,
  savedBy: 'Priya Raman',
  title: 'DPIA: Northwind Weather API',
  fields: { controller: 'Contoso' },
  evidence: [],
  status: revision === 2 ? 'signed' : 'draft',
}))

const evidence: EvidenceRecord[] = [
  {
    sha256: 'a'.repeat(64),
    size: 3,
    mimeType: 'image/png',
    fileName: 'flow.png',
    folder: '',
    title: 'Data flow',
    kind: 'screenshot',
    partnerSourceId: 'northwind-weather',
    expires: '2026-05-01',
    tags: ['mp-d', 'dpia'],
    classification: 'internal',
    addedAt: '2026-03-05T10:00:00.000Z',
    addedBy: 'Priya Raman',
  },
]

/** Writes a database with the version 1 schema, as a build of version 1 would have. */
async function writeV1(name: string): Promise<void> {
  const v1 = new Dexie(name)
  v1.version(1).stores(STORES_V1)
  await v1.open()
  await v1.table('partnerSources').bulkAdd(sources)
  await v1.table('packets').bulkAdd(packets)
  await v1.table('packetRevisions').bulkAdd(revisions)
  await v1.table('evidence').bulkAdd(evidence)
  await v1.table('blobs').add({ sha256: 'a'.repeat(64), data: new Uint8Array([1, 2, 3]) })
  await v1.table('meta').add({
    key: 'workspace',
    name: 'Pilot workspace',
    isDemo: false,
    createdAt: '2026-03-01T09:00:00.000Z',
  })
  v1.close()
}

/** Reads every store with plain IndexedDB (no Dexie schema involved). */
async function rawStores(
  name: string,
): Promise<{ version: number; stores: Record<string, unknown[]> }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const stores: Record<string, unknown[]> = {}
  for (const s of [...db.objectStoreNames]) {
    stores[s] = await new Promise((resolve, reject) => {
      const req = db.transaction(s).objectStore(s).getAll()
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
  }
  const version = db.version
  db.close()
  return { version, stores }
}

describe('workspace schema', () => {
  it('is at version 5, stored by IndexedDB as 50', () => {
    expect(SCHEMA_VERSION).toBe(5)
    expect(nativeVersion(SCHEMA_VERSION)).toBe(50)
  })

  it('declares version 1 exactly as shipped', () => {
    const db = new WorkspaceDb('evw-workspace-schema-check')
    const v1 = (
      db as unknown as { _versions: { _cfg: { version: number; storesSource: object } }[] }
    )._versions.find((v) => v._cfg.version === 1)
    expect(v1?._cfg.storesSource).toEqual(STORES_V1)
  })
})

describe('migration from version 1', () => {
  it('keeps every record of every table', async () => {
    const name = freshName()
    await writeV1(name)
    const before = await rawStores(name)
    expect(before.version).toBe(10)

    const result = await openWorkspaceDb(name)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const db = result.db
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(await db.partnerSources.count()).toBe(2)
    expect(await db.packets.toArray()).toEqual(
      [...packets].sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect(await db.packetRevisions.toArray()).toEqual(revisions)
    expect(await db.evidence.toArray()).toEqual(evidence)
    expect(await db.blobs.count()).toBe(1)
    expect((await db.meta.get('workspace'))?.name).toBe('Pilot workspace')
    db.close()

    const after = await rawStores(name)
    expect(after.version).toBe(nativeVersion(SCHEMA_VERSION))
    for (const store of Object.keys(STORES_V1)) {
      expect(after.stores[store], store).toHaveLength(before.stores[store]!.length)
    }
  })

  it('normalises names and owners, and the new indexes find them', async () => {
    const name = freshName()
    await writeV1(name)
    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    const northwind = await db.partnerSources.get('northwind-weather')
    expect(northwind).toEqual({
      ...sources[0],
      name: 'Northwind Weather API',
      owner: 'Priya Raman',
    })
    expect((await db.partnerSources.where('owner').equals('Priya Raman').toArray()).length).toBe(1)
    const dpia = await db.packets
      .where('[partnerSourceId+templateId]')
      .equals(['northwind-weather', 'dpia'])
      .toArray()
    expect(dpia.map((p) => p.id)).toEqual(['dpia-northwind-weather-2026-04'])
    db.close()
  })

  it('opens a current database again without changes', async () => {
    const name = freshName()
    await writeV1(name)
    const first = await openWorkspaceDb(name)
    if (!first.ok) throw new Error(first.problem.message)
    first.db.close()
    const snapshot = await rawStores(name)
    const second = await openWorkspaceDb(name)
    expect(second.ok).toBe(true)
    if (second.ok) second.db.close()
    expect(await rawStores(name)).toEqual(snapshot)
  })
})

/** The tables version 2 changed, exactly as shipped. */
const STORES_V2 = {
  partnerSources: '&id, name, status, owner',
  packets: '&id, templateId, partnerSourceId, status, updatedAt, [partnerSourceId+templateId]',
}

describe('migration from version 2', () => {
  it('keeps every record and adds the empty sign-off, keyring and audit tables', async () => {
    const name = freshName()
    await writeV1(name)
    // Bring it to version 2 exactly as version 2 of the app did (names already normalised).
    const v2 = new Dexie(name)
    v2.version(1).stores(STORES_V1)
    v2.version(2).stores(STORES_V2)
    await v2.open()
    await v2
      .table('partnerSources')
      .toCollection()
      .modify((r: PartnerSourceRecord) => {
        r.name = r.name.trim().replace(/\s+/g, ' ')
        r.owner = r.owner.trim().replace(/\s+/g, ' ')
      })
    v2.close()
    const before = await rawStores(name)
    expect(before.version).toBe(20)

    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    result.db.close()
    const after = await rawStores(name)
    expect(after.version).toBe(nativeVersion(SCHEMA_VERSION))
    for (const [store, records] of Object.entries(before.stores)) {
      expect(after.stores[store], store).toEqual(records)
    }
    for (const store of ['keyring', 'packetBundles', 'signoffs', 'receivedBundles']) {
      expect(after.stores[store], store).toEqual([])
    }
    expect(after.stores.auditEntries).toEqual([])
    expect(after.stores.checkpoints).toEqual([])
  })
})

/** The tables version 3 added, exactly as shipped. */
const STORES_V3 = {
  keyring: '&keyid, name, origin',
  packetBundles: '&[packetId+revision]',
  signoffs: '&[packetId+revision+role+keyid], packetId, keyid',
  receivedBundles: '&sha256, receivedAt, packetId',
  auditEntries: '&index',
  checkpoints: '++id, size',
}

describe('migration from version 3', () => {
  it('keeps every record and adds the empty access-review tables', async () => {
    const name = freshName()
    await writeV1(name)
    const v3 = new Dexie(name)
    v3.version(1).stores(STORES_V1)
    v3.version(2).stores(STORES_V2)
    v3.version(3).stores(STORES_V3)
    await v3.open()
    await v3
      .table('partnerSources')
      .toCollection()
      .modify((r: PartnerSourceRecord) => {
        r.name = r.name.trim().replace(/\s+/g, ' ')
        r.owner = r.owner.trim().replace(/\s+/g, ' ')
      })
    await v3.table('auditEntries').bulkAdd([
      { index: 0, entry: new Uint8Array([123, 125]) },
      { index: 1, entry: new Uint8Array([123, 32, 125]) },
    ])
    await v3
      .table('checkpoints')
      .add({ size: 2, note: 'note', savedAt: '2026-03-08T10:00:00.000Z' })
    await v3.table('keyring').add({ keyid: 'k'.repeat(64), name: 'Priya Raman', origin: 'local' })
    await v3.table('signoffs').add({
      packetId: 'dpia-northwind-weather-2026-04',
      revision: 2,
      role: 'dpo',
      keyid: 'k'.repeat(64),
    })
    v3.close()
    const before = await rawStores(name)
    expect(before.version).toBe(30)

    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(await db.reviewCampaigns.count()).toBe(0)
    db.close()
    const after = await rawStores(name)
    expect(after.version).toBe(nativeVersion(SCHEMA_VERSION))
    for (const [store, records] of Object.entries(before.stores)) {
      expect(after.stores[store], store).toEqual(records)
    }
    for (const store of ['reviewCampaigns', 'reviewItems', 'reviewDecisions', 'columnMappings']) {
      expect(after.stores[store], store).toEqual([])
    }
  })
})

/** The tables version 4 added, exactly as shipped. */
const STORES_V4 = {
  reviewCampaigns: '&id, status, createdAt',
  reviewItems: '&[campaignId+id], campaignId',
  reviewDecisions: '++seq, campaignId, [campaignId+itemId]',
  columnMappings: '&key',
}

describe('migration from version 4', () => {
  it('keeps every record and adds the empty deck and accessibility-review tables', async () => {
    const name = freshName()
    await writeV1(name)
    const v4 = new Dexie(name)
    v4.version(1).stores(STORES_V1)
    v4.version(2).stores(STORES_V2)
    v4.version(3).stores(STORES_V3)
    v4.version(4).stores(STORES_V4)
    await v4.open()
    await v4
      .table('partnerSources')
      .toCollection()
      .modify((r: PartnerSourceRecord) => {
        r.name = r.name.trim().replace(/\s+/g, ' ')
        r.owner = r.owner.trim().replace(/\s+/g, ' ')
      })
    await v4.table('reviewCampaigns').add({
      id: 'q3-github',
      status: 'open',
      createdAt: '2026-09-01T09:00:00.000Z',
    })
    await v4.table('reviewItems').add({ campaignId: 'q3-github', id: 'g1', login: 'ana' })
    await v4
      .table('reviewDecisions')
      .add({ campaignId: 'q3-github', itemId: 'g1', kind: 'decision' })
    await v4.table('columnMappings').add({ key: 'generic:github.csv', mapping: { login: 'user' } })
    v4.close()
    const before = await rawStores(name)
    expect(before.version).toBe(40)

    const result = await openWorkspaceDb(name)
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(await db.reviewItems.where('campaignId').equals('q3-github').count()).toBe(1)
    db.close()
    const after = await rawStores(name)
    expect(after.version).toBe(50)
    for (const [store, records] of Object.entries(before.stores)) {
      expect(after.stores[store], store).toEqual(records)
    }
    for (const store of ['decks', 'a11yReviews']) {
      expect(after.stores[store], store).toEqual([])
    }
  })
})

describe('a failed upgrade', () => {
  it('leaves version 1 and all its data in place when a record cannot be migrated', async () => {
    const name = freshName()
    await writeV1(name)
    // A damaged partner source (owner is not text): the version 2 upgrade refuses it.
    const v1 = new Dexie(name)
    v1.version(1).stores(STORES_V1)
    await v1.table('partnerSources').put({ ...sources[1], id: 'broken', owner: 42 })
    v1.close()
    const before = await rawStores(name)

    const result = await openWorkspaceDb(name)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problem.kind).toBe('corrupted')
    expect(result.problem.message).toMatch(/could not be upgraded.*left exactly as it was/)
    expect(result.problem.details.join(' ')).toMatch(/broken.*owner/)

    const after = await rawStores(name)
    expect(after.version).toBe(10)
    expect(after).toEqual(before)
  })

  it('rolls back everything an upgrade did before it failed', async () => {
    const name = freshName()
    await writeV1(name)
    const before = await rawStores(name)
    // A hypothetical next version whose upgrade writes, then throws.
    class FailingDb extends WorkspaceDb {
      constructor(n: string) {
        super(n)
        this.version(SCHEMA_VERSION + 1)
          .stores({})
          .upgrade(async (tx) => {
            await tx.table('partnerSources').clear()
            throw new MigrationError('simulated failure')
          })
      }
    }
    const db = new FailingDb(name)
    await expect(db.open()).rejects.toThrow(/simulated failure/)
    db.close()
    expect(await rawStores(name)).toEqual(before)
  })
})

describe('a database of a newer version', () => {
  it('is refused with a clear message and never modified', async () => {
    const name = freshName()
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 999)
      req.onupgradeneeded = () => {
        const db = req.result
        db.createObjectStore('meta', { keyPath: 'key' }).add({ key: 'workspace', name: 'Future' })
        db.createObjectStore('somethingNew', { keyPath: 'id' }).add({ id: 1, v: 'kept' })
      }
      req.onsuccess = () => {
        req.result.close()
        resolve()
      }
      req.onerror = () => reject(req.error)
    })
    const before = await rawStores(name)

    const result = await openWorkspaceDb(name)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problem.kind).toBe('newer-version')
    expect(result.problem.message).toContain('newer version of Evidence Workbench')
    expect(result.problem.message).toContain('schema 99')
    expect(result.problem.advice).toContain('Nothing has been changed')
    expect(result.problem.readable).toBe(true)
    expect(await rawStores(name)).toEqual(before)
    expect(before.version).toBe(999)
  })

  it('would be modified by plain Dexie 4, which is why openWorkspaceDb probes first', async () => {
    const name = freshName()
    await new Promise<void>((resolve) => {
      const req = indexedDB.open(name, 999)
      req.onupgradeneeded = () => req.result.createObjectStore('meta', { keyPath: 'key' })
      req.onsuccess = () => {
        req.result.close()
        resolve()
      }
    })
    expect((await probeDatabase(name)).version).toBe(999)
    const db = new WorkspaceDb(name)
    await db.open()
    db.close()
    // Dexie opened it anyway and bumped the version to add its tables.
    expect((await probeDatabase(name)).version).toBeGreaterThan(999)
  })
})

describe('probing', () => {
  it('does not create a database that does not exist', async () => {
    const name = freshName()
    expect(await probeDatabase(name)).toEqual({ exists: false, version: 0, stores: [] })
    const all = await indexedDB.databases()
    expect(all.map((d) => d.name)).not.toContain(name)
  })
})
