// Checks a packet against its template and reports every problem as data: a stable code, the
// path of the offending value and a sentence saying what is wrong and what to do.
// parsePacketDocument (the structure alone, for untrusted JSON) lives in packet-shape.ts and is
// re-exported here.
import type { EvidenceRef, PacketDocument } from './packet'
import {
  checkPacketShape,
  endOfValidity,
  isCalendarDate,
  isObject,
  keyPath,
  own,
  type Obj,
  type PacketIssue,
  type PacketIssueCode,
} from './packet-shape'
import type {
  Field,
  PacketTemplate,
  RequiredWhen,
  RiskListField,
  ScalarField,
  SelectOption,
} from './template-model'

export {
  PACKET_ID_PATTERN,
  endOfValidity,
  isCalendarDate,
  parsePacketDocument,
  type PacketIssue,
  type PacketIssueCode,
  type ParsePacketResult,
} from './packet-shape'

export interface PacketValidation {
  /** True only when there are no issues at all. */
  ok: boolean
  issues: PacketIssue[]
  /**
   * Required items (required or conditionally required fields, plus evidence requirements) and
   * how many of them hold something. A value can count as filled and still have issues.
   */
  completeness: { filled: number; required: number }
}

export interface ValidatePacketOptions {
  /** The moment evidence expiry is judged against; defaults to the current time. */
  now?: Date
}

const RISK_KEYS = new Set(['category', 'title', 'description', 'measures', 'before', 'after'])
const RATING_KEYS = new Set(['severity', 'likelihood'])

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0)

const quote = (label: string) => `"${label}"`

function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  switch (typeof v) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true/false'
    case 'object':
      return 'an object'
    default:
      return typeof v
  }
}

const EXPECTED: Record<Field['type'], string> = {
  text: 'text',
  longtext: 'text',
  date: 'a date written YYYY-MM-DD',
  number: 'a number',
  select: 'one of the listed choices (as text)',
  multiselect: 'a list of choices',
  boolean: 'true or false',
  url: 'a web address (text)',
  email: 'an email address (text)',
  list: 'a list of entries',
  risks: 'a list of risks',
}

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

function isWebUrl(s: string): boolean {
  if (/\s/.test(s)) return false
  try {
    const u = new URL(s)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== ''
  } catch {
    return false
  }
}

function conditionHolds(when: RequiredWhen | undefined, fields: Obj): boolean {
  if (!when) return false
  const v = own(fields, when.field)
  return Array.isArray(v) ? v.includes(when.equals) : v === when.equals
}

function optionList(options: SelectOption[]): string {
  const shown = options.slice(0, 8).map((o) => JSON.stringify(o.value))
  return shown.join(', ') + (options.length > 8 ? ', …' : '')
}

