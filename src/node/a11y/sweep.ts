// Sweeps HTML pages with axe-core in headless Chromium, each page isolated:
// - served by request interception from its own made-up origin (http://input-N.sweep.invalid),
//   which no resolver answers (every host also maps to nothing in Chromium's resolver);
// - with a Content-Security-Policy header that lets no page script run and lets the page load
//   only its own styles, images, fonts and media; axe is injected through the DevTools
//   protocol, which the CSP does not govern, so axe runs while the page's scripts do not;
// - every request that is not for one of the input's own files is cancelled and listed;
// - any navigation after the first load is refused, popups are closed, service workers blocked;
// - a fresh browser context (no shared storage or cache) per page, fixed viewport.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import {
  SWEEP_AXE_TAGS,
  SWEEP_REPORT_FORMAT,
  summarize,
  type AxeResults,
  type BlockedRequest,
  type ElementCrop,
  type SweepReport,
  type SweepViewport,
  type SweptFile,
  type SweptPage,
} from '../../core/a11y/sweep-report'
import { CancelledError, throwIfAborted, type ProgressListener } from '../../core/bundle/byte-io'
import { openSite, sha256Hex, SWEEP_LIMITS, type Site, type SweepLimits } from './sweep-inputs'

export const DEFAULT_CHROMIUM = '/usr/bin/chromium'
export const SWEEP_VIEWPORT: SweepViewport = { width: 1280, height: 800, deviceScaleFactor: 1 }

/** The policy every swept response carries. */
export const SWEEP_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "media-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ')

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

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt; charset=utf-8',
}

const contentType = (path: string) =>
  CONTENT_TYPES[/\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''] ??
  'application/octet-stream'

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: [...SWEEP_AXE_TAGS] },
  // Every node of violations and incomplete results; one example node for passes/inapplicable.
  resultTypes: ['violations', 'incomplete'],
}

const RESOURCE_OF_DIRECTIVE: Record<string, string> = {
  'script-src-elem': 'script',
  'script-src-attr': 'inline event handler',
  'script-src': 'script',
  'style-src-elem': 'stylesheet',
  'style-src': 'stylesheet',
  'img-src': 'image',
  'font-src': 'font',
  'media-src': 'media',
  'connect-src': 'fetch',
  'frame-src': 'frame',
  'worker-src': 'worker',
  'object-src': 'object',
  'form-action': 'form',
}

const MAX_CROPS_PER_PAGE = 60
const CROP_PADDING = 12
const PAGE_TIMEOUT_MS = 30_000

const require_ = createRequire(import.meta.url)

