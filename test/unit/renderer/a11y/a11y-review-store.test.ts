// The accessibility review log in the workspace database (fake-indexeddb): each decision and
// waiver lands with its audit entry in one transaction, a refused one writes nothing, and the
// status of the sweep reports among evidence items follows the log.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent } from '../../../../src/core/audit/audit-event'
import { reviewItems } from '../../../../src/core/a11y/review-model'
import type { SweepReport } from '../../../../src/core/a11y/sweep-report'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import {
  A11yReviewRefused,
  A11Y_REVIEW_TAG,
  loadReviewLog,
  packetA11yFindings,
  recordDecision,
  recordWaiver,
  reportStatuses,
  saveReviewRecord,
} from '../../../../src/renderer/a11y/a11y-review-store'
import { accessibilityItem } from '../../../../src/core/a11y/a11y-gate'
import { parseReviewDocumentBytes } from '../../../../src/core/a11y/review-record-file'
import { sha256Hex } from '../../../../src/renderer/packets/packet-store'

const SHA = 'c'.repeat(64)
const KEYID = 'd'.repeat(64)
const TODAY = '2026-11-27'

const report = {
  format: 'evw-a11y-sweep/1',
  tool: { name: 'evw a11y', version: '0.1.0' },
  startedAt: '2026-11-27T00:00:00Z',
  finishedAt: '2026-11-27T00:00:01Z',
  browser: { name: 'chromium', version: '1' },
  axe: { version: '4.10.0', tags: ['wcag2a'], options: {} },
  viewport: { width: 1280, height: 800, deviceScaleFactor: 1 },
  isolation: { csp: "script-src 'none'" },
  inputs: [{ path: 'card.html', kind: 'file', sha256: 'a'.repeat(64) }],
  summary: {},
  pages: [
    {
      input: 0,
      path: 'card.html',
      url: 'http://input-1.sweep.invalid/card.html',
      sha256: 'b'.repeat(64),
      status: 'swept',
      axe: {
        testEngine: { name: 'axe-core', version: '4.10.0' },
        timestamp: 't',
        url: 'u',
        violations: [
          {
            id: 'image-alt',
            impact: 'critical',
            tags: ['wcag2a', 'wcag111'],
            description: 'd',
            help: 'Images must have alternative text',
            helpUrl: '',
            nodes: [{ html: '<img>', target: ['img'], any: [], all: [], none: [] }],
          },
        ],
        incomplete: [],
        passes: [],
        inapplicable: [],
      },
      assets: [],
      blocked: [],
      popupsClosed: 0,
      crops: [],
      durationMs: 1,
    },
  ],
}

