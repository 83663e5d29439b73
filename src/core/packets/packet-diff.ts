// A readable diff between two saved states of a packet: field label, old → new; list entries
// and risks added, removed or changed (with what changed inside them); evidence attached or
// removed; title and status. Values are shown as a person reads them (option labels, Yes/No,
// "S3 × L2"), never as JSON.
import type { JsonValue } from '../json/canonical-json'
import {
  riskLevels,
  type Field,
  type ListField,
  type PacketTemplate,
  type RiskListField,
  type ScalarField,
} from '../templates/template-model'
import type { PacketEvidenceLink, PacketStatus } from '../workspace/records'
import { STATUS_LABELS } from './packet-lifecycle'

export interface PacketSnapshot {
  title: string
  status: PacketStatus
  fields: Record<string, JsonValue>
  evidence: PacketEvidenceLink[]
}

export interface ValueChange {
  label: string
  from: string
  to: string
}

export type DiffEntry =
  | { kind: 'title'; label: 'Title'; from: string; to: string }
  | { kind: 'status'; label: 'Status'; from: string; to: string }
  | { kind: 'field'; path: string; section: string; label: string; from: string; to: string }
  | {
      kind: 'item-added' | 'item-removed'
      path: string
      section: string
      label: string
      item: string
    }
  | {
      kind: 'item-changed'
      path: string
      section: string
      label: string
      item: string
      changes: ValueChange[]
    }
  | { kind: 'evidence-attached' | 'evidence-removed'; label: string; role: string; path: string }

export const EMPTY = '(empty)'

type Obj = Record<string, JsonValue>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const isEmptyValue = (v: JsonValue | undefined) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** A value as a person reads it. */
export function displayValue(field: Field | undefined, value: JsonValue | undefined): string {
  if (isEmptyValue(value)) return EMPTY
  if (!field) return typeof value === 'string' ? value : JSON.stringify(value)
  switch (field.type) {
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value)
    case 'select':
      return field.options.find((o) => o.value === value)?.label ?? String(value)
    case 'multiselect':
      return Array.isArray(value)
        ? value.map((v) => field.options.find((o) => o.value === v)?.label ?? String(v)).join(', ')
        : String(value)
    case 'number':
      return `${String(value)}${field.unit ? ` ${field.unit}` : ''}`
    case 'list':
      return Array.isArray(value)
        ? `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`
        : String(value)
    case 'risks':
      return Array.isArray(value)
        ? `${value.length} ${value.length === 1 ? 'risk' : 'risks'}`
        : String(value)
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

function itemSummary(field: ListField, item: JsonValue): string {
  if (!isObj(item)) return JSON.stringify(item)
  const first = field.itemFields.find((f) => !isEmptyValue(item[f.id]))
  const head = first ? displayValue(first, item[first.id]) : '(empty entry)'
  return head.length > 80 ? `${head.slice(0, 79)}…` : head
}

function rating(v: JsonValue | undefined): string {
  if (!isObj(v)) return 'not rated'
  const s = typeof v.severity === 'number' ? v.severity : '?'
  const l = typeof v.likelihood === 'number' ? v.likelihood : '?'
  const word = (n: number | string) =>
    typeof n === 'number'
      ? (riskLevels.find((r) => r.value === n)?.label ?? String(n))
      : 'not rated'
  return `severity ${s} (${word(s)}), likelihood ${l} (${word(l)})`
}

function riskSummary(field: RiskListField, risk: JsonValue): string {
  if (!isObj(risk)) return JSON.stringify(risk)
  const cat =
    field.categories.find((c) => c.id === risk.category)?.label ?? String(risk.category ?? '')
  const title = typeof risk.title === 'string' && risk.title !== '' ? risk.title : '(untitled)'
  return `${title} (${cat})`
}

function riskChanges(field: RiskListField, a: Obj, b: Obj): ValueChange[] {
  const out: ValueChange[] = []
  const cat = (v: JsonValue | undefined) =>
    field.categories.find((c) => c.id === v)?.label ?? String(v ?? EMPTY)
  if (a.category !== b.category)
    out.push({ label: 'Category', from: cat(a.category), to: cat(b.category) })
  for (const [key, label] of [
    ['title', 'Title'],
    ['description', 'Description'],
  ] as const) {
    if (a[key] !== b[key])
      out.push({
        label,
        from: displayValue(undefined, a[key]),
        to: displayValue(undefined, b[key]),
      })
  }
  const ma = Array.isArray(a.measures) ? a.measures.map(String) : []
  const mb = Array.isArray(b.measures) ? b.measures.map(String) : []
  for (const m of mb.filter((m) => !ma.includes(m)))
    out.push({ label: 'Measure added', from: EMPTY, to: m })
  for (const m of ma.filter((m) => !mb.includes(m)))
    out.push({ label: 'Measure removed', from: m, to: EMPTY })
  for (const [key, label] of [
    ['before', 'Before the measures'],
    ['after', 'After the measures'],
  ] as const) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) {
      out.push({ label, from: rating(a[key]), to: rating(b[key]) })
    }
  }
  return out
}

function itemChanges(field: ListField, a: Obj, b: Obj): ValueChange[] {
  const out: ValueChange[] = []
  for (const sub of field.itemFields) {
    if (JSON.stringify(a[sub.id] ?? null) !== JSON.stringify(b[sub.id] ?? null)) {
      out.push({
        label: sub.label,
        from: displayValue(sub, a[sub.id]),
        to: displayValue(sub, b[sub.id]),
      })
    }
  }
  const known = new Set(field.itemFields.map((f) => f.id))
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (known.has(key)) continue
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) {
      out.push({
        label: key,
        from: displayValue(undefined, a[key]),
        to: displayValue(undefined, b[key]),
      })
    }
  }
  return out
}

