// Editing values of a packet's fields: set or clear a value (an emptied value is removed, so
// "required" sees it as missing), new list entries and risks, issues grouped by field path for
// inline messages, and the risk map's cells. Used by the editor; kept here so it is testable
// and identical wherever packets are edited.
import type { JsonValue } from '../json/canonical-json'
import type { PacketIssue } from '../templates/validate-packet'
import type { ListField, RiskLevel } from '../templates/template-model'

type Obj = Record<string, JsonValue>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export const isBlank = (v: JsonValue | undefined): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0)

/** A new fields object with `id` set to `value`, or removed when the value is blank. */
export function withField(
  fields: Record<string, JsonValue>,
  id: string,
  value: JsonValue | undefined,
): Record<string, JsonValue> {
  const next = { ...fields }
  if (value === undefined || (isBlank(value) && !Array.isArray(value))) delete next[id]
  else if (Array.isArray(value) && value.length === 0) delete next[id]
  else next[id] = value
  return next
}

/** An item of a list with `sub` set (or removed when blank). */
export function withItemValue(item: JsonValue, sub: string, value: JsonValue | undefined): Obj {
  const next: Obj = isObj(item) ? { ...item } : {}
  if (value === undefined || isBlank(value)) delete next[sub]
  else next[sub] = value
  return next
}

export function emptyListItem(_field: ListField): Obj {
  return {}
}

export interface RiskDraft {
  category: string
  title: string
  description: string
  measures: string[]
  before: { severity?: RiskLevel; likelihood?: RiskLevel }
  after: { severity?: RiskLevel; likelihood?: RiskLevel }
}

export function emptyRisk(category: string): RiskDraft {
  return { category, title: '', description: '', measures: [], before: {}, after: {} }
}

/** Reads a stored risk tolerantly (imports and old drafts may lack parts). */
export function readRisk(v: JsonValue): RiskDraft {
  const o = isObj(v) ? v : {}
  const lvl = (x: JsonValue | undefined): RiskLevel | undefined =>
    x === 1 || x === 2 || x === 3 || x === 4 ? x : undefined
  const rating = (x: JsonValue | undefined) => {
    const r = isObj(x) ? x : {}
    const out: RiskDraft['before'] = {}
    const s = lvl(r.severity)
    const l = lvl(r.likelihood)
    if (s) out.severity = s
    if (l) out.likelihood = l
    return out
  }
  return {
    category: typeof o.category === 'string' ? o.category : '',
    title: typeof o.title === 'string' ? o.title : '',
    description: typeof o.description === 'string' ? o.description : '',
    measures: Array.isArray(o.measures)
      ? o.measures.map((m) => (typeof m === 'string' ? m : ''))
      : [],
    before: rating(o.before),
    after: rating(o.after),
  }
}

/** A risk as stored: blank title/description kept as '' so the validator names them. */
export function writeRisk(r: RiskDraft): Obj {
  const rating = (x: RiskDraft['before']): Obj => {
    const o: Obj = {}
    if (x.severity) o.severity = x.severity
    if (x.likelihood) o.likelihood = x.likelihood
    return o
  }
  return {
    category: r.category,
    title: r.title,
    description: r.description,
    measures: r.measures,
    before: rating(r.before),
    after: rating(r.after),
  }
}

/** Issues grouped by the path they name, for messages next to the inputs. */
export function issuesByPath(issues: readonly PacketIssue[]): Map<string, PacketIssue[]> {
  const map = new Map<string, PacketIssue[]>()
  for (const issue of issues) {
    const list = map.get(issue.path) ?? []
    list.push(issue)
    map.set(issue.path, list)
  }
  return map
}

/** A DOM-safe id for the input that edits `path` (`fields.risks[0].after.severity`). */
export function inputIdFor(path: string): string {
  return `f-${path
    .replace(/^fields\./, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+$/, '')}`
}

export interface RiskMapCell {
  severity: RiskLevel
  likelihood: RiskLevel
  before: { index: number; label: string }[]
  after: { index: number; label: string }[]
}

/**
 * The risk map: a 4 × 4 grid of severity × likelihood with each rated risk placed before and
 * after its measures. Rows run from severity 4 down to 1, as CNIL's map draws them.
 */
export function riskMapCells(risks: readonly RiskDraft[]): RiskMapCell[][] {
  const levels: RiskLevel[] = [1, 2, 3, 4]
  return [...levels].reverse().map((severity) =>
    levels.map((likelihood) => {
      const cell: RiskMapCell = { severity, likelihood, before: [], after: [] }
      risks.forEach((r, i) => {
        const label = `R${i + 1}`
        if (r.before.severity === severity && r.before.likelihood === likelihood) {
          cell.before.push({ index: i, label })
        }
        if (r.after.severity === severity && r.after.likelihood === likelihood) {
          cell.after.push({ index: i, label })
        }
      })
      return cell
    }),
  )
}
