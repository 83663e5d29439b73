// The desktop app's security decisions as pure functions: the CSP and headers (and that the
// browser server sends the very same), app:// path resolution, the IPC sender check, IPC
// argument checks, the offline request policy, and per-window file handles.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  CONTENT_TYPES,
  isAppUrl,
  isInside,
  resolveAppPath,
} from '../../../src/main/app-url'
import {
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  devContentSecurityPolicy,
  SECURITY_HEADERS,
} from '../../../src/main/csp'
import { OpenFiles } from '../../../src/main/file-handles'
import { ARGUMENT_CHECKS, safeFileName } from '../../../src/main/ipc-arguments'
import { isAllowedRequest } from '../../../src/main/request-policy'
import { isTrustedSender, type SenderFacts } from '../../../src/main/trusted-sender'
import { MAX_READ_BYTES } from '../../../src/core/host/host-api'
import * as web from '../../../scripts/web-app.mjs'

describe('Content-Security-Policy', () => {
  it('is the strict policy, directive by directive', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      [
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
      ].join('; '),
    )
  })

  it('allows nothing inline, evaluated or remote', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|wasm/)
    for (const values of Object.values(CSP_DIRECTIVES)) {
      for (const v of values) expect(["'self'", "'none'", 'data:', 'blob:']).toContain(v)
    }
  })

  it('is sent with companion headers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff')
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer')
  })

  it('is the same in the desktop app and in `npm run web`', () => {
    expect(web.CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY)
    expect(web.SECURITY_HEADERS).toEqual(SECURITY_HEADERS)
    expect(web.CONTENT_TYPES).toEqual(CONTENT_TYPES)
  })

  it('relaxes only what the Vite dev server needs, in dev only', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173')
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain("connect-src 'self' ws://localhost:5173")
    expect(dev).toContain("object-src 'none'")
    expect(dev).not.toContain('unsafe-eval')
  })
})

const ROOT = '/srv/app/out/renderer'

