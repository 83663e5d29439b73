// A list field: one group per entry with its item fields, "Remove entry n", and "Add entry".
import type { JsonValue } from '../../core/json/canonical-json'
import { inputIdFor, withItemValue } from '../../core/packets/field-values'
import type { ListField } from '../../core/templates/template-model'
import type { PacketIssue } from '../../core/templates/validate-packet'
import { FieldInput, FieldMessages, RequiredMark } from './FieldInput'

export interface FieldListProps {
  field: ListField
  value: JsonValue | undefined
  required: boolean
  issuesAt: (path: string) => readonly PacketIssue[]
  onChange: (value: JsonValue[] | undefined) => void
  onBlur: () => void
}

export function FieldList({ field, value, required, issuesAt, onChange, onBlur }: FieldListProps) {
  const items = Array.isArray(value) ? value : []
  const path = `fields.${field.id}`
  const id = inputIdFor(path)
  const own = issuesAt(path)
  const add = () => {
    onChange([...items, {}])
    // Focus the first input of the new entry once it is drawn.
    requestAnimationFrame(() =>
      document
        .getElementById(inputIdFor(`${path}[${items.length}].${field.itemFields[0]?.id}`))
        ?.focus(),
    )
  }
  return (
    <fieldset className={`field field-list${own.length ? ' has-error' : ''}`} id={id} tabIndex={-1}>
      <legend>
        {field.label}
        <RequiredMark required={required} />
      </legend>
      {field.help ? <p className="field-help">{field.help}</p> : null}
      <FieldMessages id={id} issues={own} />
      {items.length === 0 ? <p className="muted small">No entries yet.</p> : null}
      <ol className="list-entries">
        {items.map((item, i) => {
          const ip = `${path}[${i}]`
          const entry = `entry ${i + 1} of ${field.label}`
          return (
            <li key={i} className="list-entry">
              <div className="list-entry-head">
                <h3 className="list-entry-title">Entry {i + 1}</h3>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    const next = items.filter((_, j) => j !== i)
                    onChange(next.length ? next : undefined)
                    requestAnimationFrame(() => document.getElementById(id)?.focus())
                  }}
                >
                  Remove <span className="visually-hidden">{entry}</span>
                </button>
              </div>
              <FieldMessages id={inputIdFor(ip)} issues={issuesAt(ip)} />
              <div className="list-entry-fields">
                {field.itemFields.map((sub) => {
                  const sp = `${ip}.${sub.id}`
                  const obj =
                    typeof item === 'object' && item !== null && !Array.isArray(item) ? item : {}
                  return (
                    <FieldInput
                      key={sub.id}
                      field={sub}
                      id={inputIdFor(sp)}
                      value={obj[sub.id]}
                      required={sub.required}
                      issues={issuesAt(sp)}
                      context={entry}
                      onBlur={onBlur}
                      onChange={(v) => {
                        const next = [...items]
                        next[i] = withItemValue(item, sub.id, v)
                        onChange(next)
                      }}
                    />
                  )
                })}
              </div>
            </li>
          )
        })}
      </ol>
      <button type="button" className="button" onClick={add}>
        Add entry <span className="visually-hidden">to {field.label}</span>
      </button>
    </fieldset>
  )
}
