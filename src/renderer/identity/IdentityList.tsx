// The user's identities on this computer: who they act as (a radio group, remembered per
// browser profile), each identity's fingerprint grouped for reading aloud, how its secret is
// protected in words, its roles in this workspace's keyring, exports of the public key (PEM and
// a keyring entry a colleague imports), and deletion after confirmation.
import { useState } from 'react'
import { publicKeyToPem } from '../../core/crypto/ed25519-der'
import { utf8 } from '../../core/encoding/bytes'
import type { HostPlatform, IdentityInfo, KeyProtection } from '../../core/host/host-api'
import { singleKeyKeyring } from '../../core/keys/key-import'
import { keyringBytes } from '../../core/keys/keyring'
import { shortKeyId } from '../../core/keys/keyid'
import type { KeyringRecord } from '../../core/workspace/records'
import { addOwnIdentity } from '../data/keyring-store'
import { useHost } from '../host/host-context'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { WorkspaceConfirm } from '../workspace/WorkspaceConfirm'
import { actorLabel, useActor } from './actor'
import { formatFingerprint } from './fingerprint'
import { useIdentities } from './identities'
import { roleLabel } from './known-roles'
import { PassphraseDialog } from './PassphraseDialog'

export function protectionInWords(protection: KeyProtection, platform: HostPlatform): string {
  if (protection === 'passphrase+os-keychain') {
    return 'Your passphrase and the operating system keychain: the sealed key file is encrypted again by the keychain, so it is useless on another computer or account.'
  }
  return platform === 'browser'
    ? 'Your passphrase alone (sealed with scrypt and XSalsa20-Poly1305 in this browser profile).'
    : 'Your passphrase alone (sealed with scrypt and XSalsa20-Poly1305 in this app’s data folder).'
}

/** A file-name-safe version of a person's name. */
export const fileSlug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, 60) || 'key'

