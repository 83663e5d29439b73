// The isolation decisions shared by the CLI, the local web server and the desktop sweep window.
import { describe, expect, it } from 'vitest'
import {
  assembleSweepReport,
  cropCandidates,
  cropClip,
  cspViolationsAsBlocked,
  newSweptPage,
  SWEEP_CSP,
  sweepOrigin,
  sweepPageUrl,
  SweepRequestPolicy,
  sweepResponseHeaders,
} from '../../../../src/core/a11y/sweep-policy'
import type { AxeResults } from '../../../../src/core/a11y/sweep-report'

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

  it('crops inside the viewport, and only plain selectors', () => {
    expect(cropClip({ x: 5, y: 790, width: 10, height: 30 })).toEqual({
      x: 0,
      y: 778,
      width: 34,
      height: 22,
    })
    expect(cropClip({ x: 5, y: 5, width: 0, height: 10 })).toBeUndefined()
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
    expect([...cropCandidates(axe)]).toEqual([
      { ruleId: 'image-alt', node: 0, list: 'violations', selector: 'img' },
      { ruleId: 'color-contrast', node: 0, list: 'incomplete', selector: 'p' },
    ])
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
