// Which requests a session may make. The workbench is offline: its pages load only from the
// app:// origin (plus the Vite dev server during `npm run dev`), and everything else — http,
// https, ws, file, ftp — is cancelled. Pure function, unit-tested.
import { APP_ORIGIN, schemeAndHost } from './app-url'

/** Schemes that never leave the process: inline images, object URLs, the devtools UI. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:'])

export function isAllowedRequest(url: string, devOrigin?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (LOCAL_SCHEMES.has(u.protocol)) return true
  const origin = schemeAndHost(url)
  if (origin === APP_ORIGIN) return true
  if (devOrigin !== undefined) {
    const dev = schemeAndHost(devOrigin)
    if (dev !== undefined && (origin === dev || origin === dev.replace(/^http/, 'ws'))) return true
  }
  return false
}