export function IdentityList({
  keyring,
  onNotice,
}: {
  keyring: KeyringRecord[] | undefined
  onNotice: (message: string) => void
}) {
  const host = useHost()
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const { identities, acting, setActing, refresh, problem } = useIdentities()
  const [deleting, setDeleting] = useState<IdentityInfo>()
  const [checking, setChecking] = useState<IdentityInfo>()

  if (problem) {
    return (
      <p className="error-box" role="alert">
        Your identities could not be read: {problem}
      </p>
    )
  }
  if (!identities) return <p>Loading your identities…</p>
  if (identities.length === 0) {
    return (
      <p>
        You have no signing identity on this {host.platform === 'browser' ? 'browser' : 'computer'}{' '}
        yet. Create one below to sign packets.
      </p>
    )
  }

  const recordOf = (keyid: string) => keyring?.find((k) => k.keyid === keyid)

  const exportPem = async (identity: IdentityInfo) => {
    const name = `${fileSlug(identity.name)}-${shortKeyId(identity.keyid)}.pem`
    const result = await host.saveFile(name, utf8(publicKeyToPem(identity.publicKey)), {
      kind: 'public-key',
    })
    if (result.saved) onNotice(`Saved the public key of ${identity.name} as ${result.name}.`)
  }

  const exportEntry = async (identity: IdentityInfo) => {
    const roles = recordOf(identity.keyid)?.roles ?? []
    const bytes = keyringBytes(singleKeyKeyring({ ...identity, roles }))
    const name = `${fileSlug(identity.name)}-${shortKeyId(identity.keyid)}.keyring.json`
    const result = await host.saveFile(name, bytes, { kind: 'keyring' })
    if (result.saved) onNotice(`Saved the keyring entry of ${identity.name} as ${result.name}.`)
  }

  const addHere = async (identity: IdentityInfo) => {
    await addOwnIdentity(db, identity, [], actor, { created: false })
    onNotice(
      `Added ${identity.name} to this workspace’s keyring without roles. Give it roles with “Edit roles…” in the workspace keyring below.`,
    )
  }

  const remove = async (identity: IdentityInfo) => {
    setDeleting(undefined)
    try {
      await host.keys.remove(identity.keyid)
      if (acting?.keyid === identity.keyid) setActing(undefined)
      await refresh()
      onNotice(
        `Deleted the identity ${identity.name} from this ${host.platform === 'browser' ? 'browser' : 'computer'}. Its public key stays in keyrings.`,
      )
    } catch (e) {
      onNotice(`The identity was not deleted: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <>
      <fieldset className="acting-choice">
        <legend>You act as</legend>
        <p className="ws-hint">
          Everything you do in the workbench is recorded in the audit trail under this name.
        </p>
        <div className="acting-option">
          <input
            type="radio"
            id="acting-none"
            name="acting"
            checked={!acting}
            onChange={() => setActing(undefined)}
          />
          <label htmlFor="acting-none">No identity (recorded as “local user”)</label>
        </div>
        {identities.map((i) => (
          <div className="acting-option" key={i.keyid}>
            <input
              type="radio"
              id={`acting-${i.keyid}`}
              name="acting"
              checked={acting?.keyid === i.keyid}
              onChange={() => setActing(i.keyid)}
            />
            <label htmlFor={`acting-${i.keyid}`}>
              {i.name} <span className="mono">({shortKeyId(i.keyid)})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <ul className="identity-list">
        {identities.map((identity) => {
          const record = recordOf(identity.keyid)
          return (
            <li key={identity.keyid} className="panel identity-card">
              <h3 id={`identity-${identity.keyid}`} tabIndex={-1}>
                {identity.name}
                {acting?.keyid === identity.keyid ? (
                  <span className="tag tag-ok identity-acting"> You act as this identity</span>
                ) : null}
              </h3>
              <dl className="identity-facts">
                <dt>Fingerprint</dt>
                <dd>
                  <code className="fingerprint" aria-label={`Fingerprint ${identity.keyid}`}>
                    {formatFingerprint(identity.keyid)}
                  </code>
                </dd>
                <dt>Protected by</dt>
                <dd>{protectionInWords(identity.protection, host.platform)}</dd>
                <dt>Created</dt>
                <dd>
                  <time dateTime={identity.createdAt}>
                    {new Date(identity.createdAt).toLocaleString()}
                  </time>
                </dd>
                <dt>Roles in this workspace</dt>
                <dd>
                  {!record
                    ? 'Not in this workspace’s keyring.'
                    : record.revoked
                      ? `Revoked in this workspace’s keyring: ${record.revoked.reason}`
                      : record.roles.length > 0
                        ? record.roles.map(roleLabel).join(', ')
                        : 'None'}
                </dd>
              </dl>
              <div className="ws-form-actions">
                <button type="button" className="button" onClick={() => setChecking(identity)}>
                  Check passphrase…<span className="visually-hidden"> of {identity.name}</span>
                </button>
                <button type="button" className="button" onClick={() => void exportPem(identity)}>
                  Export public key (PEM)
                  <span className="visually-hidden"> of {identity.name}</span>
                </button>
                <button type="button" className="button" onClick={() => void exportEntry(identity)}>
                  Export keyring entry
                  <span className="visually-hidden"> of {identity.name}</span>
                </button>
                {!record ? (
                  <button type="button" className="button" onClick={() => void addHere(identity)}>
                    Add to this workspace’s keyring
                    <span className="visually-hidden"> ({identity.name})</span>
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => setDeleting(identity)}
                >
                  Delete…<span className="visually-hidden"> {identity.name}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      {checking ? (
        <PassphraseDialog
          open
          identity={checking}
          title={`Check the passphrase of ${checking.name}`}
          actionLabel="Check passphrase"
          run={async () => undefined}
          onDone={() => {
            setChecking(undefined)
            onNotice(`The passphrase of ${checking.name} is right. Nothing was signed.`)
          }}
          onCancel={() => setChecking(undefined)}
        >
          <p>Practise unlocking your key: nothing is signed and nothing changes.</p>
        </PassphraseDialog>
      ) : null}
      <WorkspaceConfirm
        open={deleting !== undefined}
        title={`Delete the identity ${deleting?.name ?? ''}?`}
        confirmLabel="Delete identity"
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          Its secret key is erased from this{' '}
          {host.platform === 'browser' ? 'browser profile' : 'computer'}, and you can no longer sign
          with it. This cannot be undone.
        </p>
        <p>
          Its public key stays in keyrings, so what it signed still verifies. If the key may have
          been copied or misused, also revoke it in the workspace keyring.
        </p>
      </WorkspaceConfirm>
    </>
  )
}