/** Checks one value that is present (not empty) against its field definition. */
function checkValue(field: Field, value: unknown, path: string, out: PacketIssue[]): void {
  const add = (code: PacketIssueCode, p: string, message: string) => {
    out.push({ code, path: p, message })
  }
  const name = quote(field.label)
  const wrongType = () =>
    add('FIELD_TYPE', path, `${name} should be ${EXPECTED[field.type]}, not ${kindOf(value)}.`)

  const lengthAndPattern = (s: string, rules: ScalarTextRules) => {
    if (!rules) return
    const length = [...s].length
    if (rules.minLength !== undefined && length < rules.minLength) {
      add(
        'FIELD_RANGE',
        path,
        `${name} is ${length} characters long; write at least ${rules.minLength}.`,
      )
    }
    if (rules.maxLength !== undefined && length > rules.maxLength) {
      add(
        'FIELD_RANGE',
        path,
        `${name} is ${length} characters long; shorten it to at most ${rules.maxLength}.`,
      )
    }
    if (rules.pattern && !new RegExp(`^(?:${rules.pattern.regex})$`, 'u').test(s)) {
      add(
        'FIELD_PATTERN',
        path,
        `${name} does not have the expected form: ${rules.pattern.message}`,
      )
    }
  }

  switch (field.type) {
    case 'text':
    case 'longtext':
      if (typeof value !== 'string') return wrongType()
      return lengthAndPattern(value, field.rules)
    case 'url':
      if (typeof value !== 'string') return wrongType()
      if (!isWebUrl(value)) {
        add('FIELD_PATTERN', path, `${name} must be a full web address starting with https://.`)
      }
      return lengthAndPattern(value, field.rules)
    case 'email':
      if (typeof value !== 'string') return wrongType()
      if (!EMAIL.test(value)) {
        add('FIELD_PATTERN', path, `${name} must be an email address such as name@example.org.`)
      }
      return lengthAndPattern(value, field.rules)
    case 'date':
      if (typeof value !== 'string') return wrongType()
      if (!isCalendarDate(value)) {
        add(
          'FIELD_PATTERN',
          path,
          `${name} must be a real date written YYYY-MM-DD, e.g. 2026-04-24.`,
        )
      }
      return
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType()
      if (field.integer && !Number.isInteger(value)) {
        return add('FIELD_TYPE', path, `${name} must be a whole number.`)
      }
      const unit = field.unit ? ` ${field.unit}` : ''
      if (field.min !== undefined && value < field.min) {
        add(
          'FIELD_RANGE',
          path,
          `${name} is ${value}${unit}; it must be at least ${field.min}${unit}.`,
        )
      }
      if (field.max !== undefined && value > field.max) {
        add(
          'FIELD_RANGE',
          path,
          `${name} is ${value}${unit}; it must be at most ${field.max}${unit}.`,
        )
      }
      return
    }
    case 'boolean':
      if (typeof value !== 'boolean') return wrongType()
      return
    case 'select':
      if (typeof value !== 'string') return wrongType()
      if (!field.options.some((o) => o.value === value)) {
        add(
          'FIELD_OPTION',
          path,
          `${name} is ${JSON.stringify(value)}, which is not a choice; use one of ${optionList(field.options)}.`,
        )
      }
      return
    case 'multiselect': {
      if (!Array.isArray(value)) return wrongType()
      const chosen = new Set<unknown>()
      value.forEach((v: unknown, i) => {
        if (typeof v !== 'string') {
          add(
            'FIELD_TYPE',
            `${path}[${i}]`,
            `Each choice in ${name} must be text, not ${kindOf(v)}.`,
          )
        } else if (!field.options.some((o) => o.value === v)) {
          add(
            'FIELD_OPTION',
            `${path}[${i}]`,
            `${JSON.stringify(v)} is not a choice of ${name}; use one of ${optionList(field.options)}.`,
          )
        } else if (chosen.has(v)) {
          add(
            'FIELD_OPTION',
            `${path}[${i}]`,
            `${JSON.stringify(v)} is chosen twice in ${name}; remove one.`,
          )
        }
        chosen.add(v)
      })
      checkCount(field, value.length, 'choices', path, add)
      return
    }
    case 'list': {
      if (!Array.isArray(value)) return wrongType()
      value.forEach((item: unknown, i) => {
        const ip = `${path}[${i}]`
        if (!isObject(item)) {
          return add(
            'FIELD_TYPE',
            ip,
            `Each entry of ${name} must be an object, not ${kindOf(item)}.`,
          )
        }
        for (const key of Object.keys(item)) {
          if (!field.itemFields.some((f) => f.id === key)) {
            add(
              'FIELD_UNKNOWN',
              keyPath(ip, key),
              `${JSON.stringify(key)} is not a field of ${name} entries; remove it or check its spelling.`,
            )
          }
        }
        for (const sub of field.itemFields) {
          const v = own(item, sub.id)
          const sp = `${ip}.${sub.id}`
          if (isEmpty(v)) {
            if (sub.required) {
              add(
                'FIELD_REQUIRED',
                sp,
                `${quote(sub.label)} is empty in entry ${i + 1} of ${name}; fill it in.`,
              )
            }
          } else {
            checkValue(sub, v, sp, out)
            if (sub.type === 'boolean' && sub.mustBeTrue && sub.required && v === false) {
              add(
                'FIELD_REQUIRED',
                sp,
                `${quote(sub.label)} must be ticked in entry ${i + 1} of ${name}.`,
              )
            }
          }
        }
      })
      checkCount(field, value.length, 'entries', path, add)
      return
    }
    case 'risks':
      if (!Array.isArray(value)) return wrongType()
      return checkRisks(field, value, path, add)
  }
}

type ScalarTextRules = Extract<ScalarField, { rules?: unknown }>['rules']
type AddIssue = (code: PacketIssueCode, path: string, message: string) => void

function checkCount(
  field: { label: string; minItems?: number; maxItems?: number },
  n: number,
  what: string,
  path: string,
  add: AddIssue,
) {
  if (field.minItems !== undefined && n < field.minItems) {
    add(
      'FIELD_RANGE',
      path,
      `${quote(field.label)} has ${n} ${what}; it needs at least ${field.minItems}.`,
    )
  }
  if (field.maxItems !== undefined && n > field.maxItems) {
    add(
      'FIELD_RANGE',
      path,
      `${quote(field.label)} has ${n} ${what}; it allows at most ${field.maxItems}.`,
    )
  }
}

