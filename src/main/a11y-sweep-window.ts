// The desktop app's accessibility sweep: each page is loaded in a hidden BrowserWindow (sandbox,
// context isolation, no preload, no Node) in a session partition of its own kept in memory,
// isolated as the CLI isolates it (src/main/a11y-sweep-isolation.ts, same decisions from
// src/core/a11y/sweep-policy.ts), and checked with axe-core injected by executeJavaScript,
// which the page's CSP does not govern. The result is the CLI's report format, assembled by
// the same code.
import { randomUUID } from 'node:crypto'
import { BrowserWindow, session as electronSession, type Session, type WebContents } from 'electron'
import {
  assembleSweepReport,
  checkLoadedPage,
  cropClip,
  CSP_LISTENER_SOURCE,
  finishSweptPage,
  newSweptPage,
  PAGE_TIMEOUT_MS,
  SWEEP_VIEWPORT,
  sweepEachPage,
  sweepPageUrl,
  SweepRequestPolicy,
  sweepErrorLine,
} from '../core/a11y/sweep-policy'
import type { SweepReport, SweptPage } from '../core/a11y/sweep-report'
import { CancelledError, throwIfAborted, type ProgressListener } from '../core/bundle/byte-io'
import { axeSource } from '../node/a11y/axe-source'
import { openSite, sha256Hex, SWEEP_LIMITS, type Site } from '../node/a11y/sweep-inputs'
import { LOCKED_DOWN_WEB_PREFERENCES } from './hardening'
import {
  isolateSweepContents,
  isolateSweepSession,
  type SweepPageState,
  type SweepSessionLike,
} from './a11y-sweep-isolation'

/** The webPreferences of every sweep window (unit-tested: the isolation depends on them). */
export function sweepWindowPreferences(session: Session): Electron.WebPreferences {
  return {
    session,
    ...LOCKED_DOWN_WEB_PREFERENCES,
    javascript: true,
    images: true,
    backgroundThrottling: false,
    offscreen: false,
    devTools: false,
  }
}

/** An in-memory partition (no 'persist:'), new for each sweep. */
export const sweepPartition = (): string => `a11y-sweep-${randomUUID()}`

export interface DesktopSweepOptions {
  paths: string[]
  /** Names to record for the inputs (base names: full paths stay on this computer). */
  names?: string[]
  signal?: AbortSignal
  onProgress?: ProgressListener
  toolVersion: string
  crops?: boolean
}

