// The isolation rules of an accessibility sweep, the order it sweeps pages in, what it reads of
// a loaded page (axe, title, CSP refusals, crops) and the assembly of its report, shared by
// every place that sweeps: the CLI and the local web server (headless Chromium through
// playwright-core, src/node/a11y/sweep.ts) and the desktop app (a hidden, sandboxed window,
// src/main/a11y-sweep-window.ts). Each runner only wires these decisions to its browser's
// interception, evaluation and capture APIs, so both isolate and check a page the same way and
// write the same report.
// No platform imports.
import { throwIfAborted, type ProgressListener } from '../bundle/byte-io'
import {
  SWEEP_AXE_TAGS,
  SWEEP_REPORT_FORMAT,
  summarize,
  type AxeResults,
  type BlockedRequest,
  type ElementCrop,
  type SweepInput,
  type SweepReport,
  type SweepViewport,
  type SweptFile,
  type SweptPage,
} from './sweep-report'

/** Every page is laid out in this viewport; the report records it. */
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

/** The axe-core run options of every sweep. */
export const SWEEP_AXE_OPTIONS = {
  runOnly: { type: 'tag', values: [...SWEEP_AXE_TAGS] },
  // Every node of violations and incomplete results; one example node for passes/inapplicable.
  resultTypes: ['violations', 'incomplete'],
}

export const MAX_CROPS_PER_PAGE = 60
export const CROP_PADDING = 12
export const PAGE_TIMEOUT_MS = 30_000

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

export const sweepContentType = (path: string): string =>
  CONTENT_TYPES[/\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''] ??
  'application/octet-stream'

/** The headers of every file served to a swept page. */
export const sweepResponseHeaders = (path: string): Record<string, string> => ({
  'content-type': sweepContentType(path),
  'content-security-policy': SWEEP_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
})

/** The made-up origin of input `index` (0-based); no resolver answers it. */
export const sweepOrigin = (index: number): string => `http://input-${index + 1}.sweep.invalid`

export const sweepPageUrl = (origin: string, path: string): string =>
  `${origin}/${path.split('/').map(encodeURIComponent).join('/')}`

/** What a runner knows about one request the swept page makes. */
export interface SweepRequestFacts {
  url: string
  method: string
  /** A document load (top frame, frame or new window). */
  navigation: boolean
  /** The document load is the swept page's own top frame (not a frame, not a popup). */
  topFrame: boolean
}

export type SweepRequestDecision =
  /** Serve the input's file at `path` (answer 'not a file of the input' when there is none). */
  | { action: 'serve'; path: string }
  /** Refuse the request and list it. */
  | { action: 'block'; reason: string }
  /** Refuse a document load, list it, and leave the current document in place. */
  | { action: 'deny-navigation'; reason: string }

export const NOT_A_FILE_OF_THE_INPUT = 'not a file of the input'

/**
 * The request decisions for one page: its own first load is allowed once, then every other
 * navigation is denied; only GET requests for the page's own origin are served, from the
 * input's files; everything else is refused with a reason that goes into the report.
 */
export class SweepRequestPolicy {
  private navigated = false

  constructor(
    readonly origin: string,
    readonly pageUrl: string,
  ) {}

  decide(request: SweepRequestFacts): SweepRequestDecision {
    if (request.navigation) {
      if (!request.topFrame || this.navigated || request.url !== this.pageUrl)
        return {
          action: 'deny-navigation',
          reason: request.topFrame ? 'navigation denied' : 'frame or window denied',
        }
      this.navigated = true
    }
    let u: URL
    try {
      u = new URL(request.url)
    } catch {
      return { action: 'block', reason: 'malformed URL' }
    }
    if (u.origin !== this.origin) return { action: 'block', reason: 'not the page’s own origin' }
    if (request.method !== 'GET')
      return { action: 'block', reason: `${request.method} request denied` }
    try {
      return { action: 'serve', path: decodeURIComponent(u.pathname.slice(1)) }
    } catch {
      return { action: 'block', reason: 'malformed path' }
    }
  }
}

