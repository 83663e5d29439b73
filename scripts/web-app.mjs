// The browser build of the renderer and the tiny static server that serves it, for
// `npm run web` (scripts/web.mjs) and the end-to-end tests (which start it in-process).
// The server sends the same security headers as the desktop app's app:// protocol
// (src/main/csp.ts; test/unit/main/security.test.ts keeps the two equal), binds to loopback
// only, answers GET and HEAD only, checks the Host header, and refuses any path that could
// leave the build folder.
import { createReadStream } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { handleSweepApi, sweepCapability } from './web-sweep.mjs'

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
export const WEB_OUT_DIR = path.join(REPO_ROOT, 'out', 'web')
export const DEFAULT_PORT = 5174

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), display-capture=()',
}

export const CONTENT_TYPES = {
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

/** Builds the renderer for browsers into `outDir` (default out/web). */
export async function buildWebApp({ outDir = WEB_OUT_DIR, quiet = false } = {}) {
  const [{ build }, { default: react }] = await Promise.all([
    import('vite'),
    import('@vitejs/plugin-react'),
  ])
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'))
  const config = {
    configFile: false,
    root: path.join(REPO_ROOT, 'src', 'renderer'),
    base: './',
    mode: 'production',
    logLevel: quiet ? 'warn' : 'info',
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2048,
      modulePreload: { polyfill: false },
    },
  }
  // A production bundle even when called from a test runner (vitest sets NODE_ENV=test,
  // which would otherwise give React's development build).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build(config)
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

const hasControlCharacter = (s) =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

/**
 * Maps a request path (`/assets/x.js?v=1`) to a file inside `root`, or an HTTP status.
 * Refused: undecodable escapes, backslashes, control characters, `.`/`..`/dot-file segments
 * (also percent-encoded), anything resolving outside `root`, and unknown file types.
 */
export function resolveRequestPath(root, requestPath) {
  let pathname
  try {
    pathname = decodeURIComponent(new URL(requestPath, 'http://localhost').pathname)
  } catch {
    return { ok: false, status: 400 }
  }
  // The URL parser already folds plain `..`; look at the raw path too so `/%2e%2e/` and
  // `/..%2f` are refused rather than silently folded.
  let raw
  try {
    raw = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '')
  } catch {
    return { ok: false, status: 400 }
  }
  for (const p of [pathname, raw]) {
    if (p.includes('\\') || hasControlCharacter(p)) return { ok: false, status: 400 }
    if (p.split('/').some((s) => s.startsWith('.'))) return { ok: false, status: 404 }
  }
  const segments = pathname.split('/').filter((s) => s !== '')
  if (segments.length === 0) segments.push('index.html')
  const base = path.resolve(root)
  const filePath = path.resolve(base, ...segments)
  const rel = path.relative(base, filePath)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, status: 404 }
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()]
  if (!contentType) return { ok: false, status: 404 }
  return { ok: true, filePath, contentType }
}

const isInside = (root, candidate) => {
  const rel = path.relative(root, candidate)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

/**
 * Serves `root` on http://127.0.0.1:<port>/ (port 0 picks a free one). Resolves once
 * listening with the URL and a close() function.
 */
export async function startStaticServer({
  root = WEB_OUT_DIR,
  port = DEFAULT_PORT,
  host = '127.0.0.1',
  // The accessibility sweep endpoint (scripts/web-sweep.mjs): on when the CLI and Chromium are
  // here; pass { available: false, reason } to turn it off.
  sweep = sweepCapability(),
} = {}) {
  const realRoot = await realpath(root)
  const sweepState = { busy: false }
  let boundPort = port
  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`)
    }
    try {
      // DNS-rebinding defence: only loopback names may address this server.
      if (!LOOPBACK_HOSTS.map((h) => `${h}:${boundPort}`).includes(req.headers.host ?? ''))
        return send(403, 'Forbidden host')
      if ((req.url ?? '').startsWith('/api/')) {
        const api = { headers: SECURITY_HEADERS, send, capability: sweep, state: sweepState }
        if (!(await handleSweepApi(req, res, api))) send(404, 'Not found')
        return
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD')
        return send(405, 'Method not allowed')
      }
      // DNS-rebinding defence: only loopback names may address this server.
      const allowedHosts = LOOPBACK_HOSTS.map((h) => `${h}:${boundPort}`)
      if (!allowedHosts.includes(req.headers.host ?? '')) return send(403, 'Forbidden host')
      const resolved = resolveRequestPath(realRoot, req.url ?? '/')
      if (!resolved.ok)
        return send(resolved.status, resolved.status === 400 ? 'Bad request' : 'Not found')
      let real
      try {
        real = await realpath(resolved.filePath)
      } catch {
        return send(404, 'Not found')
      }
      if (!isInside(realRoot, real)) return send(404, 'Not found')
      const info = await stat(real)
      if (!info.isFile()) return send(404, 'Not found')
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': resolved.contentType,
        'Content-Length': String(info.size),
        'Cache-Control': 'no-cache',
      })
      if (req.method === 'HEAD') return res.end()
      createReadStream(real)
        .on('error', () => res.destroy())
        .pipe(res)
    } catch {
      if (!res.headersSent) send(500, 'Internal error')
      else res.destroy()
    }
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  boundPort = typeof address === 'object' && address ? address.port : port
  const url = `http://${host}:${boundPort}/`
  return {
    url,
    port: boundPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve(undefined))
      }),
  }
}
