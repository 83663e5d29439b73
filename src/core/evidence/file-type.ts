// What a file is, from its name and the MIME type the platform reported: the MIME type stored
// with the evidence, the kind suggested for it, and how (whether) it can be previewed.
// Guesses only: the user can change the kind, and previews treat every byte as untrusted.
import type { EvidenceKind } from '../workspace/records'

const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  zip: 'application/zip',
  evb: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : ''
}

/** The MIME type to store: the extension's when we know it, else the platform's, else octets. */
export function guessMimeType(fileName: string, reported = ''): string {
  const known = BY_EXTENSION[extensionOf(fileName)]
  if (known) return known
  const clean = reported.trim().toLowerCase()
  return /^[a-z]+\/[a-z0-9.+-]+$/.test(clean) ? clean : 'application/octet-stream'
}

/** A kind to start with, from the MIME type and the file name. */
export function guessKind(fileName: string, mimeType: string): EvidenceKind {
  const name = fileName.toLowerCase()
  if (/polic(y|ies)|dpia|privacy|terms/.test(name)) return 'policy'
  if (/contract|licen[cs]e|agreement|sla\b|msa\b/.test(name)) return 'contract'
  if (/source[-_ ]?card/.test(name)) return 'source-card'
  if (mimeType.startsWith('image/')) return 'screenshot'
  if (mimeType === 'text/csv' || mimeType.includes('spreadsheet') || /export/.test(name)) {
    return 'export'
  }
  if (mimeType === 'application/x-ndjson' || extensionOf(name) === 'log') return 'log'
  if (mimeType === 'application/pdf' || mimeType.includes('wordprocessing')) return 'report'
  if (mimeType === 'text/html' || mimeType === 'text/markdown') return 'report'
  if (mimeType === 'application/json') return 'export'
  return 'other'
}

export type PreviewKind = 'image' | 'pdf' | 'csv' | 'json' | 'html' | 'text' | 'none'

/** How the workbench can show a file; 'none' when it cannot (it shows the facts instead). */
export function previewKind(mimeType: string): PreviewKind {
  if (/^image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml)$/.test(mimeType)) return 'image'
  if (mimeType === 'application/pdf') return 'pdf'
  if (mimeType === 'text/csv' || mimeType === 'text/tab-separated-values') return 'csv'
  if (mimeType === 'application/json') return 'json'
  if (mimeType === 'text/html') return 'html'
  if (
    mimeType.startsWith('text/') ||
    mimeType === 'application/x-ndjson' ||
    mimeType === 'application/xml' ||
    mimeType === 'application/yaml'
  ) {
    return 'text'
  }
  return 'none'
}

/** A human size: 1,234 bytes, 12.3 KB, 4.5 MB, 1.2 GB (decimal units). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n.toLocaleString('en-GB')} ${n === 1 ? 'byte' : 'bytes'}`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n / 1000
  let i = 0
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}
