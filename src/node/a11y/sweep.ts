// Sweeps HTML pages with axe-core in headless Chromium, each page isolated:
// - served by request interception from its own made-up origin (http://input-N.sweep.invalid),
//   which no resolver answers (every host also maps to nothing in Chromium's resolver);
// - with a Content-Security-Policy header that lets no page script run and lets the page load
//   only its own styles, images, fonts and media; axe is injected through the DevTools
//   protocol, which the CSP does not govern, so axe runs while the page's scripts do not;
// - every request that is not for one of the input's own files is cancelled and listed;
// - any navigation after the first load is refused, popups are closed, service workers blocked;
// - a fresh browser context (no shared storage or cache) per page, fixed viewport.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import {
  assembleSweepReport,
  checkLoadedPage,
  cropClip,
  CSP_LISTENER_SOURCE,
  finishSweptPage,
  newSweptPage,
  NOT_A_FILE_OF_THE_INPUT,
  PAGE_TIMEOUT_MS,
  SWEEP_VIEWPORT,
  sweepEachPage,
  sweepPageUrl,
  SweepRequestPolicy,
  sweepErrorLine,
  sweepResponseHeaders,
} from '../../core/a11y/sweep-policy'
import type { SweepReport, SweptFile, SweptPage } from '../../core/a11y/sweep-report'
import { CancelledError, throwIfAborted, type ProgressListener } from '../../core/bundle/byte-io'
import { axeSource } from './axe-source'
import { openSite, sha256Hex, SWEEP_LIMITS, type Site, type SweepLimits } from './sweep-inputs'

export { SWEEP_CSP, SWEEP_VIEWPORT } from '../../core/a11y/sweep-policy'

export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
  '--no-pings',
  // Nothing resolves: even a request that got past interception would reach no host.
  '--host-resolver-rules=MAP * ~NOTFOUND',
]

export interface SweepOptions {
  paths: string[]
  chromium?: string
  /** Screenshot crops of failing elements (on by default). */
  crops?: boolean
  signal?: AbortSignal
  onProgress?: ProgressListener
  limits?: SweepLimits
  toolVersion?: string
}

export async function sweep(options: SweepOptions): Promise<SweepReport> {
  const startedAt = new Date().toISOString()
  const sites: Site[] = []
  for (const p of options.paths) sites.push(await openSite(p, options.limits ?? SWEEP_LIMITS))
  const axe = axeSource()
  const { chromium } = await import('playwright-core')
  let browser: Browser
  try {
    browser = await chromium.launch({
      executablePath: options.chromium ?? DEFAULT_CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    })
  } catch (e) {
    throw new ChromiumError(
      `Cannot start Chromium at ${options.chromium ?? DEFAULT_CHROMIUM}: ${(e as Error).message.split('\n')[0]}. Install it (apt-get install chromium) or pass --chromium PATH.`,
    )
  }
  const onAbort = () => void browser.close().catch(() => undefined)
  options.signal?.addEventListener('abort', onAbort)
  try {
    const pages = await sweepEachPage(sites, options, (site, i, origin, path) =>
      sweepPage(browser, site, i, origin, path, axe.source, options),
    )
    return assembleSweepReport({
      tool: { name: 'evw a11y', version: options.toolVersion ?? '0.0.0' },
      startedAt,
      browser: { name: 'chromium', version: browser.version() },
      axeVersion: axe.version,
      scripts:
        "Page scripts are blocked by script-src 'none'; axe-core is injected through the DevTools protocol, which the page's CSP does not govern.",
      inputs: sites.map((s) => s.input),
      pages,
    })
  } catch (e) {
    if (options.signal?.aborted) throw new CancelledError()
    throw e
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    await browser.close().catch(() => undefined)
  }
}

export class ChromiumError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChromiumError'
  }
}

