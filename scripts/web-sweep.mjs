// The local web server's accessibility sweep (`npm run web`): the browser cannot isolate an
// untrusted page itself, so the page posts the chosen files here and this server runs the
// built CLI, `evw a11y` (out/cli/evw.mjs), on them: the same sweep, the same isolation (headless
// Chromium, a made-up origin per input, a CSP header that blocks scripts, every other request
// cancelled and listed) and the same report. docs/a11y-sweep.md, "How the app sweeps".
//
//   GET  /api/capabilities   {"a11ySweep":{"available":true}} or {available:false, reason}
//   POST /api/a11y/sweep     body: the files, one after another; X-Evw-Files: the JSON list
//                            of {path, size} in the same order, URI-encoded. Answers NDJSON: progress lines,
//                            then one report (or error) line. Closing the request cancels.
//
// Only the page this server serves may call it: the server binds to loopback and checks Host
// (startStaticServer), and a POST must carry this server's own Origin, Sec-Fetch-Site
// same-origin where the browser sends it, and a custom header (so a cross-site form or fetch
// cannot send one without a CORS preflight, which is never granted). Uploads are bounded; zips
// are read by the CLI's bundle reader with its limits. One sweep at a time.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const SWEEP_LIMITS = {
  /** Total bytes of one upload. */
  maxUploadBytes: 256 * 1024 * 1024,
  maxFiles: 2000,
  maxPathLength: 400,
}

const DEFAULT_CHROMIUM = '/usr/bin/chromium'

const hasControlCharacter = (s) =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

/** A relative file path the browser sent, checked: forward slashes, no dot segments, no drive. */
export function safeUploadPath(p) {
  if (typeof p !== 'string' || p.length === 0 || p.length > SWEEP_LIMITS.maxPathLength) return false
  if (p.includes('\\') || p.includes(':') || hasControlCharacter(p)) return false
  const segments = p.split('/')
  return segments.every((s) => s !== '' && !s.startsWith('.'))
}

/** Parses and checks the X-Evw-Files header against the body length. */
export function parseFileList(header, contentLength) {
  let list
  try {
    list = JSON.parse(decodeURIComponent(header ?? ''))
  } catch {
    return { error: 'The X-Evw-Files header is not JSON.' }
  }
  if (!Array.isArray(list) || list.length === 0) return { error: 'No files were sent.' }
  if (list.length > SWEEP_LIMITS.maxFiles)
    return { error: `At most ${SWEEP_LIMITS.maxFiles} files can be swept at once.` }
  const seen = new Set()
  let total = 0
  for (const f of list) {
    if (typeof f !== 'object' || f === null || !safeUploadPath(f.path))
      return { error: `Not an acceptable file name: ${JSON.stringify(f?.path)}.` }
    if (!Number.isSafeInteger(f.size) || f.size < 0) return { error: `Bad size for ${f.path}.` }
    const key = f.path.toLowerCase()
    if (seen.has(key)) return { error: `${f.path} was sent twice.` }
    seen.add(key)
    total += f.size
  }
  if (total > SWEEP_LIMITS.maxUploadBytes)
    return {
      error: `The files come to more than ${SWEEP_LIMITS.maxUploadBytes / 1024 / 1024} MiB; sweep fewer at a time or use evw a11y.`,
    }
  if (total !== contentLength) return { error: 'The body does not match the file list.' }
  return { files: list.map((f) => ({ path: f.path, size: f.size })) }
}

/**
 * Which CLI inputs the uploaded files make: each zip is an input of its own; the other files
 * (pages with their CSS, images and fonts, with their folders) make one folder input.
 */
