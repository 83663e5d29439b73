// Untrusted HTML (answers written in CNIL's PIA editor) to plain text with plain formatting:
// paragraphs, line breaks, lists as "- " / "1. ", table rows as "a | b". Nothing is ever emitted
// as HTML, so the worst a malformed document can do is produce odd text. Scripts, styles,
// embedded or remote content (img, iframe, object, link …), event handlers and non-web link
// targets are dropped, and every kind of dropped part is reported so an import can list it.
// A small tokenizer is enough for this subset and keeps the core free of a DOM.

/** One kind of content left out of the text, with how often and a short sample. */
export interface DroppedHtml {
  kind:
    | 'script'
    | 'style'
    | 'event-handler'
    | 'remote-content'
    | 'embedded-content'
    | 'form-control'
    | 'unsafe-link'
    | 'comment'
  /** The tag or attribute, e.g. `<img>`, `onerror`, `<style>`. */
  what: string
  /** A short sample: the URL of remote content, the start of a script. */
  sample?: string
}

export interface HtmlTextResult {
  text: string
  dropped: DroppedHtml[]
  /** True when inline formatting (fonts, colours, inline styles) was present and not kept. */
  formattingIgnored: boolean
}

// Elements whose content is not text for a reader and is dropped whole.
const DROP_WITH_CONTENT: Record<string, DroppedHtml['kind']> = {
  script: 'script',
  style: 'style',
  noscript: 'script',
  template: 'script',
  iframe: 'embedded-content',
  frame: 'embedded-content',
  frameset: 'embedded-content',
  object: 'embedded-content',
  embed: 'embedded-content',
  applet: 'embedded-content',
  svg: 'embedded-content',
  math: 'embedded-content',
  video: 'remote-content',
  audio: 'remote-content',
  canvas: 'embedded-content',
  select: 'form-control',
  textarea: 'form-control',
  button: 'form-control',
  title: 'embedded-content',
  head: 'embedded-content',
}

// Void or empty elements that are dropped (with their attributes).
const DROP_VOID: Record<string, DroppedHtml['kind']> = {
  img: 'remote-content',
  image: 'remote-content',
  source: 'remote-content',
  track: 'remote-content',
  picture: 'remote-content',
  link: 'remote-content',
  meta: 'embedded-content',
  base: 'embedded-content',
  input: 'form-control',
  param: 'embedded-content',
}

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'nav',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'figure',
  'figcaption',
  'address',
  'hr',
  'form',
  'fieldset',
])
const LINE = new Set(['li', 'tr', 'dt', 'dd', 'caption'])
const VOID = new Set(['br', 'hr', 'wbr', 'col', 'area', ...Object.keys(DROP_VOID)])
const FORMATTING = new Set(['font', 'center', 'big', 'small', 'span'])

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  hellip: '…',
  bull: '•',
  middot: '·',
  euro: '€',
  trade: '™',
  copy: '©',
  reg: '®',
  deg: '°',
  laquo: '«',
  raquo: '»',
  oelig: 'œ',
  OElig: 'Œ',
  times: '×',
  divide: '÷',
  sect: '§',
  para: '¶',
  iexcl: '¡',
  iquest: '¿',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  zwnj: '',
  zwj: '',
}
// Latin-1 letters by their HTML names: agrave → à, Eacute → É, ccedil → ç …
const ACCENTS: Record<string, string> = {
  grave: '\u0300',
  acute: '\u0301',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030a',
  cedil: '\u0327',
}
const LIGATURES: Record<string, string> = {
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  eth: 'ð',
  ETH: 'Ð',
  thorn: 'þ',
  THORN: 'Þ',
}

function decodeNamed(name: string): string | undefined {
  if (Object.hasOwn(NAMED, name)) return NAMED[name]
  if (Object.hasOwn(LIGATURES, name)) return LIGATURES[name]
  const m = /^([A-Za-z])(grave|acute|circ|tilde|uml|ring|cedil)$/.exec(name)
  if (m?.[1] && m[2]) return (m[1] + ACCENTS[m[2]]).normalize('NFC')
  return undefined
}

