// Electron security checklist, applied to every session and every webContents the app ever
// creates (see docs/security.md for the item-by-item account).
import type { Session, WebContents } from 'electron'
import { devContentSecurityPolicy } from './csp'
import { isAllowedRequest } from './request-policy'

/**
 * The webPreferences every window of the app shares, the main window and the accessibility
 * sweep's hidden windows alike: sandboxed, context-isolated, no Node anywhere, web security on,
 * no webview, no navigation by drag and drop.
 */
export const LOCKED_DOWN_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies Electron.WebPreferences

/** Deny-by-default permissions, no network, no downloads, no device pickers. */
export function hardenSession(session: Session, devOrigin?: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null))
  if (process.platform !== 'darwin') {
    session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }))
  }
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault()
    callback('')
  })
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('will-download', (event) => event.preventDefault())
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, devOrigin)
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`)
    callback({ cancel: !allowed })
  })
  if (devOrigin !== undefined) {
    // Dev only: the Vite server sends no CSP of its own; give it the dev policy.
    const csp = devContentSecurityPolicy(devOrigin)
    session.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders, 'Content-Security-Policy': [csp] }
      callback({ responseHeaders: headers })
    })
  }
}

/** No navigation, no new windows, no webviews, in any webContents. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] blocked window.open(${url})`)
    return { action: 'deny' }
  })
  // In-page (hash) navigation is not a navigation; every document change started by page
  // content is refused. loadURL from main is not affected.
  contents.on('will-navigate', (event) => {
    if (event.isSameDocument) return
    console.warn(`[security] blocked navigation to ${event.url}`)
    event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isSameDocument) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
}
