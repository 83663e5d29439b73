// Step 2 of verifying: whom you trust. By default the open workspace's keyring (colleagues'
// keys imported on the Keys screen, and your own identities); or a keyring file chosen
// for this one check, which is kept nowhere. An empty workspace keyring says what to do.
import { useId, type ReactNode } from 'react'
import type { PickedFile } from '../../core/host/host-api'
import type { KeyringRecord } from '../../core/workspace/records'
import type { LoadedKeyring } from '../verify/keyring-storage'
import { useFileDrop } from './FileDrop'
import { Icon } from './Icon'

export type TrustMode = 'workspace' | 'file'

/** The link to the identities screen, where keys are imported with their roles. */
export const IDENTITIES_HREF = '#/identities'

interface TrustChoiceProps {
  step: number
  /** The open workspace and its keyring records (undefined while loading); none when closed. */
  workspace: { name: string; keys: KeyringRecord[] | undefined } | undefined
  mode: TrustMode
  onMode: (mode: TrustMode) => void
  file: LoadedKeyring | null
  error?: string
  disabled?: boolean
  onChooseFile: () => void
  onDropFile: (file: PickedFile) => void
}

const keyCount = (n: number) => `${n} ${n === 1 ? 'trusted key' : 'trusted keys'}`

function KeyList({
  keys,
}: {
  keys: readonly { keyid: string; name: string; roles: string[]; revoked?: unknown }[]
}) {
  return (
    <details className="keys">
      <summary>Show keys</summary>
      <ul>
        {keys.map((k) => (
          <li key={k.keyid}>
            {k.name} <span className="muted">({k.roles.join(', ') || 'no roles'})</span>
            {k.revoked ? <strong> revoked</strong> : null}
          </li>
        ))}
      </ul>
    </details>
  )
}

export function TrustChoice(props: TrustChoiceProps) {
  const { workspace, mode, file } = props
  const { over, handlers } = useFileDrop((f) => {
    props.onMode('file')
    props.onDropFile(f)
  }, props.disabled)
  const titleId = useId()
  const workspaceHint = useId()
  const fileHint = useId()
  const errorId = useId()
  const keys = workspace?.keys

  let workspaceText: ReactNode
  if (!workspace) {
    workspaceText = (
      <p className="muted small" id={workspaceHint}>
        No workspace is open, so there is no workspace keyring. Use a keyring file below, or open a
        workspace.
      </p>
    )
  } else if (!keys) {
    workspaceText = (
      <p className="muted small" id={workspaceHint}>
        Reading the keyring of {workspace.name}…
      </p>
    )
  } else if (keys.length === 0) {
    workspaceText = (
      <div className="trust-empty" id={workspaceHint}>
        <p>
          <Icon name="info" /> <strong>The keyring of {workspace.name} is empty</strong>, so no
          signature can be trusted yet and every bundle will read <em>Not verified</em>.
        </p>
        <p>
          Import your colleagues’ public keys with their roles on the{' '}
          <a href={IDENTITIES_HREF}>Keys screen</a> (compare each fingerprint with its owner first),
          or use a keyring file for this check.
        </p>
      </div>
    )
  } else {
    workspaceText = (
      <div id={workspaceHint}>
        <p className="chosen">
          <span>{workspace.name}</span> <span className="muted">{keyCount(keys.length)}</span>
        </p>
        <KeyList keys={keys} />
      </div>
    )
  }

  return (
    <section
      className={`file-drop is-chosen trust-choice${over ? ' is-over' : ''}`}
      aria-labelledby={titleId}
      {...handlers}
    >
      <h2 id={titleId} className="file-drop-title">
        <span className="step" aria-hidden="true">
          {props.step}
        </span>
        <Icon name="key" />
        Whom you trust
      </h2>
      <fieldset className="trust-options" disabled={props.disabled}>
        <legend className="visually-hidden">Keyring to verify against</legend>
        <div className="trust-option">
          <label>
            <input
              type="radio"
              name="trust"
              value="workspace"
              checked={mode === 'workspace'}
              disabled={!workspace}
              aria-describedby={workspaceHint}
              onChange={() => props.onMode('workspace')}
            />{' '}
            This workspace’s keyring
          </label>
          {workspaceText}
        </div>
        <div className="trust-option">
          <label>
            <input
              type="radio"
              name="trust"
              value="file"
              checked={mode === 'file'}
              aria-describedby={fileHint}
              onChange={() => props.onMode('file')}
            />{' '}
            A keyring file, for this check only
          </label>
          <div id={fileHint}>
            {file ? (
              <>
                <p className="chosen">
                  <span className="mono">{file.name}</span>{' '}
                  <span className="muted">{keyCount(file.keyring.keys.length)}</span>
                </p>
                <KeyList keys={file.keyring.keys} />
              </>
            ) : (
              <p className="muted small">
                A team keyring (JSON) you received. It is used for this check and not kept.
              </p>
            )}
          </div>
        </div>
      </fieldset>
      <div className="file-drop-actions">
        <button
          type="button"
          className="button"
          onClick={props.onChooseFile}
          disabled={props.disabled}
          aria-describedby={props.error ? errorId : undefined}
        >
          <Icon name="upload" />
          {file ? 'Choose another keyring file…' : 'Choose keyring file…'}
        </button>
        <span className="muted drop-hint">or drop a file here</span>
      </div>
      {props.error ? (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </section>
  )
}