function axeSource(): { source: string; version: string } {
  const pkg = require_.resolve('axe-core/package.json')
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  return { source: readFileSync(require_.resolve('axe-core/axe.min.js'), 'utf8'), version }
}

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
  const total = sites.reduce((n, s) => n + s.pages.length, 0)
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
  const pages: SweptPage[] = []
  try {
    let done = 0
    options.onProgress?.({ phase: 'sweeping', done, total })
    for (const [i, site] of sites.entries()) {
      const origin = `http://input-${i + 1}.sweep.invalid`
      for (const path of site.pages) {
        throwIfAborted(options.signal)
        pages.push(await sweepPage(browser, site, i, origin, path, axe.source, options))
        options.onProgress?.({ phase: 'sweeping', done: ++done, total })
      }
    }
    return {
      format: SWEEP_REPORT_FORMAT,
      tool: { name: 'evw a11y', version: options.toolVersion ?? '0.0.0' },
      startedAt,
      finishedAt: new Date().toISOString(),
      browser: { name: 'chromium', version: browser.version() },
      axe: { version: axe.version, tags: [...SWEEP_AXE_TAGS], options: AXE_OPTIONS },
      viewport: SWEEP_VIEWPORT,
      isolation: {
        origin:
          'http://input-N.sweep.invalid (one made-up origin per input, served by interception)',
        csp: SWEEP_CSP,
        serviceWorkers: 'blocked',
        navigation: 'denied',
        popups: 'closed',
        scripts:
          "Page scripts are blocked by script-src 'none'; axe-core is injected through the DevTools protocol, which the page's CSP does not govern.",
      },
      inputs: sites.map((s) => s.input),
      pages,
      summary: summarize(pages),
    }
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
  const url = `${origin}/${path.split('/').map(encodeURIComponent).join('/')}`
  const pageBytes = (await site.read(path)) ?? new Uint8Array()
  const blocked: BlockedRequest[] = []
  const assets = new Map<string, SweptFile>()
  let popupsClosed = 0
  let navigated = false
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
  const result: SweptPage = {
    input: inputIndex,
    path,
    url,
    sha256: sha256Hex(pageBytes),
    status: 'failed',
    assets: [],
    blocked,
    popupsClosed: 0,
    crops: [],
    durationMs: 0,
  }
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
      const u = new URL(request.url())
      if (request.isNavigationRequest()) {
        let top = false
        try {
          const frame = request.frame()
          top =
            frame.parentFrame() === null && (ours.page === undefined || frame.page() === ours.page)
        } catch {
          // A request with no frame (a worker's) is never the page's own navigation.
        }
        if (!top || navigated || request.url() !== url) {
          const r = route.request()
          blocked.push({
            url: r.url(),
            resourceType: r.resourceType(),
            reason: top ? 'navigation denied' : 'frame or window denied',
          })
          // A 204 answer leaves the current document in place; an aborted navigation would
          // replace it with an error page.
          return route.fulfill({ status: 204, body: '' })
        }
        navigated = true
      }
      if (u.origin !== origin) return block(route, 'not the page’s own origin')
      if (request.method() !== 'GET') return block(route, `${request.method()} request denied`)
      let rel: string
      try {
        rel = decodeURIComponent(u.pathname.slice(1))
      } catch {
        return block(route, 'malformed path')
      }
      const bytes = await site.read(rel)
      if (!bytes) return block(route, 'not a file of the input')
      if (rel !== path)
        assets.set(rel, { path: rel, sha256: sha256Hex(bytes), bytes: bytes.length })
      return route.fulfill({
        status: 200,
        headers: {
          'content-type': contentType(rel),
          'content-security-policy': SWEEP_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      })
    })
    // Our listener, added through the DevTools protocol before any page content: it records what
    // the CSP refused (page scripts, remote styles and images), which never reaches interception.
    await context.addInitScript(() => {
      const w = window as unknown as { __evwCspViolations?: unknown[] }
      w.__evwCspViolations = []
      document.addEventListener(
        'securitypolicyviolation',
        (e) =>
          w.__evwCspViolations!.push({
            url: e.blockedURI,
            directive: e.effectiveDirective,
            source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
          }),
        true,
      )
    })
    const page = await context.newPage()
    ours.page = page
    page.setDefaultTimeout(PAGE_TIMEOUT_MS)
    await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    await page.evaluate(axeSource)
    const axe = await page.evaluate(async (opts) => {
      const w = window as unknown as {
        axe: { run(ctx: Document, o: unknown): Promise<unknown> }
      }
      return JSON.parse(JSON.stringify(await w.axe.run(document, opts))) as unknown
    }, AXE_OPTIONS)
    result.axe = axe as AxeResults
    result.title = await page.title()
    const refused = await page.evaluate(
      () => (window as unknown as { __evwCspViolations?: unknown[] }).__evwCspViolations ?? [],
    )
    for (const v of refused as { url: string; directive: string; source: string }[]) {
      blocked.push({
        url: v.url || '(inline)',
        resourceType: RESOURCE_OF_DIRECTIVE[v.directive] ?? v.directive,
        reason: `refused by the CSP (${v.directive})${v.source ? ` at ${v.source}` : ''}`,
      })
    }
    if (options.crops !== false) result.crops = await cropFailures(page, result.axe)
    result.status = 'swept'
  } catch (e) {
    throwIfAborted(options.signal)
    result.error = (e as Error).message.split('\n')[0]
  } finally {
    result.assets = [...assets.values()].sort((a, b) => a.path.localeCompare(b.path))
    result.popupsClosed = popupsClosed
    result.durationMs = Date.now() - started
    await context.close().catch(() => undefined)
  }
  return result
}

/** Screenshots each failing element (violations first), outlined, with some room around it. */
async function cropFailures(page: Page, axe: AxeResults): Promise<ElementCrop[]> {
  const crops: ElementCrop[] = []
  for (const list of ['violations', 'incomplete'] as const) {
    for (const rule of axe[list]) {
      for (const [i, node] of rule.nodes.entries()) {
        if (crops.length >= MAX_CROPS_PER_PAGE) return crops
        // Elements inside frames or shadow roots have nested selectors; they are not cropped.
        if (node.target.length !== 1 || typeof node.target[0] !== 'string') continue
        const crop = await cropElement(page, node.target[0]).catch(() => undefined)
        if (crop) crops.push({ ruleId: rule.id, node: i, list, ...crop })
      }
    }
  }
  return crops
}

async function cropElement(page: Page, selector: string) {
  const handle = await page.$(selector)
  if (!handle) return undefined
  try {
    await handle.scrollIntoViewIfNeeded({ timeout: 2_000 })
    const box = await handle.boundingBox()
    if (!box || box.width < 1 || box.height < 1) return undefined
    const saved = await handle.evaluate((el) => {
      const s = (el as HTMLElement).style
      const before = { outline: s.outline, outlineOffset: s.outlineOffset }
      s.outline = '3px solid #d0021b'
      s.outlineOffset = '2px'
      return before
    })
    const x = Math.max(0, Math.floor(box.x - CROP_PADDING))
    const y = Math.max(0, Math.floor(box.y - CROP_PADDING))
    const width = Math.min(SWEEP_VIEWPORT.width - x, Math.ceil(box.width + 2 * CROP_PADDING))
    const height = Math.min(SWEEP_VIEWPORT.height - y, Math.ceil(box.height + 2 * CROP_PADDING))
    if (width < 1 || height < 1) return undefined
    const png = await page.screenshot({
      clip: { x, y, width, height },
      animations: 'disabled',
      caret: 'hide',
      timeout: 5_000,
    })
    await handle.evaluate((el, before) => Object.assign((el as HTMLElement).style, before), saved)
    return { pngBase64: png.toString('base64'), width, height }
  } finally {
    await handle.dispose()
  }
}
