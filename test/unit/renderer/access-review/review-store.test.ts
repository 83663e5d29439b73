// Access-review campaigns in the workspace database (fake-indexeddb): the population and its
// files are frozen at creation, every decision is its own audit entry, and the close rule holds.
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { CancelledError, type Progress } from '../../../../src/core/bundle/byte-io'
import { checkEvidence } from '../../../../src/core/workspace/record-checks'
import type { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
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
import { auditEvents, demoCampaign, workspaceDbPerTest } from '../../../helpers/review-fixture'

let db: WorkspaceDb
workspaceDbPerTest('evw-review-store', (d) => {
  db = d
})

const campaign = (over: Partial<NewCampaign> = {}): NewCampaign => demoCampaign({}, over)

const frozen = new Date('2026-04-13T09:00:00Z')

const events = () => auditEvents(db)

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

  // A bulk action on thousands of items reports progress and can be stopped; stopped, it
  // writes nothing, since its chunks are all in one transaction.
  describe('bulk actions on 5,000 items', () => {
    const many = (n: number): NewCampaign => {
      const base = campaign()
      const plain = base.grants.filter((g) => g.login && !/admin|owner/i.test(g.entitlement))
      const grants = Array.from({ length: n }, (_, i) => {
        const g = plain[i % plain.length]!
        const login = `bulk.user${i}`
        return { ...g, login, key: `${g.application}\u0000${login}\u0000${g.entitlement}` }
      })
      return { ...base, grants }
    }

    it('reports progress chunk by chunk, and a cancelled decision writes nothing', async () => {
      await createCampaign(db, many(5000), 'Helena Brandt', frozen)
      const ids = (await db.reviewItems.where('campaignId').equals('q2-2026').toArray()).map(
        (i) => i.id,
      )
      expect(ids.length).toBe(5000)
      const why = 'Not on the HR roster: access ends.'
      const before = await db.auditEntries.count()

      const controller = new AbortController()
      const seen: Progress[] = []
      const cancelled = recordDecisions(db, 'q2-2026', ids, 'revoke', why, 'Sofia Rossi', frozen, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p)
          // Stop once the first chunk of decisions is written.
          if (p.phase === 'recording the decisions' && p.done > 0) controller.abort()
        },
      })
      await expect(cancelled).rejects.toBeInstanceOf(CancelledError)
      expect(await db.reviewDecisions.count()).toBe(0)
      expect(await db.auditEntries.count()).toBe(before)
      expect(seen.map((p) => `${p.phase} ${p.done}`)).toContain('recording the decisions 2000')

      const progress: Progress[] = []
      const written = await recordDecisions(
        db,
        'q2-2026',
        ids,
        'revoke',
        why,
        'Sofia Rossi',
        frozen,
        {
          onProgress: (p) => progress.push(p),
        },
      )
      expect(written).toBe(ids.length)
      expect(await db.reviewDecisions.count()).toBe(ids.length)
      expect(await db.auditEntries.count()).toBe(before + ids.length)
      const recording = progress.filter((p) => p.phase === 'recording the decisions')
      expect(recording.map((p) => p.done)).toEqual([
        ...Array.from({ length: Math.ceil(ids.length / 2000) }, (_, i) => i * 2000),
        ids.length,
      ])
      expect(recording.every((p) => p.total === ids.length)).toBe(true)
    })

    it('cancels creating a campaign while its items are stored, storing nothing', async () => {
      const controller = new AbortController()
      const seen: Progress[] = []
      await expect(
        createCampaign(db, many(5000), 'Helena Brandt', frozen, {
          signal: controller.signal,
          onProgress: (p) => {
            seen.push(p)
            if (p.done > 0) controller.abort()
          },
        }),
      ).rejects.toBeInstanceOf(CancelledError)
      expect(seen.map((p) => `${p.phase} ${p.done} of ${p.total}`)).toEqual([
        'storing the items 0 of 5000',
        'storing the items 2000 of 5000',
      ])
      expect(await db.reviewCampaigns.count()).toBe(0)
      expect(await db.reviewItems.count()).toBe(0)
      expect(await db.evidence.count()).toBe(0)
      expect(await db.blobs.count()).toBe(0)
      expect(await db.auditEntries.count()).toBe(0)
      // Created again without cancelling, it is whole.
      const c = await createCampaign(db, many(5000), 'Helena Brandt', frozen)
      expect(c.itemCount).toBe(5000)
      expect(await db.reviewItems.count()).toBe(5000)
    })

    it('cancels a reassignment and the no-response default without writing anything', async () => {
      await createCampaign(db, many(5000), 'Helena Brandt', frozen)
      const items = await db.reviewItems.where('campaignId').equals('q2-2026').toArray()
      const before = await db.auditEntries.count()
      const stopAfterFirst = () => {
        const controller = new AbortController()
        return {
          signal: controller.signal,
          onProgress: (p: Progress) => {
            if (p.done > 0) controller.abort()
          },
        }
      }
      await expect(
        reassignItems(
          db,
          'q2-2026',
          items.map((i) => i.id),
          'Nadia Okafor',
          'Helena Brandt',
          frozen,
          stopAfterFirst(),
        ),
      ).rejects.toBeInstanceOf(CancelledError)
      expect((await db.reviewItems.toArray()).some((i) => i.reviewer === 'Nadia Okafor')).toBe(
        false,
      )
      await expect(
        applyNoResponseDefault(db, 'q2-2026', 'Helena Brandt', frozen, stopAfterFirst()),
      ).rejects.toBeInstanceOf(CancelledError)
      expect(await db.reviewDecisions.count()).toBe(0)
      expect(await db.auditEntries.count()).toBe(before)
    })
  })
})
