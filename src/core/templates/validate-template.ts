// Checks that an untrusted value (an organisation's template read from JSON) has the shape of a
// PacketTemplate and that its parts agree with each other. Unknown properties are errors, so a
// misspelt `requried` cannot silently make a field optional.
import type { Field, Issue, PacketTemplate } from './template-model'

export type TemplateIssueCode =
  | 'TEMPLATE_SHAPE'
  | 'TEMPLATE_ID'
  | 'TEMPLATE_VERSION'
  | 'TEMPLATE_DUPLICATE'
  | 'TEMPLATE_REFERENCE'
  | 'TEMPLATE_RULE'

export type TemplateIssue = Issue<TemplateIssueCode>

export type ParseTemplateResult =
  { ok: true; template: PacketTemplate; issues: [] } | { ok: false; issues: TemplateIssue[] }

export const TEMPLATE_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
export const ROLE_ID_PATTERN = TEMPLATE_ID_PATTERN
export const FIELD_ID_PATTERN = /^[a-z][A-Za-z0-9]*$/
const SECTION_ID_PATTERN = TEMPLATE_ID_PATTERN
const OPTION_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$/

const TOP_REQUIRED = [
  'id',
  'version',
  'title',
  'description',
  'sections',
  'evidenceRoles',
  'requiredEvidence',
  'signoffRoles',
] as const

const FIELD_BASE_KEYS = ['id', 'type', 'label', 'help', 'required', 'requiredWhen']
const FIELD_KEYS: Record<Field['type'], string[]> = {
  text: ['rules'],
  longtext: ['rules'],
  url: ['rules'],
  email: ['rules'],
  date: [],
  number: ['min', 'max', 'integer', 'unit'],
  select: ['options'],
  multiselect: ['options', 'minItems', 'maxItems'],
  boolean: ['mustBeTrue'],
  list: ['itemFields', 'minItems', 'maxItems'],
  risks: ['categories', 'requiredCategories', 'minItems'],
}
const SCALAR_TYPES = new Set<string>([
  'text',
  'longtext',
  'date',
  'number',
  'select',
  'multiselect',
  'boolean',
  'url',
  'email',
])

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && isPlain(v)
const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}
const isNonNegativeInteger = (v: unknown): v is number => Number.isSafeInteger(v) && Number(v) >= 0

