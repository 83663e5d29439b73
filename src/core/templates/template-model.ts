// The packet template model. A template is plain, JSON-serialisable data (no functions, no
// classes), so an organisation can write one by hand and add it without code; see
// docs/templates.md. Packets store their field values flat in `fields`, keyed by field id, so
// field ids are unique across all sections of a template.

/** Responsible, Accountable, Consulted, Informed: the role's letter in the deliverable's RACI. */
export type RaciLetter = 'R' | 'A' | 'C' | 'I'

export interface SignoffRole {
  /** Lowercase kebab-case role id, e.g. `dpo`, `legal`, `accountable-manager`. */
  role: string
  label: string
  raci: RaciLetter
  /** A required role must approve before the packet counts as signed. */
  required: boolean
}

/** What a piece of evidence may be for in a packet (`EvidenceRef.role`). */
export interface EvidenceRole {
  /** Lowercase kebab-case id, e.g. `data-flow-diagram`. */
  id: string
  label: string
  help?: string
}

/** A packet needs at least `minCount` evidence entries with this role. */
export interface EvidenceRequirement {
  role: string
  minCount: number
}

/**
 * A rule checked against the whole value: `regex` is an ECMAScript pattern (compiled with the
 * `u` flag) that must match the entire text, and `message` says what a valid value looks like.
 */
export interface PatternRule {
  regex: string
  message: string
}

export interface TextRules {
  pattern?: PatternRule
  minLength?: number
  maxLength?: number
}

/**
 * Makes a field required only while another top-level field has a given value (or, when that
 * field holds a list of options, includes it). Ignored for fields inside list items.
 */
export interface RequiredWhen {
  field: string
  equals: string | number | boolean
}

interface FieldBase {
  /** Lower camelCase id, unique within the template; the key in `PacketDocument.fields`. */
  id: string
  label: string
  help?: string
  required: boolean
  requiredWhen?: RequiredWhen
}

export interface TextField extends FieldBase {
  type: 'text'
  rules?: TextRules
}

export interface LongTextField extends FieldBase {
  type: 'longtext'
  rules?: TextRules
}

/** A calendar date written `YYYY-MM-DD`. */
export interface DateField extends FieldBase {
  type: 'date'
}

export interface NumberField extends FieldBase {
  type: 'number'
  min?: number
  max?: number
  integer?: boolean
  /** Shown beside the input, e.g. `ms`, `%`, `days`. */
  unit?: string
}

export interface SelectOption {
  value: string
  label: string
}

export interface SelectField extends FieldBase {
  type: 'select'
  options: SelectOption[]
}

export interface MultiSelectField extends FieldBase {
  type: 'multiselect'
  options: SelectOption[]
  minItems?: number
  maxItems?: number
}

export interface BooleanField extends FieldBase {
  type: 'boolean'
  /** A checklist item: only `true` satisfies it (a required boolean accepts either answer). */
  mustBeTrue?: boolean
}

/** An absolute http(s) URL. */
export interface UrlField extends FieldBase {
  type: 'url'
  rules?: TextRules
}

export interface EmailField extends FieldBase {
  type: 'email'
  rules?: TextRules
}

/** Fields that hold one value; the only kinds allowed inside list items. */
export type ScalarField =
  | TextField
  | LongTextField
  | DateField
  | NumberField
  | SelectField
  | MultiSelectField
  | BooleanField
  | UrlField
  | EmailField

/** A repeatable group: the value is an array of objects keyed by `itemFields` ids. */
export interface ListField extends FieldBase {
  type: 'list'
  itemFields: ScalarField[]
  minItems?: number
  maxItems?: number
}

export interface RiskCategory {
  id: string
  label: string
  help?: string
}

/**
 * An open list of risks in the manner of CNIL's PIA method. Each entry is a `RiskEntry`;
 * severity and likelihood are rated 1–4 (`riskLevels`) before and after the measures.
 * Every category in `requiredCategories` needs at least one entry.
 */
export interface RiskListField extends FieldBase {
  type: 'risks'
  categories: RiskCategory[]
  requiredCategories: string[]
  minItems?: number
}

export type Field = ScalarField | ListField | RiskListField
export type FieldType = Field['type']

export interface Section {
  /** Lowercase kebab-case id, unique within the template. */
  id: string
  title: string
  help?: string
  fields: Field[]
}

export interface PacketTemplate {
  /** Lowercase kebab-case, e.g. `dpia`, `partner-sla`. */
  id: string
  /** Semantic version `MAJOR.MINOR.PATCH`; a published version never changes. */
  version: string
  title: string
  description: string
  sections: Section[]
  evidenceRoles: EvidenceRole[]
  requiredEvidence: EvidenceRequirement[]
  signoffRoles: SignoffRole[]
}

export type RiskLevel = 1 | 2 | 3 | 4

/** The value of one entry in a `risks` field. */
export interface RiskEntry {
  /** One of the field's category ids. */
  category: string
  title: string
  description: string
  /** The measures that treat this risk, in short words or by reference to the measures list. */
  measures: string[]
  before: { severity: RiskLevel; likelihood: RiskLevel }
  after: { severity: RiskLevel; likelihood: RiskLevel }
}

/** CNIL's four-level scale for both severity and likelihood. */
export const riskLevels: readonly { value: RiskLevel; label: string }[] = [
  { value: 1, label: 'Negligible' },
  { value: 2, label: 'Limited' },
  { value: 3, label: 'Significant' },
  { value: 4, label: 'Maximum' },
]

/** One finding of a validation: a stable code, where it is, and a plain sentence. */
export interface Issue<Code extends string = string> {
  code: Code
  /** Dotted path into the checked document, e.g. `fields.purposes`, `evidence[2].role`. */
  path: string
  message: string
}

/** All fields of a template, in section order. */
export function templateFields(template: PacketTemplate): Field[] {
  return template.sections.flatMap((s) => s.fields)
}

/** The roles that must approve a packet of this template. */
export function requiredSignoffRoles(template: PacketTemplate): string[] {
  return template.signoffRoles.filter((r) => r.required).map((r) => r.role)
}
