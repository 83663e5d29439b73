// The demo workspace's access reviews: built from the sample files in resources/access-review
// by the app's own rules, a closed campaign with its filed packet (valid for its template but
// for what a person must state) and an open, overdue one whose gap report has something in
// each list the owner reads.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkClose,
  checkDecision,
  gapReport,
  importGenericGrants,
  readCsvRecords,
  suggestMapping,
  type ChangeConfirmation,
  type Decision,
} from '../../../../src/core/access-review'
import { DEMO_SIGNERS } from '../../../../src/core/workspace/demo-identities'
import {
  buildDemoReviews,
  DEMO_CLOSED_CAMPAIGN_ID,
  DEMO_OPEN_CAMPAIGN_ID,
  DEMO_OVERDUE_REVIEWER,
  latestDate,
  shiftDates,
} from '../../../../src/core/workspace/demo-reviews'

const NOW = new Date('2026-11-20T09:00:00Z')
const sample = (name: string) => readFileSync(path.join('resources/access-review', name), 'utf8')
const samples = {
  genericGrants: sample('generic-grants.csv'),
  awsCredentialReport: sample('aws-credential-report.csv'),
  hrRoster: sample('hr-roster.csv'),
}
const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const reviews = await buildDemoReviews(samples, NOW, sha256)

const stateOf = (id: string) => {
  const campaign = reviews.campaigns.find((c) => c.id === id)!
  const items = reviews.items.filter((i) => i.campaignId === id)
  const log = reviews.log.filter((l) => l.campaignId === id)
  const decisions = log.flatMap((l) => (l.kind === 'decision' ? [l as Decision] : []))
  const confirmations = log.flatMap((l) =>
    l.kind === 'confirmation' ? [l as ChangeConfirmation] : [],
  )
  return { campaign, items, decisions, confirmations }
}

describe('shiftDates', () => {
  it('moves dates and date-times by whole days, keeping the time of day', () => {
    const text = 'a,2026-04-10\nb,2026-03-31T14:39:17+00:00\nc,never'
    expect(latestDate(text)).toBe('2026-04-10')
    expect(shiftDates(text, '2026-04-10', '2026-11-10')).toBe(
      'a,2026-11-10\nb,2026-10-31T14:39:17+00:00\nc,never',
    )
  })
})

describe('the demo workspace’s access reviews', () => {
  it('freeze the sample files with their dates moved, every row imported', () => {
    const generic = reviews.files.find((f) => f.record.fileName === 'generic-grants.csv')!
    const text = new TextDecoder().decode(generic.bytes)
    const rows = importGenericGrants(text, suggestMapping('generic', readCsvRecords(text).header))
    expect(rows.problems).toEqual([])
    const original = importGenericGrants(
      samples.genericGrants,
      suggestMapping('generic', readCsvRecords(samples.genericGrants).header),
    )
    expect(rows.grants.map((g) => g.key)).toEqual(original.grants.map((g) => g.key))
    expect(latestDate(text) < NOW.toISOString().slice(0, 10)).toBe(true)
    for (const c of reviews.campaigns)
      for (const input of c.inputs) {
        const file = reviews.files.find((f) => f.record.sha256 === input.sha256)
        expect(file, input.fileName).toBeDefined()
        expect(input.problems).toEqual([])
      }
  })

  it('have an earlier campaign closed, every item decided and every change confirmed', () => {
    const { campaign, items, decisions, confirmations } = stateOf(DEMO_CLOSED_CAMPAIGN_ID)
    expect(campaign.status).toBe('closed')
    expect(campaign.closedAt! < NOW.toISOString()).toBe(true)
    expect(checkClose(items, decisions).canClose).toBe(true)
    const report = gapReport(items, decisions, confirmations, campaign, NOW.toISOString())
    expect(report.unconfirmedChanges).toEqual([])
    expect(decisions.some((d) => d.outcome === 'revoke')).toBe(true)
  })

  it('file the closed campaign’s access-review packet, citing its inputs and outputs', () => {
    const { campaign } = stateOf(DEMO_CLOSED_CAMPAIGN_ID)
    const [packet] = reviews.packets
    expect(campaign.packetId).toBe(packet!.id)
    expect(packet!.templateId).toBe('access-review')
    expect(packet!.status).toBe('draft')
    expect(packet!.fields.populationSize).toBe(campaign.itemCount)
    const shas = new Set(reviews.files.map((f) => f.record.sha256))
    for (const link of packet!.evidence) expect(shas.has(link.sha256)).toBe(true)
    expect(packet!.evidence).toHaveLength(campaign.inputs.length + 3)
    expect(reviews.packetRevisions.map((r) => r.packetId)).toEqual([packet!.id])
  })

  it('have an open differential campaign past its due date with gaps to show', () => {
    const { campaign, items, decisions, confirmations } = stateOf(DEMO_OPEN_CAMPAIGN_ID)
    expect(campaign.status).toBe('open')
    expect(campaign.type).toBe('differential')
    expect(campaign.previousCampaignId).toBe(DEMO_CLOSED_CAMPAIGN_ID)
    expect(campaign.dueDate < NOW.toISOString().slice(0, 10)).toBe(true)
    const report = gapReport(items, decisions, confirmations, campaign, NOW.toISOString())
    expect(report.decided).toBeGreaterThan(0)
    expect(report.undecided.length).toBeGreaterThan(0)
    expect(report.unsure).toHaveLength(1)
    expect(report.unconfirmedChanges).toHaveLength(1)
    expect(report.orphaned.length).toBeGreaterThan(0)
    const overdue = report.overdueReviewers.find((r) => r.reviewer === DEMO_OVERDUE_REVIEWER)
    expect(overdue).toMatchObject({ decided: 0 })
    // Decided by the demo's role holders, each decision valid (privileged keeps justified).
    const holders = new Set<string>(Object.values(DEMO_SIGNERS).map((s) => s.name))
    const byId = new Map(items.map((i) => [i.id, i]))
    for (const d of decisions) {
      expect(holders.has(d.actor), d.actor).toBe(true)
      expect(checkDecision(byId.get(d.itemId)!, d.outcome, d.justification)).toBeNull()
    }
    expect(
      decisions.some(
        (d) => d.outcome === 'keep' && byId.get(d.itemId)!.flags.includes('privileged'),
      ),
    ).toBe(true)
  })

  it('log every step as the app does, in time order', () => {
    const times = reviews.events.map((e) => e.time)
    expect([...times].sort()).toEqual(times)
    expect(times.every((t) => t < NOW.toISOString())).toBe(true)
    const count = (a: string) => reviews.events.filter((e) => e.action === a).length
    expect(count('review.decided')).toBe(reviews.log.filter((l) => l.kind === 'decision').length)
    expect(count('evidence.added')).toBe(reviews.files.length)
    expect(count('review.campaign-created')).toBe(2)
  })
})