/** Returns every problem found in `value` as a template; an empty list means it is valid. */
export function validateTemplate(value: unknown): TemplateIssue[] {
  const issues: TemplateIssue[] = []
  const add = (code: TemplateIssueCode, path: string, message: string) =>
    issues.push({ code, path, message })

  const at = (path: string, key: string) => (path ? `${path}.${key}` : key)

  /** Checks the object's keys; returns false (and records why) when it is not an object. */
  const shape = (v: unknown, path: string, required: string[], optional: string[]): v is Obj => {
    const where = path || 'The template'
    if (!isObject(v)) {
      add('TEMPLATE_SHAPE', path, `${where} must be a JSON object.`)
      return false
    }
    for (const key of required) {
      if (!Object.hasOwn(v, key) || v[key] === undefined) {
        add('TEMPLATE_SHAPE', at(path, key), `${where} is missing "${key}"; add it.`)
      }
    }
    const allowed = new Set([...required, ...optional])
    for (const key of Object.keys(v)) {
      if (!allowed.has(key)) {
        add(
          'TEMPLATE_SHAPE',
          at(path, key),
          `"${key}" is not a known template property here; remove it or check its spelling.`,
        )
      }
    }
    return true
  }
  const text = (v: Obj, key: string, path: string, optional = false): boolean => {
    const x = v[key]
    if (x === undefined && optional) return true
    if (x === undefined) return false // reported by shape()
    if (typeof x !== 'string' || x.trim() === '') {
      add('TEMPLATE_SHAPE', at(path, key), `"${key}" must be non-empty text.`)
      return false
    }
    return true
  }
  // Presence is checked by shape(); these check the type of what is there.
  const bool = (v: Obj, key: string, path: string) => {
    const x = v[key]
    if (x !== undefined && typeof x !== 'boolean') {
      add('TEMPLATE_SHAPE', at(path, key), `"${key}" must be true or false.`)
    }
  }
  const count = (v: Obj, key: string, path: string) => {
    const x = v[key]
    if (x !== undefined && !isNonNegativeInteger(x)) {
      add('TEMPLATE_SHAPE', at(path, key), `"${key}" must be a whole number, 0 or more.`)
      return undefined
    }
    return x as number | undefined
  }
  const orderedBounds = (lo: unknown, hi: unknown, path: string, what: string) => {
    if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) {
      add('TEMPLATE_RULE', path, `The minimum ${what} (${lo}) is above the maximum (${hi}).`)
    }
  }
  const id = (v: Obj, key: string, path: string, pattern: RegExp, form: string) => {
    const x = v[key]
    if (x === undefined) return undefined
    if (typeof x !== 'string' || !pattern.test(x)) {
      add('TEMPLATE_ID', at(path, key), `"${String(x)}" is not a valid id: write it as ${form}.`)
      return undefined
    }
    return x
  }
  const array = (v: Obj, key: string, path: string, nonEmpty: boolean): unknown[] | undefined => {
    const x = v[key]
    if (x === undefined) return undefined
    if (!Array.isArray(x)) {
      add('TEMPLATE_SHAPE', at(path, key), `"${key}" must be a list.`)
      return undefined
    }
    if (nonEmpty && x.length === 0) {
      add('TEMPLATE_SHAPE', at(path, key), `"${key}" must have at least one entry.`)
    }
    return x
  }
  const unique = (ids: (string | undefined)[], path: string, what: string) => {
    const seen = new Set<string>()
    ids.forEach((x, i) => {
      if (x === undefined) return
      if (seen.has(x)) {
        add(
          'TEMPLATE_DUPLICATE',
          `${path}[${i}]`,
          `The ${what} "${x}" appears twice; ids must be unique.`,
        )
      }
      seen.add(x)
    })
  }

  const textRules = (v: Obj, path: string) => {
    const rules = v.rules
    if (rules === undefined) return
    const rp = at(path, 'rules')
    if (!shape(rules, rp, [], ['pattern', 'minLength', 'maxLength'])) return
    const min = count(rules, 'minLength', rp)
    const max = count(rules, 'maxLength', rp)
    orderedBounds(min, max, rp, 'length')
    if (rules.pattern !== undefined) {
      const pp = at(rp, 'pattern')
      if (shape(rules.pattern, pp, ['regex', 'message'], [])) {
        text(rules.pattern, 'message', pp)
        if (text(rules.pattern, 'regex', pp)) {
          try {
            new RegExp(String(rules.pattern.regex), 'u')
          } catch {
            add('TEMPLATE_RULE', at(pp, 'regex'), 'The pattern is not a valid regular expression.')
          }
        }
      }
    }
  }

  const options = (v: Obj, path: string): Set<string> => {
    const values = new Set<string>()
    const list = array(v, 'options', path, true)
    if (!list) return values
    const op = at(path, 'options')
    const ids = list.map((o, i) => {
      const p = `${op}[${i}]`
      if (!shape(o, p, ['value', 'label'], [])) return undefined
      text(o, 'label', p)
      const value = id(o, 'value', p, OPTION_VALUE_PATTERN, 'letters, digits, ".", "_" or "-"')
      if (value !== undefined) values.add(value)
      return value
    })
    unique(ids, op, 'option')
    return values
  }

  /** Checks one field; returns its id and (for choices) its option values. */
  const field = (f: unknown, path: string, inList: boolean) => {
    if (!isObject(f)) {
      add('TEMPLATE_SHAPE', path, `${path} must be a JSON object.`)
      return undefined
    }
    const type = f.type
    if (typeof type !== 'string' || !Object.hasOwn(FIELD_KEYS, type)) {
      add(
        'TEMPLATE_SHAPE',
        at(path, 'type'),
        `"${String(type)}" is not a field type; use one of ${Object.keys(FIELD_KEYS).join(', ')}.`,
      )
      return undefined
    }
    const t = type as Field['type']
    if (inList && !SCALAR_TYPES.has(t)) {
      add('TEMPLATE_SHAPE', at(path, 'type'), `A list item cannot contain a "${t}" field.`)
    }
    const required = ['id', 'type', 'label', 'required']
    if (t === 'select' || t === 'multiselect') required.push('options')
    if (t === 'list') required.push('itemFields')
    if (t === 'risks') required.push('categories', 'requiredCategories')
    const optional = FIELD_BASE_KEYS.filter((k) => !required.includes(k)).concat(
      FIELD_KEYS[t].filter((k) => !required.includes(k)),
    )
    shape(f, path, required, optional)
    const fieldId = id(f, 'id', path, FIELD_ID_PATTERN, 'lower camelCase, e.g. "legalBasis"')
    text(f, 'label', path)
    text(f, 'help', path, true)
    bool(f, 'required', path)
    if (f.requiredWhen !== undefined) {
      const wp = at(path, 'requiredWhen')
      if (inList) {
        add('TEMPLATE_SHAPE', wp, '"requiredWhen" is not supported inside list items.')
      } else if (shape(f.requiredWhen, wp, ['field', 'equals'], [])) {
        const eq = f.requiredWhen.equals
        if (!['string', 'number', 'boolean'].includes(typeof eq)) {
          add('TEMPLATE_SHAPE', at(wp, 'equals'), '"equals" must be text, a number or true/false.')
        }
        if (f.required === true) {
          add('TEMPLATE_RULE', wp, 'A field with "requiredWhen" must have "required": false.')
        }
      }
    }
    let values = new Set<string>()
    switch (t) {
      case 'text':
      case 'longtext':
      case 'url':
      case 'email':
        textRules(f, path)
        break
      case 'number':
        for (const key of ['min', 'max']) {
          if (f[key] !== undefined && (typeof f[key] !== 'number' || !Number.isFinite(f[key]))) {
            add('TEMPLATE_SHAPE', at(path, key), `"${key}" must be a number.`)
          }
        }
        orderedBounds(f.min, f.max, path, 'value')
        bool(f, 'integer', path)
        text(f, 'unit', path, true)
        break
      case 'select':
        values = options(f, path)
        break
      case 'multiselect': {
        values = options(f, path)
        const min = count(f, 'minItems', path)
        orderedBounds(min, count(f, 'maxItems', path), path, 'number of choices')
        if (min !== undefined && values.size > 0 && min > values.size) {
          add(
            'TEMPLATE_RULE',
            at(path, 'minItems'),
            `"minItems" is more than the ${values.size} options.`,
          )
        }
        break
      }
      case 'boolean':
        bool(f, 'mustBeTrue', path)
        if (f.mustBeTrue === true && f.required !== true && f.requiredWhen === undefined) {
          add(
            'TEMPLATE_RULE',
            at(path, 'mustBeTrue'),
            'A "mustBeTrue" checklist item only counts when the field is required; set "required": true or add "requiredWhen".',
          )
        }
        break
      case 'list': {
        orderedBounds(count(f, 'minItems', path), count(f, 'maxItems', path), path, 'items')
        const items = array(f, 'itemFields', path, true)
        if (items) {
          const ip = at(path, 'itemFields')
          unique(
            items.map((x, i) => field(x, `${ip}[${i}]`, true)?.id),
            ip,
            'item field id',
          )
        }
        break
      }
      case 'risks': {
        count(f, 'minItems', path)
        const cats = array(f, 'categories', path, true) ?? []
        const cp = at(path, 'categories')
        const catIds = cats.map((c, i) => {
          const p = `${cp}[${i}]`
          if (!shape(c, p, ['id', 'label'], ['help'])) return undefined
          text(c, 'label', p)
          text(c, 'help', p, true)
          return id(c, 'id', p, ROLE_ID_PATTERN, 'lowercase kebab-case, e.g. "illegitimate-access"')
        })
        unique(catIds, cp, 'risk category')
        const req = array(f, 'requiredCategories', path, false) ?? []
        req.forEach((c, i) => {
          if (typeof c !== 'string' || !catIds.includes(c)) {
            add(
              'TEMPLATE_REFERENCE',
              `${at(path, 'requiredCategories')}[${i}]`,
              `"${String(c)}" is not one of this field's risk categories; declare it in "categories".`,
            )
          }
        })
        break
      }
    }
    return fieldId === undefined ? undefined : { id: fieldId, type: t, values, node: f, path }
  }

  if (!shape(value, '', [...TOP_REQUIRED], [])) return issues
  const t = value
  id(t, 'id', '', TEMPLATE_ID_PATTERN, 'lowercase kebab-case, e.g. "partner-sla"')
  if (
    t.version !== undefined &&
    (typeof t.version !== 'string' || !SEMVER_PATTERN.test(t.version))
  ) {
    add(
      'TEMPLATE_VERSION',
      'version',
      `"${String(t.version)}" is not a semantic version; write it as MAJOR.MINOR.PATCH, e.g. "1.0.0".`,
    )
  }
  text(t, 'title', '')
  text(t, 'description', '')

  // Sections and fields.
  const topFields: NonNullable<ReturnType<typeof field>>[] = []
  const sections = array(t, 'sections', '', true) ?? []
  const sectionIds = sections.map((s, i) => {
    const p = `sections[${i}]`
    if (!shape(s, p, ['id', 'title', 'fields'], ['help'])) return undefined
    text(s, 'title', p)
    text(s, 'help', p, true)
    const fields = array(s, 'fields', p, true) ?? []
    fields.forEach((f, j) => {
      const checked = field(f, `${p}.fields[${j}]`, false)
      if (checked) topFields.push(checked)
    })
    return id(s, 'id', p, SECTION_ID_PATTERN, 'lowercase kebab-case, e.g. "service-levels"')
  })
  unique(sectionIds, 'sections', 'section id')
  const byId = new Map<string, (typeof topFields)[number]>()
  for (const f of topFields) {
    if (byId.has(f.id)) {
      add(
        'TEMPLATE_DUPLICATE',
        at(f.path, 'id'),
        `The field id "${f.id}" is used twice; field ids must be unique across all sections.`,
      )
    } else byId.set(f.id, f)
  }
  for (const f of topFields) {
    const when = f.node.requiredWhen
    if (!isObject(when) || typeof when.field !== 'string') continue
    const wp = at(f.path, 'requiredWhen')
    const target = byId.get(when.field)
    if (!target || target.id === f.id || !SCALAR_TYPES.has(target.type)) {
      add(
        'TEMPLATE_REFERENCE',
        at(wp, 'field'),
        `"requiredWhen" names "${when.field}", which is not another single-value field of this template.`,
      )
    } else if (
      (target.type === 'select' || target.type === 'multiselect') &&
      !target.values.has(String(when.equals))
    ) {
      add(
        'TEMPLATE_REFERENCE',
        at(wp, 'equals'),
        `"${String(when.equals)}" is not an option of field "${target.id}".`,
      )
    }
  }

  // Evidence roles and requirements.
  const roles = array(t, 'evidenceRoles', '', false) ?? []
  const roleIds = roles.map((r, i) => {
    const p = `evidenceRoles[${i}]`
    if (!shape(r, p, ['id', 'label'], ['help'])) return undefined
    text(r, 'label', p)
    text(r, 'help', p, true)
    return id(r, 'id', p, ROLE_ID_PATTERN, 'lowercase kebab-case, e.g. "licence-text"')
  })
  unique(roleIds, 'evidenceRoles', 'evidence role')
  const reqs = array(t, 'requiredEvidence', '', false) ?? []
  const reqRoles = reqs.map((r, i) => {
    const p = `requiredEvidence[${i}]`
    if (!shape(r, p, ['role', 'minCount'], [])) return undefined
    if (!Number.isSafeInteger(r.minCount) || Number(r.minCount) < 1) {
      add('TEMPLATE_SHAPE', at(p, 'minCount'), '"minCount" must be a whole number, 1 or more.')
    }
    if (typeof r.role !== 'string' || !roleIds.includes(r.role)) {
      add(
        'TEMPLATE_REFERENCE',
        at(p, 'role'),
        `"${String(r.role)}" is not one of this template's evidence roles; declare it in "evidenceRoles".`,
      )
      return undefined
    }
    return r.role
  })
  unique(reqRoles, 'requiredEvidence', 'evidence requirement for role')

  // Sign-off roles.
  const signoffs = array(t, 'signoffRoles', '', true) ?? []
  let anyRequired = false
  const signoffIds = signoffs.map((r, i) => {
    const p = `signoffRoles[${i}]`
    if (!shape(r, p, ['role', 'label', 'raci', 'required'], [])) return undefined
    text(r, 'label', p)
    if (r.raci !== undefined && !['R', 'A', 'C', 'I'].includes(r.raci as string)) {
      add('TEMPLATE_SHAPE', at(p, 'raci'), '"raci" must be one of "R", "A", "C" or "I".')
    }
    bool(r, 'required', p)
    if (r.required === true) anyRequired = true
    return id(r, 'role', p, ROLE_ID_PATTERN, 'lowercase kebab-case, e.g. "accountable-manager"')
  })
  unique(signoffIds, 'signoffRoles', 'sign-off role')
  if (signoffs.length > 0 && !anyRequired) {
    add(
      'TEMPLATE_RULE',
      'signoffRoles',
      'No sign-off role is required, so a packet could count as signed with no approval; mark at least one "required": true.',
    )
  }
  return issues
}

/** Validates an untrusted value and, when it is a valid template, returns it typed. */
export function parseTemplate(value: unknown): ParseTemplateResult {
  const issues = validateTemplate(value)
  return issues.length === 0
    ? { ok: true, template: value as PacketTemplate, issues: [] }
    : { ok: false, issues }
}

/**
 * Compares two semantic versions by SemVer 2.0.0 precedence (negative, zero or positive).
 * Both must match SEMVER_PATTERN.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitOnce(a, '-')
  const [coreB = '', preB] = splitOnce(b, '-')
  const na = coreA.split('.').map(Number)
  const nb = coreB.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0)
    if (d !== 0) return d
  }
  if (preA === undefined || preB === undefined) {
    return preA === preB ? 0 : preA === undefined ? 1 : -1
  }
  const pa = preA.split('.')
  const pb = preB.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const xn = /^\d+$/.test(x)
    const yn = /^\d+$/.test(y)
    if (xn && yn) {
      const d = Number(x) - Number(y)
      if (d !== 0) return d
    } else if (xn !== yn) return xn ? -1 : 1
    else if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep)
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)]
}
