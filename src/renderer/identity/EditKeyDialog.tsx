// Changing a keyring entry in place: the roles a key may sign for, its validity window and the
// note, for a colleague's key or one of the user's own identities (the keyring is where both get
// their roles). A revoked key cannot be changed. The change is one transaction with its
// `key.updated` audit entry; history stays (nothing is revoked or imported again).
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { KeyringRecord } from '../../core/workspace/records'
import { updateKeyringEntry } from '../data/keyring-store'
import { Modal } from '../components/Modal'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { actorLabel, useActor } from './actor'
import { formatFingerprint } from './fingerprint'
import { roleLabel } from './known-roles'
import { chosenRoles, RolePicker, roleChoiceOf, type RoleChoice } from './RolePicker'
import { ValidityFields } from './ValidityFields'

const dateOf = (iso?: string) => (iso ? iso.slice(0, 10) : '')

/**
 * The ISO time for a date input: the original when the day did not change (a keyring file may
 * give a time other than midnight), else the start (from) or end (until) of the day, UTC.
 */
function boundOf(day: string, original: string | undefined, end: boolean): string | undefined {
  if (day === '') return undefined
  if (original && dateOf(original) === day) return original
  return end ? `${day}T23:59:59.999Z` : `${day}T00:00:00.000Z`
}

type Field = 'roles' | 'other' | 'dates' | 'note' | 'form'

function EditKeyForm({
  record,
  onClose,
}: {
  record: KeyringRecord
  onClose: (message?: string) => void
}) {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const [roles, setRoles] = useState<RoleChoice>(roleChoiceOf(record.roles))
  const [validFrom, setValidFrom] = useState(dateOf(record.validFrom))
  const [validUntil, setValidUntil] = useState(dateOf(record.validUntil))
  const [note, setNote] = useState(record.note ?? '')
  const [problem, setProblem] = useState<{ field: Field; message: string }>()
  const [busy, setBusy] = useState(false)
  const problemRef = useRef<HTMLParagraphElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => headingRef.current?.focus(), [])
  useEffect(() => {
    if (problem?.field === 'other') document.getElementById('edit-roles-other')?.focus()
    else if (problem) problemRef.current?.focus()
  }, [problem])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setProblem(undefined)
    const picked = chosenRoles(roles)
    if ('problem' in picked) {
      setProblem({ field: 'other', message: picked.problem })
      return
    }
    if (picked.roles.length === 0) {
      setProblem({
        field: 'roles',
        message:
          'Choose at least one role this key may sign for. To trust it for nothing, revoke it instead.',
      })
      return
    }
    if (validFrom && validUntil && validUntil < validFrom) {
      setProblem({
        field: 'dates',
        message: '“Valid until” is before “Valid from”: swap or correct the dates.',
      })
      return
    }
    setBusy(true)
    try {
      const from = boundOf(validFrom, record.validFrom, false)
      const until = boundOf(validUntil, record.validUntil, true)
      const { record: saved, changed } = await updateKeyringEntry(
        db,
        record.keyid,
        {
          roles: picked.roles,
          ...(from ? { validFrom: from } : {}),
          ...(until ? { validUntil: until } : {}),
          note,
        },
        actor,
      )
      if (!changed) {
        onClose(`Nothing changed for the key of ${record.name}.`)
        return
      }
      const window =
        saved.validFrom || saved.validUntil
          ? ` Valid${saved.validFrom ? ` from ${dateOf(saved.validFrom)}` : ''}${saved.validUntil ? ` until ${dateOf(saved.validUntil)}` : ''}.`
          : ' Valid without a time limit.'
      onClose(
        `Changed the key of ${saved.name}: it may sign as ${saved.roles.map(roleLabel).join(', ')}.${window}`,
      )
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      setProblem({
        field: /Valid/.test(message)
          ? 'dates'
          : /role/.test(message)
            ? 'roles'
            : /note/.test(message)
              ? 'note'
              : 'form',
        message,
      })
    } finally {
      setBusy(false)
    }
  }

  const errorId = 'edit-key-error'
  const invalid = (field: Field) =>
    problem?.field === field ? { 'aria-invalid': true as const } : {}

  return (
    <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="edit-key-title" ref={headingRef} tabIndex={-1}>
        Edit the roles of {record.name}
      </h2>
      <p>
        Fingerprint: <code className="fingerprint">{formatFingerprint(record.keyid)}</code>
        {record.origin === 'own' ? ' (your identity)' : ''}
      </p>
      <p className="ws-hint">
        From now on, verification counts this key’s sign-offs only in these roles and within these
        dates, also for packets it signed earlier. The change is recorded in the audit trail.
      </p>
      {problem && problem.field !== 'other' ? (
        <p className="error-box" role="alert" id={errorId} tabIndex={-1} ref={problemRef}>
          {problem.message}
        </p>
      ) : null}
      <RolePicker
        legend="Roles this key may sign for"
        hint="At least one. Only sign-offs in these roles count when you verify."
        value={roles}
        onChange={setRoles}
        idPrefix="edit-roles"
        error={problem?.field === 'other' ? problem.message : undefined}
      />
      <ValidityFields
        idPrefix="edit"
        from={validFrom}
        until={validUntil}
        onFrom={setValidFrom}
        onUntil={setValidUntil}
        errorId={problem?.field === 'dates' ? errorId : undefined}
      />
      <div className="ws-field">
        <label htmlFor="edit-note">Note (optional)</label>
        <p className="ws-hint" id="edit-note-hint">
          For example an email address, team, and how you checked the fingerprint.
        </p>
        <textarea
          id="edit-note"
          {...invalid('note')}
          aria-describedby={
            problem?.field === 'note' ? `edit-note-hint ${errorId}` : 'edit-note-hint'
          }
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="ws-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save changes
        </button>
        <button type="button" className="button" onClick={() => onClose()}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** A modal for editing `record`; closed while `record` is undefined. Escape cancels. */
export function EditKeyDialog({
  record,
  onClose,
}: {
  record: KeyringRecord | undefined
  onClose: (message?: string) => void
}) {
  return (
    <Modal
      open={record !== undefined}
      className="ws-dialog keyring-edit-dialog"
      labelledBy="edit-key-title"
      onCancel={() => onClose()}
    >
      {record ? <EditKeyForm key={record.keyid} record={record} onClose={onClose} /> : null}
    </Modal>
  )
}
