import { describe, expect, it } from 'vitest'
import {
  looksLikeSweepReport,
  parseSweepReport,
  SweepReportError,
} from '../../../../src/core/a11y/parse-report'

const rule = (id: string, nodes = 1) => ({
  id,
  impact: 'serious',
  tags: ['wcag2aa', 'wcag143'],
  description: 'd',
  help: 'h',
  helpUrl: '',
  nodes: Array.from({ length: nodes }, () => ({
    html: '<p>',
    target: ['p'],
    any: [{ id: 'c', message: 'm' }],
    all: [],
    none: [],
  })),
})

const report = () => ({
  format: 'evw-a11y-sweep/1',
  tool: { name: 'evw a11y', version: '0.1.0' },
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:00:01Z',
  browser: { name: 'chromium', version: '1' },
  axe: { version: '4.14.1', tags: ['wcag2a'], options: {} },
  viewport: { width: 1280, height: 800, deviceScaleFactor: 1 },
  isolation: { csp: "script-src 'none'" },
  inputs: [{ path: 'a.html', kind: 'file', sha256: 'a'.repeat(64) }],
  summary: { pages: 99, violations: 0 },
  pages: [
    {
      input: 0,
      path: 'a.html',
      url: 'http://input-1.sweep.invalid/a.html',
      sha256: 'b'.repeat(64),
      status: 'swept',
      axe: {
        testEngine: { name: 'axe-core', version: '4.14.1' },
        timestamp: 't',
        url: 'u',
        violations: [rule('color-contrast', 2)],
        incomplete: [rule('x')],
        passes: [],
        inapplicable: [],
      },
      assets: [],
      blocked: [{ url: 'inline', resourceType: 'script', reason: 'CSP' }],
      popupsClosed: 0,
      crops: [
        {
          ruleId: 'color-contrast',
          node: 0,
          list: 'violations',
          pngBase64: 'iVBO',
          width: 1,
          height: 1,
        },
      ],
      durationMs: 5,
    },
  ],
})

describe('parseSweepReport', () => {
  it('reads a report and recounts its summary from the pages', () => {
    const text = JSON.stringify(report(), null, 2)
    expect(looksLikeSweepReport(text.slice(0, 200))).toBe(true)
    const r = parseSweepReport(text)
    expect(r.summary).toEqual({
      pages: 1,
      failedPages: 0,
      violations: 1,
      violationNodes: 2,
      incomplete: 1,
      blockedRequests: 1,
    })
  })

  it('refuses what it does not understand, saying where', () => {
    const bad = (mutate: (r: ReturnType<typeof report>) => void) => {
      const r = report()
      mutate(r)
      return () => parseSweepReport(JSON.stringify(r))
    }
    expect(() => parseSweepReport('{')).toThrow(SweepReportError)
    expect(bad((r) => (r.format = 'other/1'))).toThrow(/"format" is "other\/1"/)
    expect(bad((r) => (r.pages[0]!.sha256 = 'xyz'))).toThrow(/page 1: "sha256"/)
    expect(bad((r) => (r.pages[0]!.crops[0]!.pngBase64 = '"><script>'))).toThrow(/base64 PNG/)
    expect(bad((r) => delete (r.pages[0] as { axe?: unknown }).axe)).toThrow(/axe result/)
    expect(
      bad((r) => ((r.pages[0]!.axe.violations[0] as { tags: unknown }).tags = 'wcag143')),
    ).toThrow(/rule color-contrast: "tags" must be a list/)
    expect(looksLikeSweepReport('{"format":"evw-bundle"}')).toBe(false)
  })
})
