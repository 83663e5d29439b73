// Creating a signing identity: a name, a passphrase typed twice, and the roles the person
// claims. The host generates the key and seals it (scrypt takes a second or two, said in a live
// status); the new identity joins the open workspace's keyring with those roles, logged as
// key.created in the same transaction.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { IdentityInfo } from '../../core/host/host-api'
import {
  identityNameProblem,
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
} from '../../core/keys/key-sessions'
import { addOwnIdentity } from '../data/keyring-store'
import { useHost } from '../host/host-context'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { actorLabel, useActor } from './actor'
import { useIdentities } from './identities'
import { PassphraseField } from './PassphraseField'
import { chosenRoles, emptyRoleChoice, RolePicker, type RoleChoice } from './RolePicker'
import { ErrorSummary } from '../components/ErrorSummary'

type Field = 'name' | 'passphrase' | 'confirm' | 'roles'
const IDS: Record<Field, string> = {
  name: 'identity-name',
  passphrase: 'identity-passphrase',
  confirm: 'identity-confirm',
  roles: 'identity-roles-other',
}

export function CreateIdentityForm({
  onCreated,
}: {
  onCreated: (identity: IdentityInfo, roles: string[]) => void
}) {
  const host = useHost()
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const { identities, acting, setActing, refresh } = useIdentities()
  const [name, setName] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [roles, setRoles] = useState<RoleChoice>(emptyRoleChoice)
  const [issues, setIssues] = useState<{ field: Field; message: string }[]>([])
  const [attempt, setAttempt] = useState(0)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState('')
  const [failure, setFailure] = useState<string>()
  const failureRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (failure && !busy) failureRef.current?.focus()
  }, [failure, busy])

  const issueOf = (f: Field) => issues.find((i) => i.field === f)?.message

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const found: { field: Field; message: string }[] = []
    const nameProblem = identityNameProblem(name)
    if (nameProblem) found.push({ field: 'name', message: nameProblem })
    const passProblem = passphraseProblem(passphrase)
    if (passProblem) found.push({ field: 'passphrase', message: passProblem })
    else if (confirm !== passphrase) {
      found.push({
        field: 'confirm',
        message: 'The two passphrases differ. Type the same passphrase in both fields.',
      })
    }
    const picked = chosenRoles(roles)
    if ('problem' in picked) found.push({ field: 'roles', message: picked.problem })
    setIssues(found)
    setFailure(undefined)
    if (found.length > 0 || 'problem' in picked) {
      setAttempt((n) => n + 1)
      return
    }
    setBusy(true)
    setStatus('Creating your key and sealing it under your passphrase. This takes a second or two…')
    try {
      const identity = await host.keys.create({ name, passphrase })
      setPassphrase('')
      setConfirm('')
      setStatus('Adding your public key to this workspace’s keyring…')
      await addOwnIdentity(db, identity, picked.roles, actor, { created: true })
      await refresh()
      if (!acting && (identities?.length ?? 0) === 0) setActing(identity.keyid)
      setName('')
      setRoles(emptyRoleChoice())
      setStatus('')
      onCreated(identity, picked.roles)
    } catch (err) {
      setStatus('')
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary issues={issues} fieldIds={IDS} attempt={attempt} headingLevel={3} />
      {failure ? (
        <p className="error-box" role="alert" tabIndex={-1} ref={failureRef}>
          The identity was not created: {failure}
        </p>
      ) : null}
      <div className="ws-field">
        <label htmlFor={IDS.name}>Your name</label>
        <p className="ws-hint" id={`${IDS.name}-hint`}>
          As colleagues know you; it is shown beside your signatures.
        </p>
        {issueOf('name') ? (
          <p className="field-error" id={`${IDS.name}-error`}>
            {issueOf('name')}
          </p>
        ) : null}
        <input
          id={IDS.name}
          type="text"
          autoComplete="name"
          required
          disabled={busy}
          aria-invalid={issueOf('name') ? true : undefined}
          aria-describedby={[`${IDS.name}-hint`, issueOf('name') ? `${IDS.name}-error` : '']
            .filter(Boolean)
            .join(' ')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <PassphraseField
        id={IDS.passphrase}
        label="Passphrase"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easy to remember and hard to guess. Nobody can recover it for you: if you forget it, create a new identity.`}
        value={passphrase}
        onChange={setPassphrase}
        error={issueOf('passphrase')}
        autoComplete="new-password"
        disabled={busy}
      />
      <PassphraseField
        id={IDS.confirm}
        label="Passphrase again"
        value={confirm}
        onChange={setConfirm}
        error={issueOf('confirm')}
        autoComplete="new-password"
        disabled={busy}
      />
      <RolePicker
        legend="Roles you sign for"
        hint="The roles you claim in this workspace’s keyring. Colleagues decide for themselves which roles they trust your key for when they import it."
        value={roles}
        onChange={setRoles}
        error={issueOf('roles')}
        idPrefix="identity-roles"
      />
      <p className="identity-status" role="status" aria-live="polite">
        {status}
      </p>
      <div className="ws-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create identity'}
        </button>
      </div>
    </form>
  )
}
