// Exactly what a sign-off signs, shown before anyone signs: the packet's fields as a person
// reads them, each evidence file with its role, size and full SHA-256, and the statement digest
// once the bundle is packed. For a packed revision everything shown is read back from the
// stored bundle's signed statement, not from the editable record.
import type { JsonValue } from '../../core/json/canonical-json'
import { displayValue, EMPTY } from '../../core/packets/packet-diff'
import { riskLevels, type Field, type PacketTemplate } from '../../core/templates/template-model'
import { formatBytes } from '../verify/report-view'

export interface SignedEvidence {
  /** Name inside the bundle, without files/. */
  name: string
  role: string
  title?: string
  sha256: string
  size?: number
}

type Obj = Record<string, JsonValue>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const level = (n: JsonValue | undefined) =>
  typeof n === 'number' ? `${n} ${riskLevels.find((r) => r.value === n)?.label ?? ''}`.trim() : '?'

function FieldValue({ field, value }: { field: Field; value: JsonValue | undefined }) {
  if (field.type === 'list' && Array.isArray(value) && value.length > 0) {
    return (
      <ol className="signed-list">
        {value.map((item, i) => (
          <li key={i}>
            {isObj(item)
              ? field.itemFields
                  .filter((f) => item[f.id] !== undefined)
                  .map((f) => `${f.label}: ${displayValue(f, item[f.id])}`)
                  .join('; ')
              : displayValue(undefined, item)}
          </li>
        ))}
      </ol>
    )
  }
  if (field.type === 'risks' && Array.isArray(value) && value.length > 0) {
    return (
      <ol className="signed-list">
        {value.map((r, i) => {
          if (!isObj(r)) return <li key={i}>{displayValue(undefined, r)}</li>
          const cat = field.categories.find((c) => c.id === r.category)?.label ?? String(r.category)
          const before = isObj(r.before) ? r.before : {}
          const after = isObj(r.after) ? r.after : {}
          const measures = Array.isArray(r.measures) ? r.measures.map(String).join('; ') : ''
          return (
            <li key={i}>
              <strong>{String(r.title ?? '(untitled)')}</strong> ({cat}):{' '}
              {String(r.description ?? '')} Measures: {measures || EMPTY}. Before: severity{' '}
              {level(before.severity)}, likelihood {level(before.likelihood)}; after: severity{' '}
              {level(after.severity)}, likelihood {level(after.likelihood)}.
            </li>
          )
        })}
      </ol>
    )
  }
  return <>{displayValue(field, value)}</>
}

export function SignedContent({
  template,
  fields,
  evidence,
  statementSha256,
  headingLevel = 3,
}: {
  template: PacketTemplate
  fields: Record<string, JsonValue>
  evidence: readonly SignedEvidence[]
  /** The statement digest, when the bundle is packed. */
  statementSha256?: string
  headingLevel?: 3 | 4
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4'
  const roleLabel = (r: string) => template.evidenceRoles.find((x) => x.id === r)?.label ?? r
  return (
    <div className="signed-content">
      <H className="small-heading">Statement digest</H>
      {statementSha256 ? (
        <p>
          SHA-256 of the signed statement:{' '}
          <span className="mono hash" data-testid="statement-digest">
            {statementSha256}
          </span>
        </p>
      ) : (
        <p>
          Not packed yet: your signature packs this revision into a bundle and signs its statement;
          the digest every later sign-off names is computed then.
        </p>
      )}
      <H className="small-heading">Evidence ({evidence.length})</H>
      {evidence.length === 0 ? (
        <p>No evidence.</p>
      ) : (
        <div className="table-scroll">
          <table className="signed-evidence">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Role</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((e) => (
                <tr key={e.name}>
                  <th scope="row">
                    <span className="mono">{e.name}</span>
                    {e.title ? <span className="muted small block">{e.title}</span> : null}
                  </th>
                  <td>{roleLabel(e.role)}</td>
                  <td>{e.size === undefined ? '—' : formatBytes(e.size)}</td>
                  <td className="mono hash">{e.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <H className="small-heading">Fields</H>
      {template.sections.map((section) => {
        const present = section.fields.filter((f) => fields[f.id] !== undefined)
        if (present.length === 0) return null
        return (
          <div key={section.id} className="signed-section">
            <p className="signed-section-title">{section.title}</p>
            <dl className="signed-fields">
              {present.map((f) => (
                <div key={f.id}>
                  <dt>{f.label}</dt>
                  <dd>
                    <FieldValue field={f} value={fields[f.id]} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        )
      })}
    </div>
  )
}
