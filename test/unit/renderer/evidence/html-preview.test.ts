// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import {
  PREVIEW_DOCUMENT_CSP,
  sanitizePreviewHtml,
} from '../../../../src/renderer/evidence/html-preview'

const hostile = `<html><head><title>Notes</title><link rel=stylesheet href="https://evil.example/x.css">
<style>body{background:url(https://evil.example/bg)}</style><base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/r"></head><body>
<p id="p" style="color:red" onclick="alert(1)">Text</p><script>fetch('https://evil.example/s')</script>
<img src="https://evil.example/i.png" alt="remote"><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<img/src=x/onerror=alert(1)><a href="javascript:alert(1)">js</a><a href="#top">ok</a>
<a href="//evil.example">proto-relative</a><svg><image href="https://evil.example/s.png"/></svg>
<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=x></form>
<img srcset="https://evil.example/1x.png 1x" alt="srcset"></body></html>`

describe('HTML preview sanitising', () => {
  const { document: doc, removed } = sanitizePreviewHtml(hostile)
  const body = doc.slice(doc.indexOf('<body>'))

  it('keeps the text and the safe parts', () => {
    expect(body).toContain('Text')
    expect(body).toContain('src="data:image/png;base64,iVBORw0KGgo="')
    expect(body).toContain('href="#top"')
    expect(doc).toContain(`content="${PREVIEW_DOCUMENT_CSP}"`)
    expect(doc).toContain('<title>Notes</title>')
  })

  it('removes scripts, handlers, styles, frames, forms and every external URL', () => {
    expect(body).not.toMatch(
      /<script|onclick|onerror|style|<iframe|<form|<input|<link|<base|<meta/i,
    )
    expect(body).not.toContain('evil.example')
    expect(body).not.toContain('javascript:')
    expect(removed.script).toBe(1)
    expect(removed['event handler']).toBe(2)
  })
})
