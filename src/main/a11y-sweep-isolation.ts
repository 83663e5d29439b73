// The desktop sweep's isolation, wired to Electron's session and webContents APIs: the same
// decisions as the CLI's (src/core/a11y/sweep-policy.ts), applied through session.protocol
// (the input's files), session.webRequest (every other request cancelled and listed),
// will-navigate and the window-open handler (denied and listed), and deny-all permission and
// download handlers. Takes the session and webContents as narrow interfaces, with no runtime
// import of electron, so the unit tests drive it with fakes.
import type { BlockedRequest, SweptFile } from '../core/a11y/sweep-report'
import {
  NOT_A_FILE_OF_THE_INPUT,
  SweepRequestPolicy,
  sweepResponseHeaders,
} from '../core/a11y/sweep-policy'

/** The Chromium resource type names the CLI reports (Playwright's), from Electron's. */
const RESOURCE_TYPES: Record<string, string> = {
  mainFrame: 'document',
  subFrame: 'document',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  xhr: 'fetch',
  webSocket: 'websocket',
  object: 'other',
  ping: 'other',
  cspReport: 'other',
  other: 'other',
}

export const resourceTypeOf = (electronType: string): string =>
  RESOURCE_TYPES[electronType] ?? 'other'

/** What one page's sweep records while it loads. */
export interface SweepPageState {
  policy: SweepRequestPolicy
  /** The webContents id of the swept page's own window. */
  contentsId: number
  /** Reads a file of the input (undefined: missing, outside the input, or too large). */
  read(path: string): Promise<Uint8Array | undefined>
  /** The swept page's own path (its bytes are not listed as an asset). */
  path: string
  blocked: BlockedRequest[]
  assets: Map<string, SweptFile>
  popupsClosed: number
  sha256(bytes: Uint8Array): string
}

interface BeforeRequestDetails {
  url: string
  method: string
  resourceType: string
  webContentsId?: number
}

/** The parts of an Electron Session the isolation uses. */
export interface SweepSessionLike {
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void }
  webRequest: {
    onBeforeRequest(
      listener: (
        details: BeforeRequestDetails,
        callback: (response: { cancel?: boolean }) => void,
      ) => void,
    ): void
  }
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
  setDevicePermissionHandler(handler: () => boolean): void
  setDisplayMediaRequestHandler(
    handler: (request: unknown, callback: (s: null) => void) => void,
  ): void
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): void
}

/**
 * Makes `session` a sweep session: nothing but the current page's input is served, and every
 * refusal is listed in that page's state. `current()` is the page being swept (a sweep session
 * sweeps its pages one at a time); with no page under way every request is cancelled.
 */
export function isolateSweepSession(
  session: SweepSessionLike,
  current: () => SweepPageState | undefined,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null))
  session.on('will-download', (event) => event.preventDefault())

  session.webRequest.onBeforeRequest((details, callback) => {
    const state = current()
    if (!state) return callback({ cancel: true })
    const navigation = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame'
    const decision = state.policy.decide({
      url: details.url,
      method: details.method,
      navigation,
      topFrame: details.resourceType === 'mainFrame' && details.webContentsId === state.contentsId,
    })
    if (decision.action === 'serve') return callback({ cancel: false })
    state.blocked.push({
      url: details.url,
      resourceType: resourceTypeOf(details.resourceType),
      reason: decision.reason,
    })
    callback({ cancel: true })
  })

  // The input's files, on the page's made-up http origin. webRequest has already refused every
  // other origin and method; this decides again (and lists what it refuses) before reading.
  session.protocol.handle('http', async (request) => {
    const state = current()
    const refuse = () =>
      new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } })
    if (!state) return refuse()
    const resourceType = request.destination ? request.destination : 'other'
    const decision = state.policy.decide({
      url: request.url,
      method: request.method,
      navigation: false,
      topFrame: false,
    })
    if (decision.action !== 'serve') {
      state.blocked.push({ url: request.url, resourceType, reason: decision.reason })
      return refuse()
    }
    const rel = decision.path
    const bytes = await state.read(rel)
    if (!bytes) {
      state.blocked.push({ url: request.url, resourceType, reason: NOT_A_FILE_OF_THE_INPUT })
      return refuse()
    }
    if (rel !== state.path)
      state.assets.set(rel, { path: rel, sha256: state.sha256(bytes), bytes: bytes.length })
    return new Response(bytes.slice(), { status: 200, headers: sweepResponseHeaders(rel) })
  })
}

/** The parts of a webContents the isolation uses. */
export interface SweepContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (event: {
      url: string
      isSameDocument?: boolean
      isMainFrame?: boolean
      preventDefault(): void
    }) => void,
  ): void
}

/**
 * Denies and lists every navigation the swept page starts (links, meta refresh, forms, frames)
 * and every window it tries to open. Loads started by main (the page itself) are not affected.
 */
export function isolateSweepContents(
  contents: SweepContentsLike,
  state: () => SweepPageState | undefined,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    const s = state()
    if (s) {
      s.popupsClosed++
      s.blocked.push({ url, resourceType: 'document', reason: 'frame or window denied' })
    }
    return { action: 'deny' }
  })
  const deny =
    (kind: 'top' | 'frame' | 'redirect') =>
    (event: {
      url: string
      isSameDocument?: boolean
      isMainFrame?: boolean
      preventDefault(): void
    }) => {
      if (event.isSameDocument) return
      if (kind === 'frame' && event.isMainFrame !== false) return
      event.preventDefault()
      state()?.blocked.push({
        url: event.url,
        resourceType: 'document',
        reason: kind === 'frame' ? 'frame or window denied' : 'navigation denied',
      })
    }
  contents.on('will-navigate', deny('top'))
  contents.on('will-frame-navigate', deny('frame'))
  contents.on('will-redirect', deny('redirect'))
}
