// The packet's evidence: required evidence met or not, the attached items with their roles, and
// "Attach evidence…", a dialog that searches the evidence library, lets one item be chosen
// and given a role from the template's evidence roles.
import { useEffect, useId, useRef, useState } from 'react'
import { evidenceRequirements } from '../../core/packets/packet-lifecycle'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { PacketIssue } from '../../core/templates/validate-packet'
import type { EvidenceRecord, PacketEvidenceLink, PacketRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { Icon } from '../components/Icon'
import { FieldMessages } from './FieldInput'
import { evidencePathFor, searchEvidenceForPicker } from './packet-store'

export interface PacketEvidenceProps {
  db: WorkspaceDb
  packet: PacketRecord
  template: PacketTemplate
  records: ReadonlyMap<string, EvidenceRecord>
  editable: boolean
  issuesAt: (path: string) => readonly PacketIssue[]
  onChange: (evidence: PacketEvidenceLink[], added?: EvidenceRecord) => void
}

export function PacketEvidence({
  db,
  packet,
  template,
  records,
  editable,
  issuesAt,
  onChange,
}: PacketEvidenceProps) {
  const [picking, setPicking] = useState(false)
  const attachButton = useRef<HTMLButtonElement>(null)
  const requirements = evidenceRequirements(packet, template)
  const roleLabel = (r: string) => template.evidenceRoles.find((x) => x.id === r)?.label ?? r
  return (
    <section
      className="panel packet-section"
      aria-labelledby="packet-evidence"
      id="f-evidence"
      tabIndex={-1}
    >
      <h2 id="packet-evidence">Evidence</h2>
      <FieldMessages id="f-evidence" issues={issuesAt('evidence')} />
      {requirements.length > 0 ? (
        <>
          <h3 className="small-heading">Required evidence</h3>
          <ul className="requirement-list">
            {requirements.map((r) => (
              <li key={r.role} className={r.met ? 'req-met' : 'req-unmet'}>
                <Icon name={r.met ? 'check' : 'cross'} />
                <span>
                  <strong>{r.met ? 'Met' : 'Missing'}:</strong> {r.label} — {r.have} of {r.minCount}{' '}
                  attached
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="small-heading">Attached</h3>
      {packet.evidence.length === 0 ? (
        <p className="muted">No evidence attached yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Evidence</th>
                <th scope="col">Role</th>
                <th scope="col">Name in the bundle</th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {packet.evidence.map((e, i) => {
                const rec = records.get(e.sha256)
                const title = rec?.title ?? e.path
                const problems = [
                  ...issuesAt(`evidence[${i}].role`),
                  ...issuesAt(`evidence[${i}].expires`),
                  ...issuesAt(`evidence[${i}].path`),
                ]
                return (
                  <tr key={`${e.sha256}-${e.role}-${i}`}>
                    <th scope="row">
                      {title}
                      {!rec ? <span className="muted small block">Not in this library</span> : null}
                      <FieldMessages id={`f-evidence-${i}`} issues={problems} />
                    </th>
                    <td>{roleLabel(e.role)}</td>
                    <td className="mono small">{e.path}</td>
                    {editable ? (
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => {
                            onChange(packet.evidence.filter((_, j) => j !== i))
                            requestAnimationFrame(() => attachButton.current?.focus())
                          }}
                        >
                          Remove{' '}
                          <span className="visually-hidden">
                            {title} ({roleLabel(e.role)})
                          </span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <button
          ref={attachButton}
          type="button"
          className="button"
          onClick={() => setPicking(true)}
        >
          Attach evidence…
        </button>
      ) : null}
      {picking ? (
        <PacketEvidencePicker
          db={db}
          template={template}
          taken={packet.evidence}
          onClose={() => {
            setPicking(false)
            requestAnimationFrame(() => attachButton.current?.focus())
          }}
          onPick={(rec, role) => {
            const path = evidencePathFor(
              rec.fileName,
              packet.evidence.map((e) => e.path),
            )
            onChange([...packet.evidence, { sha256: rec.sha256, role, path }], rec)
            setPicking(false)
            requestAnimationFrame(() => attachButton.current?.focus())
          }}
        />
      ) : null}
    </section>
  )
}

function PacketEvidencePicker({
  db,
  template,
  taken,
  onClose,
  onPick,
}: {
  db: WorkspaceDb
  template: PacketTemplate
  taken: readonly PacketEvidenceLink[]
  onClose: () => void
  onPick: (record: EvidenceRecord, role: string) => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const uid = useId()
  const [text, setText] = useState('')
  const [found, setFound] = useState<EvidenceRecord[] | undefined>()
  const [chosen, setChosen] = useState<string>()
  const [role, setRole] = useState('')
  const [error, setError] = useState<string>()
  const unmet = template.requiredEvidence.find(
    (r) => taken.filter((t) => t.role === r.role).length < r.minCount,
  )

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    setRole((r) => r || unmet?.role || '')
  }, [])

  useEffect(() => {
    let live = true
    const t = setTimeout(() => {
      searchEvidenceForPicker(db, text).then((r) => live && setFound(r))
    }, 120)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [db, text])

  const attach = () => {
    const rec = found?.find((f) => f.sha256 === chosen)
    if (!rec) return setError('Choose an evidence item from the list.')
    if (!role) return setError('Choose the role this evidence plays in the packet.')
    if (taken.some((t) => t.sha256 === rec.sha256 && t.role === role)) {
      return setError('This item is already attached with that role.')
    }
    onPick(rec, role)
  }

  return (
    <dialog
      ref={dialog}
      className="picker-dialog"
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          attach()
        }}
      >
        <h2 id={`${uid}-title`}>Attach evidence</h2>
        <div className="field">
          <label htmlFor={`${uid}-search`}>Search the evidence library</label>
          <input
            id={`${uid}-search`}
            type="search"
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${uid}-count`}
          />
          <p id={`${uid}-count`} className="muted small" aria-live="polite">
            {found === undefined
              ? 'Searching…'
              : found.length === 0
                ? 'No evidence matches. Add files in the Evidence library first.'
                : `${found.length}${found.length === 50 ? ' or more' : ''} items`}
          </p>
        </div>
        {found && found.length > 0 ? (
          <fieldset className="picker-list">
            <legend>Evidence item</legend>
            {found.map((r) => (
              <label key={r.sha256} className="picker-item">
                <input
                  type="radio"
                  name={`${uid}-item`}
                  value={r.sha256}
                  checked={chosen === r.sha256}
                  onChange={() => setChosen(r.sha256)}
                />
                <span>
                  <strong>{r.title}</strong>
                  <span className="muted small block">
                    {r.fileName} · {r.kind} · added {r.addedAt.slice(0, 10)}
                    {r.expires ? ` · expires ${r.expires}` : ''}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={`${uid}-role`}>Role in this packet</label>
          <select id={`${uid}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Choose…</option>
            {template.evidenceRoles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
                {template.requiredEvidence.some((q) => q.role === r.id) ? ' (required)' : ''}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary">
            Attach
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}
