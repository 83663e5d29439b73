// Untrusted HTML, made safe to look at. The file's HTML is parsed inertly and sanitised with
// DOMPurify: scripts, event handlers, styles, forms, frames, embeds and every URL that could
// reach anything (http, https, file, javascript, protocol-relative, srcset, CSS url()) are
// removed; only in-page #links and data: images survive. The result is shown in an
// <iframe sandbox=""> (no scripts, no forms, no popups, no same-origin access) whose document
// carries its own CSP (default-src 'none'; img-src data:) on top of the app's own.
import DOMPurify from 'dompurify'

/** Largest part of an HTML file the preview reads. */
export const HTML_PREVIEW_BYTES = 2 * 1024 * 1024

export const PREVIEW_DOCUMENT_CSP = "default-src 'none'; img-src data:; form-action 'none'"

export interface SafeHtml {
  /** A complete document for the iframe's srcdoc. */
  document: string
  /** What was removed, e.g. { script: 1, 'remote URL': 2 }. */
  removed: Record<string, number>
}

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'background',
  'poster',
  'cite',
  'longdesc',
  'ping',
  'data',
  'codebase',
  'manifest',
  'usemap',
])

const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Chromium checks the page's CSP even while parsing into an inert document, so style blocks,
 * style attributes and event-handler attributes of the file would each log a (harmless, blocked)
 * CSP violation when DOMPurify parses them. They are renamed or cut before parsing; DOMPurify
 * then removes what is left. This pass is for a quiet console, not for safety: DOMPurify, the
 * sandbox and the two CSPs each block these on their own.
 */
export function defuseForParsing(html: string, count: (what: string) => void): string {
  return html
    .replace(/<style\b[^>]*>[\s\S]*?(<\/style\s*>|$)/gi, () => {
      count('style block')
      return ''
    })
    .replace(/<[a-z][^>]*>/gi, (tag) =>
      tag.replace(/([\s/"'])(on[a-z]+|style)(?=\s*=)/gi, (_m, space: string, name: string) => {
        count(name.toLowerCase() === 'style' ? 'style attribute' : 'event handler')
        return `${space}data-evw-blocked-${name}`
      }),
    )
}

export function sanitizePreviewHtml(html: string): SafeHtml {
  const purify = DOMPurify(window)
  const removed: Record<string, number> = {}
  const count = (what: string) => (removed[what] = (removed[what] ?? 0) + 1)
  const defused = defuseForParsing(html, count)

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName.toLowerCase()
    if (!URL_ATTRIBUTES.has(name)) return
    const value = data.attrValue.trim()
    const keep =
      (name === 'href' && /^#[\w-]*$/.test(value)) ||
      (name === 'src' && node.nodeName === 'IMG' && SAFE_IMAGE.test(value))
    if (!keep) {
      if (value) count('remote or unsafe link')
      data.keepAttr = false
    }
  })
  purify.addHook('uponSanitizeElement', (_node, data) => {
    const tag = data.tagName
    if (tag === 'script') count('script')
    else if (['iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'].includes(tag)) {
      count(tag)
    }
  })

  const body = purify.sanitize(defused, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'link',
      'meta',
      'base',
      'video',
      'audio',
      'source',
      'track',
      'picture',
      'portal',
      'use',
      'image',
      'foreignObject',
    ],
    FORBID_ATTR: ['style', 'srcset', 'imagesrcset', 'target', 'autofocus'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: true,
    RETURN_TRUSTED_TYPE: false,
  })
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? 'Preview'

  const document = [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_DOCUMENT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeText(title)}</title></head><body>`,
    body,
    '</body></html>',
  ].join('')
  return { document, removed }
}