describe('app:// path resolution', () => {
  it('serves files of the renderer folder with their content type', () => {
    expect(resolveAppPath(ROOT, 'app://workbench/')).toEqual({
      ok: true,
      filePath: `${ROOT}/index.html`,
      contentType: 'text/html; charset=utf-8',
    })
    expect(resolveAppPath(ROOT, APP_ENTRY_URL)).toMatchObject({ ok: true })
    expect(resolveAppPath(ROOT, 'app://workbench/assets/index-abc.js?v=1#x')).toEqual({
      ok: true,
      filePath: `${ROOT}/assets/index-abc.js`,
      contentType: 'text/javascript; charset=utf-8',
    })
    expect(resolveAppPath(ROOT, 'app://workbench/assets/a%20b.css')).toMatchObject({
      ok: true,
      filePath: `${ROOT}/assets/a b.css`,
    })
  })

  it.each([
    ['encoded dot segments', 'app://workbench/%2e%2e/%2e%2e/etc/passwd.js'],
    ['encoded slash', 'app://workbench/..%2f..%2fetc%2fpasswd.js'],
    ['encoded backslash', 'app://workbench/..%5c..%5csecret.js'],
    ['NUL byte', 'app://workbench/index.html%00.js'],
    ['control character', 'app://workbench/a%0a.js'],
    ['dot file', 'app://workbench/.env'],
    ['dot folder', 'app://workbench/.git/config.json'],
    ['bad escape', 'app://workbench/%E0%A4%A.js'],
    ['other host', 'app://evil/index.html'],
    ['look-alike host', 'app://workbench.evil/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['http', 'http://workbench/index.html'],
    ['unknown type', 'app://workbench/secrets.pem'],
    ['no type', 'app://workbench/assets/'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppPath(ROOT, url).ok).toBe(false)
  })

  it('refuses plain dot segments too, although the URL parser would fold them', () => {
    expect(resolveAppPath(ROOT, 'app://workbench/assets/../../../../etc/x.js').ok).toBe(false)
    expect(resolveAppPath(ROOT, 'app://workbench/./index.html').ok).toBe(false)
  })

  it('never resolves outside the folder, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom('..', '.', '%2e%2e', '%2e', '%2f', '%5c', '%00', 'a', 'index.html', ''),
            fc.string(),
          ),
          { maxLength: 8 },
        ),
        (parts) => {
          const r = resolveAppPath(ROOT, `app://workbench/${parts.join('/')}`)
          if (r.ok) expect(isInside(ROOT, r.filePath)).toBe(true)
          const w = web.resolveRequestPath(ROOT, `/${parts.join('/')}`)
          if (w.ok) expect(isInside(ROOT, w.filePath)).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('knows its own origin', () => {
    expect(isAppUrl('app://workbench/index.html#/verify')).toBe(true)
    expect(isAppUrl('app://workbench.evil/')).toBe(false)
    expect(isAppUrl('app://user@workbench/')).toBe(false)
  })
})

describe('the static server path resolution (npm run web)', () => {
  it('serves files and refuses traversal the same way', () => {
    expect(web.resolveRequestPath(ROOT, '/')).toMatchObject({ ok: true })
    expect(web.resolveRequestPath(ROOT, '/assets/x.js?y')).toMatchObject({
      ok: true,
      filePath: `${ROOT}/assets/x.js`,
    })
    for (const bad of [
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
      '/.env',
      '/%00.js',
      '/%E0%A4%A',
      '/secrets.pem',
    ]) {
      expect(web.resolveRequestPath(ROOT, bad).ok, bad).toBe(false)
    }
  })
})

describe('IPC sender check', () => {
  const trusted = {
    webContentsIds: new Set([7]),
    origins: new Set(['app://workbench']),
  }
  const facts = (over: Partial<SenderFacts> = {}): SenderFacts => ({
    webContentsId: 7,
    frameUrl: 'app://workbench/index.html#/verify',
    isMainFrame: true,
    ...over,
  })

  it('accepts the top frame of our window on the app origin', () => {
    expect(isTrustedSender(facts(), trusted)).toBe(true)
  })

  it.each<[string, Partial<SenderFacts>]>([
    ['another window', { webContentsId: 8 }],
    ['a subframe', { isMainFrame: false }],
    ['a destroyed frame', { frameUrl: null }],
    ['another app host', { frameUrl: 'app://evil/index.html' }],
    ['a look-alike host', { frameUrl: 'app://workbench.evil/index.html' }],
    ['credentials in the URL', { frameUrl: 'app://workbench@evil/index.html' }],
    ['a web page', { frameUrl: 'https://example.com/' }],
    ['a file page', { frameUrl: 'file:///tmp/x.html' }],
    ['the dev server when not in dev', { frameUrl: 'http://localhost:5173/' }],
    ['garbage', { frameUrl: 'not a url' }],
  ])('refuses %s', (_why, over) => {
    expect(isTrustedSender(facts(over), trusted)).toBe(false)
  })

  it('accepts the dev server only when it is listed', () => {
    const dev = { ...trusted, origins: new Set(['app://workbench', 'http://localhost:5173']) }
    expect(isTrustedSender(facts({ frameUrl: 'http://localhost:5173/' }), dev)).toBe(true)
    expect(isTrustedSender(facts({ frameUrl: 'http://localhost:5174/' }), dev)).toBe(false)
  })
})

describe('IPC argument checks', () => {
  const handle = '0f8fad5b-d9cb-469f-a165-70867728950e'

  it('accept the declared shapes', () => {
    expect(ARGUMENT_CHECKS['app:info']([])).toBe(true)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'bundle' }])).toBe(true)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'keyring', multiple: true }])).toBe(true)
    expect(ARGUMENT_CHECKS['files:read']([handle, 0, 1024])).toBe(true)
    expect(ARGUMENT_CHECKS['files:close']([handle])).toBe(true)
    expect(ARGUMENT_CHECKS['files:save'](['r.json', new Uint8Array(3), 'report'])).toBe(true)
    expect(ARGUMENT_CHECKS['keychain:available']([])).toBe(true)
  })

  it('refuse anything else', () => {
    expect(ARGUMENT_CHECKS['app:info']([1])).toBe(false)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'passwords' }])).toBe(false)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'bundle', defaultPath: '/etc' }])).toBe(false)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'bundle', multiple: 'yes' }])).toBe(false)
    expect(ARGUMENT_CHECKS['files:open']([{ kind: 'toString' }])).toBe(false)
    expect(ARGUMENT_CHECKS['files:read'](['../../etc/passwd', 0, 1])).toBe(false)
    expect(ARGUMENT_CHECKS['files:read']([handle, -1, 1])).toBe(false)
    expect(ARGUMENT_CHECKS['files:read']([handle, 0.5, 1])).toBe(false)
    expect(ARGUMENT_CHECKS['files:read']([handle, 0, MAX_READ_BYTES + 1])).toBe(false)
    expect(ARGUMENT_CHECKS['files:read']([handle, 0])).toBe(false)
    expect(ARGUMENT_CHECKS['files:close']([42])).toBe(false)
    expect(ARGUMENT_CHECKS['files:save'](['r.json', 'text', 'report'])).toBe(false)
    expect(ARGUMENT_CHECKS['files:save'](['', new Uint8Array(1), 'report'])).toBe(false)
    expect(ARGUMENT_CHECKS['files:save'](['r.json', new Uint8Array(1), 'exe'])).toBe(false)
  })

  it('make suggested save names safe base names', () => {
    expect(safeFileName('../../.bashrc', 'x.json')).toBe('.bashrc')
    expect(safeFileName('C:\\Windows\\evil.json', 'x.json')).toBe('evil.json')
    expect(safeFileName('a<b>:c"|?*.json', 'x.json')).toBe('abc.json')
    expect(safeFileName('bell\u0007.json', 'x.json')).toBe('bell.json')
    expect(safeFileName('..', 'x.json')).toBe('x.json')
    expect(safeFileName('   ', 'x.json')).toBe('x.json')
  })
})