/**
 * Runs in the page before any of its content (a DevTools-protocol init script, which the page's
 * CSP does not govern): records what the CSP refused (page scripts, remote styles and images),
 * which never reaches request interception.
 */
export const CSP_LISTENER_SOURCE = `(() => {
  const w = window
  w.__evwCspViolations = []
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__evwCspViolations.push({
      url: e.blockedURI,
      directive: e.effectiveDirective,
      source: e.sourceFile ? e.sourceFile + ':' + e.lineNumber : '',
    })
  }, true)
})()`

/** Evaluates to the list CSP_LISTENER_SOURCE collected. */
export const READ_CSP_VIOLATIONS = 'JSON.parse(JSON.stringify(window.__evwCspViolations || []))'

/** Evaluates (after axe-core's source) to axe's result as plain JSON for `document`. */
export const RUN_AXE_SOURCE = `axe.run(document, ${JSON.stringify(SWEEP_AXE_OPTIONS)}).then((r) => JSON.parse(JSON.stringify(r)))`

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

export interface CspViolation {
  url: string
  directive: string
  source: string
}

/** The CSP refusals a page recorded, as blocked requests of the report. */
export function cspViolationsAsBlocked(list: unknown): BlockedRequest[] {
  if (!Array.isArray(list)) return []
  return (list as Partial<CspViolation>[]).map((v) => {
    const directive = String(v.directive ?? '')
    const source = String(v.source ?? '')
    return {
      url: String(v.url ?? '') || '(inline)',
      resourceType: RESOURCE_OF_DIRECTIVE[directive] ?? directive,
      reason: `refused by the CSP (${directive})${source ? ` at ${source}` : ''}`,
    }
  })
}

/** A failing element to crop: violations first, then what axe could not decide. */
export interface CropCandidate {
  ruleId: string
  node: number
  list: 'violations' | 'incomplete'
  selector: string
}

export function* cropCandidates(axe: AxeResults): Generator<CropCandidate> {
  for (const list of ['violations', 'incomplete'] as const) {
    for (const rule of axe[list]) {
      for (const [node, n] of rule.nodes.entries()) {
        // Elements inside frames or shadow roots have nested selectors; they are not cropped.
        if (n.target.length !== 1 || typeof n.target[0] !== 'string') continue
        yield { ruleId: rule.id, node, list, selector: n.target[0] }
      }
    }
  }
}

/** The area to capture around an element's box (viewport coordinates), or none. */
export function cropClip(box: { x: number; y: number; width: number; height: number }) {
  if (box.width < 1 || box.height < 1) return undefined
  const x = Math.max(0, Math.floor(box.x - CROP_PADDING))
  const y = Math.max(0, Math.floor(box.y - CROP_PADDING))
  const width = Math.min(SWEEP_VIEWPORT.width - x, Math.ceil(box.width + 2 * CROP_PADDING))
  const height = Math.min(SWEEP_VIEWPORT.height - y, Math.ceil(box.height + 2 * CROP_PADDING))
  if (width < 1 || height < 1) return undefined
  return { x, y, width, height }
}

/** A runner's outlined screenshot of one element. */
export type ElementImage = Pick<ElementCrop, 'pngBase64' | 'width' | 'height'>

/**
 * Crops the page's failing elements (violations first, at most MAX_CROPS_PER_PAGE) with the
 * runner's `cropElement`; an element it cannot capture (undefined or an error) is left out.
 */
export async function cropFailures(
  axe: AxeResults,
  cropElement: (selector: string) => Promise<ElementImage | undefined>,
): Promise<ElementCrop[]> {
  const crops: ElementCrop[] = []
  for (const c of cropCandidates(axe)) {
    if (crops.length >= MAX_CROPS_PER_PAGE) break
    const crop = await cropElement(c.selector).catch(() => undefined)
    if (crop) crops.push({ ruleId: c.ruleId, node: c.node, list: c.list, ...crop })
  }
  return crops
}

/**
 * Checks a loaded page into its record, once axe-core is in the page: axe's result, the
 * document's own title (a runner's title can be a pending, denied navigation's placeholder while
 * the document stays as it was), what the CSP refused, and the crops of the failing elements
 * when `cropElement` is given. `run` evaluates an expression in the page and awaits its value.
 */