/** Decodes character references; unknown named ones stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g,
    (all, ref) => {
      const r = String(ref)
      if (r.startsWith('#')) {
        const code =
          r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10)
        if (!Number.isFinite(code) || code === 0 || code > 0x10ffff) return '\ufffd'
        if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'
        return String.fromCodePoint(code)
      }
      return decodeNamed(r) ?? all
    },
  )
}

interface Tag {
  name: string
  closing: boolean
  selfClosing: boolean
  attrs: { name: string; value: string }[]
}

function parseTag(src: string): Tag | undefined {
  const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)([\s\S]*?)(\/?)>$/.exec(src)
  if (!m) return undefined
  const attrs: { name: string; value: string }[] = []
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  let a: RegExpExecArray | null
  const body = m[3] ?? ''
  while ((a = re.exec(body)) !== null) {
    attrs.push({
      name: (a[1] ?? '').toLowerCase(),
      value: decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''),
    })
  }
  return {
    name: (m[2] ?? '').toLowerCase(),
    closing: m[1] === '/',
    selfClosing: m[4] === '/',
    attrs,
  }
}

const short = (s: string, n = 80) => {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > n ? `${t.slice(0, n - 1)}…` : t
}

/** Does this string look like HTML (a tag, a comment or a character reference)? */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[A-Za-z][^>]*>|<!--|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s)
}

/**
 * Converts untrusted HTML to text. Plain text (no tags) keeps its own line breaks; HTML follows
 * HTML's whitespace rules (runs of spaces and newlines collapse, except inside `<pre>`).
 */
