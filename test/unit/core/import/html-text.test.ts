import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToText, singleLine } from '../../../../src/core/import/html-text'

describe('htmlToText', () => {
  it('keeps paragraphs, line breaks and lists as plain text', () => {
    const r = htmlToText(
      '<p>First <strong>bold</strong> and <em>italic</em>.</p><p>Second<br/>line</p><ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul><p>After</p>',
    )
    expect(r.text).toBe(
      'First bold and italic.\n\nSecond\nline\n\n- one\n- two\n  1. a\n  2. b\n\nAfter',
    )
    expect(r.dropped).toEqual([])
  })

  it('collapses HTML whitespace but keeps plain text line breaks', () => {
    expect(htmlToText('<span>a\n   b</span>').text).toBe('a b')
    expect(htmlToText('line one\nline two &amp; more').text).toBe('line one\nline two & more')
  })

  it('drops scripts, styles, event handlers and remote content, and reports each', () => {
    const r = htmlToText(
      '<p onclick="steal()" style="color:red">Hi<script>alert(1)</script></p><img src="https://t.example/p.gif" onerror="x()"><style>p{}</style><iframe src="https://e.example"></iframe><a href="javascript:alert(1)">link</a>',
    )
    expect(r.text).toBe('Hi\n\nlink')
    expect(r.text).not.toMatch(/alert|steal|https/)
    const kinds = r.dropped.map((d) => `${d.kind}:${d.what}`)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'event-handler:onclick',
        'event-handler:onerror',
        'script:<script>',
        'remote-content:<img>',
        'style:<style>',
        'embedded-content:<iframe>',
        'unsafe-link:<a href>',
      ]),
    )
    expect(r.dropped.find((d) => d.what === '<img>')?.sample).toBe('https://t.example/p.gif')
    expect(r.formattingIgnored).toBe(true)
  })

  it('keeps web link targets as text and image alt text', () => {
    expect(htmlToText('<a href="https://cnil.fr/pia">the method</a>').text).toBe(
      'the method (https://cnil.fr/pia)',
    )
    expect(htmlToText('<img src="x.png" alt="Flow">').text).toBe('[image: Flow]')
  })

  it('survives unclosed and malformed markup', () => {
    expect(htmlToText('<p>open <b>bold <script>never closed').text).toBe('open bold')
    expect(htmlToText('a < b and c > d').text).toBe('a < b and c > d')
    expect(htmlToText('<p title="a>b">x</p>').text).toBe('x')
  })

  it('renders tables as rows of cells', () => {
    expect(
      htmlToText('<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>').text,
    ).toBe('A | B\n1 | 2')
  })
})

describe('decodeEntities and singleLine', () => {
  it('decodes named, decimal and hex references; leaves unknown ones', () => {
    expect(decodeEntities('&eacute;t&eacute; &#233; &#xE9; &laquo;x&raquo; &bogus; &#0;')).toBe(
      'été é é «x» &bogus; \ufffd',
    )
  })
  it('joins lines and drops list markers', () => {
    expect(singleLine('- a\n- b\n\n1. c')).toBe('a; b; c')
  })
})
