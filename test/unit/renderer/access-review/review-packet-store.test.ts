// Filing a closed campaign's access-review packet (fake-indexeddb): the decisions and the gap
// report become evidence beside the frozen inputs, the draft packet passes its template except
// for what a person must state, everything lands in one transaction with its audit entries, and
// an open or already filed campaign is refused. The packet's PDF renders the filled fields.
import 'fake-indexeddb/auto'
import { sha256 } from '@noble/hashes/sha2.js'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../../src/core/encoding/bytes'
import { checkPacket, toPacketDocument } from '../../../../src/core/packets/packet-lifecycle'
import { renderPacketPdf } from '../../../../src/core/pdf/render-packet-pdf'
import { accessReviewTemplate } from '../../../../src/core/templates/access-review'
import { checkEvidence } from '../../../../src/core/workspace/record-checks'
import {
  AlreadyFiledError,
  fileReviewPacket,
} from '../../../../src/renderer/access-review/review-packet-store'
import {
  applyNoResponseDefault,
  closeCampaign,
  createCampaign,
  recordDecisions,
} from '../../../../src/renderer/access-review/review-store'
import type { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import { dpiaPdfInput } from '../../../helpers/packet-pdf-fixture'
import {
  auditEvents,
  demoCampaign,
  reviewText as text,
  textSha256 as hex,
  workspaceDbPerTest,
} from '../../../helpers/review-fixture'

let db: WorkspaceDb
workspaceDbPerTest('evw-review-packet', (d) => {
  db = d
})

const campaign = () => demoCampaign({ rosterFile: true })

const events = () => auditEvents(db)

const frozen = new Date('2026-04-13T09:00:00Z')
const closedAt = new Date('2026-04-29T16:00:00Z')
const filedAt = new Date('2026-04-30T10:00:00Z')

/** A campaign with a justified privileged keep, one revoke, the rest by the default; closed. */
async function closedCampaign() {
  await createCampaign(db, campaign(), 'Helena Brandt', frozen)
  const items = await db.reviewItems.where('campaignId').equals('q2-2026').toArray()
  const priv = items.find((i) => i.flags.includes('privileged'))!
  const plain = items.find((i) => i.flags.length === 0)!
  await recordDecisions(
    db,
    'q2-2026',
    [priv.id],
    'keep',
    'On-call administrator, reviewed with the CISO',
    'Sofia Rossi',
    closedAt,
  )
  await recordDecisions(db, 'q2-2026', [plain.id], 'revoke', '', 'Jonas Weber', closedAt)
  await applyNoResponseDefault(db, 'q2-2026', 'Helena Brandt', closedAt)
  await closeCampaign(db, 'q2-2026', 'Helena Brandt', closedAt)
  return { items, priv, plain }
}

describe('fileReviewPacket', () => {
  it('refuses an open campaign and writes nothing', async () => {
    await createCampaign(db, campaign(), 'Helena Brandt', frozen)
    const before = await db.auditEntries.count()
    await expect(fileReviewPacket(db, 'q2-2026', 'Helena Brandt')).rejects.toThrow(
      /still open; close it/,
    )
    await expect(fileReviewPacket(db, 'nope', 'Helena Brandt')).rejects.toThrow(/not in this/)
    expect(await db.packets.count()).toBe(0)
    expect(await db.auditEntries.count()).toBe(before)
  })

  it('files the outputs as evidence and a draft packet with the frozen inputs, atomically logged', async () => {
    const { items, priv } = await closedCampaign()
    const before = (await events()).length
    const r = await fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt)

    // The three outputs are content-addressed evidence with their bytes.
    for (const sha of Object.values(r.outputs)) {
      const ev = await db.evidence.get(sha)
      expect(checkEvidence(ev)).toBeUndefined()
      expect(ev).toMatchObject({ kind: 'export', tags: ['access-review'] })
      const blob = await db.blobs.get(sha)
      const bytes = new Uint8Array(await blob!.data.arrayBuffer())
      expect(toHex(sha256(bytes))).toBe(sha)
    }
    const csv = await (await db.blobs.get(r.outputs.decisionsCsv))!.data.text()
    expect(csv.split('\n')[0]).toMatch(/^item,application,login/)
    expect(csv).toContain('On-call administrator, reviewed with the CISO')
    const gaps = JSON.parse(await (await db.blobs.get(r.outputs.gapReport))!.data.text())
    expect(gaps.format).toBe('evw.access-review.gaps/1')
    expect(gaps.unconfirmedChanges.length).toBeGreaterThan(0)

    // The packet: inputs and outputs with their roles, the campaign's fields, linked both ways.
    const packet = (await db.packets.get(r.packet.id))!
    expect(packet).toMatchObject({
      templateId: 'access-review',
      status: 'draft',
      title: 'Access review: Q2 2026 SaaS review',
    })
    expect(packet.evidence).toEqual([
      {
        sha256: hex(text('generic-grants.csv')),
        role: 'population-export',
        path: 'generic-grants.csv',
      },
      { sha256: hex(text('hr-roster.csv')), role: 'population-export', path: 'hr-roster.csv' },
      { sha256: r.outputs.decisionsCsv, role: 'decision-log', path: 'decisions.csv' },
      { sha256: r.outputs.decisionsJson, role: 'decision-log', path: 'decisions.json' },
      { sha256: r.outputs.gapReport, role: 'decision-log', path: 'gap-report.json' },
    ])
    expect(packet.fields).toMatchObject({
      populationSize: items.length,
      populationFrozenOn: '2026-04-13',
      periodEnd: '2026-04-29',
      allGrantsDecided: true,
      changesApplied: false,
    })
    expect(String(packet.fields.exceptions)).toContain(priv.login)
    expect((await db.reviewCampaigns.get('q2-2026'))!.packetId).toBe(packet.id)
    expect(r.campaign.packetId).toBe(packet.id)
    expect(await db.packetRevisions.where('packetId').equals(packet.id).count()).toBe(1)

    // Only what a person states is left; with it the packet passes its template.
    expect(r.validation.issues.map((i) => i.path).sort()).toEqual([
      'fields.cadence',
      'fields.populationComplete',
    ])
    const completed = {
      ...packet,
      fields: { ...packet.fields, cadence: 'quarterly', populationComplete: true },
    }
    const all = new Map(
      (await db.evidence.bulkGet(packet.evidence.map((e) => e.sha256))).map((e) => [e!.sha256, e!]),
    )
    expect(checkPacket(completed, accessReviewTemplate, all, filedAt).ok).toBe(true)

    // Audit: each new output, the packet's creation, and the filing, in that order.
    const logged = (await events()).slice(before)
    expect(logged.map((e) => e.action)).toEqual([
      'evidence.added',
      'evidence.added',
      'evidence.added',
      'packet.created',
      'review.packet-filed',
    ])
    expect(logged[3]).toMatchObject({ packetId: packet.id, details: { campaignId: 'q2-2026' } })
    expect(logged[4]).toMatchObject({
      actor: 'Helena Brandt',
      subject: 'q2-2026',
      packetId: packet.id,
      details: { gapReport: r.outputs.gapReport },
    })
  })

  it('refuses to file a campaign twice and names the packet to open', async () => {
    await closedCampaign()
    const first = await fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt)
    const entries = await db.auditEntries.count()
    const again = fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt)
    await expect(again).rejects.toBeInstanceOf(AlreadyFiledError)
    await expect(again).rejects.toMatchObject({ packetId: first.packet.id })
    await expect(again).rejects.toThrow(/already filed .*open that packet/)
    expect(await db.packets.count()).toBe(1)
    expect(await db.auditEntries.count()).toBe(entries)
  })

  it('stops when cancelled before saving, writing nothing', async () => {
    await closedCampaign()
    const ac = new AbortController()
    const phases: string[] = []
    const filing = fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt, {
      signal: ac.signal,
      onProgress: (p) => {
        phases.push(p.phase)
        if (p.done === 2) ac.abort()
      },
    })
    await expect(filing).rejects.toThrow()
    expect(phases).toEqual([
      'reading the campaign',
      'writing the decisions and the gap report',
      'checking the packet',
    ])
    expect(await db.packets.count()).toBe(0)
    expect(await db.evidence.count()).toBe(2)
    expect((await db.reviewCampaigns.get('q2-2026'))!.packetId).toBeUndefined()
  })

  it('refuses when a frozen input is no longer in the library, writing nothing', async () => {
    await closedCampaign()
    await db.evidence.delete(hex(text('hr-roster.csv')))
    await expect(fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt)).rejects.toThrow(
      /hr-roster\.csv .* no longer in the evidence library/,
    )
    expect(await db.packets.count()).toBe(0)
    expect((await db.reviewCampaigns.get('q2-2026'))!.packetId).toBeUndefined()
  })

  it('renders the packet fields, the gap list included, in the packet PDF', async () => {
    await closedCampaign()
    const r = await fileReviewPacket(db, 'q2-2026', 'Helena Brandt', filedAt)
    const base = await dpiaPdfInput()
    const doc = toPacketDocument(r.packet)
    const bytes = await renderPacketPdf({
      ...base,
      template: accessReviewTemplate,
      predicate: {
        ...base.predicate,
        packet: { ...base.predicate.packet, ...doc, fields: r.packet.fields },
      },
      signoffs: [],
    })
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(pdf.getTitle()).toBe('Access review: Q2 2026 SaaS review')
    expect(pdf.getPageCount()).toBeGreaterThan(1)
  })
})
