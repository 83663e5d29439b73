// The workspace keyring: the public keys this workspace trusts, for which roles and when. Keys
// are imported from a colleague's PEM or keyring file (name, roles, validity and a note decided
// here), changed in place (roles, validity, note), revoked with a reason (never deleted), and
// exported as the keyring JSON that `evw verify --keyring` reads. Each change is logged in the
// audit trail.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { FileKind } from '../../core/host/host-api'
import { readKeyCandidates, type KeyCandidate } from '../../core/keys/key-import'
import { evaluateKey, keyringOf } from '../../core/keys/keyring'
import type { KeyringRecord } from '../../core/workspace/records'
import { importKeys, revokeKeyringKey, workspaceKeyringBytes } from '../data/keyring-store'
import { Modal } from '../components/Modal'
import { useHost } from '../host/host-context'
import { platformCrypto } from '../host/platform-crypto'
import { useWorkspace, useWorkspaceDb } from '../workspace/workspace-context'
import { actorLabel, useActor } from './actor'
import { EditKeyDialog } from './EditKeyDialog'
import { formatFingerprint, formatShortFingerprint } from './fingerprint'
import { fileSlug } from './IdentityList'
import { roleLabel } from './known-roles'
import { chosenRoles, RolePicker, roleChoiceOf, type RoleChoice } from './RolePicker'
import { ValidityFields } from './ValidityFields'

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** "2026-05-01T00:00:00.000Z" -> "2026-05-01" for a date input. */
const dateOf = (iso?: string) => (iso ? iso.slice(0, 10) : '')

export function keyStatusInWords(record: KeyringRecord, now = new Date()): string {
  const trust = evaluateKey(keyringOf([record]), record.keyid, now)
  switch (trust.status) {
    case 'trusted':
      return 'Trusted'
    case 'revoked':
      return `Revoked on ${dateOf(record.revoked?.at)}: ${record.revoked?.reason ?? ''}`
    case 'expired':
      return `Expired on ${dateOf(record.validUntil)}`
    case 'not-yet-valid':
      return `Not valid before ${dateOf(record.validFrom)}`
    case 'untrusted':
      return 'Unusable (damaged public key)'
  }
}

