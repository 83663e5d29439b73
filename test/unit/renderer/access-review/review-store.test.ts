// Access-review campaigns in the workspace database (fake-indexeddb): the population and its
// files are frozen at creation, every decision is its own audit entry, and the close rule holds.
import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sha256 } from '@noble/hashes/sha2.js'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  importGenericGrants,
  importHrRoster,
  readCsvRecords,
  rosterIndex,
  suggestMapping,
} from '../../../../src/core/access-review'
import { decodeAuditEvent } from '../../../../src/core/audit/audit-event'
import { toHex } from '../../../../src/core/encoding/bytes'
import { checkEvidence } from '../../../../src/core/workspace/record-checks'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import {
  applyNoResponseDefault,
  campaignConfirmations,
  campaignDecisions,
  closeCampaign,
  confirmChanges,
  createCampaign,
  getMapping,
  reassignItems,
  recordDecisions,
  type NewCampaign,
} from '../../../../src/renderer/access-review/review-store'

const text = (name: string) =>
  readFileSync(join(__dirname, '../../../../resources/access-review', name), 'utf8')

let db: WorkspaceDb
let n = 0
beforeEach(async () => {
  db = new WorkspaceDb(`evw-review-store-${++n}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const campaign = (over: Partial<NewCampaign> = {}): NewCampaign => {
  const g = text('generic-grants.csv')
  const mapping = suggestMapping('generic', readCsvRecords(g).header)
  const imported = importGenericGrants(g, mapping)
  const r = text('hr-roster.csv')
  const roster = importHrRoster(r, suggestMapping('hr-roster', readCsvRecords(r).header))
  return {
    id: 'q2-2026',
    name: 'Q2 2026 SaaS review',
    type: 'snapshot',
    scope: 'GitHub, Salesforce, Jira, Snowflake, Okta',
    owner: 'Helena Brandt',
    dueDate: '2026-04-30',
    noResponseDefault: 'revoke',
    reviewerRules: [{ by: 'application', match: 'Salesforce', reviewer: 'Sofia Rossi' }],
    grants: imported.grants,
    flagContext: { findEmployee: rosterIndex(roster.employees) },
    files: [
      {
        file: new Blob([g], { type: 'text/csv' }),
        fileName: 'generic-grants.csv',
        sha256: toHex(sha256(new TextEncoder().encode(g))),
        input: {
          format: 'generic',
          source: 'SaaS export',
          mapping,
          rowCount: imported.rowCount,
          grantCount: imported.grants.length,
          problems: [],
          extractedAt: '2026-04-12T08:00:00.000Z',
        },
      },
    ],
    ...over,
  }
}

const frozen = new Date('2026-04-13T09:00:00Z')

const events = async () =>
  (await db.auditEntries.orderBy('index').toArray()).map((e) => {
    const d = decodeAuditEvent(e.entry)
    if (!d.ok) throw new Error(d.message)
    return d.event
  })

describe('review store', () => {
  it('freezes the population, keeps the file as evidence and remembers the mapping', async () => {
    const c = await createCampaign(
      db,
      campaign(),
      'Helena Brandt',
      new Date('2026-04-13T09:00:00Z'),
    )
    expect(c.itemCount).toBe(await db.reviewItems.where('campaignId').equals('q2-2026').count())
    const ev = await db.evidence.get(c.inputs[0]!.sha256)
    expect(ev).toMatchObject({
      fileName: 'generic-grants.csv',
      kind: 'export',
      source: 'SaaS export',
    })
    expect(checkEvidence(ev)).toBeUndefined()
    expect(await db.blobs.get(c.inputs[0]!.sha256)).toBeDefined()
    expect(await getMapping(db, 'generic', ' saas EXPORT')).toEqual(c.inputs[0]!.mapping)
    expect((await events()).map((e) => e.action)).toEqual([
      'evidence.added',
      'review.campaign-created',
    ])
    await expect(createCampaign(db, campaign(), 'x')).rejects.toThrow(/exists already/)
  })

  it('logs every decision of a bulk decision separately, and refuses invalid ones atomically', async () => {
    await createCampaign(db, campaign(), 'Helena Brandt', frozen)
    const items = await db.reviewItems.where('campaignId').equals('q2-2026').toArray()
    const plain = items.filter((i) => i.flags.length === 0).slice(0, 3)
    const priv = items.find((i) => i.flags.includes('privileged'))!
    await expect(
      recordDecisions(db, 'q2-2026', [plain[0]!.id, priv.id], 'keep', '', 'Sofia Rossi'),
    ).rejects.toThrow(/needs a justification/)
    expect(await db.reviewDecisions.count()).toBe(0)
    const done = await recordDecisions(
      db,
      'q2-2026',
      plain.map((i) => i.id),
      'keep',
      '',
      'Sofia Rossi',
    )
    expect(done).toBe(3)
    const decided = (await events()).filter((e) => e.action === 'review.decided')
    expect(decided).toHaveLength(3)
    expect(decided[0]).toMatchObject({
      actor: 'Sofia Rossi',
      subject: 'q2-2026',
      details: { outcome: 'keep' },
    })
  })

  it('reassigns, confirms revocations, applies the default and closes only when allowed', async () => {
    await createCampaign(db, campaign(), 'Helena Brandt', frozen)
    const items = await db.reviewItems.where('campaignId').equals('q2-2026').toArray()
    expect(await reassignItems(db, 'q2-2026', [items[0]!.id], 'Jonas Weber', 'Helena Brandt')).toBe(
      1,
    )
    expect((await db.reviewItems.get(['q2-2026', items[0]!.id]))!.reviewer).toBe('Jonas Weber')
    await recordDecisions(db, 'q2-2026', [items[0]!.id], 'revoke', '', 'Jonas Weber')
    await expect(confirmChanges(db, 'q2-2026', [items[1]!.id], 'CHG-7', 'ops')).rejects.toThrow(
      /no revoke or modify decision/,
    )
    await confirmChanges(db, 'q2-2026', [items[0]!.id], 'CHG-7', 'ops')
    expect(await campaignConfirmations(db, 'q2-2026')).toHaveLength(1)
    await expect(closeCampaign(db, 'q2-2026', 'Helena Brandt')).rejects.toThrow(/cannot close yet/)
    const r = await applyNoResponseDefault(db, 'q2-2026', 'Helena Brandt')
    expect(r).toEqual({ applied: items.length - 1, refused: 0 })
    const closed = await closeCampaign(db, 'q2-2026', 'Helena Brandt')
    expect(closed.status).toBe('closed')
    expect((await campaignDecisions(db, 'q2-2026')).length).toBe(items.length)
    await expect(
      recordDecisions(db, 'q2-2026', [items[1]!.id], 'keep', 'x'.repeat(20), 'a'),
    ).rejects.toThrow(/is closed/)
    const actions = (await events()).map((e) => e.action)
    expect(actions.filter((a) => a === 'review.decided')).toHaveLength(items.length)
    expect(actions.at(-1)).toBe('review.closed')
    expect(actions).toContain('review.reassigned')
    expect(actions).toContain('review.change-confirmed')
  })

  it('refuses an exit review with nothing orphaned and a differential review without a baseline', async () => {
    await expect(
      createCampaign(db, campaign({ type: 'exit', flagContext: {} }), 'Helena Brandt'),
    ).rejects.toThrow(/nothing to review/)
    await expect(
      createCampaign(db, campaign({ type: 'differential' }), 'Helena Brandt'),
    ).rejects.toThrow(/previous campaign/)
    await expect(
      createCampaign(
        db,
        campaign({ reviewerRules: [{ by: 'manager', match: 'x', reviewer: ' ' }] }),
        'Helena Brandt',
      ),
    ).rejects.toThrow(/needs both the manager and the reviewer/)
    expect(await db.reviewCampaigns.count()).toBe(0)
    expect(await db.evidence.count()).toBe(0)
  })
})