/**
 * Entries unchanged in both lists are matched first (so removing one entry does not show every
 * later one as changed); the rest are paired in order as "changed", and what is left over is
 * added or removed.
 */
function diffArray(
  path: string,
  section: string,
  label: string,
  from: JsonValue[],
  to: JsonValue[],
  summary: (v: JsonValue) => string,
  changes: (a: Obj, b: Obj) => ValueChange[],
): DiffEntry[] {
  const key = (v: JsonValue) => JSON.stringify(v)
  const unmatchedTo = to.map((v, i) => ({ v, i }))
  const removed: { v: JsonValue; i: number }[] = []
  from.forEach((v, i) => {
    const k = unmatchedTo.findIndex((t) => key(t.v) === key(v))
    if (k >= 0) unmatchedTo.splice(k, 1)
    else removed.push({ v, i })
  })
  const out: DiffEntry[] = []
  const pairs = Math.min(removed.length, unmatchedTo.length)
  for (let p = 0; p < pairs; p++) {
    const a = removed[p]!
    const b = unmatchedTo[p]!
    if (isObj(a.v) && isObj(b.v)) {
      out.push({
        kind: 'item-changed',
        path: `${path}[${b.i}]`,
        section,
        label,
        item: summary(b.v),
        changes: changes(a.v, b.v),
      })
    } else {
      out.push({
        kind: 'item-removed',
        path: `${path}[${a.i}]`,
        section,
        label,
        item: summary(a.v),
      })
      out.push({ kind: 'item-added', path: `${path}[${b.i}]`, section, label, item: summary(b.v) })
    }
  }
  for (const a of removed.slice(pairs)) {
    out.push({ kind: 'item-removed', path: `${path}[${a.i}]`, section, label, item: summary(a.v) })
  }
  for (const b of unmatchedTo.slice(pairs)) {
    out.push({ kind: 'item-added', path: `${path}[${b.i}]`, section, label, item: summary(b.v) })
  }
  return out
}

/**
 * What changed from `from` to `to`, in template order. `evidenceTitle` names an evidence item
 * by its SHA-256 (the library's title); without it the bundle path is shown.
 */
export function diffPackets(
  from: PacketSnapshot,
  to: PacketSnapshot,
  template: PacketTemplate,
  evidenceTitle: (sha256: string) => string | undefined = () => undefined,
): DiffEntry[] {
  const out: DiffEntry[] = []
  if (from.title !== to.title)
    out.push({ kind: 'title', label: 'Title', from: from.title, to: to.title })
  if (from.status !== to.status) {
    out.push({
      kind: 'status',
      label: 'Status',
      from: STATUS_LABELS[from.status],
      to: STATUS_LABELS[to.status],
    })
  }
  const seen = new Set<string>()
  for (const section of template.sections) {
    for (const field of section.fields) {
      seen.add(field.id)
      out.push(...diffField(field, section.title, from.fields[field.id], to.fields[field.id]))
    }
  }
  for (const id of new Set([...Object.keys(from.fields), ...Object.keys(to.fields)])) {
    if (seen.has(id)) continue
    const a = from.fields[id]
    const b = to.fields[id]
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
      out.push({
        kind: 'field',
        path: `fields.${id}`,
        section: '(not in the template)',
        label: id,
        from: displayValue(undefined, a),
        to: displayValue(undefined, b),
      })
    }
  }
  const ev = (e: PacketEvidenceLink) => `${e.sha256}|${e.role}|${e.path}`
  const before = new Set(from.evidence.map(ev))
  const after = new Set(to.evidence.map(ev))
  const roleLabel = (r: string) => template.evidenceRoles.find((x) => x.id === r)?.label ?? r
  for (const e of from.evidence) {
    if (!after.has(ev(e))) {
      out.push({
        kind: 'evidence-removed',
        label: evidenceTitle(e.sha256) ?? e.path,
        role: roleLabel(e.role),
        path: e.path,
      })
    }
  }
  for (const e of to.evidence) {
    if (!before.has(ev(e))) {
      out.push({
        kind: 'evidence-attached',
        label: evidenceTitle(e.sha256) ?? e.path,
        role: roleLabel(e.role),
        path: e.path,
      })
    }
  }
  return out
}

function diffField(
  field: Field,
  section: string,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): DiffEntry[] {
  if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return []
  const path = `fields.${field.id}`
  if (field.type === 'list' && (Array.isArray(a) || Array.isArray(b))) {
    return diffArray(
      path,
      section,
      field.label,
      Array.isArray(a) ? a : [],
      Array.isArray(b) ? b : [],
      (v) => itemSummary(field, v),
      (x, y) => itemChanges(field, x, y),
    )
  }
  if (field.type === 'risks' && (Array.isArray(a) || Array.isArray(b))) {
    return diffArray(
      path,
      section,
      field.label,
      Array.isArray(a) ? a : [],
      Array.isArray(b) ? b : [],
      (v) => riskSummary(field, v),
      (x, y) => riskChanges(field, x, y),
    )
  }
  return [
    {
      kind: 'field',
      path,
      section,
      label: field.label,
      from: displayValue(field as ScalarField, a),
      to: displayValue(field as ScalarField, b),
    },
  ]
}