function checkRisks(field: RiskListField, risks: unknown[], path: string, add: AddIssue) {
  const name = quote(field.label)
  const covered = new Set<string>()
  risks.forEach((risk: unknown, i) => {
    const rp = `${path}[${i}]`
    const which = `risk ${i + 1} of ${name}`
    if (!isObject(risk)) return add('FIELD_TYPE', rp, `Each entry of ${name} must be an object.`)
    for (const key of Object.keys(risk)) {
      if (!RISK_KEYS.has(key)) {
        add(
          'FIELD_UNKNOWN',
          keyPath(rp, key),
          `${JSON.stringify(key)} is not part of a risk; remove it.`,
        )
      }
    }
    const category = own(risk, 'category')
    if (isEmpty(category)) {
      add('FIELD_REQUIRED', `${rp}.category`, `Choose the category of ${which}.`)
    } else if (typeof category !== 'string' || !field.categories.some((c) => c.id === category)) {
      add(
        'FIELD_OPTION',
        `${rp}.category`,
        `The category of ${which} must be one of ${field.categories.map((c) => JSON.stringify(c.id)).join(', ')}.`,
      )
    } else covered.add(category)
    for (const key of ['title', 'description'] as const) {
      const v = own(risk, key)
      if (isEmpty(v)) add('FIELD_REQUIRED', `${rp}.${key}`, `Give ${which} a ${key}.`)
      else if (typeof v !== 'string') {
        add('FIELD_TYPE', `${rp}.${key}`, `The ${key} of ${which} must be text, not ${kindOf(v)}.`)
      }
    }
    const measures = own(risk, 'measures')
    if (isEmpty(measures)) {
      add('FIELD_REQUIRED', `${rp}.measures`, `List at least one measure that treats ${which}.`)
    } else if (!Array.isArray(measures)) {
      add('FIELD_TYPE', `${rp}.measures`, `The measures of ${which} must be a list of text.`)
    } else {
      measures.forEach((m: unknown, j) => {
        if (typeof m !== 'string' || m.trim() === '') {
          add(
            'FIELD_TYPE',
            `${rp}.measures[${j}]`,
            `Each measure of ${which} must be non-empty text.`,
          )
        }
      })
    }
    const levels: Partial<Record<'before' | 'after', Record<string, number>>> = {}
    for (const stage of ['before', 'after'] as const) {
      const sp = `${rp}.${stage}`
      const rating = own(risk, stage)
      const when = stage === 'before' ? 'before the measures' : 'after the measures (residual risk)'
      if (rating === undefined || rating === null) {
        add('FIELD_REQUIRED', sp, `Rate the severity and likelihood of ${which} ${when}.`)
        continue
      }
      if (!isObject(rating)) {
        add(
          'FIELD_TYPE',
          sp,
          `The rating of ${which} ${when} must be an object with severity and likelihood.`,
        )
        continue
      }
      for (const key of Object.keys(rating)) {
        if (!RATING_KEYS.has(key)) {
          add(
            'FIELD_UNKNOWN',
            keyPath(sp, key),
            `${JSON.stringify(key)} is not part of a risk rating; remove it.`,
          )
        }
      }
      const ok: Record<string, number> = {}
      for (const key of RATING_KEYS) {
        const v = own(rating, key)
        const kp = `${sp}.${key}`
        if (v === undefined || v === null) {
          add('FIELD_REQUIRED', kp, `Rate the ${key} of ${which} ${when}, from 1 to 4.`)
        } else if (typeof v !== 'number' || !Number.isInteger(v)) {
          add(
            'FIELD_TYPE',
            kp,
            `The ${key} of ${which} ${when} must be a whole number from 1 to 4.`,
          )
        } else if (v < 1 || v > 4) {
          add(
            'FIELD_RANGE',
            kp,
            `The ${key} of ${which} ${when} is ${v}; use 1 (negligible) to 4 (maximum).`,
          )
        } else ok[key] = v
      }
      levels[stage] = ok
    }
    for (const key of RATING_KEYS) {
      const b = levels.before?.[key]
      const a = levels.after?.[key]
      if (a !== undefined && b !== undefined && a > b) {
        add(
          'FIELD_RANGE',
          `${rp}.after.${key}`,
          `The residual ${key} of ${which} (${a}) is higher than before the measures (${b}); measures cannot raise a risk, so check both ratings.`,
        )
      }
    }
  })
  for (const id of field.requiredCategories) {
    if (!covered.has(id)) {
      const label = field.categories.find((c) => c.id === id)?.label ?? id
      add('FIELD_REQUIRED', path, `${name} has no risk of ${quote(label)}; assess at least one.`)
    }
  }
  if (field.minItems !== undefined && risks.length < field.minItems) {
    add(
      'FIELD_RANGE',
      path,
      `${name} has ${risks.length} risks; it needs at least ${field.minItems}.`,
    )
  }
}

