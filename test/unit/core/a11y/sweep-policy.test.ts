// The isolation decisions shared by the CLI, the local web server and the desktop sweep window.
import { describe, expect, it } from 'vitest'
import {
  assembleSweepReport,
  checkLoadedPage,
  cropCandidates,
  cropClip,
  cropFailures,
  cspViolationsAsBlocked,
  finishSweptPage,
  MAX_CROPS_PER_PAGE,
  newSweptPage,
  READ_CSP_VIOLATIONS,
  RUN_AXE_SOURCE,
  SWEEP_CSP,
  sweepEachPage,
  sweepErrorLine,
  sweepOrigin,
  sweepPageUrl,
  SweepRequestPolicy,
  sweepResponseHeaders,
} from '../../../../src/core/a11y/sweep-policy'
import type { AxeResults } from '../../../../src/core/a11y/sweep-report'
import { CancelledError, type Progress } from '../../../../src/core/bundle/byte-io'

const origin = sweepOrigin(0)
const pageUrl = sweepPageUrl(origin, 'sub dir/index.html')
const get = (url: string, extra: Partial<{ navigation: boolean; topFrame: boolean }> = {}) => ({
  url,
  method: 'GET',
  navigation: false,
  topFrame: false,
  ...extra,
})

describe('SweepRequestPolicy', () => {
  it('allows the page’s own first load once, then denies every navigation', () => {
    const p = new SweepRequestPolicy(origin, pageUrl)
    expect(pageUrl).toBe('http://input-1.sweep.invalid/sub%20dir/index.html')
    expect(p.decide(get(pageUrl, { navigation: true, topFrame: true }))).toEqual({
      action: 'serve',
      path: 'sub dir/index.html',
    })
    expect(p.decide(get(pageUrl, { navigation: true, topFrame: true }))).toEqual({
      action: 'deny-navigation',
      reason: 'navigation denied',
    })
    expect(p.decide(get('https://example.com/', { navigation: true, topFrame: true }))).toEqual({
      action: 'deny-navigation',
      reason: 'navigation denied',
    })
  })

  it('denies frames and windows, even on the page’s own origin', () => {
    const p = new SweepRequestPolicy(origin, pageUrl)
    expect(p.decide(get(`${origin}/other.html`, { navigation: true }))).toEqual({
      action: 'deny-navigation',
      reason: 'frame or window denied',
    })
    // A first load that is not the page itself is refused too.
    expect(
      new SweepRequestPolicy(origin, pageUrl).decide(
        get(`${origin}/other.html`, { navigation: true, topFrame: true }),
      ).action,
    ).toBe('deny-navigation')
  })

  it('serves only GETs of the page’s own origin, and decodes the path', () => {
    const p = new SweepRequestPolicy(origin, pageUrl)
    expect(p.decide(get(`${origin}/css/card%20a.css`))).toEqual({
      action: 'serve',
      path: 'css/card a.css',
    })
    expect(p.decide(get('http://input-2.sweep.invalid/card.css'))).toEqual({
      action: 'block',
      reason: 'not the page’s own origin',
    })
    expect(p.decide(get('https://cdn.example.com/x.js')).action).toBe('block')
    expect(p.decide({ ...get(`${origin}/form`), method: 'POST' })).toEqual({
      action: 'block',
      reason: 'POST request denied',
    })
    expect(p.decide(get(`${origin}/%E0%A4%A`))).toEqual({
      action: 'block',
      reason: 'malformed path',
    })
    expect(p.decide(get('not a url'))).toEqual({ action: 'block', reason: 'malformed URL' })
  })
})