export function sweepInputs(files) {
  const zips = files.filter((f) => /\.zip$/i.test(f.path) && !f.path.includes('/'))
  const rest = files.filter((f) => !zips.includes(f))
  const inputs = zips.map((f) => ({ kind: 'zip', path: f.path }))
  if (rest.some((f) => /\.html?$/i.test(f.path))) inputs.push({ kind: 'folder', path: 'pages' })
  return inputs
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export function sweepCapability({
  cli = path.join(ROOT, 'bin', 'evw.js'),
  chromium = process.env.EVW_CHROMIUM || DEFAULT_CHROMIUM,
} = {}) {
  if (!existsSync(cli) || !existsSync(path.join(ROOT, 'out', 'cli', 'evw.mjs')))
    return { available: false, reason: 'The command-line tool is not built (npm run build:cli).' }
  if (!existsSync(chromium))
    return {
      available: false,
      reason: `No Chromium at ${chromium}; install it or set EVW_CHROMIUM, then restart npm run web.`,
    }
  return { available: true, cli, chromium }
}

/** Reads the whole request body, refusing more than `max` bytes. */
function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let n = 0
    req.on('data', (c) => {
      n += c.length
      if (n > max) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Whether a POST comes from the page this server serves (see the header comment). */
export function isSameOriginPost(headers) {
  const host = headers.host ?? ''
  if (headers.origin !== `http://${host}`) return false
  const site = headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') return false
  return typeof headers['x-evw-files'] === 'string'
}

/**
 * Handles /api/… requests; returns false for any other path. `send(status, text)` answers with
 * the server's security headers; `headers` are those headers.
 */
export async function handleSweepApi(req, res, { headers, send, capability, state }) {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/api/capabilities') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'Method not allowed')
      return true
    }
    const body = JSON.stringify({
      a11ySweep: capability.available
        ? { available: true }
        : { available: false, reason: capability.reason },
    })
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
  if (url.pathname !== '/api/a11y/sweep') return false
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    send(405, 'Method not allowed')
    return true
  }
  if (!isSameOriginPost(req.headers)) {
    send(403, 'Forbidden: only the workbench page served here may start a sweep')
    return true
  }
  if (!capability.available) {
    send(503, capability.reason)
    return true
  }
  if ((req.headers['content-type'] ?? '') !== 'application/octet-stream') {
    send(415, 'Send the files as application/octet-stream')
    return true
  }
  const length = Number(req.headers['content-length'])
  if (!Number.isSafeInteger(length) || length < 0) {
    send(411, 'Content-Length required')
    return true
  }
  if (length > SWEEP_LIMITS.maxUploadBytes) {
    send(413, 'Too large')
    return true
  }
  const listed = parseFileList(req.headers['x-evw-files'], length)
  if (listed.error) {
    send(400, listed.error)
    return true
  }
  if (state.busy) {
    send(429, 'A sweep is already running; wait for it to finish.')
    return true
  }
  state.busy = true
  let dir
  try {
    const body = await readBody(req, length)
    if (body.length !== length) {
      send(400, 'The body was cut short.')
      return true
    }
    dir = await mkdtemp(path.join(tmpdir(), 'evw-web-sweep-'))
    const pagesDir = path.join(dir, 'pages')
    await mkdir(pagesDir)
    const inputs = sweepInputs(listed.files)
    if (inputs.length === 0) {
      send(400, 'Choose at least one .html page or a .zip of pages.')
      return true
    }
    let offset = 0
    for (const f of listed.files) {
      const bytes = body.subarray(offset, offset + f.size)
      offset += f.size
      const isZipInput = inputs.some((i) => i.kind === 'zip' && i.path === f.path)
      const target = path.resolve(isZipInput ? dir : pagesDir, ...f.path.split('/'))
      const rel = path.relative(dir, target)
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('path outside the folder')
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, bytes, { flag: 'wx' })
    }
    await runSweep(req, res, { headers, capability, dir, inputs })
  } catch (e) {
    if (!res.headersSent) send(400, `The sweep could not start: ${e.message}`)
    else res.destroy()
  } finally {
    state.busy = false
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
  return true
}

async function runSweep(req, res, { headers, capability, dir, inputs }) {
  const reportPath = path.join(dir, 'report.json')
  const args = [
    capability.cli,
    'a11y',
    ...inputs.map((i) => path.join(dir, i.path)),
    '--out',
    reportPath,
    '--progress',
    '--chromium',
    capability.chromium,
  ]
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  const line = (o) => res.write(`${JSON.stringify(o)}\n`)
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text) => {
    stderr += text
    for (const m of text.matchAll(/sweeping: (\d+) of (\d+)/g))
      line({ type: 'progress', done: Number(m[1]), total: Number(m[2]) })
  })
  let cancelled = false
  // The page aborted its fetch (Cancel): stop the sweep as Ctrl+C would.
  const onClose = () => {
    if (child.exitCode !== null) return
    cancelled = true
    child.kill('SIGINT')
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5_000).unref()
  }
  res.on('close', onClose)
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)))
  res.off('close', onClose)
  if (cancelled) return res.destroy()
  // Exit 0: no violation, 1: violations (or an error: then there is no report), 2: bad input.
  if ((code === 0 || code === 1) && existsSync(reportPath)) {
    const report = JSON.parse(await readFile(reportPath, 'utf8'))
    // Name the inputs as the user knows them, not by this server's temporary folder.
    for (const [i, input] of (report.inputs ?? []).entries()) {
      const ours = inputs[i]
      if (ours) input.path = ours.kind === 'zip' ? ours.path : 'chosen files'
    }
    line({ type: 'report', report })
  } else {
    const message = stderr
      .split('\n')
      .filter((l) => l && !/^sweeping: /.test(l))
      .join(' ')
      .replace(/^evw: /, '')
    line({ type: 'error', message: message || `evw a11y exited with ${code}` })
  }
  res.end()
}