function checkEvidence(
  evidence: unknown[],
  template: PacketTemplate,
  now: number,
  add: AddIssue,
  tally: (met: boolean) => void,
) {
  const byRole = new Map<string, number>()
  evidence.forEach((e: unknown, i) => {
    if (!isObject(e)) return // reported as PACKET_MALFORMED
    const ref = e as Partial<EvidenceRef>
    const p = `evidence[${i}]`
    if (typeof ref.role === 'string') {
      byRole.set(ref.role, (byRole.get(ref.role) ?? 0) + 1)
      if (!template.evidenceRoles.some((r) => r.id === ref.role)) {
        const known = template.evidenceRoles.map((r) => JSON.stringify(r.id)).join(', ')
        add(
          'EVIDENCE_ROLE_UNKNOWN',
          `${p}.role`,
          `${JSON.stringify(ref.role)} is not an evidence role of this template; use one of ${known || '(none)'}.`,
        )
      }
    }
    if (typeof ref.expires === 'string') {
      const end = endOfValidity(ref.expires)
      if (end !== undefined && now >= end) {
        const file = typeof ref.path === 'string' ? JSON.stringify(ref.path) : 'This evidence'
        add(
          'EVIDENCE_EXPIRED',
          `${p}.expires`,
          `${file} expired on ${ref.expires}; replace it with a current copy or remove it.`,
        )
      }
    }
  })
  for (const req of template.requiredEvidence) {
    const have = byRole.get(req.role) ?? 0
    tally(have >= req.minCount)
    if (have < req.minCount) {
      const label = template.evidenceRoles.find((r) => r.id === req.role)?.label ?? req.role
      const files = req.minCount === 1 ? 'a file' : `${req.minCount} files`
      const found = have === 0 ? 'none' : `only ${have}`
      add(
        'EVIDENCE_REQUIRED',
        'evidence',
        `The packet needs ${files} with role ${JSON.stringify(req.role)} (${label}) and has ${found}; add the evidence.`,
      )
    }
  }
}

/**
 * Checks a packet against a template: its structure, that it names this template, every field
 * value against the field's rules, and its evidence against the template's evidence roles,
 * requirements and expiry dates. When the packet names another template, only the structure and
 * the mismatch are reported.
 */
export function validatePacket(
  packet: PacketDocument,
  template: PacketTemplate,
  options: ValidatePacketOptions = {},
): PacketValidation {
  const now = (options.now ?? new Date()).getTime()
  const doc: unknown = packet
  const issues = checkPacketShape(doc)
  const completeness = { filled: 0, required: 0 }
  const tally = (met: boolean) => {
    completeness.required++
    if (met) completeness.filled++
  }
  const fieldIssues: PacketIssue[] = []
  const add: AddIssue = (code, path, message) => {
    fieldIssues.push({ code, path, message })
  }
  const d: Obj = isObject(doc) ? doc : {}
  const fields = own(d, 'fields')
  const values: Obj = isObject(fields) ? fields : {}

  const ref = own(d, 'template')
  const refId = isObject(ref) ? own(ref, 'id') : undefined
  const refVersion = isObject(ref) ? own(ref, 'version') : undefined
  const mismatch = isObject(ref) && (refId !== template.id || refVersion !== template.version)
  if (mismatch) {
    issues.push({
      code: 'TEMPLATE_MISMATCH',
      path: 'template',
      message: `The packet is a ${String(refId)} ${String(refVersion)} packet but was checked against ${template.id} ${template.version}; check it against its own template.`,
    })
  }

  const known = new Set<string>()
  for (const section of template.sections) {
    for (const field of section.fields) {
      known.add(field.id)
      const path = `fields.${field.id}`
      const value = own(values, field.id)
      const required = field.required || conditionHolds(field.requiredWhen, values)
      const ticked = !(field.type === 'boolean' && field.mustBeTrue && value === false)
      if (required) tally(!isEmpty(value) && ticked)
      if (isEmpty(value)) {
        if (required) {
          const extra =
            field.type === 'risks'
              ? ` Assess at least one risk of each of: ${field.requiredCategories
                  .map((id) => field.categories.find((c) => c.id === id)?.label ?? id)
                  .join(', ')}.`
              : ''
          add(
            'FIELD_REQUIRED',
            path,
            `${quote(field.label)} (section ${quote(section.title)}) is empty; fill it in.${extra}`,
          )
        }
        continue
      }
      checkValue(field, value, path, fieldIssues)
      if (required && !ticked) {
        add(
          'FIELD_REQUIRED',
          path,
          `${quote(field.label)} (section ${quote(section.title)}) must be ticked before sign-off; confirm it or resolve what blocks it.`,
        )
      }
    }
  }
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      add(
        'FIELD_UNKNOWN',
        keyPath('fields', key),
        `${JSON.stringify(key)} is not a field of template ${template.id} ${template.version}; remove it or check its spelling.`,
      )
    }
  }
  const evidence = own(d, 'evidence')
  checkEvidence(Array.isArray(evidence) ? evidence : [], template, now, add, tally)

  if (!mismatch) issues.push(...fieldIssues)
  return { ok: issues.length === 0, issues, completeness }
}
