// evw a11y end to end: the built CLI sweeps the fixture pages in Debian's Chromium.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepReport } from '../../src/core/a11y/sweep-report'
import { ensureCliBuilt, removeScratchDirs, ROOT, scratch } from '../helpers/cli'
import { hasChromium, warnIfNoChromium } from '../helpers/e2e-browser'
import { buildZip, rawEntry, repack } from '../helpers/zip-surgery'

const FIXTURES = join(ROOT, 'test/fixtures/a11y')
const fixture = (p: string) => join(FIXTURES, p)
const T = 90_000

warnIfNoChromium('evw a11y')

beforeAll(() => ensureCliBuilt())
afterAll(() => removeScratchDirs())

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as SweepReport

describe.runIf(hasChromium)('evw a11y', () => {
  it(
    'catches a contrast failure, a missing alt and undersized targets, with crops',
    () => {
      const s = scratch()
      const r = s.evw(['a11y', fixture('failing/index.html'), '--out', 'report.json'])
      expect(r.status, r.stderr).toBe(1)
      expect(r.stdout).toContain('1.4.3 Contrast (Minimum)')
      expect(r.stdout).toContain('why: Contrast 1.67:1, needs 4.5:1')
      expect(r.stdout).toContain('1.1.1 Non-text Content')
      expect(r.stdout).toContain('2.5.8 Target Size (Minimum)')
      const report = readReport(s.path('report.json'))
      const page = report.pages[0]!
      expect(page.status).toBe('swept')
      const ids = page.axe!.violations.map((v) => v.id).sort()
      expect(ids).toEqual(['color-contrast', 'image-alt', 'target-size'])
      expect(page.axe!.violations.find((v) => v.id === 'target-size')!.nodes).toHaveLength(3)
      // Every failing element has a PNG crop.
      expect(page.crops).toHaveLength(5)
      for (const c of page.crops) {
        expect(Buffer.from(c.pngBase64, 'base64').subarray(1, 4).toString()).toBe('PNG')
      }
      // The page's own CSS and image were served and hashed; the page's hash is its bytes'.
      expect(page.assets.map((a) => a.path)).toEqual(['card.css', 'logo.png'])
      expect(page.sha256).toBe(report.inputs[0]!.sha256)
      expect(page.blocked).toEqual([])
      expect(report.axe.tags).toEqual(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      expect(report.viewport).toEqual({ width: 1280, height: 800, deviceScaleFactor: 1 })
      expect(page.axe!.testEnvironment).toMatchObject({ windowWidth: 1280, windowHeight: 800 })
      expect(report.isolation.csp).toContain("script-src 'none'")
      expect(page.axe!.testEngine.version).toBe(report.axe.version)
    },
    T,
  )

  it(
    'passes a clean page with exit 0',
    () => {
      const s = scratch()
      const r = s.evw(['a11y', fixture('clean'), '--json'])
      expect(r.status, r.stderr).toBe(0)
      const report = JSON.parse(r.stdout) as SweepReport
      expect(report.summary).toMatchObject({ pages: 1, violations: 0, failedPages: 0 })
      expect(report.inputs[0]).toEqual({ path: fixture('clean'), kind: 'folder' })
      expect(report.pages[0]!.axe!.passes.length).toBeGreaterThan(5)
    },
    T,
  )

  it(
    'blocks the page’s scripts and lists every request it tried',
    () => {
      const s = scratch()
      const r = s.evw(['a11y', fixture('scripted/index.html'), '--json'])
      const report = JSON.parse(r.stdout) as SweepReport
      const page = report.pages[0]!
      expect(page.status, page.error).toBe('swept')
      // The inline script would have changed the title and the text; neither happened.
      expect(page.title).toBe('Page with scripts')
      // It would also have named the empty button; axe still finds it unnamed.
      const unnamed = page.axe!.violations.find((v) => v.id === 'button-name')
      expect(unnamed?.nodes.map((n) => n.target)).toEqual([['#unnamed']])
      expect(r.status).toBe(1)
      const blocked = page.blocked.map((b) => `${b.resourceType} ${b.url}`)
      expect(blocked).toEqual(
        expect.arrayContaining([
          'script http://input-1.sweep.invalid/tracker.js',
          'script inline',
          'inline event handler inline',
          'image https://images.example.com/remote.png',
          'stylesheet https://fonts.example.com/remote.css',
          'document https://example.com/refreshed',
        ]),
      )
      expect(page.blocked.find((b) => b.url === 'https://example.com/refreshed')!.reason).toBe(
        'navigation denied',
      )
      // Only the page itself was served: tracker.js never loaded.
      expect(page.assets).toEqual([])
    },
    T,
  )

  it(
    'sweeps a zip of pages and refuses one that reaches outside itself',
    async () => {
      const s = scratch()
      const file = (p: string) => new Uint8Array(readFileSync(fixture(p)))
      s.write(
        'pages.zip',
        await repack([
          { name: 'card/index.html', data: file('failing/index.html'), level: 6 },
          { name: 'card/card.css', data: file('failing/card.css') },
          { name: 'card/logo.png', data: file('failing/logo.png') },
          { name: 'clean/index.html', data: file('clean/index.html') },
          { name: 'clean/card.css', data: file('clean/card.css') },
          { name: 'clean/logo.png', data: file('clean/logo.png') },
        ]),
      )
      const r = s.evw(['a11y', 'pages.zip', '--json', '--no-crops'])
      expect(r.status, r.stderr).toBe(1)
      const report = JSON.parse(r.stdout) as SweepReport
      expect(report.inputs[0]!.kind).toBe('zip')
      expect(report.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(report.pages.map((p) => [p.path, p.axe!.violations.length])).toEqual([
        ['card/index.html', 3],
        ['clean/index.html', 0],
      ])
      expect(r.stdout).not.toContain('pngBase64": "i')

      s.write(
        'evil.zip',
        buildZip([rawEntry('../outside.html', new TextEncoder().encode('<title>x</title>'))]),
      )
      const evil = s.evw(['a11y', 'evil.zip'])
      expect(evil.status).toBe(2)
      expect(evil.stderr).toMatch(/evil\.zip: entry "\.\.\/outside\.html" is refused/)

      // 4 MiB of zeros deflates more than 200-fold: refused as a zip bomb before inflating.
      s.write(
        'bomb.zip',
        buildZip([
          rawEntry('index.html', new TextEncoder().encode('<title>x</title>')),
          rawEntry('big.css', new Uint8Array(4 * 1024 * 1024)),
        ]),
      )
      const bomb = s.evw(['a11y', 'bomb.zip'])
      expect(bomb.status).toBe(2)
      expect(bomb.stderr).toMatch(/big\.css expands \d+-fold; the limit is 200 \(zip-bomb guard\)/)
    },
    T,
  )

  it(
    'serves nothing through a symbolic link out of a swept folder',
    () => {
      const s = scratch()
      mkdirSync(s.path('site'))
      s.write('secret.css', 'body { color: #000 }')
      symlinkSync(s.path('secret.css'), s.path('site/linked.css'))
      s.write(
        'site/index.html',
        '<!doctype html><html lang="en"><head><title>Linked</title><link rel="stylesheet" href="linked.css"></head><body><main><h1>Linked</h1></main></body></html>',
      )
      const r = s.evw(['a11y', 'site', '--json'])
      const page = (JSON.parse(r.stdout) as SweepReport).pages[0]!
      expect(page.assets).toEqual([])
      expect(page.blocked).toContainEqual({
        url: 'http://input-1.sweep.invalid/linked.css',
        resourceType: 'stylesheet',
        reason: 'not a file of the input',
      })
    },
    T,
  )

  it('exits 2 for usage errors and unreadable input', () => {
    const s = scratch()
    expect(s.evw(['a11y']).status).toBe(2)
    const missing = s.evw(['a11y', 'nope.html'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('Cannot read nope.html (ENOENT)')
    s.write('notes.txt', 'hello')
    expect(s.evw(['a11y', 'notes.txt']).stderr).toContain('is not an .html file')
    const chromium = s.evw(['a11y', fixture('clean'), '--chromium', '/nonexistent/chromium'])
    expect(chromium.status).toBe(2)
    expect(chromium.stderr).toContain('/nonexistent/chromium does not exist')
  })
})