describe('offline request policy', () => {
  it('allows only the app origin and local schemes', () => {
    expect(isAllowedRequest('app://workbench/assets/x.js')).toBe(true)
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true)
    expect(isAllowedRequest('blob:app://workbench/1234')).toBe(true)
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true)
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'wss://example.com/',
      'file:///etc/passwd',
      'app://evil/x.js',
      'ftp://example.com/',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false)
    }
  })

  it('allows the dev server and its HMR socket in dev only', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx')).toBe(false)
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(
      true,
    )
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})

describe('per-window file handles', () => {
  let dir: string
  let file: string
  const bytes = new Uint8Array(1000).map((_, i) => i % 251)

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'evw-files-'))
    file = path.join(dir, 'bundle.evb')
    await writeFile(file, bytes)
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('reads ranges for the window that opened the file, and no other', async () => {
    const files = new OpenFiles()
    const opened = await files.open(1, file)
    expect(opened).toMatchObject({ name: 'bundle.evb', size: 1000 })
    expect(await files.read(1, opened.handle, 10, 5)).toEqual(bytes.subarray(10, 15))
    expect(await files.read(1, opened.handle, 990, 100)).toEqual(bytes.subarray(990))
    await expect(files.read(2, opened.handle, 0, 5)).rejects.toThrow('no longer open')
    await expect(files.read(1, opened.handle, 1001, 1)).rejects.toThrow('outside')
    await files.close(2, opened.handle)
    expect(files.count(1)).toBe(1)
    await files.closeAll(1)
    await expect(files.read(1, opened.handle, 0, 1)).rejects.toThrow('no longer open')
  })

  it('refuses folders and caps how many files a window keeps open', async () => {
    const files = new OpenFiles(2)
    await expect(files.open(1, dir)).rejects.toThrow()
    const a = await files.open(1, file)
    await files.open(1, file)
    await files.open(1, file)
    expect(files.count(1)).toBe(2)
    await expect(files.read(1, a.handle, 0, 1)).rejects.toThrow('no longer open')
    await files.closeAll(1)
  })
})
