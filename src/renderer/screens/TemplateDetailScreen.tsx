// One template in full: sign-off roles with their RACI letter, required evidence, and every
// section with its fields, types and rules.
import { TemplateRegistry } from '../../core/templates/registry'
import {
  riskLevels,
  type Field,
  type PacketTemplate,
  type ScalarField,
} from '../../core/templates/template-model'
import { hrefs } from '../routing'

const registry = new TemplateRegistry()

const RACI: Record<string, string> = {
  R: 'Responsible',
  A: 'Accountable',
  C: 'Consulted',
  I: 'Informed',
}

const TYPE_LABELS: Record<Field['type'], string> = {
  text: 'Text',
  longtext: 'Long text',
  date: 'Date',
  number: 'Number',
  select: 'One of a list',
  multiselect: 'Several of a list',
  boolean: 'Yes / no',
  url: 'Web address',
  email: 'Email address',
  list: 'List',
  risks: 'Risk register',
}

function rules(f: Field): string[] {
  const out: string[] = []
  if (f.requiredWhen) {
    out.push(`Required when ${f.requiredWhen.field} is ${String(f.requiredWhen.equals)}.`)
  }
  switch (f.type) {
    case 'text':
    case 'longtext':
    case 'url':
    case 'email':
      if (f.rules?.minLength) out.push(`At least ${f.rules.minLength} characters.`)
      if (f.rules?.maxLength) out.push(`At most ${f.rules.maxLength} characters.`)
      if (f.rules?.pattern) out.push(f.rules.pattern.message)
      break
    case 'number':
      if (f.min !== undefined || f.max !== undefined) {
        out.push(`From ${f.min ?? '…'} to ${f.max ?? '…'}${f.unit ? ` ${f.unit}` : ''}.`)
      } else if (f.unit) out.push(`In ${f.unit}.`)
      if (f.integer) out.push('Whole numbers only.')
      break
    case 'select':
    case 'multiselect':
      out.push(`Options: ${f.options.map((o) => o.label).join(', ')}.`)
      break
    case 'boolean':
      if (f.mustBeTrue) out.push('Must be confirmed.')
      break
    case 'list':
      if (f.minItems) out.push(`At least ${f.minItems} ${f.minItems === 1 ? 'entry' : 'entries'}.`)
      break
    case 'risks':
      out.push(`Categories: ${f.categories.map((c) => c.label).join(', ')}.`)
      out.push(
        `Severity and likelihood rated ${riskLevels.map((l) => `${l.value} ${l.label}`).join(', ')}, before and after measures.`,
      )
      break
    case 'date':
      break
  }
  return out
}

function FieldRows({
  fields,
  nested,
}: {
  fields: readonly (Field | ScalarField)[]
  nested?: boolean
}) {
  return (
    <>
      {fields.map((f) => (
        <tr key={f.id} className={nested ? 'nested' : undefined}>
          <th scope="row">
            {nested ? <span className="nest-mark">↳ </span> : null}
            {f.label}
            <span className="mono muted block">{f.id}</span>
          </th>
          <td>{TYPE_LABELS[f.type]}</td>
          <td>{f.required ? 'Required' : 'Optional'}</td>
          <td>
            {f.help ? <p className="cell-text">{f.help}</p> : null}
            {rules(f).map((r, i) => (
              <p key={i} className="cell-text muted">
                {r}
              </p>
            ))}
          </td>
        </tr>
      ))}
    </>
  )
}

function TemplateDetail({ t }: { t: PacketTemplate }) {
  return (
    <>
      <p className="back-link">
        <a href={hrefs.templates}>← All templates</a>
      </p>
      <h1 tabIndex={-1}>{t.title}</h1>
      <p className="muted">
        <span className="mono">{t.id}</span> · version {t.version}
      </p>
      <p className="lede">{t.description}</p>

      <section className="panel" aria-labelledby="roles-title">
        <h2 id="roles-title">Sign-off roles</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">RACI</th>
                <th scope="col">Sign-off</th>
              </tr>
            </thead>
            <tbody>
              {t.signoffRoles.map((r) => (
                <tr key={r.role}>
                  <th scope="row">
                    {r.label}
                    <span className="mono muted block">{r.role}</span>
                  </th>
                  <td>
                    {r.raci} — {RACI[r.raci]}
                  </td>
                  <td>{r.required ? 'Required' : 'Optional'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="evidence-title">
        <h2 id="evidence-title">Required evidence</h2>
        {t.requiredEvidence.length === 0 ? (
          <p>No evidence is required by this template.</p>
        ) : (
          <ul className="plain-list">
            {t.requiredEvidence.map((req) => {
              const role = t.evidenceRoles.find((r) => r.id === req.role)
              return (
                <li key={req.role}>
                  <strong>{role?.label ?? req.role}</strong>: at least {req.minCount}
                  {role?.help ? <span className="muted"> — {role.help}</span> : null}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <h2 className="sections-title">Sections</h2>
      {t.sections.map((s) => (
        <section key={s.id} className="panel" aria-labelledby={`section-${s.id}`}>
          <h3 id={`section-${s.id}`}>{s.title}</h3>
          {s.help ? <p className="muted">{s.help}</p> : null}
          <div className="table-scroll">
            <table className="fields-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                  <th scope="col">Help and rules</th>
                </tr>
              </thead>
              <tbody>
                {s.fields.map((f) => (
                  <FieldGroup key={f.id} field={f} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  )
}

function FieldGroup({ field }: { field: Field }) {
  return (
    <>
      <FieldRows fields={[field]} />
      {field.type === 'list' ? <FieldRows fields={field.itemFields} nested /> : null}
    </>
  )
}

export function TemplateDetailScreen({ id }: { id: string }) {
  const t = registry.latest(id)
  if (!t) {
    return (
      <>
        <h1 tabIndex={-1}>Template not found</h1>
        <p>
          No template has the id <span className="mono">{id}</span>.{' '}
          <a href={hrefs.templates}>See all templates</a>.
        </p>
      </>
    )
  }
  return <TemplateDetail t={t} />
}