describe('sweep responses and report parts', () => {
  it('sends the script-blocking CSP with every file', () => {
    expect(SWEEP_CSP).toContain("script-src 'none'")
    expect(SWEEP_CSP).toContain("connect-src 'none'")
    expect(sweepResponseHeaders('a/b.CSS')).toEqual({
      'content-type': 'text/css; charset=utf-8',
      'content-security-policy': SWEEP_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    expect(sweepResponseHeaders('x.unknown')['content-type']).toBe('application/octet-stream')
  })

  it('turns CSP refusals into blocked requests', () => {
    expect(
      cspViolationsAsBlocked([
        { url: '', directive: 'script-src-elem', source: 'http://h/index.html:9' },
        { url: 'https://i.example/x.png', directive: 'img-src', source: '' },
      ]),
    ).toEqual([
      {
        url: '(inline)',
        resourceType: 'script',
        reason: 'refused by the CSP (script-src-elem) at http://h/index.html:9',
      },
      {
        url: 'https://i.example/x.png',
        resourceType: 'image',
        reason: 'refused by the CSP (img-src)',
      },
    ])
    expect(cspViolationsAsBlocked('nonsense')).toEqual([])
  })

  const node = (target: unknown[]) => ({ html: '', target, any: [], all: [], none: [] })
  const rule = (id: string, targets: unknown[][]) => ({
    id,
    tags: [],
    description: '',
    help: '',
    helpUrl: '',
    nodes: targets.map(node),
  })
  const axe = {
    violations: [rule('image-alt', [['img'], [['iframe', 'img']]])],
    incomplete: [rule('color-contrast', [['p']])],
  } as unknown as AxeResults

  it('crops inside the viewport, and only plain selectors', () => {
    expect(cropClip({ x: 5, y: 790, width: 10, height: 30 })).toEqual({
      x: 0,
      y: 778,
      width: 34,
      height: 22,
    })
    expect(cropClip({ x: 5, y: 5, width: 0, height: 10 })).toBeUndefined()
    expect([...cropCandidates(axe)]).toEqual([
      { ruleId: 'image-alt', node: 0, list: 'violations', selector: 'img' },
      { ruleId: 'color-contrast', node: 0, list: 'incomplete', selector: 'p' },
    ])
  })

  it('crops what the runner can capture, leaving out what it cannot, up to the page limit', async () => {
    const image = { pngBase64: 'iVBOR', width: 10, height: 10 }
    const crops = await cropFailures(axe, async (selector) => {
      if (selector === 'p') throw new Error('gone')
      return image
    })
    expect(crops).toEqual([{ ruleId: 'image-alt', node: 0, list: 'violations', ...image }])
    const many = {
      violations: [
        rule(
          'x',
          Array.from({ length: 70 }, () => ['a']),
        ),
      ],
      incomplete: [],
    }
    let asked = 0
    const capped = await cropFailures(many as unknown as AxeResults, async () => {
      asked++
      return image
    })
    expect(capped).toHaveLength(MAX_CROPS_PER_PAGE)
    expect(asked).toBe(MAX_CROPS_PER_PAGE)
  })

  it('sweeps every page of every input in order, with progress, and stops when cancelled', async () => {
    const sites = [{ pages: ['a.html', 'b.html'] }, { pages: ['c.html'] }]
    const progress: Progress[] = []
    const seen: string[] = []
    const pages = await sweepEachPage(
      sites,
      { onProgress: (p) => progress.push(p) },
      async (_site, i, origin, path) => {
        seen.push(`${i} ${origin} ${path}`)
        return newSweptPage(i, path, sweepPageUrl(origin, path), '')
      },
    )
    expect(seen).toEqual([
      '0 http://input-1.sweep.invalid a.html',
      '0 http://input-1.sweep.invalid b.html',
      '1 http://input-2.sweep.invalid c.html',
    ])
    expect(pages.map((p) => p.path)).toEqual(['a.html', 'b.html', 'c.html'])
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3])
    expect(progress.every((p) => p.total === 3)).toBe(true)

    const controller = new AbortController()
    let swept = 0
    await expect(
      sweepEachPage(sites, { signal: controller.signal }, async (_site, i, origin, path) => {
        swept++
        controller.abort()
        return newSweptPage(i, path, sweepPageUrl(origin, path), '')
      }),
    ).rejects.toBeInstanceOf(CancelledError)
    expect(swept).toBe(1)
  })

  it('checks a loaded page into its record: axe, title, CSP refusals, crops', async () => {
    const answers: Record<string, unknown> = {
      [RUN_AXE_SOURCE]: axe,
      'document.title': 'Card',
      [READ_CSP_VIOLATIONS]: [{ url: '', directive: 'script-src-elem', source: '' }],
    }
    const page = newSweptPage(0, 'index.html', pageUrl, 'ab')
    const run = async (expression: string) => answers[expression]
    await checkLoadedPage(page, run, async () => ({ pngBase64: 'x', width: 1, height: 1 }))
    expect(page).toMatchObject({ status: 'swept', title: 'Card', axe })
    expect(page.blocked).toEqual([
      { url: '(inline)', resourceType: 'script', reason: 'refused by the CSP (script-src-elem)' },
    ])
    expect(page.crops.map((c) => c.ruleId)).toEqual(['image-alt', 'color-contrast'])
    const uncropped = newSweptPage(0, 'index.html', pageUrl, 'ab')
    await checkLoadedPage(uncropped, run)
    expect(uncropped.crops).toEqual([])
  })

  it('finishes a page record however its sweep ended', () => {
    const page = newSweptPage(0, 'index.html', pageUrl, 'ab')
    page.error = sweepErrorLine(new Error('Timed out\n  at somewhere'))
    const files = [
      { path: 'z.css', sha256: '1', bytes: 1 },
      { path: 'a.png', sha256: '2', bytes: 2 },
    ]
    finishSweptPage(page, files, 2, Date.now() - 50)
    expect(page.error).toBe('Timed out')
    expect(page.assets.map((a) => a.path)).toEqual(['a.png', 'z.css'])
    expect(page.popupsClosed).toBe(2)
    expect(page.durationMs).toBeGreaterThanOrEqual(50)
    expect(page.status).toBe('failed')
  })

  it('assembles the same report format for every runner', () => {
    const page = newSweptPage(0, 'index.html', pageUrl, 'ab')
    page.blocked.push({ url: 'x', resourceType: 'script', reason: 'r' })
    const report = assembleSweepReport({
      tool: { name: 't', version: '1' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      browser: { name: 'chromium', version: '140' },
      axeVersion: '4.11.0',
      scripts: 'blocked',
      inputs: [{ path: 'a', kind: 'folder' }],
      pages: [page],
    })
    expect(report.format).toBe('evw-a11y-sweep/1')
    expect(report.viewport).toEqual({ width: 1280, height: 800, deviceScaleFactor: 1 })
    expect(report.axe.tags).toEqual(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    expect(report.isolation.csp).toBe(SWEEP_CSP)
    expect(report.summary).toMatchObject({ pages: 1, failedPages: 1, blockedRequests: 1 })
  })
})
