// The DPIA risk register: risks grouped by category (add and remove per category), each with a
// title, description, the measures that treat it, and severity and likelihood from 1 to 4
// before and after those measures. The risk map below shows them all at once.
import type { JsonValue } from '../../core/json/canonical-json'
import {
  emptyRisk,
  inputIdFor,
  readRisk,
  writeRisk,
  type RiskDraft,
} from '../../core/packets/field-values'
import { riskLevels, type RiskLevel, type RiskListField } from '../../core/templates/template-model'
import type { PacketIssue } from '../../core/templates/validate-packet'
import { FieldMessages, RequiredMark } from './FieldInput'
import { RiskMap } from './RiskMap'

export interface RiskEditorProps {
  field: RiskListField
  value: JsonValue | undefined
  required: boolean
  issuesAt: (path: string) => readonly PacketIssue[]
  onChange: (value: JsonValue[] | undefined) => void
  onBlur: () => void
}

function LevelSelect({
  id,
  label,
  value,
  issues,
  onChange,
  onBlur,
}: {
  id: string
  label: string
  value: RiskLevel | undefined
  issues: readonly PacketIssue[]
  onChange: (v: RiskLevel | undefined) => void
  onBlur: () => void
}) {
  return (
    <div className={`field field-inline${issues.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={issues.length ? `${id}-error` : undefined}
        onBlur={onBlur}
        onChange={(e) =>
          onChange(e.target.value ? (Number(e.target.value) as RiskLevel) : undefined)
        }
      >
        <option value="">Not rated</option>
        {riskLevels.map((l) => (
          <option key={l.value} value={l.value}>
            {l.value} {l.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} issues={issues} />
    </div>
  )
}

export function RiskEditor({
  field,
  value,
  required,
  issuesAt,
  onChange,
  onBlur,
}: RiskEditorProps) {
  const stored = Array.isArray(value) ? value : []
  const risks = stored.map(readRisk)
  const path = `fields.${field.id}`
  const id = inputIdFor(path)
  const write = (next: RiskDraft[]) => onChange(next.length ? next.map(writeRisk) : undefined)
  const update = (i: number, change: (r: RiskDraft) => RiskDraft) =>
    write(risks.map((r, j) => (j === i ? change(r) : r)))

  const add = (category: string) => {
    write([...risks, emptyRisk(category)])
    requestAnimationFrame(() =>
      document.getElementById(inputIdFor(`${path}[${risks.length}].title`))?.focus(),
    )
  }

  return (
    <fieldset className="field field-risks" id={id} tabIndex={-1}>
      <legend>
        {field.label}
        <RequiredMark required={required} />
      </legend>
      {field.help ? <p className="field-help">{field.help}</p> : null}
      <FieldMessages id={id} issues={issuesAt(path)} />
      {field.categories.map((cat) => {
        const inCat = risks.map((r, i) => ({ r, i })).filter(({ r }) => r.category === cat.id)
        return (
          <section key={cat.id} className="risk-category" aria-labelledby={`${id}-${cat.id}`}>
            <h3 id={`${id}-${cat.id}`}>
              {cat.label}
              {field.requiredCategories.includes(cat.id) ? (
                <span className="muted small"> · at least one risk needed</span>
              ) : null}
            </h3>
            {cat.help ? <p className="field-help">{cat.help}</p> : null}
            {inCat.length === 0 ? <p className="muted small">No risk assessed yet.</p> : null}
            {inCat.map(({ r, i }) => {
              const rp = `${path}[${i}]`
              const at = (k: string) => issuesAt(`${rp}.${k}`)
              const name = `risk R${i + 1}`
              return (
                <div key={i} className="risk-entry">
                  <div className="list-entry-head">
                    <h4 className="list-entry-title">
                      R{i + 1} {r.title ? `· ${r.title}` : ''}
                    </h4>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        write(risks.filter((_, j) => j !== i))
                        requestAnimationFrame(() =>
                          document.getElementById(`${id}-add-${cat.id}`)?.focus(),
                        )
                      }}
                    >
                      Remove <span className="visually-hidden">{name}</span>
                    </button>
                  </div>
                  <FieldMessages id={inputIdFor(rp)} issues={issuesAt(rp)} />
                  <div className={`field${at('title').length ? ' has-error' : ''}`}>
                    <label htmlFor={inputIdFor(`${rp}.title`)}>
                      Feared event <span className="visually-hidden">of {name}</span>
                      <RequiredMark required />
                    </label>
                    <input
                      id={inputIdFor(`${rp}.title`)}
                      type="text"
                      value={r.title}
                      aria-invalid={at('title').length > 0 || undefined}
                      aria-describedby={
                        at('title').length ? `${inputIdFor(`${rp}.title`)}-error` : undefined
                      }
                      onBlur={onBlur}
                      onChange={(e) => update(i, (x) => ({ ...x, title: e.target.value }))}
                    />
                    <FieldMessages id={inputIdFor(`${rp}.title`)} issues={at('title')} />
                  </div>
                  <div className={`field${at('description').length ? ' has-error' : ''}`}>
                    <label htmlFor={inputIdFor(`${rp}.description`)}>
                      Impacts, threats and risk sources{' '}
                      <span className="visually-hidden">of {name}</span>
                      <RequiredMark required />
                    </label>
                    <textarea
                      id={inputIdFor(`${rp}.description`)}
                      rows={3}
                      value={r.description}
                      aria-invalid={at('description').length > 0 || undefined}
                      aria-describedby={
                        at('description').length
                          ? `${inputIdFor(`${rp}.description`)}-error`
                          : undefined
                      }
                      onBlur={onBlur}
                      onChange={(e) => update(i, (x) => ({ ...x, description: e.target.value }))}
                    />
                    <FieldMessages
                      id={inputIdFor(`${rp}.description`)}
                      issues={at('description')}
                    />
                  </div>
                  <fieldset
                    className={`field measures${at('measures').length ? ' has-error' : ''}`}
                    id={inputIdFor(`${rp}.measures`)}
                    tabIndex={-1}
                  >
                    <legend>
                      Measures that treat it <span className="visually-hidden">({name})</span>
                      <RequiredMark required />
                    </legend>
                    <FieldMessages id={inputIdFor(`${rp}.measures`)} issues={at('measures')} />
                    <ol className="measure-list">
                      {r.measures.map((m, k) => {
                        const mid = inputIdFor(`${rp}.measures[${k}]`)
                        return (
                          <li key={k} className="measure-row">
                            <label htmlFor={mid} className="visually-hidden">
                              Measure {k + 1} of {name}
                            </label>
                            <input
                              id={mid}
                              type="text"
                              value={m}
                              onBlur={onBlur}
                              aria-invalid={
                                issuesAt(`${rp}.measures[${k}]`).length > 0 || undefined
                              }
                              onChange={(e) =>
                                update(i, (x) => ({
                                  ...x,
                                  measures: x.measures.map((y, z) =>
                                    z === k ? e.target.value : y,
                                  ),
                                }))
                              }
                            />
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() =>
                                update(i, (x) => ({
                                  ...x,
                                  measures: x.measures.filter((_, z) => z !== k),
                                }))
                              }
                            >
                              Remove{' '}
                              <span className="visually-hidden">
                                measure {k + 1} of {name}
                              </span>
                            </button>
                          </li>
                        )
                      })}
                    </ol>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        update(i, (x) => ({ ...x, measures: [...x.measures, ''] }))
                        requestAnimationFrame(() =>
                          document
                            .getElementById(inputIdFor(`${rp}.measures[${r.measures.length}]`))
                            ?.focus(),
                        )
                      }}
                    >
                      Add measure <span className="visually-hidden">to {name}</span>
                    </button>
                  </fieldset>
                  <div className="rating-grid">
                    {(['before', 'after'] as const).map((stage) => (
                      <fieldset
                        key={stage}
                        className="rating"
                        id={inputIdFor(`${rp}.${stage}`)}
                        tabIndex={-1}
                      >
                        <legend>
                          {stage === 'before'
                            ? 'Before the measures'
                            : 'After the measures (residual)'}
                          <span className="visually-hidden"> for {name}</span>
                        </legend>
                        <FieldMessages id={inputIdFor(`${rp}.${stage}`)} issues={at(stage)} />
                        {(['severity', 'likelihood'] as const).map((k) => (
                          <LevelSelect
                            key={k}
                            id={inputIdFor(`${rp}.${stage}.${k}`)}
                            label={k === 'severity' ? 'Severity' : 'Likelihood'}
                            value={r[stage][k]}
                            issues={at(`${stage}.${k}`)}
                            onBlur={onBlur}
                            onChange={(v) =>
                              update(i, (x) => {
                                const rating = { ...x[stage] }
                                if (v) rating[k] = v
                                else delete rating[k]
                                return { ...x, [stage]: rating }
                              })
                            }
                          />
                        ))}
                      </fieldset>
                    ))}
                  </div>
                </div>
              )
            })}
            <button
              type="button"
              className="button"
              id={`${id}-add-${cat.id}`}
              onClick={() => add(cat.id)}
            >
              Add risk: {cat.label.toLowerCase()}
            </button>
          </section>
        )
      })}
      <RiskMap risks={risks} categories={field.categories} />
    </fieldset>
  )
}
