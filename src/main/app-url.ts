// The app:// origin and how its URLs map to files of the built renderer. Pure functions (only
// node:path), unit-tested: anything that could leave the renderer folder is refused.
import path from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'workbench'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Content types the protocol serves; any other extension is refused. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export type AppPathResult =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string }

const refuse = (status: 400 | 404, reason: string): AppPathResult => ({ ok: false, status, reason })

/**
 * `scheme://host` of a URL, or undefined. (WHATWG `origin` is "null" for non-special schemes
 * such as app:, so it cannot be used to compare app:// origins.)
 */
export function schemeAndHost(url: string): string | undefined {
  try {
    const u = new URL(url)
    if (u.username || u.password) return undefined
    return `${u.protocol}//${u.host}`
  } catch {
    return undefined
  }
}

/** Whether a URL is on the app:// origin. */
export const isAppUrl = (url: string): boolean => schemeAndHost(url) === APP_ORIGIN

const hasControlCharacter = (s: string): boolean =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

/**
 * Maps an app:// request URL to a file inside `rootDir`. Refused: other schemes or hosts,
 * undecodable escapes, backslashes, NUL, `.` / `..` / dot-file segments (also when
 * percent-encoded), and any path that would resolve outside `rootDir`. `/` serves index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResult {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return refuse(400, 'not a URL')
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return refuse(404, 'not an app:// URL of this app')
  }
  // The URL parser folds `..` and `%2e%2e` segments; look at the raw path as well so such a
  // request is refused rather than silently folded.
  const rawPath = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? ''
  let decoded: string
  let decodedRaw: string
  try {
    decoded = decodeURIComponent(url.pathname)
    decodedRaw = decodeURIComponent(rawPath)
  } catch {
    return refuse(400, 'malformed percent-encoding')
  }
  for (const p of [decoded, decodedRaw]) {
    if (p.includes('\\') || hasControlCharacter(p)) {
      return refuse(400, 'forbidden character in path')
    }
    if (p.split('/').some((s) => s.startsWith('.'))) {
      return refuse(404, 'dot segment or hidden file')
    }
  }
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.length === 0) segments.push('index.html')
  const root = path.resolve(rootDir)
  const filePath = path.resolve(root, ...segments)
  const rel = path.relative(root, filePath)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return refuse(404, 'outside the app folder')
  }
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()]
  if (!contentType) return refuse(404, 'unsupported file type')
  return { ok: true, filePath, contentType }
}

/** Whether `candidate` (a resolved real path) lies inside `root` (a resolved real path). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}
