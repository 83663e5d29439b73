// The desktop sweep window's isolation, with Electron's session and webContents faked: the same
// request decisions as the CLI, every refusal listed, permissions and downloads denied; the
// window's preferences; the job registry behind the IPC channels; and their argument checks.
import { describe, expect, it, vi } from 'vitest'
import {
  SWEEP_CSP,
  sweepOrigin,
  sweepPageUrl,
  SweepRequestPolicy,
} from '../../../src/core/a11y/sweep-policy'
import { CancelledError } from '../../../src/core/bundle/byte-io'
import type { SweepReport } from '../../../src/core/a11y/sweep-report'
import {
  isolateSweepContents,
  isolateSweepSession,
  resourceTypeOf,
  type SweepPageState,
  type SweepSessionLike,
} from '../../../src/main/a11y-sweep-isolation'
import { SweepJobs } from '../../../src/main/a11y-sweep-jobs'
import { ARGUMENT_CHECKS } from '../../../src/main/ipc-arguments'

vi.mock('electron', () => ({ BrowserWindow: class {}, session: {} }))

const origin = sweepOrigin(0)
const url = sweepPageUrl(origin, 'index.html')
const FILES: Record<string, string> = { 'index.html': '<p>x</p>', 'card.css': 'p{}' }

function fakeSession() {
  const handlers: {
    beforeRequest?: Parameters<SweepSessionLike['webRequest']['onBeforeRequest']>[0]
    protocol?: (request: Request) => Promise<Response>
    permission?: (c: unknown, p: string, cb: (g: boolean) => void) => void
    permissionCheck?: () => boolean
    download?: (e: { preventDefault(): void }) => void
  } = {}
  const session: SweepSessionLike = {
    protocol: { handle: (scheme, h) => scheme === 'http' && (handlers.protocol = h) && undefined },
    webRequest: { onBeforeRequest: (l) => void (handlers.beforeRequest = l) },
    setPermissionRequestHandler: (h) => void (handlers.permission = h),
    setPermissionCheckHandler: (h) => void (handlers.permissionCheck = h),
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    on: (_e, l) => void (handlers.download = l),
  }
  return { session, handlers }
}

function pageState(): SweepPageState {
  return {
    policy: new SweepRequestPolicy(origin, url),
    contentsId: 7,
    read: async (p) => (FILES[p] === undefined ? undefined : new TextEncoder().encode(FILES[p])),
    path: 'index.html',
    blocked: [],
    assets: new Map(),
    popupsClosed: 0,
    sha256: () => 'hash',
  }
}

const decide = (
  l: NonNullable<ReturnType<typeof fakeSession>['handlers']['beforeRequest']>,
  details: { url: string; method?: string; resourceType: string; webContentsId?: number },
) =>
  new Promise<boolean>((resolve) =>
    l({ method: 'GET', ...details }, (r) => resolve(r.cancel === true)),
  )