export async function checkLoadedPage(
  page: SweptPage,
  run: (expression: string) => Promise<unknown>,
  cropElement?: (selector: string) => Promise<ElementImage | undefined>,
): Promise<void> {
  page.axe = (await run(RUN_AXE_SOURCE)) as AxeResults
  page.title = (await run('document.title')) as string
  page.blocked.push(...cspViolationsAsBlocked(await run(READ_CSP_VIOLATIONS)))
  if (cropElement) page.crops = await cropFailures(page.axe, cropElement)
  page.status = 'swept'
}

/** The first line of what stopped a page's sweep, for its record. */
export const sweepErrorLine = (e: unknown): string | undefined =>
  (e as Error).message.split('\n')[0]

/** What a runner sweeps of one input: its page paths, in order. */
export interface SweepSite {
  pages: readonly string[]
}

/**
 * Sweeps every page of every input in order, one at a time, each from its input's origin
 * (sweepOrigin), and reports progress after each page; stops with CancelledError before a page
 * when `signal` is aborted.
 */
export async function sweepEachPage<S extends SweepSite>(
  sites: readonly S[],
  options: { signal?: AbortSignal; onProgress?: ProgressListener },
  sweepOne: (site: S, inputIndex: number, origin: string, path: string) => Promise<SweptPage>,
): Promise<SweptPage[]> {
  const total = sites.reduce((n, s) => n + s.pages.length, 0)
  const pages: SweptPage[] = []
  let done = 0
  options.onProgress?.({ phase: 'sweeping', done, total })
  for (const [i, site] of sites.entries()) {
    const origin = sweepOrigin(i)
    for (const path of site.pages) {
      throwIfAborted(options.signal)
      pages.push(await sweepOne(site, i, origin, path))
      options.onProgress?.({ phase: 'sweeping', done: ++done, total })
    }
  }
  return pages
}

/**
 * Completes a page's record when its sweep is over, however it ended: the input's files it
 * loaded (by path), the popups closed and the time taken since `startedMs`.
 */
export function finishSweptPage(
  page: SweptPage,
  assets: Iterable<SweptFile>,
  popupsClosed: number,
  startedMs: number,
): void {
  page.assets = [...assets].sort((a, b) => a.path.localeCompare(b.path))
  page.popupsClosed = popupsClosed
  page.durationMs = Date.now() - startedMs
}

/** A page's record before it is swept ('failed' until the runner says otherwise). */
export function newSweptPage(input: number, path: string, url: string, sha256: string): SweptPage {
  return {
    input,
    path,
    url,
    sha256,
    status: 'failed',
    assets: [],
    blocked: [],
    popupsClosed: 0,
    crops: [],
    durationMs: 0,
  }
}

export interface SweepReportParts {
  tool: { name: string; version: string }
  startedAt: string
  finishedAt?: string
  browser: { name: string; version: string }
  axeVersion: string
  /** How the runner keeps page scripts out while axe still runs. */
  scripts: string
  inputs: SweepInput[]
  pages: SweptPage[]
}

/** The report, the same for every runner. */
export function assembleSweepReport(parts: SweepReportParts): SweepReport {
  return {
    format: SWEEP_REPORT_FORMAT,
    tool: parts.tool,
    startedAt: parts.startedAt,
    finishedAt: parts.finishedAt ?? new Date().toISOString(),
    browser: parts.browser,
    axe: { version: parts.axeVersion, tags: [...SWEEP_AXE_TAGS], options: SWEEP_AXE_OPTIONS },
    viewport: SWEEP_VIEWPORT,
    isolation: {
      origin: 'http://input-N.sweep.invalid (one made-up origin per input, served by interception)',
      csp: SWEEP_CSP,
      serviceWorkers: 'blocked',
      navigation: 'denied',
      popups: 'closed',
      scripts: parts.scripts,
    },
    inputs: parts.inputs,
    pages: parts.pages,
    summary: summarize(parts.pages),
  }
}
