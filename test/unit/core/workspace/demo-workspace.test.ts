// The demo workspace's content: ten sources at the intended readiness, packets that are valid
// instances of their templates, evidence with expiring-soon and expired items.
import { describe, expect, it } from 'vitest'
import { TemplateRegistry } from '../../../../src/core/templates/registry'
import { validatePacket } from '../../../../src/core/templates/validate-packet'
import { checkPacket } from '../../../../src/core/packets/packet-lifecycle'
import {
  buildDemoWorkspace,
  DEMO_FILE_NAMES,
  DEMO_GENERATED_FILES,
  type DemoFileInfo,
} from '../../../../src/core/workspace/demo-workspace'
import { sourceReadiness } from '../../../../src/core/workspace/readiness'
import { validateDeck } from '../../../../src/core/deck/deck-model'
import { deckRecordProblem } from '../../../../src/core/deck/deck-records'
import { SPRINT_34_DEMO_SCRIPT } from '../../../../src/core/deck/demo-script'
import { RECORD_CHECKS } from '../../../../src/core/workspace/record-checks'

const NOW = new Date('2026-04-20T09:00:00Z')
const files: DemoFileInfo[] = DEMO_FILE_NAMES.map((fileName, i) => ({
  fileName,
  sha256: i.toString(16).padStart(64, '0'),
  size: 100 + i,
  mimeType: 'application/octet-stream',
}))
const demo = buildDemoWorkspace(files, NOW)

describe('buildDemoWorkspace', () => {
  it('has ten partner sources, seven ready, with varied tiers and statuses', () => {
    expect(demo.partnerSources).toHaveLength(10)
    const r = sourceReadiness(demo.partnerSources, demo.packets)
    expect([r.ready, r.total]).toEqual([7, 10])
    expect(new Set(demo.partnerSources.map((s) => s.slaTier)).size).toBe(3)
    expect(new Set(demo.partnerSources.map((s) => s.status)).size).toBeGreaterThanOrEqual(4)
    const woodgrove = r.rows.find((row) => row.source.id === 'woodgrove-fx')!
    expect(woodgrove.lacking).toEqual(['dpia', 'license', 'partner-sla', 'request-to-connect'])
    expect(woodgrove.done).toBe(0)
  })

  it('covers every cell state, with a reason on the rejected packet', () => {
    const r = sourceReadiness(demo.partnerSources, demo.packets)
    const states = new Set(r.rows.flatMap((row) => row.cells.map((c) => c.state)))
    expect(states).toEqual(
      new Set(['missing', 'draft', 'in-review', 'signed', 'verified', 'synced', 'rejected']),
    )
    const rejected = demo.packets.filter((p) => p.status === 'rejected')
    expect(rejected).toHaveLength(1)
    expect(rejected[0]!.rejectionReason).toMatch(/\w/)
  })

  it('makes packets that are valid instances of their templates, worded per source', () => {
    const registry = new TemplateRegistry()
    const ids = new Set<string>()
    for (const p of demo.packets) {
      expect(ids.has(p.id), p.id).toBe(false)
      ids.add(p.id)
      expect(p.id).toContain(p.partnerSourceId)
      const source = demo.partnerSources.find((s) => s.id === p.partnerSourceId)!
      expect(p.title).toContain(source.name)
      if (source.id !== 'northwind-weather') expect(JSON.stringify(p)).not.toMatch(/northwind/i)
      const template = registry.get(p.templateId, p.templateVersion)!
      const result = validatePacket(
        {
          packetId: p.id,
          template: { id: p.templateId, version: p.templateVersion },
          title: p.title,
          fields: p.fields,
          evidence: [],
        },
        template,
        { now: NOW },
      )
      // Evidence is linked separately in the workspace; every field must already be valid.
      expect(
        result.issues.filter((i) => !/EVIDENCE/.test(i.code)),
        `${p.id}: ${JSON.stringify(result.issues)}`,
      ).toEqual([])
    }
  })

  it('makes every packet past draft complete, evidence included, so it can have been signed', () => {
    const registry = new TemplateRegistry()
    const records = new Map(demo.evidence.map((e) => [e.sha256, e]))
    const past = demo.packets.filter((p) => p.status !== 'draft')
    expect(past.length).toBeGreaterThan(30)
    for (const p of past) {
      const template = registry.get(p.templateId, p.templateVersion)!
      // Judged as of when it was signed, before its last update (later expiry is for pre-sync).
      const at = new Date(Date.parse(p.updatedAt) - 86_400_000 * 20)
      const result = checkPacket(p, template, records, at)
      expect(result.issues, p.id).toEqual([])
    }
    expect(DEMO_GENERATED_FILES.every((g) => g.text.includes('(demo document)'))).toBe(true)
  })

  it('passes the stored-record checks and links packets to evidence it contains', () => {
    const tables = {
      meta: [demo.meta],
      partnerSources: demo.partnerSources,
      packets: demo.packets,
      packetRevisions: demo.packetRevisions,
      evidence: demo.evidence,
    }
    for (const [table, rows] of Object.entries(tables)) {
      for (const row of rows) expect(RECORD_CHECKS[table]!(row), table).toBeUndefined()
    }
    const digests = new Set(demo.evidence.map((e) => e.sha256))
    const links = demo.packets.flatMap((p) => p.evidence)
    expect(links.length).toBeGreaterThan(0)
    for (const l of links) expect(digests.has(l.sha256)).toBe(true)
    for (const p of demo.packets) {
      const revs = demo.packetRevisions.filter((r) => r.packetId === p.id)
      expect(revs.map((r) => r.revision)).toEqual(
        Array.from({ length: p.revision }, (_, i) => i + 1),
      )
    }
  })

  it('has evidence expiring soon and one expired item, relative to now', () => {
    const today = NOW.toISOString().slice(0, 10)
    const in30 = new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
    const expired = demo.evidence.filter((e) => e.expires && e.expires < today)
    const soon = demo.evidence.filter((e) => e.expires && e.expires >= today && e.expires <= in30)
    expect(expired).toHaveLength(1)
    expect(soon.length).toBeGreaterThanOrEqual(2)
    expect(demo.evidence.map((e) => e.fileName).sort()).toEqual([...DEMO_FILE_NAMES].sort())
  })

  it('has one saved deck from the demo script that validates and traces to signed packets', () => {
    expect(demo.decks).toHaveLength(1)
    const [record] = demo.decks
    expect(deckRecordProblem(record)).toBeNull()
    expect(validateDeck(record!.deck)).toEqual([])
    expect(record!.deck.steps.map((s) => s.title)).toEqual(
      SPRINT_34_DEMO_SCRIPT.map((s) => s.title),
    )
    for (const step of record!.deck.steps)
      for (const id of step.packetIds)
        expect(['signed', 'verified', 'synced']).toContain(
          demo.packets.find((p) => p.id === id)?.status,
        )
    const shas = new Set(demo.evidence.map((e) => e.sha256))
    const shots = record!.deck.steps.flatMap((s) => s.screenshots)
    expect(shots).toHaveLength(2)
    for (const shot of shots) expect(shas.has(shot.sha256)).toBe(true)
    expect(record!.updatedAt < NOW.toISOString()).toBe(true)
  })

  it('fails clearly when a sample file is missing', () => {
    expect(() => buildDemoWorkspace(files.slice(1), NOW)).toThrow(/no file info/)
  })
})
