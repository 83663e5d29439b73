import { describe, expect, it } from 'vitest'
import { contrastRatio, hexColor, relativeLuminance } from '../../../../src/core/deck/contrast'
import {
  kpiLine,
  kpiPasses,
  validateDeck,
  type DeckKpi,
  type DeckModel,
} from '../../../../src/core/deck/deck-model'
import { DECK_COLORS, TEXT_PAIRS } from '../../../../src/core/deck/deck-theme'
import { deckFromDemoScript, SPRINT_34_DEMO_SCRIPT } from '../../../../src/core/deck/demo-script'
import { imageInfo } from '../../../../src/core/deck/image-info'
import { deckPacketParts } from '../../../../src/core/deck/deck-packet'
import { demoDeckTemplate } from '../../../../src/core/templates/demo-deck'
import { validatePacket } from '../../../../src/core/templates/validate-packet'
import { sampleDeck, screenshotFiles } from '../../../helpers/deck-fixture'

const kpi = (k: Partial<DeckKpi>): DeckKpi => ({
  label: 'p95',
  target: 1.25,
  actual: 1.08,
  unit: 's',
  comparator: '<=',
  ...k,
})

describe('KPIs', () => {
  it('says target, actual and pass or fail as in a demo', () => {
    expect(kpiLine(kpi({}))).toBe('p95 ≤ 1.25 s: 1.08 s ✓ pass')
    expect(kpiLine(kpi({ actual: 1.3 }))).toBe('p95 ≤ 1.25 s: 1.3 s × fail')
    expect(
      kpiLine(kpi({ label: 'Uptime', comparator: '>=', target: 99.9, actual: 99.95, unit: '%' })),
    ).toBe('Uptime ≥ 99.9%: 99.95% ✓ pass')
    expect(
      kpiLine(kpi({ label: 'Invoices', comparator: '>', target: 1000, actual: 1240, unit: '' })),
    ).toBe('Invoices > 1,000: 1,240 ✓ pass')
  })

  it('compares with each comparator, boundaries included', () => {
    expect(kpiPasses(kpi({ actual: 1.25 }))).toBe(true)
    expect(kpiPasses(kpi({ comparator: '<', actual: 1.25 }))).toBe(false)
    expect(kpiPasses(kpi({ comparator: '>=', actual: 1.25 }))).toBe(true)
    expect(kpiPasses(kpi({ comparator: '>', actual: 1.25 }))).toBe(false)
    expect(kpiPasses(kpi({ comparator: '=', actual: 1.25 }))).toBe(true)
    expect(kpiPasses(kpi({ comparator: '=', actual: 1.24 }))).toBe(false)
  })
})

describe('validateDeck', () => {
  it('accepts the sample deck', () => {
    expect(validateDeck(sampleDeck().deck)).toEqual([])
  })

  it('prefills the demo script but asks for packets before rendering', () => {
    const deck = deckFromDemoScript('2026-11-26')
    expect(deck.steps.map((s) => s.title)).toEqual(SPRINT_34_DEMO_SCRIPT.map((s) => s.title))
    const problems = validateDeck(deck)
    expect(problems).toHaveLength(SPRINT_34_DEMO_SCRIPT.length)
    expect(problems[0]).toEqual({
      path: 'steps[0].packetIds',
      message: 'Step 1 (“FS open-GA flip”) names no packet; pick the signed packet it draws on.',
    })
  })

  it('names every problem with where it is and what to do', () => {
    const { deck } = sampleDeck()
    const bad = structuredClone(deck) as DeckModel & Record<string, unknown>
    bad.title = ' '
    bad.date = '26/11/2026'
    bad.steps[0]!.kpis[0] = {
      ...bad.steps[0]!.kpis[0]!,
      target: Number.NaN,
      comparator: '≈' as never,
    }
    bad.steps[0]!.screenshots[0]!.sha256 = 'abc'
    bad.steps[1]!.packetIds = ['has space']
    const problems = validateDeck(bad)
    expect(problems.map((p) => p.path)).toEqual([
      'title',
      'date',
      'steps[0].screenshots[0].sha256',
      'steps[0].kpis[0].target',
      'steps[0].kpis[0].comparator',
      'steps[1].packetIds[0]',
    ])
    expect(problems[1]!.message).toMatch(/YYYY-MM-DD/)
    expect(problems[3]!.message).toBe(
      'Step 1 (“FS open-GA flip”), KPI 1 (“Blended search p95”): the target is not a number; give a number such as 1.25.',
    )
    expect(validateDeck(null)).toEqual([{ path: '', message: 'The deck is not an object.' }])
    expect(validateDeck({ ...deck, steps: [] })[0]!.message).toMatch(/add at least one step/)
  })
})