export function htmlToText(input: string): HtmlTextResult {
  const dropped: DroppedHtml[] = []
  const seen = new Set<string>()
  let formattingIgnored = false
  const drop = (d: DroppedHtml) => {
    const key = `${d.kind}|${d.what}|${d.sample ?? ''}`
    if (seen.has(key)) return
    seen.add(key)
    dropped.push(d)
  }

  if (!/<\/?[A-Za-z!]/.test(input)) {
    const text = decodeEntities(input)
      .replace(/\r\n?/g, '\n')
      .replace(/\u00a0/g, ' ')
    return { text: tidy(text), dropped, formattingIgnored }
  }

  // Output is built as lines; `pending` is the break owed before the next text.
  const out: string[] = []
  let line = ''
  let pendingBreak: 0 | 1 | 2 = 0
  let pre = 0
  const lists: { ordered: boolean; n: number }[] = []
  let linkHref: string | undefined
  let linkText = ''

  const flushLine = () => {
    out.push(line)
    line = ''
  }
  const requestBreak = (n: 1 | 2) => {
    if (out.length === 0 && line === '') return
    pendingBreak = Math.max(pendingBreak, n) as 0 | 1 | 2
  }
  const emit = (text: string) => {
    if (text === '') return
    if (pendingBreak) {
      flushLine()
      if (pendingBreak === 2) out.push('')
      pendingBreak = 0
    }
    if (linkHref !== undefined) linkText += text
    line += text
  }
  const emitText = (raw: string) => {
    let t = decodeEntities(raw).replace(/\u00a0/g, ' ')
    if (pre > 0) {
      const parts = t.replace(/\r\n?/g, '\n').split('\n')
      parts.forEach((p, i) => {
        if (i > 0) {
          flushLine()
        }
        emit(p)
      })
      return
    }
    t = t.replace(/[\t\n\f\r ]+/g, ' ')
    if (line === '' || line.endsWith(' ') || pendingBreak) t = t.replace(/^ /, '')
    if (t === '' || (t === ' ' && (line === '' || pendingBreak))) return
    emit(t)
  }

  let i = 0
  const n = input.length
  while (i < n) {
    const lt = input.indexOf('<', i)
    if (lt === -1) {
      emitText(input.slice(i))
      break
    }
    if (lt > i) emitText(input.slice(i, lt))
    i = lt
    if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4)
      const body = input.slice(i + 4, end === -1 ? n : end)
      if (/^\s*\[if|<script|<style/i.test(body))
        drop({ kind: 'comment', what: 'conditional comment' })
      i = end === -1 ? n : end + 3
      continue
    }
    if (input.startsWith('<![CDATA[', i)) {
      const end = input.indexOf(']]>', i)
      emitText(input.slice(i + 9, end === -1 ? n : end).replace(/</g, '&lt;'))
      i = end === -1 ? n : end + 3
      continue
    }
    if (/^<[!?]/.test(input.slice(i, i + 2))) {
      const end = input.indexOf('>', i)
      i = end === -1 ? n : end + 1
      continue
    }
    // A tag: find its end, honouring quoted attribute values.
    let j = i + 1
    let quote: string | undefined
    while (j < n) {
      const c = input[j]
      if (quote) {
        if (c === quote) quote = undefined
      } else if (c === '"' || c === "'") quote = c
      else if (c === '>') break
      j++
    }
    const raw = input.slice(i, Math.min(j + 1, n))
    const tag = parseTag(raw)
    i = Math.min(j + 1, n)
    if (!tag) {
      emitText(raw.replace(/</g, '&lt;'))
      continue
    }

    if (!tag.closing) {
      for (const a of tag.attrs) {
        if (a.name.startsWith('on')) {
          drop({ kind: 'event-handler', what: a.name, sample: short(a.value, 60) })
        } else if (a.name === 'style' || a.name === 'class' || a.name === 'color') {
          formattingIgnored = true
        }
      }
    }

    const dropContent = DROP_WITH_CONTENT[tag.name]
    if (dropContent && !tag.closing) {
      // Skip to the matching close tag (raw text for script/style; nesting for the others).
      const close = new RegExp(`</${tag.name}\\s*>`, 'ig')
      close.lastIndex = i
      const m = tag.selfClosing ? null : close.exec(input)
      const content = tag.selfClosing ? '' : input.slice(i, m ? m.index : n)
      const src = tag.attrs.find((a) => a.name === 'src' || a.name === 'data' || a.name === 'href')
      drop({
        kind: dropContent,
        what: `<${tag.name}>`,
        sample: short(src?.value || content, 80) || undefined,
      })
      if (!tag.selfClosing) i = m ? m.index + m[0].length : n
      continue
    }
    if (dropContent && tag.closing) continue

    const dropVoid = DROP_VOID[tag.name]
    if (dropVoid) {
      if (!tag.closing) {
        const src = tag.attrs.find((a) => ['src', 'href', 'srcset'].includes(a.name))
        const alt = tag.attrs.find((a) => a.name === 'alt')?.value.trim()
        drop({ kind: dropVoid, what: `<${tag.name}>`, sample: src ? short(src.value) : undefined })
        if (tag.name === 'img' && alt) emitText(` [image: ${alt}] `)
      }
      continue
    }

    if (FORMATTING.has(tag.name) && !tag.closing && tag.name !== 'span') formattingIgnored = true

    switch (tag.name) {
      case 'br':
        if (!tag.closing) {
          if (pendingBreak) {
            flushLine()
            if (pendingBreak === 2) out.push('')
            pendingBreak = 0
          }
          flushLine()
        }
        continue
      case 'ul':
      case 'ol':
        if (tag.closing) lists.pop()
        else {
          const start = Number(tag.attrs.find((a) => a.name === 'start')?.value)
          lists.push({ ordered: tag.name === 'ol', n: Number.isInteger(start) ? start - 1 : 0 })
        }
        requestBreak(lists.length > (tag.closing ? 0 : 1) ? 1 : 2)
        continue
      case 'li': {
        requestBreak(1)
        if (tag.closing) continue
        const list = lists[lists.length - 1]
        const depth = Math.max(0, lists.length - 1)
        let marker = '- '
        if (list?.ordered) {
          list.n++
          marker = `${list.n}. `
        }
        emit('  '.repeat(depth) + marker)
        continue
      }
      case 'td':
      case 'th':
        if (!tag.closing && line !== '' && !pendingBreak && !/\| $/.test(line)) emit(' | ')
        continue
      case 'pre':
        pre += tag.closing ? -1 : 1
        if (pre < 0) pre = 0
        requestBreak(2)
        continue
      case 'a':
        if (!tag.closing) {
          const href = tag.attrs.find((a) => a.name === 'href')?.value.trim()
          if (href && !/^(https?:|mailto:|#)/i.test(href)) {
            drop({ kind: 'unsafe-link', what: '<a href>', sample: short(href, 60) })
            linkHref = undefined
          } else linkHref = href && !href.startsWith('#') ? href : undefined
          linkText = ''
        } else {
          const href = linkHref
          linkHref = undefined
          if (href && linkText.trim() !== href.replace(/^mailto:/i, '')) emit(` (${href})`)
        }
        continue
    }
    if (BLOCK.has(tag.name)) {
      requestBreak(tag.name === 'div' || tag.name === 'section' || tag.name === 'article' ? 1 : 2)
      continue
    }
    if (LINE.has(tag.name)) {
      requestBreak(1)
      continue
    }
    // Anything else (b, strong, em, i, u, span, font, sub, sup, unknown tags): text only.
    if (VOID.has(tag.name)) continue
  }
  if (line !== '') flushLine()
  return { text: tidy(out.join('\n')), dropped, formattingIgnored }
}

/** Trims line ends, at most one blank line in a row, no leading or trailing blank lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trim()
}

/** The text on one line: list markers dropped, lines joined with "; ". */
export function singleLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^(?:[-•*]|\d+\.)\s+/, ''))
    .filter((l) => l !== '')
    .join('; ')
}
