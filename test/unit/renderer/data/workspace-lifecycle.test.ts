// Opening workspaces end to end in fake-indexeddb: a new demo workspace is seeded (ten
// sources, "7 of 10 sources ready", evidence with blobs), an empty one gets its name, the
// demo resets to its sample data, damaged records are reported without changing anything,
// and the raw records export reads any version.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { sourceReadiness } from '../../../../src/core/workspace/readiness'
import { exportRawRecords, openWorkspaceDb } from '../../../../src/renderer/data/open-workspace'
import { savePartnerSource } from '../../../../src/renderer/data/partner-sources'
import {
  nativeVersion,
  SCHEMA_VERSION,
  WORKSPACE_TABLES,
} from '../../../../src/renderer/data/workspace-db'
import {
  openListedWorkspace,
  resetDemoWorkspace,
} from '../../../../src/renderer/data/workspace-lifecycle'
import { workspaceEntry } from '../../../../src/renderer/data/workspace-registry'
import { DEMO_FILE_NAMES } from '../../../../src/core/workspace/demo-workspace'
// Node's inflater for the zip reader: seeding signs the demo's bundles (browsers use theirs).
import '../../../../src/node/bundle/file-source'

const NOW = new Date('2026-04-20T09:00:00Z')
let n = 0
const names: string[] = []
const entry = (isDemo: boolean, name = isDemo ? 'Demo workspace' : 'Team workspace') => {
  const e = workspaceEntry(`t${++n}`, name, isDemo, NOW.toISOString())
  names.push(e.dbName)
  return e
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

describe('the demo workspace', () => {
  it('is created on first open with ten sources, seven of them ready', async () => {
    const result = await openListedWorkspace(entry(true), { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    expect(await db.meta.get('workspace')).toMatchObject({ name: 'Demo workspace', isDemo: true })
    const sources = await db.partnerSources.toArray()
    expect(sources).toHaveLength(10)
    const r = sourceReadiness(sources, await db.packets.toArray())
    expect([r.ready, r.total]).toEqual([7, 10])
    expect(new Set((await db.packets.toArray()).map((p) => p.status))).toEqual(
      new Set(['draft', 'in-review', 'signed', 'verified', 'synced', 'rejected']),
    )
    const evidence = await db.evidence.toArray()
    // The demo's files, and the access reviews' frozen inputs and filed outputs.
    const reviewFiles = evidence.filter((e) => e.tags.includes('access-review'))
    expect(reviewFiles).toHaveLength(6)
    expect(evidence).toHaveLength(DEMO_FILE_NAMES.length + reviewFiles.length)
    const campaigns = await db.reviewCampaigns.toArray()
    expect(campaigns.map((c) => c.status).sort()).toEqual(['closed', 'open'])
    const filed = campaigns.find((c) => c.status === 'closed')!.packetId!
    expect(await db.packets.get(filed)).toMatchObject({ templateId: 'access-review' })
    expect(await db.reviewItems.count()).toBe(campaigns.reduce((n, c) => n + c.itemCount, 0))
    // The two sweep reports, linked to their sources, with the role holders' decisions.
    const reports = evidence.filter((e) => e.tags.includes('accessibility'))
    expect(reports.map((e) => e.partnerSourceId).sort()).toEqual([
      'fabrikam-traffic',
      'litware-reviews',
    ])
    const a11y = await db.a11yReviews.toArray()
    expect(new Set(a11y.map((r) => r.reportSha256))).toEqual(new Set(reports.map((e) => e.sha256)))
    expect(a11y.filter((r) => r.kind === 'waiver')).toHaveLength(1)
    const blobs = await db.blobs.toArray()
    expect(blobs.map((b) => b.sha256).sort()).toEqual(evidence.map((e) => e.sha256).sort())
    for (const e of evidence) {
      const blob = blobs.find((b) => b.sha256 === e.sha256)!.data
      expect(blob.size, e.fileName).toBe(e.size)
      const digest = Buffer.from(
        await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()),
      ).toString('hex')
      expect(digest, e.fileName).toBe(e.sha256)
    }
    const html = blobs.find(
      (b) => b.sha256 === evidence.find((e) => e.mimeType === 'text/html')!.sha256,
    )!
    expect(await html.data.text()).toContain('<script>')
    const pdf = evidence.find((e) => e.mimeType === 'application/pdf')!
    const pdfBytes = await blobs.find((b) => b.sha256 === pdf.sha256)!.data.text()
    expect(pdfBytes.startsWith('%PDF-1.4')).toBe(true)
    db.close()
  })

  it('resets to its sample data, dropping changes', async () => {
    const result = await openListedWorkspace(entry(true), { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    await savePartnerSource(db, {
      name: 'Extra source',
      owner: 'Someone',
      slaTier: 'tier-3',
      status: 'proposed',
      notes: '',
    })
    await db.packets.delete('dpia-northwind-weather-2026-04')
    const decisions = await db.reviewDecisions.count()
    await db.reviewDecisions.limit(5).delete()
    const a11yDecisions = await db.a11yReviews.count()
    await db.a11yReviews.limit(3).delete()
    expect(await db.partnerSources.count()).toBe(11)
    await resetDemoWorkspace(db, NOW)
    expect(await db.partnerSources.count()).toBe(10)
    expect(await db.reviewDecisions.count()).toBe(decisions)
    expect(await db.a11yReviews.count()).toBe(a11yDecisions)
    expect(await db.reviewCampaigns.count()).toBe(2)
    expect(await db.packets.get('dpia-northwind-weather-2026-04')).toBeDefined()
    db.close()
  })

  it('holds real sign-offs: demo keys in the keyring, a bundle per signed revision', async () => {
    const result = await openListedWorkspace(entry(true), { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    const db = result.db
    const keyring = await db.keyring.toArray()
    expect(keyring.map((k) => k.roles.join('+')).sort()).toEqual(
      ['accountable-manager', 'dpo', 'legal+ombuds', 'seceng'].sort(),
    )
    const claims = (await db.packets.toArray()).filter((p) =>
      ['signed', 'verified', 'synced', 'rejected'].includes(p.status),
    )
    for (const p of claims) {
      expect(await db.packetBundles.get([p.id, p.revision]), p.id).toBeDefined()
      expect(await db.signoffs.where('packetId').equals(p.id).count(), p.id).toBeGreaterThan(0)
    }
    expect(await db.checkpoints.count()).toBe(await db.packetBundles.count())
    // A reset puts the demo keys back once and keeps the user's own entries.
    await db.keyring.put({ ...keyring[0]!, keyid: 'f'.repeat(64), origin: 'own', note: 'mine' })
    await resetDemoWorkspace(db, NOW)
    expect(await db.keyring.count()).toBe(keyring.length + 1)
    db.close()
  })

  it('refuses to reset a workspace that is not the demo', async () => {
    const result = await openListedWorkspace(entry(false), { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    await expect(resetDemoWorkspace(result.db)).rejects.toThrow(/Only the demo/)
    result.db.close()
  })
})

describe('an empty workspace', () => {
  it('gets its name and nothing else', async () => {
    const e = entry(false, 'Q2 partner reviews')
    const result = await openListedWorkspace(e, { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    expect(await result.db.meta.get('workspace')).toEqual({
      key: 'workspace',
      name: 'Q2 partner reviews',
      isDemo: false,
      createdAt: NOW.toISOString(),
    })
    expect(await result.db.partnerSources.count()).toBe(0)
    result.db.close()
  })
})

describe('a damaged workspace', () => {
  it('is reported with the failing records, and nothing is changed', async () => {
    const e = entry(true)
    const first = await openListedWorkspace(e, { now: NOW })
    if (!first.ok) throw new Error(first.problem.message)
    await first.db.packets.put({
      ...(await first.db.packets.get('license-contoso-maps-2026-04'))!,
      status: 'approved-ish' as never,
    })
    await first.db.partnerSources.put({ id: 'junk', name: 7 } as never)
    first.db.close()
    const before = await exportRawRecords(e.dbName)

    const result = await openWorkspaceDb(e.dbName)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problem.kind).toBe('corrupted')
    expect(result.problem.message).toContain('damaged')
    expect(result.problem.details).toEqual([
      'partnerSources record "junk" has “name” that is not a string.',
      'packets record "license-contoso-maps-2026-04" has “status” that is not one of draft, in-review, signed, verified, synced, rejected.',
    ])
    const after = await exportRawRecords(e.dbName)
    const strip = (s: string) => s.replace(/"exportedAt": "[^"]+"/, '')
    expect(strip(after)).toEqual(strip(before))
  })
})

describe('the raw records export', () => {
  it('lists every store and record, with blobs as size and type', async () => {
    const e = entry(true)
    const result = await openListedWorkspace(e, { now: NOW })
    if (!result.ok) throw new Error(result.problem.message)
    result.db.close()
    const json = JSON.parse(await exportRawRecords(e.dbName)) as {
      indexedDbVersion: number
      stores: Record<string, { key: unknown; value: Record<string, unknown> }[]>
    }
    expect(json.indexedDbVersion).toBe(nativeVersion(SCHEMA_VERSION))
    expect(Object.keys(json.stores).sort()).toEqual([...WORKSPACE_TABLES].sort())
    expect(json.stores.partnerSources).toHaveLength(10)
    expect(json.stores.blobs![0]!.value.data).toMatchObject({ blob: { size: expect.any(Number) } })
  })

  it('refuses a database that does not exist, without creating it', async () => {
    await expect(exportRawRecords('evw-workspace-nothing-here')).rejects.toThrow(/no database/)
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(
      'evw-workspace-nothing-here',
    )
  })
})