let db: WorkspaceDb
let n = 0
beforeEach(async () => {
  db = new WorkspaceDb(`evw-a11y-review-${++n}`)
  await db.open()
  const text = JSON.stringify(report)
  await db.evidence.put({
    sha256: SHA,
    size: text.length,
    mimeType: 'application/json',
    fileName: 'sweep.json',
    folder: '',
    title: 'Partner card sweep',
    kind: 'report',
    tags: [],
    classification: 'internal',
    addedAt: '2026-11-27T00:00:00.000Z',
    addedBy: 'test',
  } as never)
  await db.blobs.put({ sha256: SHA, data: new Blob([text], { type: 'application/json' }) })
  await db.keyring.put({
    keyid: KEYID,
    name: 'Max Manager',
    publicKey: 'x',
    roles: ['accountable-manager'],
    addedAt: '2026-01-01T00:00:00.000Z',
    origin: 'own',
  })
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const items = reviewItems(report as unknown as SweepReport)
const target = (kind: string) => ({
  reportSha256: SHA,
  reportTitle: 'Partner card sweep',
  item: items.find((i) => i.kind === kind)!,
})
const actor = { name: 'Max Manager', keyid: KEYID }
const audit = async () =>
  (await db.auditEntries.orderBy('index').toArray()).map((e) => {
    const d = decodeAuditEvent(e.entry)
    if (!d.ok) throw new Error(d.message)
    return d.event
  })

describe('accessibility review store', () => {
  it('records decisions and waivers, each with its audit entry, and the status follows', async () => {
    const status = async () => (await reportStatuses(db, [SHA, 'e'.repeat(64)], TODAY)).get(SHA)
    expect((await status())?.review?.status).toBe('fail')
    await recordWaiver(
      db,
      target('violation'),
      {
        rationale: 'Logo from the partner; alt text ships in release 12.',
        approverRole: 'accountable-manager',
        expires: '2027-01-15',
      },
      actor,
      TODAY,
    )
    expect((await status())?.review?.status).toBe('needs-review')
    for (const item of items.filter((i) => i.kind === 'manual')) {
      await recordDecision(db, { ...target('manual'), item }, { outcome: 'pass', note: '' }, actor)
    }
    expect((await status())?.review?.status).toBe('waived')
    const log = await loadReviewLog(db, SHA)
    expect(log).toHaveLength(6)
    expect(log[0]).toMatchObject({
      kind: 'waiver',
      reviewer: { keyid: KEYID, name: 'Max Manager' },
      approverRole: 'accountable-manager',
    })
    const events = await audit()
    expect(events.map((e) => e.action)).toEqual(['a11y.waived', ...Array(5).fill('a11y.reviewed')])
    expect(events[0]).toMatchObject({
      actor: `Max Manager (${KEYID.slice(0, 16)})`,
      subject: 'Partner card sweep',
      details: { reportSha256: SHA, expires: '2027-01-15' },
    })
  })

  it('refuses a decision without a named reviewer or a waiver without the role, writing nothing', async () => {
    await expect(
      recordDecision(db, target('manual'), { outcome: 'pass', note: '' }, { name: 'local user' }),
    ).rejects.toBeInstanceOf(A11yReviewRefused)
    await db.keyring.update(KEYID, { roles: ['pm'] })
    const refused = await recordWaiver(
      db,
      target('violation'),
      {
        rationale: 'Logo from the partner; alt text ships in release 12.',
        approverRole: 'accountable-manager',
        expires: '2027-01-15',
      },
      actor,
      TODAY,
    ).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(A11yReviewRefused)
    expect((refused as A11yReviewRefused).problems[0]!.field).toBe('approverRole')
    expect(await db.a11yReviews.count()).toBe(0)
    expect(await db.auditEntries.count()).toBe(0)
  })

  it('adds the review to the evidence library as a record the gate reads beside the report', async () => {
    const waiveAll = () =>
      recordWaiver(
        db,
        target('violation'),
        {
          rationale: 'Logo from the partner; alt text ships in release 12.',
          approverRole: 'accountable-manager',
          expires: '2027-01-15',
        },
        actor,
        TODAY,
      )
    await waiveAll()
    for (const item of items.filter((i) => i.kind === 'manual'))
      await recordDecision(db, { ...target('manual'), item }, { outcome: 'pass', note: '' }, actor)
    const before = await db.auditEntries.count()
    const source = { report: report as unknown as SweepReport, reportSha256: SHA }
    const saved = await saveReviewRecord(db, source, actor, TODAY)
    expect(saved.added).toBe(true)
    expect(saved.record).toMatchObject({
      kind: 'report',
      tags: [A11Y_REVIEW_TAG],
      mimeType: 'application/json',
      fileName: `sweep.review-${TODAY}.json`,
      title: `Accessibility review of Partner card sweep (Waived, ${TODAY})`,
      source: `Review of the sweep report SHA-256 ${SHA}`,
    })
    // Content-addressed: the stored bytes hash to the record's key and parse strictly.
    const bytes = new Uint8Array(
      await (await db.blobs.get(saved.record.sha256))!.data.arrayBuffer(),
    )
    expect(await sha256Hex(bytes)).toBe(saved.record.sha256)
    expect(parseReviewDocumentBytes(bytes).report.sha256).toBe(SHA)
    const events = (await audit()).slice(before)
    expect(events.map((e) => e.action)).toEqual(['evidence.added', 'a11y.review-saved'])
    expect(events[1]).toMatchObject({
      details: { reportSha256: SHA, reviewSha256: saved.record.sha256, status: 'waived' },
    })
    // The same review again is the same item, not a second one.
    const again = await saveReviewRecord(db, source, actor, TODAY)
    expect(again).toMatchObject({ added: false, record: { sha256: saved.record.sha256 } })
    expect(await db.auditEntries.count()).toBe(before + 2)

    const links = [
      { sha256: SHA, role: 'other', path: 'sweep.json' },
      { sha256: saved.record.sha256, role: 'other', path: saved.record.fileName },
    ]
    const gate = async (l = links) => {
      const { reports, badRecords } = await packetA11yFindings(db, l, TODAY)
      return accessibilityItem('dpia', reports, badRecords)
    }
    expect((await gate()).status).toBe('pass')
    expect((await gate(links.slice(0, 1))).details[0]).toMatch(
      /To do: Attach the current review of sweep\.json to this packet\.$/,
    )
    // A new waiver makes the attached record stale; adding the review again gives a new item.
    await waiveAll()
    const stale = await gate()
    expect(stale.status).toBe('fail')
    expect(stale.details[0]).toMatch(/is not the current one/)
    const next = await saveReviewRecord(db, source, actor, TODAY)
    expect(next.added).toBe(true)
    expect(next.record.sha256).not.toBe(saved.record.sha256)
    expect(
      (await gate([links[0]!, { sha256: next.record.sha256, role: 'other', path: 'r2.json' }]))
        .status,
    ).toBe('pass')
  })
})