async function sweepPage(
  browser: Browser,
  site: Site,
  inputIndex: number,
  origin: string,
  path: string,
  axeSource: string,
  options: SweepOptions,
): Promise<SweptPage> {
  const started = Date.now()
  const url = sweepPageUrl(origin, path)
  const pageBytes = (await site.read(path)) ?? new Uint8Array()
  const policy = new SweepRequestPolicy(origin, url)
  const assets = new Map<string, SweptFile>()
  let popupsClosed = 0
  const context: BrowserContext = await browser.newContext({
    viewport: { width: SWEEP_VIEWPORT.width, height: SWEEP_VIEWPORT.height },
    deviceScaleFactor: SWEEP_VIEWPORT.deviceScaleFactor,
    serviceWorkers: 'block',
    acceptDownloads: false,
    bypassCSP: false,
    javaScriptEnabled: true,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  })
  const result = newSweptPage(inputIndex, path, url, sha256Hex(pageBytes))
  const blocked = result.blocked
  try {
    const ours: { page?: Page } = {}
    // The context's first page is the one we open; every later one is a popup.
    let pagesOpened = 0
    context.on('page', (p) => {
      if (pagesOpened++ > 0) {
        popupsClosed++
        void p.close().catch(() => undefined)
      }
    })
    const block = (route: Route, reason: string) => {
      const r = route.request()
      blocked.push({ url: r.url(), resourceType: r.resourceType(), reason })
      return route.abort('blockedbyclient')
    }
    await context.route('**/*', async (route) => {
      const request = route.request()
      let topFrame = false
      if (request.isNavigationRequest()) {
        try {
          const frame = request.frame()
          topFrame =
            frame.parentFrame() === null && (ours.page === undefined || frame.page() === ours.page)
        } catch {
          // A request with no frame (a worker's) is never the page's own navigation.
        }
      }
      const decision = policy.decide({
        url: request.url(),
        method: request.method(),
        navigation: request.isNavigationRequest(),
        topFrame,
      })
      if (decision.action === 'deny-navigation') {
        blocked.push({
          url: request.url(),
          resourceType: request.resourceType(),
          reason: decision.reason,
        })
        // A 204 answer leaves the current document in place; an aborted navigation would
        // replace it with an error page.
        return route.fulfill({ status: 204, body: '' })
      }
      if (decision.action === 'block') return block(route, decision.reason)
      const rel = decision.path
      const bytes = await site.read(rel)
      if (!bytes) return block(route, NOT_A_FILE_OF_THE_INPUT)
      if (rel !== path)
        assets.set(rel, { path: rel, sha256: sha256Hex(bytes), bytes: bytes.length })
      return route.fulfill({
        status: 200,
        headers: sweepResponseHeaders(rel),
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      })
    })
    // Our listener, added through the DevTools protocol before any page content: it records what
    // the CSP refused (page scripts, remote styles and images), which never reaches interception.
    await context.addInitScript(CSP_LISTENER_SOURCE)
    const page = await context.newPage()
    ours.page = page
    page.setDefaultTimeout(PAGE_TIMEOUT_MS)
    await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    await page.evaluate(axeSource)
    // Not page.title(): it reports a pending navigation's placeholder ("" or "Loading …") while a
    // denied meta refresh is in flight.
    await checkLoadedPage(
      result,
      (expression) => page.evaluate(expression),
      options.crops !== false ? (selector) => cropElement(page, selector) : undefined,
    )
  } catch (e) {
    throwIfAborted(options.signal)
    result.error = sweepErrorLine(e)
  } finally {
    finishSweptPage(result, assets.values(), popupsClosed, started)
    await context.close().catch(() => undefined)
  }
  return result
}

/** Screenshots one element, outlined, with some room around it. */
async function cropElement(page: Page, selector: string) {
  const handle = await page.$(selector)
  if (!handle) return undefined
  try {
    await handle.scrollIntoViewIfNeeded({ timeout: 2_000 })
    const box = await handle.boundingBox()
    const clip = box ? cropClip(box) : undefined
    if (!clip) return undefined
    const saved = await handle.evaluate((el) => {
      const s = (el as HTMLElement).style
      const before = { outline: s.outline, outlineOffset: s.outlineOffset }
      s.outline = '3px solid #d0021b'
      s.outlineOffset = '2px'
      return before
    })
    const png = await page.screenshot({
      clip,
      animations: 'disabled',
      caret: 'hide',
      timeout: 5_000,
    })
    await handle.evaluate((el, before) => Object.assign((el as HTMLElement).style, before), saved)
    return { pngBase64: png.toString('base64'), width: clip.width, height: clip.height }
  } finally {
    await handle.dispose()
  }
}