export async function sweepInWindow(options: DesktopSweepOptions): Promise<SweepReport> {
  const startedAt = new Date().toISOString()
  const sites: Site[] = []
  for (const p of options.paths) sites.push(await openSite(p, SWEEP_LIMITS))
  for (const [i, site] of sites.entries()) {
    const name = options.names?.[i]
    if (name) site.input = { ...site.input, path: name }
  }
  const axe = axeSource()
  const ses = electronSession.fromPartition(sweepPartition(), { cache: false })
  let current: SweepPageState | undefined
  isolateSweepSession(ses as unknown as SweepSessionLike, () => current)
  let pages: SweptPage[]
  try {
    pages = await sweepEachPage(sites, options, async (site, i, origin, path) => {
      // No storage, cache or cookies carry from one page to the next.
      await ses.clearStorageData()
      await ses.clearCache()
      const page = await sweepOnePage(ses, site, i, origin, path, axe.source, options, (s) => {
        current = s
      })
      current = undefined
      throwIfAborted(options.signal)
      return page
    })
  } catch (e) {
    if (options.signal?.aborted) throw new CancelledError()
    throw e
  } finally {
    current = undefined
    await ses.clearStorageData().catch(() => undefined)
  }
  return assembleSweepReport({
    tool: { name: 'Evidence Workbench (desktop sweep window)', version: options.toolVersion },
    startedAt,
    browser: { name: 'chromium', version: process.versions.chrome ?? '' },
    axeVersion: axe.version,
    scripts:
      "Page scripts are blocked by script-src 'none'; axe-core is injected by the main process with webContents.executeJavaScript, which the page's CSP does not govern.",
    inputs: sites.map((s) => s.input),
    pages,
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

async function sweepOnePage(
  ses: Session,
  site: Site,
  inputIndex: number,
  origin: string,
  path: string,
  axe: string,
  options: DesktopSweepOptions,
  setCurrent: (state: SweepPageState) => void,
): Promise<SweptPage> {
  const started = Date.now()
  const url = sweepPageUrl(origin, path)
  const pageBytes = (await site.read(path)) ?? new Uint8Array()
  const result = newSweptPage(inputIndex, path, url, sha256Hex(pageBytes))
  const win = new BrowserWindow({
    show: false,
    width: SWEEP_VIEWPORT.width,
    height: SWEEP_VIEWPORT.height,
    useContentSize: true,
    paintWhenInitiallyHidden: true,
    title: 'Accessibility sweep',
    webPreferences: sweepWindowPreferences(ses),
  })
  const contents = win.webContents
  const state: SweepPageState = {
    policy: new SweepRequestPolicy(origin, url),
    contentsId: contents.id,
    read: (p) => site.read(p),
    path,
    blocked: result.blocked,
    assets: new Map(),
    popupsClosed: 0,
    sha256: sha256Hex,
  }
  setCurrent(state)
  isolateSweepContents(contents, () => state)
  const onAbort = () => win.destroy()
  options.signal?.addEventListener('abort', onAbort)
  try {
    const cdp = contents.debugger
    cdp.attach('1.3')
    // The fixed viewport (and the CLI's light scheme and reduced motion), whatever the screen.
    await cdp.sendCommand('Emulation.setDeviceMetricsOverride', {
      width: SWEEP_VIEWPORT.width,
      height: SWEEP_VIEWPORT.height,
      deviceScaleFactor: SWEEP_VIEWPORT.deviceScaleFactor,
      mobile: false,
    })
    await cdp.sendCommand('Emulation.setEmulatedMedia', {
      features: [
        { name: 'prefers-color-scheme', value: 'light' },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ],
    })
    await cdp.sendCommand('Page.enable')
    // Our listener, before any page content: it records what the CSP refused.
    await cdp.sendCommand('Page.addScriptToEvaluateOnNewDocument', { source: CSP_LISTENER_SOURCE })
    await withTimeout(contents.loadURL(url), PAGE_TIMEOUT_MS, 'Loading the page')
    const run = <T>(code: string) =>
      withTimeout(contents.executeJavaScript(code, true) as Promise<T>, PAGE_TIMEOUT_MS, 'axe')
    await run('document.fonts.ready.then(() => undefined)')
    await run(`${axe}\n;undefined`)
    // Not the window's title: it can be a pending (denied) navigation's.
    await checkLoadedPage(
      result,
      run,
      options.crops !== false ? (selector) => cropElement(contents, selector) : undefined,
    )
  } catch (e) {
    throwIfAborted(options.signal)
    result.error = sweepErrorLine(e)
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    finishSweptPage(result, state.assets.values(), state.popupsClosed, started)
    if (!win.isDestroyed()) win.destroy()
  }
  return result
}

/** Outlines one element and captures the area around it. */
async function cropElement(contents: WebContents, selector: string) {
  const sel = JSON.stringify(selector)
  const box = (await contents.executeJavaScript(
    `(() => {
      const el = document.querySelector(${sel})
      if (!el) return null
      el.scrollIntoView({ block: 'center', inline: 'center' })
      const r = el.getBoundingClientRect()
      el.__evwOutline = { outline: el.style.outline, outlineOffset: el.style.outlineOffset }
      el.style.outline = '3px solid #d0021b'
      el.style.outlineOffset = '2px'
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    })()`,
    true,
  )) as { x: number; y: number; width: number; height: number } | null
  if (!box) return undefined
  try {
    const clip = cropClip(box)
    if (!clip) return undefined
    const image = await contents.capturePage(clip)
    if (image.isEmpty()) return undefined
    return { pngBase64: image.toPNG().toString('base64'), width: clip.width, height: clip.height }
  } finally {
    await contents.executeJavaScript(
      `(() => {
        const el = document.querySelector(${sel})
        if (el && el.__evwOutline) Object.assign(el.style, el.__evwOutline)
      })()`,
      true,
    )
  }
}