describe('deck colours', () => {
  it('computes WCAG contrast', () => {
    expect(relativeLuminance(hexColor('#ffffff'))).toBeCloseTo(1, 6)
    expect(contrastRatio(hexColor('#000000'), hexColor('#ffffff'))).toBeCloseTo(21, 6)
    expect(contrastRatio(hexColor('#777777'), hexColor('#ffffff'))).toBeCloseTo(4.48, 2)
  })

  it.each(TEXT_PAIRS)('%s on %s (%s) has a contrast of at least 4.5:1', (fg, bg) => {
    expect(contrastRatio(DECK_COLORS[fg], DECK_COLORS[bg])).toBeGreaterThanOrEqual(4.5)
  })

  it('tells pass from fail in words as well as colour', () => {
    expect(kpiLine(kpi({}))).toMatch(/pass/)
    expect(kpiLine(kpi({ actual: 9 }))).toMatch(/fail/)
  })
})

describe('imageInfo', () => {
  it('reads PNG sizes and rejects other files', () => {
    const png = screenshotFiles()[0]!.bytes
    const info = imageInfo(png)
    expect(info?.format).toBe('png')
    expect(info!.width).toBeGreaterThan(100)
    expect(imageInfo(new TextEncoder().encode('not an image at all, just text'))).toBeUndefined()
  })

  it('reads a JPEG frame size', () => {
    // SOI, APP0 (length 4), SOF0 with height 0x0102 and width 0x0304.
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x02,
      0x03, 0x04, 0x03, 0, 0, 0, 0, 0,
    ])
    expect(imageInfo(jpeg)).toEqual({ format: 'jpeg', width: 0x0304, height: 0x0102 })
  })
})

describe('deckPacketParts', () => {
  it('makes a Demo deck packet that the template accepts, tracing slides to packets and files', () => {
    const { deck, images } = sampleDeck()
    const names = new Map([...images].map(([sha, img]) => [sha, img.title]))
    const deckSha = 'd'.repeat(64)
    const parts = deckPacketParts(deck, {
      deckSha256: deckSha,
      deckFileName: 'sprint 34 demo.pdf',
      releaseNotesMarkdown: '# Sprint 34 release notes\n\nTwo packets signed.',
      screenshotNames: names,
    })
    expect(parts.evidence[0]).toEqual({ sha256: deckSha, role: 'deck', path: 'sprint-34-demo.pdf' })
    const paths = parts.evidence.map((e) => e.path)
    expect(new Set(paths).size).toBe(paths.length)
    expect(parts.evidence.filter((e) => e.role === 'screenshot')).toHaveLength(4)
    const slides = parts.fields.slides as Record<string, string>[]
    expect(slides[0]).toMatchObject({
      title: 'FS open-GA flip',
      sourcePacketId: 'pkt-fs-ga-flip-0034',
      evidencePath: 'readiness-matrix.png',
    })
    expect(slides[0]!.claim).toContain('Blended search p95 ≤ 1.25 s: 1.08 s ✓ pass')
    const result = validatePacket(
      {
        packetId: 'demo-deck-sprint-34',
        template: { id: demoDeckTemplate.id, version: demoDeckTemplate.version },
        title: 'Demo deck: Sprint 34 demo',
        fields: parts.fields,
        evidence: parts.evidence.map((e) => ({ path: e.path, role: e.role })),
      },
      demoDeckTemplate,
    )
    expect(result.issues).toEqual([])
  })
})
