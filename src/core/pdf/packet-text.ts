// How packet values read in the PDF: field values as text, times, digests, sizes, evidence
// details, attachment names and types.
import type { EvidenceEntry } from '../bundle/predicates'
import type { JsonValue } from '../json/canonical-json'
import { riskLevels, type RequiredWhen, type ScalarField } from '../templates/template-model'
import type { PdfSignoff } from './packet-pdf-input'

export type Rating = { severity?: number; likelihood?: number }

export const isObject = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function rating(v: JsonValue | undefined): Rating {
  if (!isObject(v)) return {}
  const level = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 4 ? n : undefined
  const out: Rating = {}
  const s = level(v.severity)
  const l = level(v.likelihood)
  if (s !== undefined) out.severity = s
  if (l !== undefined) out.likelihood = l
  return out
}

export const levelWord = (n: number): string => riskLevels.find((l) => l.value === n)?.label ?? '?'
export const levelName = (n: number | undefined): string =>
  n === undefined ? 'not rated' : `${n} ${levelWord(n)}`

export function columnWeight(f: ScalarField): number {
  switch (f.type) {
    case 'longtext':
      return 3
    case 'text':
    case 'url':
    case 'email':
    case 'multiselect':
      return 2
    case 'select':
      return 1.5
    case 'date':
      return 1.1
    case 'number':
      return 1
    case 'boolean':
      return 1
  }
}

/** A field value as text, or undefined when not given. */
export function scalarText(field: ScalarField, value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  switch (field.type) {
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value)
    case 'select':
      return field.options.find((o) => o.value === value)?.label ?? String(value)
    case 'multiselect':
      return Array.isArray(value)
        ? value
            .map((v) => `• ${field.options.find((o) => o.value === v)?.label ?? String(v)}`)
            .join('\n')
        : String(value)
    case 'number':
      return `${String(value)}${field.unit ? ` ${field.unit}` : ''}`
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

export function conditionHolds(when: RequiredWhen, fields: Record<string, JsonValue>): boolean {
  const v = Object.hasOwn(fields, when.field) ? fields[when.field] : undefined
  return Array.isArray(v) ? v.includes(when.equals) : v === when.equals
}

export function decisionText(s: PdfSignoff): string {
  return s.decision === 'approve' ? 'Approved' : 'Rejected'
}

/** The first 16 hex digits of a keyid, in groups of four. */
export function fingerprint(keyid: string | undefined): string {
  if (!keyid) return '—'
  return (keyid.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ')
}

/** 2026-11-20T10:00:00.000Z → 2026-11-20 10:00 UTC; other text unchanged. */
export function formatTime(iso: string | undefined, zone = true): string {
  if (!iso) return '—'
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d+)?Z$/.exec(iso)
  if (!m) return iso
  return `${m[1]} ${m[2]}${m[3] && m[3] !== ':00' ? m[3] : ''}${zone ? ' UTC' : ''}`
}

/** A hex digest as lines of two groups of eight digits, easy to compare by eye. */
export function hexLines(hex: string): string {
  const groups = hex.match(/.{1,8}/g) ?? [hex]
  const lines: string[] = []
  for (let i = 0; i < groups.length; i += 2) lines.push(groups.slice(i, i + 2).join(' '))
  return lines.join('\n')
}

export function humanSize(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

export function evidenceDetails(e: EvidenceEntry): string[] {
  const out: string[] = []
  if (e.kind) out.push(`Kind: ${e.kind}`)
  if (e.source) out.push(`Source: ${e.source}`)
  if (e.collectedBy || e.collectedAt)
    out.push(
      `Collected${e.collectedBy ? ` by ${e.collectedBy}` : ''}${e.collectedAt ? ` ${formatTime(e.collectedAt)}` : ''}`,
    )
  if (e.effectiveDate) out.push(`Effective: ${e.effectiveDate}`)
  if (e.expires) out.push(`Expires: ${e.expires}`)
  if (e.classification) out.push(`Classification: ${e.classification}`)
  if (e.tags?.length) out.push(`Tags: ${e.tags.join(', ')}`)
  return out
}

export function detailsText(details: Record<string, JsonValue>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n')
}

/**
 * File names for the attachments: the evidence file's own name, prefixed with its number when
 * two files share a name. Never a path: readers save attachments under this name.
 */
export function attachmentNames(evidence: EvidenceEntry[]): Map<string, string> {
  const base = (name: string) =>
    (name.split('/').pop() ?? name).replace(/[\u0000-\u001f\u007f\\:*?"<>|]/g, '_') || 'evidence' // eslint-disable-line no-control-regex
  const counts = new Map<string, number>()
  for (const e of evidence) counts.set(base(e.name), (counts.get(base(e.name)) ?? 0) + 1)
  const out = new Map<string, string>()
  evidence.forEach((e, i) => {
    const b = base(e.name)
    out.set(e.name, counts.get(b)! > 1 ? `${i + 1}-${b}` : b)
  })
  return out
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export function mimeTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  return MIME[ext] ?? 'application/octet-stream'
}
