// The demo's accessibility reviews: the shipped sweep reports are real `evw a11y` reports of the
// partner pages in resources/demo/a11y (one clean, one with a contrast failure), and the demo's
// decisions and waiver follow the review rules, so the readiness matrix shows Fabrikam Traffic
// "Pass", Litware Reviews "Needs review" and every other source "No report".
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceA11y } from '../../../../src/core/a11y/a11y-readiness'
import { parseSweepReport } from '../../../../src/core/a11y/parse-report'
import { reviewReport, type A11yStatus } from '../../../../src/core/a11y/review-model'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import { buildDemoA11yReviews, DEMO_A11Y_REPORTS } from '../../../../src/core/workspace/demo-a11y'
import {
  DEMO_SIGNERS,
  demoSeed,
  type DemoSignerId,
} from '../../../../src/core/workspace/demo-identities'
import {
  buildDemoWorkspace,
  DEMO_FILE_NAMES,
  type DemoFileInfo,
} from '../../../../src/core/workspace/demo-workspace'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const NOW = new Date('2026-04-20T09:00:00Z')
const TODAY = '2026-04-20'
const text = (name: string) => readFileSync(path.join('resources/demo', name), 'utf8')
const sha = async (s: string) =>
  Buffer.from(await nodeCrypto.sha256(new TextEncoder().encode(s))).toString('hex')

const passText = text(DEMO_A11Y_REPORTS.card.fileName)
const waivedText = text(DEMO_A11Y_REPORTS.banner.fileName)
const shas = { pass: await sha(passText), waived: await sha(waivedText) }
const files: DemoFileInfo[] = DEMO_FILE_NAMES.map((fileName, i) => ({
  fileName,
  sha256:
    fileName === DEMO_A11Y_REPORTS.card.fileName
      ? shas.pass
      : fileName === DEMO_A11Y_REPORTS.banner.fileName
        ? shas.waived
        : i.toString(16).padStart(64, '0'),
  size: 100 + i,
  mimeType: 'application/json',
}))
const demo = buildDemoWorkspace(files, NOW)
const addedAt = (fileName: string) => demo.evidence.find((e) => e.fileName === fileName)!.addedAt
const ids = Object.keys(DEMO_SIGNERS) as DemoSignerId[]
const keyids = Object.fromEntries(
  await Promise.all(
    ids.map(async (id) => [
      id,
      (await identityFromSeed(nodeCrypto, DEMO_SIGNERS[id].name, demoSeed(DEMO_SIGNERS[id]))).keyid,
    ]),
  ),
) as Record<DemoSignerId, string>
const reviews = buildDemoA11yReviews(
  {
    card: { text: passText, sha256: shas.pass, addedAt: addedAt(DEMO_A11Y_REPORTS.card.fileName) },
    banner: {
      text: waivedText,
      sha256: shas.waived,
      addedAt: addedAt(DEMO_A11Y_REPORTS.banner.fileName),
    },
  },
  keyids,
  NOW,
)

describe('the demo accessibility reports', () => {
  it('are sweep reports of the partner pages: one clean, one failing colour contrast', () => {
    const pass = parseSweepReport(passText)
    const waived = parseSweepReport(waivedText)
    expect(pass.pages.map((p) => p.path)).toEqual(['source-card.html'])
    expect(waived.pages.map((p) => p.path)).toEqual(['caveat-banner.html'])
    for (const r of [pass, waived]) expect(r.pages.every((p) => p.status === 'swept')).toBe(true)
    expect(pass.pages[0]!.axe!.violations).toEqual([])
    expect(waived.pages[0]!.axe!.violations.map((v) => v.id)).toEqual(['color-contrast'])
    expect(waived.pages[0]!.axe!.violations[0]!.nodes.map((n) => n.target)).toEqual([['.caveat']])
  })

  it('are linked to their partner sources, and to no packet (signed content stays as signed)', () => {
    for (const spec of Object.values(DEMO_A11Y_REPORTS)) {
      const e = demo.evidence.find((x) => x.fileName === spec.fileName)!
      expect(e).toMatchObject({ kind: 'report', partnerSourceId: spec.sourceId })
      expect(demo.packets.some((p) => p.evidence.some((l) => l.sha256 === e.sha256))).toBe(false)
    }
  })

  it('are reviewed by the demo role holders: Fabrikam passes, Litware needs review', () => {
    const status = (t: string, s: string) =>
      reviewReport(
        parseSweepReport(t),
        reviews.records.filter((r) => r.reportSha256 === s),
        TODAY,
      ).review
    expect(status(passText, shas.pass).status).toBe('pass')
    const waived = status(waivedText, shas.waived)
    expect(waived.status).toBe('needs-review')
    expect(waived.counts).toMatchObject({ violationsWaived: 1, violationsOpen: 0, undecided: 1 })
    const waiver = reviews.records.find((r) => r.kind === 'waiver')!
    expect(waiver.reviewer).toEqual({ keyid: keyids.manager, name: DEMO_SIGNERS.manager.name })
    expect(waiver).toMatchObject({ approverRole: 'accountable-manager', expires: '2026-06-04' })
    for (const r of reviews.records) {
      expect(r.at < NOW.toISOString()).toBe(true)
      expect(
        r.at >
          addedAt(
            r.reportSha256 === shas.pass
              ? DEMO_A11Y_REPORTS.card.fileName
              : DEMO_A11Y_REPORTS.banner.fileName,
          ),
      ).toBe(true)
    }
  })

  it('log one audit event per decision and waiver, in time order, named as the app names actors', () => {
    expect(reviews.events).toHaveLength(reviews.records.length)
    expect(reviews.events.filter((e) => e.action === 'a11y.waived')).toHaveLength(1)
    reviews.events.forEach((e, i) => {
      const r = reviews.records[i]!
      expect(e.time).toBe(r.at)
      expect(e.actor).toBe(`${r.reviewer.name} (${r.reviewer.keyid.slice(0, 16)})`)
      expect(e.details).toMatchObject({ reportSha256: r.reportSha256, itemId: r.itemId })
    })
  })

  it('give the readiness matrix one Pass, one Needs review and "No report" elsewhere', () => {
    const statusOf = new Map<string, A11yStatus>([
      [shas.pass, 'pass'],
      [shas.waived, 'needs-review'],
    ])
    const badges = sourceA11y(demo.partnerSources, demo.packets, demo.evidence, statusOf)
    expect(badges.get('fabrikam-traffic')!.state).toBe('pass')
    expect(badges.get('litware-reviews')!.state).toBe('needs-review')
    const others = [...badges].filter(
      ([id]) => id !== 'fabrikam-traffic' && id !== 'litware-reviews',
    )
    expect(others.every(([, b]) => b.state === 'no-report')).toBe(true)
  })
})
