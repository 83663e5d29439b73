// Shared end-to-end harness: the browser build of the renderer served by the same static server
// as `npm run web` (with its CSP), Debian's Chromium driven through playwright-core, and axe-core
// (WCAG 2.2 AA) run through the DevTools protocol so the page's CSP holds.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import axe from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import {
  buildWebApp,
  REPO_ROOT,
  startStaticServer,
  WEB_OUT_DIR,
  type StaticServer,
} from '../../scripts/web-app.mjs'

export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export const hasChromium = existsSync(CHROMIUM)

/** Prints the one visible line a suite shows when it cannot run here. */
export function warnIfNoChromium(suite: string): void {
  if (!hasChromium)
    console.warn(`[e2e] SKIPPED ${suite}: ${CHROMIUM} is missing (apt-get install chromium).`)
}

/** True when EVW_SCREENSHOTS=1: suites then save screenshots to /tmp/evw-<suite>-<name>.png. */
export const SCREENSHOTS = process.env.EVW_SCREENSHOTS === '1'

/** A suite's screenshot step: saves /tmp/evw-<suite>-<name>.png when SCREENSHOTS is on. */
export function screenshotter(suite: string) {
  return async (page: Page, name: string, fullPage = true): Promise<void> => {
    if (SCREENSHOTS) await page.screenshot({ path: `/tmp/evw-${suite}-${name}.png`, fullPage })
  }
}

function newestMtime(p: string): number {
  const s = statSync(p)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))))
}

let building: Promise<void> | undefined

/** Rebuilds out/web unless it is newer than everything it is built from. */
export function ensureWebBuild(): Promise<void> {
  building ??= (async () => {
    const index = path.join(WEB_OUT_DIR, 'index.html')
    const sources = ['src/renderer', 'src/core', 'resources', 'scripts/web-app.mjs', 'package.json']
      .map((p) => path.join(REPO_ROOT, p))
      .filter((p) => existsSync(p))
    if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime)))
      return
    await buildWebApp({ quiet: true })
  })()
  return building
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source)
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: typeof axe }
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  }, AXE_TAGS)
}

export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`).toEqual(
    [],
  )
}

/** axe in light and then dark on the same page (its data stays), leaving it light again. */
export async function expectAccessibleInBothSchemes(page: Page, label: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expectAccessible(page, `${label} (${scheme})`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

export interface E2eApp {
  server: StaticServer
  browser: Browser
  /** A fresh page (own storage) recording console errors, page errors and CSP reports. */
  open(
    hash?: string,
    options?: { colorScheme?: 'light' | 'dark' },
  ): Promise<{ page: Page; errors: string[] }>
  /** Pages opened since the current test began (for failure snapshots). */
  readonly pages: { page: Page; errors: string[] }[]
  close(): Promise<void>
}

/**
 * A Playwright wait gives up well before the test's own timeout, so a step that never
 * happens fails with the locator it waited for instead of a bare "test timed out".
 */
export const E2E_STEP_TIMEOUT_MS = 20_000

/**
 * After a failed test, writes a screenshot of every page it opened to
 * test-results/e2e-failures/ and prints each page's address, visible text and errors, so a
 * failure on a CI machine can be understood from its log alone.
 */
export function snapshotFailures(getApp: () => E2eApp | undefined): void {
  afterEach(async (ctx) => {
    const app = getApp()
    if (!app) return
    const pages = app.pages.splice(0)
    if (ctx.task.result?.state !== 'fail') return
    const dir = path.join(REPO_ROOT, 'test-results', 'e2e-failures')
    mkdirSync(dir, { recursive: true })
    const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)
    for (const [i, { page, errors }] of pages.entries()) {
      if (page.isClosed()) continue
      const file = path.join(dir, `${slug}-${i}.png`)
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((e: unknown) => `(no text: ${String(e)})`)
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => undefined)
      console.error(
        `[e2e] failure snapshot ${i} of "${ctx.task.name}": ${page.url()}\n` +
          `screenshot: ${file}\nerrors: ${JSON.stringify(errors)}\n` +
          `visible text:\n${text.slice(0, 3_000)}`,
      )
    }
  })
}

export async function startE2eApp(): Promise<E2eApp> {
  await ensureWebBuild()
  const server = await startStaticServer({ root: WEB_OUT_DIR, port: 0 })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const pages: { page: Page; errors: string[] }[] = []
  return {
    server,
    browser,
    pages,
    async open(hash = '#/verify', options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: 'reduce',
        acceptDownloads: true,
      })
      const page = await context.newPage()
      page.setDefaultTimeout(E2E_STEP_TIMEOUT_MS)
      const errors: string[] = []
      pages.push({ page, errors })
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text())
      })
      page.on('pageerror', (e) => errors.push(String(e)))
      await page.goto(`${server.url}${hash}`)
      await page.locator('main h1').waitFor()
      return { page, errors }
    },
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/** The focused element as `tag[input type]:name` (its aria-label, else its text). */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim()
    const type = el instanceof HTMLInputElement ? `[${el.type}]` : ''
    return `${el.tagName.toLowerCase()}${type}:${name}`
  })