describe('desktop sweep session', () => {
  it('lets through the page’s first load and its own files, cancels and lists the rest', async () => {
    const { session, handlers } = fakeSession()
    const state = pageState()
    isolateSweepSession(session, () => state)
    const l = handlers.beforeRequest!
    expect(await decide(l, { url, resourceType: 'mainFrame', webContentsId: 7 })).toBe(false)
    expect(await decide(l, { url: `${origin}/card.css`, resourceType: 'stylesheet' })).toBe(false)
    expect(await decide(l, { url: 'https://cdn.example.com/a.js', resourceType: 'script' })).toBe(
      true,
    )
    expect(await decide(l, { url: `${origin}/x`, method: 'POST', resourceType: 'xhr' })).toBe(true)
    expect(
      await decide(l, { url: 'https://example.com/', resourceType: 'mainFrame', webContentsId: 7 }),
    ).toBe(true)
    expect(
      await decide(l, { url: `${origin}/frame.html`, resourceType: 'subFrame', webContentsId: 7 }),
    ).toBe(true)
    expect(state.blocked).toEqual([
      {
        url: 'https://cdn.example.com/a.js',
        resourceType: 'script',
        reason: 'not the page’s own origin',
      },
      { url: `${origin}/x`, resourceType: 'fetch', reason: 'POST request denied' },
      { url: 'https://example.com/', resourceType: 'document', reason: 'navigation denied' },
      { url: `${origin}/frame.html`, resourceType: 'document', reason: 'frame or window denied' },
    ])
  })

  it('serves the input’s files with the sweep CSP, and nothing else', async () => {
    const { session, handlers } = fakeSession()
    const state = pageState()
    isolateSweepSession(session, () => state)
    const serve = handlers.protocol!
    const css = await serve(new Request(`${origin}/card.css`))
    expect(css.status).toBe(200)
    expect(css.headers.get('content-security-policy')).toBe(SWEEP_CSP)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toBe('p{}')
    expect([...state.assets.keys()]).toEqual(['card.css'])
    expect((await serve(new Request(`${origin}/missing.png`))).status).toBe(404)
    expect(state.blocked.at(-1)).toMatchObject({ reason: 'not a file of the input' })
    expect((await serve(new Request('http://elsewhere.example/card.css'))).status).toBe(404)
    expect(state.blocked.at(-1)).toMatchObject({ reason: 'not the page’s own origin' })
    expect(
      (await serve(new Request(`${origin}/card.css`, { method: 'POST', body: 'x' }))).status,
    ).toBe(404)
  })

  it('cancels everything when no page is being swept, and denies permissions and downloads', async () => {
    const { session, handlers } = fakeSession()
    isolateSweepSession(session, () => undefined)
    expect(await decide(handlers.beforeRequest!, { url, resourceType: 'mainFrame' })).toBe(true)
    expect((await handlers.protocol!(new Request(url))).status).toBe(404)
    const granted = await new Promise((r) => handlers.permission!(null, 'media', r))
    expect(granted).toBe(false)
    expect(handlers.permissionCheck!()).toBe(false)
    const prevent = vi.fn()
    handlers.download!({ preventDefault: prevent })
    expect(prevent).toHaveBeenCalled()
  })

  it('denies and lists navigations and new windows of the page', () => {
    const listeners: Record<
      string,
      (e: {
        url: string
        isSameDocument?: boolean
        isMainFrame?: boolean
        preventDefault(): void
      }) => void
    > = {}
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined
    const state = pageState()
    isolateSweepContents(
      {
        setWindowOpenHandler: (h) => void (openHandler = h),
        on: (event, l) => void (listeners[event] = l),
      },
      () => state,
    )
    expect(openHandler!({ url: 'https://popup.example.com/' })).toEqual({ action: 'deny' })
    const prevent = vi.fn()
    listeners['will-navigate']!({ url: 'https://example.com/refreshed', preventDefault: prevent })
    listeners['will-navigate']!({
      url: `${url}#top`,
      isSameDocument: true,
      preventDefault: prevent,
    })
    listeners['will-frame-navigate']!({
      url: 'https://embed.example.com/',
      isMainFrame: false,
      preventDefault: prevent,
    })
    expect(prevent).toHaveBeenCalledTimes(2)
    expect(state.popupsClosed).toBe(1)
    expect(state.blocked).toEqual([
      {
        url: 'https://popup.example.com/',
        resourceType: 'document',
        reason: 'frame or window denied',
      },
      {
        url: 'https://example.com/refreshed',
        resourceType: 'document',
        reason: 'navigation denied',
      },
      {
        url: 'https://embed.example.com/',
        resourceType: 'document',
        reason: 'frame or window denied',
      },
    ])
    expect(resourceTypeOf('xhr')).toBe('fetch')
    expect(resourceTypeOf('made-up')).toBe('other')
  })

  it('opens pages in a sandboxed window with no preload and no Node', async () => {
    const { sweepWindowPreferences, sweepPartition } =
      await import('../../../src/main/a11y-sweep-window')
    const ses = {} as Electron.Session
    const prefs = sweepWindowPreferences(ses)
    expect(prefs).toMatchObject({
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      devTools: false,
    })
    expect(prefs.preload).toBeUndefined()
    expect(sweepPartition()).toMatch(/^a11y-sweep-[0-9a-f-]{36}$/)
    expect(sweepPartition()).not.toBe(sweepPartition())
  })
})

describe('sweep jobs', () => {
  const report = { format: 'evw-a11y-sweep/1' } as SweepReport

  it('reports progress, hands the report over once, and belongs to its window', async () => {
    const jobs = new SweepJobs()
    let finish!: (r: SweepReport) => void
    const id = jobs.start(1, ({ onProgress }) => {
      onProgress({ phase: 'sweeping', done: 1, total: 3 })
      return new Promise((r) => (finish = r))
    })
    expect(jobs.status(1, id)).toEqual({ state: 'running', done: 1, total: 3 })
    expect(jobs.status(2, id)).toEqual({ state: 'failed', message: 'No such sweep.' })
    expect(() => jobs.start(1, () => new Promise(() => undefined))).toThrow(/already running/)
    finish(report)
    await Promise.resolve()
    expect(jobs.status(1, id)).toEqual({ state: 'done', report })
    expect(jobs.status(1, id)).toEqual({ state: 'failed', message: 'No such sweep.' })
  })

  it('cancels through the signal, and reports failures', async () => {
    const jobs = new SweepJobs()
    const id = jobs.start(
      1,
      ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new CancelledError())),
        ),
    )
    jobs.cancel(2, id)
    expect(jobs.status(1, id).state).toBe('running')
    jobs.cancel(1, id)
    await new Promise((r) => setTimeout(r, 0))
    expect(jobs.status(1, id)).toEqual({ state: 'cancelled' })
    const bad = jobs.start(1, async () => {
      throw new Error('Cannot read x.zip')
    })
    await new Promise((r) => setTimeout(r, 0))
    expect(jobs.status(1, bad)).toEqual({ state: 'failed', message: 'Cannot read x.zip' })
  })

  it('checks the sweep channels’ arguments', () => {
    expect(ARGUMENT_CHECKS['a11y:sweep-start'](['files'])).toBe(true)
    expect(ARGUMENT_CHECKS['a11y:sweep-start'](['folder'])).toBe(true)
    expect(ARGUMENT_CHECKS['a11y:sweep-start'](['/etc/passwd'])).toBe(false)
    expect(ARGUMENT_CHECKS['a11y:sweep-start']([])).toBe(false)
    const job = '123e4567-e89b-12d3-a456-426614174000'
    expect(ARGUMENT_CHECKS['a11y:sweep-status']([job])).toBe(true)
    expect(ARGUMENT_CHECKS['a11y:sweep-status']([job, 1])).toBe(false)
    expect(ARGUMENT_CHECKS['a11y:sweep-cancel'](['../x'])).toBe(false)
  })
})
