// The local web server's sweep endpoint rules: who may call it, which uploads it takes, and
// how the uploaded files become the CLI's inputs. The e2e suite drives the endpoint itself
// (test/e2e/a11y-app-sweep.e2e.test.ts).
import { describe, expect, it } from 'vitest'
import {
  isSameOriginPost,
  parseFileList,
  safeUploadPath,
  SWEEP_LIMITS,
  sweepCapability,
  sweepInputs,
} from '../../../scripts/web-sweep.mjs'

const header = (list: unknown) => encodeURIComponent(JSON.stringify(list))

describe('web sweep endpoint', () => {
  it('takes only the page’s own same-origin POSTs with the custom header', () => {
    const ok = { host: '127.0.0.1:5174', origin: 'http://127.0.0.1:5174', 'x-evw-files': '[]' }
    expect(isSameOriginPost(ok)).toBe(true)
    expect(isSameOriginPost({ ...ok, 'sec-fetch-site': 'same-origin' })).toBe(true)
    expect(isSameOriginPost({ ...ok, 'sec-fetch-site': 'same-site' })).toBe(false)
    expect(isSameOriginPost({ ...ok, origin: 'http://localhost:5174' })).toBe(false)
    expect(isSameOriginPost({ ...ok, origin: undefined })).toBe(false)
    expect(isSameOriginPost({ ...ok, origin: 'null' })).toBe(false)
    expect(isSameOriginPost({ ...ok, 'x-evw-files': undefined })).toBe(false)
  })

  it('refuses unsafe names, duplicates, oversize uploads and a body that does not match', () => {
    for (const bad of [
      '../a.html',
      '/etc/passwd',
      'a\\b.html',
      '.hidden',
      'a//b',
      'c:x',
      'a\u0000',
    ])
      expect(safeUploadPath(bad), bad).toBe(false)
    expect(safeUploadPath('css/card.css')).toBe(true)
    expect(parseFileList(header([{ path: 'a.html', size: 3 }]), 3)).toEqual({
      files: [{ path: 'a.html', size: 3 }],
    })
    expect(parseFileList(header([{ path: 'a.html', size: 3 }]), 4).error).toMatch(/does not match/)
    expect(parseFileList(header([]), 0).error).toMatch(/No files/)
    expect(parseFileList('%7B', 0).error).toMatch(/not JSON/)
    expect(
      parseFileList(
        header([
          { path: 'A.html', size: 1 },
          { path: 'a.html', size: 1 },
        ]),
        2,
      ).error,
    ).toMatch(/twice/)
    const big = SWEEP_LIMITS.maxUploadBytes + 1
    expect(parseFileList(header([{ path: 'a.zip', size: big }]), big).error).toMatch(/MiB/)
    expect(parseFileList(header([{ path: 'a.html', size: -1 }]), -1).error).toMatch(/Bad size/)
  })

  it('makes each zip an input and the pages with their assets one folder', () => {
    expect(
      sweepInputs([
        { path: 'site.zip', size: 1 },
        { path: 'index.html', size: 1 },
        { path: 'css/card.css', size: 1 },
      ]),
    ).toEqual([
      { kind: 'zip', path: 'site.zip' },
      { kind: 'folder', path: 'pages' },
    ])
    expect(sweepInputs([{ path: 'card.css', size: 1 }])).toEqual([])
  })

  it('is offered only where the CLI and Chromium are', () => {
    expect(sweepCapability({ chromium: '/no/such/chromium' })).toMatchObject({
      available: false,
      reason: expect.stringMatching(/No Chromium/),
    })
    expect(sweepCapability({ cli: '/no/such/evw.js' })).toMatchObject({ available: false })
  })
})
