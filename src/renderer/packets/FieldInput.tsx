// One scalar field of a packet (text, long text, date, number, choice(s), yes/no, URL, email)
// with its label, help, required marker and inline messages. The input names its help and its
// messages with aria-describedby and says aria-invalid when a message applies.
import type { JsonValue } from '../../core/json/canonical-json'
import type { ScalarField } from '../../core/templates/template-model'
import type { PacketIssue } from '../../core/templates/validate-packet'

export interface FieldInputProps {
  field: ScalarField
  /** The path validation issues use: `fields.controller`, `fields.measures[0].kind`. */
  id: string
  value: JsonValue | undefined
  required: boolean
  issues: readonly PacketIssue[]
  onChange: (value: JsonValue | undefined) => void
  onBlur?: () => void
  /** Extra words for the accessible name inside lists ("entry 2"). */
  context?: string
}

export function RequiredMark({ required }: { required: boolean }) {
  if (!required) return <span className="field-optional"> (optional)</span>
  return (
    <span className="field-required">
      <span aria-hidden="true"> *</span>
      <span className="visually-hidden"> (required)</span>
    </span>
  )
}

export function FieldMessages({ id, issues }: { id: string; issues: readonly PacketIssue[] }) {
  if (issues.length === 0) return null
  return (
    <ul className="field-messages" id={`${id}-error`}>
      {issues.map((i, n) => (
        <li key={n} className="field-error">
          <span aria-hidden="true">✕ </span>
          {i.message}
        </li>
      ))}
    </ul>
  )
}

function numberValue(raw: string): JsonValue | undefined {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : raw
}

export function FieldInput({
  field,
  id,
  value,
  required,
  issues,
  onChange,
  onBlur,
  context,
}: FieldInputProps) {
  const invalid = issues.length > 0
  const describedBy =
    [field.help ? `${id}-help` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  const common = {
    id,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    onBlur,
  }
  const label = (
    <>
      {field.label}
      {context ? <span className="visually-hidden"> ({context})</span> : null}
      <RequiredMark required={required} />
    </>
  )
  const help = field.help ? (
    <p className="field-help" id={`${id}-help`}>
      {field.help}
    </p>
  ) : null
  const str = typeof value === 'string' ? value : value === undefined ? '' : String(value)

  if (field.type === 'boolean') {
    // A yes/no answer is a pair of radios (so "no" is a real answer), a checklist item a checkbox.
    if (field.mustBeTrue) {
      return (
        <div className={`field field-check${invalid ? ' has-error' : ''}`}>
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => onChange(e.target.checked ? true : false)}
          />
          <label htmlFor={id}>{label}</label>
          {help}
          <FieldMessages id={id} issues={issues} />
        </div>
      )
    }
    return (
      <fieldset
        className={`field field-radios${invalid ? ' has-error' : ''}`}
        id={id}
        tabIndex={-1}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      >
        <legend>{label}</legend>
        {help}
        <div className="radio-row">
          {[
            [true, 'Yes'],
            [false, 'No'],
          ].map(([v, text]) => (
            <label key={String(v)} className="radio">
              <input
                type="radio"
                name={id}
                checked={value === v}
                onChange={() => onChange(v as boolean)}
                onBlur={onBlur}
              />{' '}
              {text as string}
            </label>
          ))}
          {value !== undefined ? (
            <button type="button" className="link-button" onClick={() => onChange(undefined)}>
              Clear answer
              <span className="visually-hidden"> to {field.label}</span>
            </button>
          ) : null}
        </div>
        <FieldMessages id={id} issues={issues} />
      </fieldset>
    )
  }

  if (field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : []
    return (
      <fieldset
        className={`field field-radios${invalid ? ' has-error' : ''}`}
        id={id}
        tabIndex={-1}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      >
        <legend>{label}</legend>
        {help}
        <div className="check-grid">
          {field.options.map((o) => (
            <label key={o.value} className="radio">
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onBlur={onBlur}
                onChange={(e) => {
                  const next = e.target.checked
                    ? [...chosen, o.value]
                    : chosen.filter((c) => c !== o.value)
                  onChange(next.length ? next : undefined)
                }}
              />{' '}
              {o.label}
            </label>
          ))}
        </div>
        <FieldMessages id={id} issues={issues} />
      </fieldset>
    )
  }

  let control
  switch (field.type) {
    case 'longtext':
      control = (
        <textarea
          {...common}
          rows={4}
          value={str}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )
      break
    case 'select':
      control = (
        <select
          {...common}
          value={str}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )
      break
    case 'number':
      control = (
        <span className="number-input">
          <input
            {...common}
            type="text"
            inputMode="decimal"
            value={str}
            onChange={(e) => onChange(numberValue(e.target.value))}
          />
          {field.unit ? <span className="muted">{field.unit}</span> : null}
        </span>
      )
      break
    default: {
      const type =
        field.type === 'date'
          ? 'date'
          : field.type === 'url'
            ? 'url'
            : field.type === 'email'
              ? 'email'
              : 'text'
      control = (
        <input
          {...common}
          type={type}
          value={str}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )
    }
  }
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {help}
      {control}
      <FieldMessages id={id} issues={issues} />
    </div>
  )
}