function ImportKeyForm({
  fileName,
  candidates,
  existing,
  onDone,
  onCancel,
}: {
  fileName: string
  candidates: KeyCandidate[]
  existing: KeyringRecord[]
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const single = candidates.length === 1 ? candidates[0] : undefined
  const [name, setName] = useState(single?.name ?? '')
  const [roles, setRoles] = useState<RoleChoice>(roleChoiceOf(single?.roles ?? []))
  const [validFrom, setValidFrom] = useState(dateOf(single?.validFrom))
  const [validUntil, setValidUntil] = useState(dateOf(single?.validUntil))
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const problemRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => headingRef.current?.focus(), [])
  useEffect(() => {
    if (problem) problemRef.current?.focus()
  }, [problem])

  const fresh = candidates.filter((c) => !existing.some((e) => e.keyid === c.keyid))
  const known = candidates.filter((c) => existing.some((e) => e.keyid === c.keyid))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setProblem(undefined)
    try {
      let choices
      if (single) {
        const picked = chosenRoles(roles)
        if ('problem' in picked) throw new Error(picked.problem)
        choices = [
          {
            candidate: single,
            name,
            roles: picked.roles,
            ...(validFrom ? { validFrom: `${validFrom}T00:00:00.000Z` } : {}),
            ...(validUntil ? { validUntil: `${validUntil}T23:59:59.999Z` } : {}),
            note,
          },
        ]
      } else {
        choices = fresh.map((c) => ({
          candidate: c,
          name: c.name,
          roles: c.roles,
          ...(c.validFrom ? { validFrom: c.validFrom } : {}),
          ...(c.validUntil ? { validUntil: c.validUntil } : {}),
          note: note || `Imported from ${fileName}`,
        }))
      }
      if (choices.length === 0) throw new Error('Every key in this file is already in the keyring.')
      setBusy(true)
      const added = await importKeys(db, choices, actor)
      onDone(
        added.length === 1
          ? `Imported the key of ${added[0]!.name} (${formatShortFingerprint(added[0]!.keyid)}) with roles: ${added[0]!.roles.map(roleLabel).join(', ') || 'none'}.`
          : `Imported ${added.length} keys from ${fileName}.`,
      )
    } catch (err) {
      setProblem(describe(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="ws-form panel keyring-import" onSubmit={(e) => void submit(e)} noValidate>
      <h3 ref={headingRef} tabIndex={-1}>
        Import {single ? 'a key' : `${candidates.length} keys`} from {fileName}
      </h3>
      {problem ? (
        <p className="error-box" role="alert" tabIndex={-1} ref={problemRef}>
          {problem}
        </p>
      ) : null}
      {single ? (
        <>
          <p>
            Fingerprint: <code className="fingerprint">{formatFingerprint(single.keyid)}</code>
          </p>
          <p className="ws-hint">
            Before you trust it, compare this fingerprint with its owner, by phone or in person.
          </p>
          {known.length > 0 ? (
            <p className="error-box">This key is already in the keyring.</p>
          ) : null}
          <div className="ws-field">
            <label htmlFor="import-name">Whose key is it?</label>
            <input
              id="import-name"
              type="text"
              autoComplete="off"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <RolePicker
            legend="Roles this key may sign for"
            hint="Only sign-offs in these roles count when you verify. The file’s proposal is ticked; you decide."
            value={roles}
            onChange={setRoles}
            idPrefix="import-roles"
          />
          <ValidityFields
            idPrefix="import"
            from={validFrom}
            until={validUntil}
            onFrom={setValidFrom}
            onUntil={setValidUntil}
          />
        </>
      ) : (
        <>
          <p>
            {fresh.length} new {fresh.length === 1 ? 'key' : 'keys'}
            {known.length > 0 ? `; ${known.length} already in the keyring (left as they are)` : ''}.
            They are imported with the names, roles and validity the file gives; compare each
            fingerprint with its owner.
          </p>
          <ul className="keyring-candidates">
            {fresh.map((c) => (
              <li key={c.keyid}>
                <strong>{c.name}</strong> —{' '}
                <code className="fingerprint">{formatShortFingerprint(c.keyid)}</code> — roles:{' '}
                {c.roles.map(roleLabel).join(', ') || 'none'}
                {c.revoked ? ` — revoked: ${c.revoked.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="ws-field">
        <label htmlFor="import-note">Note (optional)</label>
        <p className="ws-hint" id="import-note-hint">
          For example an email address, team, and how you checked the fingerprint.
        </p>
        <textarea
          id="import-note"
          aria-describedby="import-note-hint"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="ws-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {single ? 'Import key' : `Import ${fresh.length} ${fresh.length === 1 ? 'key' : 'keys'}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function RevokeDialog({
  record,
  onClose,
}: {
  record: KeyringRecord | undefined
  onClose: (message?: string) => void
}) {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string>()
  const reasonRef = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    setReason('')
    setProblem(undefined)
  }, [record])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!record) return
    try {
      await revokeKeyringKey(db, record.keyid, reason, actor)
      onClose(`Revoked the key of ${record.name}. Its signatures no longer count here.`)
    } catch (err) {
      setProblem(describe(err))
      reasonRef.current?.focus()
    }
  }

  return (
    <Modal open={record !== undefined} labelledBy="revoke-title" onCancel={() => onClose()}>
      {record ? (
        <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate>
          <h2 id="revoke-title">Revoke the key of {record.name}?</h2>
          <p>
            A revoked key is never trusted again in this workspace, for any signature, whatever date
            it claims. The key stays listed, marked revoked, and the revocation is recorded in the
            audit trail. This cannot be undone.
          </p>
          <div className="ws-field">
            <label htmlFor="revoke-reason">Reason</label>
            <p className="ws-hint" id="revoke-reason-hint">
              For example “laptop lost”, “left the team”, “key replaced”.
            </p>
            {problem ? (
              <p className="field-error" id="revoke-reason-error">
                {problem}
              </p>
            ) : null}
            <textarea
              id="revoke-reason"
              ref={reasonRef}
              required
              autoFocus
              aria-invalid={problem ? true : undefined}
              aria-describedby={
                problem ? 'revoke-reason-hint revoke-reason-error' : 'revoke-reason-hint'
              }
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="ws-form-actions">
            <button type="submit" className="button button-danger">
              Revoke key
            </button>
            <button type="button" className="button" onClick={() => onClose()}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </Modal>
  )
}

export function KeyringPanel({
  keyring,
  onNotice,
}: {
  keyring: KeyringRecord[] | undefined
  onNotice: (message: string) => void
}) {
  const host = useHost()
  const db = useWorkspaceDb()
  const { state } = useWorkspace()
  const [importing, setImporting] = useState<{ fileName: string; candidates: KeyCandidate[] }>()
  const [fileProblem, setFileProblem] = useState<string>()
  const [revoking, setRevoking] = useState<KeyringRecord>()
  const [editing, setEditing] = useState<KeyringRecord>()
  const problemRef = useRef<HTMLParagraphElement>(null)
  const lastTrigger = useRef<HTMLElement | null>(null)

  useEffect(() => {
    if (fileProblem) problemRef.current?.focus()
  }, [fileProblem])

  const choose = async (kind: FileKind) => {
    setFileProblem(undefined)
    const [file] = await host.openFiles({ kind })
    if (!file) return
    try {
      const bytes = await file.source.read(0, Math.min(file.size, 4 * 1024 * 1024 + 1))
      const candidates = await readKeyCandidates(await platformCrypto(), file.name, bytes)
      setImporting({ fileName: file.name, candidates })
    } catch (e) {
      setFileProblem(describe(e))
    } finally {
      await file.close()
    }
  }

  const exportKeyring = async () => {
    const workspace = state.status === 'open' ? state.entry.name : 'workspace'
    const result = await host.saveFile(
      `${fileSlug(workspace)}-keyring.json`,
      await workspaceKeyringBytes(db),
      { kind: 'keyring' },
    )
    if (result.saved) onNotice(`Saved the workspace keyring as ${result.name}.`)
  }

  return (
    <>
      <div className="ws-form-actions keyring-actions">
        <button type="button" className="button" onClick={() => void choose('public-key')}>
          Import a PEM public key…
        </button>
        <button type="button" className="button" onClick={() => void choose('keyring')}>
          Import a keyring file…
        </button>
        <button
          type="button"
          className="button"
          disabled={!keyring || keyring.length === 0}
          onClick={() => void exportKeyring()}
        >
          Export the workspace keyring
        </button>
      </div>
      {fileProblem ? (
        <p className="error-box" role="alert" tabIndex={-1} ref={problemRef}>
          {fileProblem}
        </p>
      ) : null}
      {importing ? (
        <ImportKeyForm
          key={importing.fileName + importing.candidates.map((c) => c.keyid).join()}
          fileName={importing.fileName}
          candidates={importing.candidates}
          existing={keyring ?? []}
          onDone={(message) => {
            setImporting(undefined)
            onNotice(message)
          }}
          onCancel={() => setImporting(undefined)}
        />
      ) : null}
      {!keyring ? (
        <p>Loading the keyring…</p>
      ) : keyring.length === 0 ? (
        <p>
          The keyring is empty. Create an identity above, or import a colleague’s public key, to
          verify signatures in this workspace.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="ws-table keyring-table">
            <caption className="visually-hidden">Keys this workspace trusts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Roles</th>
                <th scope="col">Origin</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keyring.map((k) => (
                <tr key={k.keyid}>
                  <th scope="row">
                    {k.name}
                    {k.note ? <p className="comment">{k.note}</p> : null}
                  </th>
                  <td>
                    <code className="fingerprint">{formatShortFingerprint(k.keyid)}</code>
                  </td>
                  <td>{k.roles.length > 0 ? k.roles.map(roleLabel).join(', ') : 'None'}</td>
                  <td>{k.origin === 'own' ? 'Your identity' : 'Imported'}</td>
                  <td>
                    {keyStatusInWords(k)}
                    {k.validFrom || k.validUntil ? (
                      <p className="comment">
                        Valid {k.validFrom ? `from ${dateOf(k.validFrom)} ` : ''}
                        {k.validUntil ? `until ${dateOf(k.validUntil)}` : ''}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    {k.revoked ? null : (
                      <div className="keyring-row-actions">
                        <button
                          type="button"
                          className="button"
                          onClick={(e) => {
                            lastTrigger.current = e.currentTarget
                            setEditing(k)
                          }}
                        >
                          Edit roles…<span className="visually-hidden"> of {k.name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button-danger"
                          onClick={(e) => {
                            lastTrigger.current = e.currentTarget
                            setRevoking(k)
                          }}
                        >
                          Revoke…<span className="visually-hidden"> the key of {k.name}</span>
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <EditKeyDialog
        record={editing}
        onClose={(message) => {
          setEditing(undefined)
          if (message) onNotice(message)
          else lastTrigger.current?.focus()
        }}
      />
      <RevokeDialog
        record={revoking}
        onClose={(message) => {
          setRevoking(undefined)
          if (message) onNotice(message)
          else lastTrigger.current?.focus()
        }}
      />
    </>
  )
}
