// Identities and keyring: the signing identities the user holds on this computer (create,
// choose who to act as, export the public key, delete) and the open workspace's keyring of
// trusted public keys (import, revoke, export). How keys are protected is said in words: in
// the browser by the passphrase alone, in the desktop app also by the OS keychain where there
// is a real one.
import { useEffect, useRef, useState } from 'react'
import { useKeyringRecords } from '../verify/workspace-keyring'
import { CreateIdentityForm } from '../identity/CreateIdentityForm'
import { formatFingerprint } from '../identity/fingerprint'
import { useIdentities } from '../identity/identities'
import { IdentityList } from '../identity/IdentityList'
import { KeyringPanel } from '../identity/KeyringPanel'
import { useHost } from '../host/host-context'
import { useWorkspaceDb } from '../workspace/workspace-context'
import '../workspace/workspace.css'
import '../identity/identity.css'

export function IdentitiesScreen() {
  const host = useHost()
  const db = useWorkspaceDb()
  const keyring = useKeyringRecords(db)
  const { keychain } = useIdentities()
  const [notice, setNotice] = useState('')
  const [noticeCount, setNoticeCount] = useState(0)
  const noticeRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (noticeCount > 0) noticeRef.current?.focus()
  }, [noticeCount])

  const say = (message: string) => {
    setNotice(message)
    setNoticeCount((n) => n + 1)
  }

  return (
    <>
      <h1 tabIndex={-1}>Identities and keyring</h1>
      <p className="ws-notice" role="status" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>
      <p>
        An identity is your signing key: you sign packets with it, unlocking it with your passphrase
        each time. The keyring lists the public keys this workspace trusts, and for which roles;
        verification counts only signatures by those keys.
      </p>

      <section className="identities-section" aria-labelledby="keys-protection">
        <h2 id="keys-protection">How your keys are protected</h2>
        <p className={keychain?.available ? undefined : 'keychain-note'}>
          {keychain
            ? keychain.explanation
            : host.platform === 'browser'
              ? 'In the browser your keys are protected by your passphrase alone.'
              : 'Checking the operating system keychain…'}
          {keychain?.backend ? ` (Keychain backend: ${keychain.backend}.)` : ''}
        </p>
      </section>

      <section className="identities-section" aria-labelledby="keys-yours">
        <h2 id="keys-yours">Your identities</h2>
        <IdentityList keyring={keyring} onNotice={say} />
      </section>

      <section className="identities-section" aria-labelledby="keys-create">
        <h2 id="keys-create">Create an identity</h2>
        <CreateIdentityForm
          onCreated={(identity) =>
            say(
              `Created the identity ${identity.name}. Fingerprint: ${formatFingerprint(identity.keyid)}. Its public key is in this workspace’s keyring.`,
            )
          }
        />
      </section>

      <section className="identities-section" aria-labelledby="keys-keyring">
        <h2 id="keys-keyring">Workspace keyring</h2>
        <KeyringPanel keyring={keyring} onNotice={say} />
      </section>
    </>
  )
}
