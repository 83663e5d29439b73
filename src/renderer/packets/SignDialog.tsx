// The Sign/Reject dialog of a packet in review. It shows exactly what is signed (fields,
// evidence with hashes, sizes and roles, the statement digest once packed), the role and the
// identity signing, then unlocks the identity with its passphrase for this one action (the
// passphrase field and unlock rules of src/renderer/identity), packs the bundle if this is the
// first sign-off (with progress and Cancel) and adds the sign-off. Native <dialog>: focus stays
// inside, Escape cancels (and stops running work).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { inspectBundle, type BundleInfo } from '../../core/bundle/inspect-bundle'
import type { Progress } from '../../core/bundle/byte-io'
import { blobFile, type IdentityInfo } from '../../core/host/host-api'
import type { SignableRole } from '../../core/packets/signoff-rules'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { EvidenceRecord, PacketRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { DecisionChoice, type SignoffDecision } from '../components/DecisionChoice'
import { useHost } from '../host/host-context'
import { platformCrypto } from '../host/platform-crypto'
import { formatFingerprint } from '../identity/fingerprint'
import { PassphraseField } from '../identity/PassphraseField'
import {
  isWrongPassphrase,
  withUnlockedSigner,
  WRONG_PASSPHRASE_MESSAGE,
} from '../identity/unlocked-signer'
import { SignedContent, type SignedEvidence } from './SignedContent'
import { signPacket, type SignoffState, type SignOutcome } from './signoff-store'
import { WorkProgress } from './WorkProgress'

export interface EligibleSigner {
  identity: IdentityInfo
  roles: SignableRole[]
}

export interface SignDialogProps {
  db: WorkspaceDb
  packet: PacketRecord
  template: PacketTemplate
  state: SignoffState
  signers: readonly EligibleSigner[]
  records: ReadonlyMap<string, EvidenceRecord>
  onDone: (outcome: SignOutcome) => void
  onClose: () => void
}

const roleNote = (r: SignableRole) =>
  r.required ? (r.approved ? 'required, already approved' : 'required, waiting') : 'optional'

export function SignDialog({
  db,
  packet,
  template,
  state,
  signers,
  records,
  onDone,
  onClose,
}: SignDialogProps) {
  const host = useHost()
  const uid = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const passRef = useRef<HTMLInputElement>(null)
  const commentRef = useRef<HTMLTextAreaElement>(null)
  const roleRef = useRef<HTMLSelectElement>(null)
  const identityRef = useRef<HTMLSelectElement>(null)
  const abortRef = useRef<AbortController | undefined>(undefined)
  const [keyid, setKeyid] = useState(signers[0]?.identity.keyid ?? '')
  const signer = signers.find((s) => s.identity.keyid === keyid) ?? signers[0]
  const open = (signer?.roles ?? []).filter((r) => !r.signedByThisKey)
  const [role, setRole] = useState(open[0]?.role ?? '')
  const [decision, setDecision] = useState<SignoffDecision>('approve')
  const [comment, setComment] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [errors, setErrors] = useState<{ role?: string; comment?: string; passphrase?: string }>({})
  const [failure, setFailure] = useState<string>()
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress>()
  const [cancelling, setCancelling] = useState(false)
  const [packedInfo, setPackedInfo] = useState<BundleInfo | 'failed'>()
  // Focus to restore once the form is enabled again after a failed attempt.
  const focusAfter = useRef<HTMLElement | null>(null)

  useEffect(() => {
    if (busy || !focusAfter.current) return
    focusAfter.current.focus()
    focusAfter.current = null
  }, [busy])

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    // Focus starts on the first choice; what is signed is read above it.
    identityRef.current?.focus()
  }, [])

  // A packed revision: show what its stored bundle's statement says, not the editable record.
  useEffect(() => {
    if (!state.bundle) return
    let live = true
    void (async () => {
      try {
        const info = await inspectBundle(
          blobFile('bundle.evb', state.bundle!.data).source,
          await platformCrypto(),
        )
        if (live) setPackedInfo(info.problem ? 'failed' : info)
      } catch {
        if (live) setPackedInfo('failed')
      }
    })()
    return () => {
      live = false
    }
  }, [state.bundle])

  const content = useMemo((): {
    fields: PacketRecord['fields']
    evidence: SignedEvidence[]
    statementSha256?: string
  } => {
    if (state.bundle && packedInfo && packedInfo !== 'failed') {
      return {
        fields: packedInfo.fields ?? {},
        evidence: packedInfo.evidence.map((e) => ({
          name: e.name.replace(/^files\//, ''),
          role: e.role,
          sha256: e.sha256,
          size: e.size,
          ...(e.title ? { title: e.title } : {}),
        })),
        statementSha256: state.bundle.statementSha256,
      }
    }
    return {
      fields: packet.fields,
      evidence: packet.evidence.map((l) => {
        const rec = records.get(l.sha256)
        return {
          name: l.path,
          role: l.role,
          sha256: l.sha256,
          ...(rec ? { size: rec.size, title: rec.title } : {}),
        }
      }),
    }
  }, [state.bundle, packedInfo, packet, records])

  const close = () => {
    if (busy) {
      setCancelling(true)
      abortRef.current?.abort()
      return
    }
    onClose()
  }

  const roleInfo = open.find((r) => r.role === role)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy || !signer) return
    const next: typeof errors = {}
    if (!roleInfo) next.role = 'Choose the role you sign in.'
    if (decision === 'reject' && !comment.trim())
      next.comment = 'Say why you reject it and what must change: the reason is signed and sent.'
    if (passphrase === '') next.passphrase = 'Enter the passphrase of this identity.'
    setErrors(next)
    setFailure(undefined)
    if (next.role) return roleRef.current?.focus()
    if (next.comment) return commentRef.current?.focus()
    if (next.passphrase) return passRef.current?.focus()
    const controller = new AbortController()
    abortRef.current = controller
    setBusy(true)
    setCancelling(false)
    setProgress(undefined)
    setStatus('Unlocking your key (this takes a second or two)…')
    const entered = passphrase
    setPassphrase('')
    try {
      const outcome = await withUnlockedSigner(host, signer.identity, entered, (keySigner) => {
        controller.signal.throwIfAborted()
        setStatus(state.bundle ? 'Adding your sign-off…' : 'Packing the bundle…')
        return signPacket(db, host.keys, packet, template, keySigner, {
          role,
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          signal: controller.signal,
          onProgress: (p) => !controller.signal.aborted && setProgress(p),
        })
      })
      setStatus('')
      onDone(outcome)
    } catch (err) {
      setProgress(undefined)
      // The form was disabled while it ran: keep focus in the dialog, on the passphrase.
      focusAfter.current = passRef.current
      if (controller.signal.aborted) {
        setStatus('Cancelled: nothing was signed off.')
      } else if (isWrongPassphrase(err)) {
        setStatus('')
        setErrors({ passphrase: WRONG_PASSPHRASE_MESSAGE })
      } else {
        setStatus('')
        setFailure(err instanceof Error ? err.message : String(err))
      }
    } finally {
      if (abortRef.current === controller) abortRef.current = undefined
      setBusy(false)
      setCancelling(false)
    }
  }

  const actionLabel = decision === 'approve' ? 'Approve and sign' : 'Reject and sign'
  return (
    <dialog
      ref={dialog}
      className="picker-dialog sign-dialog"
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault()
        close()
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${uid}-title`}>
          Sign off “{packet.title}”, revision {packet.revision}
        </h2>
        <p>
          You sign exactly what is listed below. A changed packet is a new revision and needs
          signing again.
        </p>
        {state.bundle && packedInfo === undefined ? (
          <p role="status">Reading the packed bundle…</p>
        ) : null}
        {packedInfo === 'failed' ? (
          <p className="error-box" role="alert">
            The stored bundle of this revision cannot be read, so it must not be signed. Run the
            pre-sync review to see what is wrong.
          </p>
        ) : null}
        <details className="signed-details" open>
          <summary>What you sign</summary>
          <SignedContent
            template={template}
            fields={content.fields}
            evidence={content.evidence}
            {...(content.statementSha256 ? { statementSha256: content.statementSha256 } : {})}
          />
        </details>

        <fieldset className="sign-choices" disabled={busy}>
          <legend className="visually-hidden">Your sign-off</legend>
          <div className="field">
            <label htmlFor={`${uid}-identity`}>Sign as</label>
            <select
              id={`${uid}-identity`}
              ref={identityRef}
              value={keyid}
              onChange={(e) => {
                const next = signers.find((x) => x.identity.keyid === e.target.value)
                setKeyid(e.target.value)
                const roles = (next?.roles ?? []).filter((r) => !r.signedByThisKey)
                if (!roles.some((r) => r.role === role)) setRole(roles[0]?.role ?? '')
              }}
            >
              {signers.map((s) => (
                <option key={s.identity.keyid} value={s.identity.keyid}>
                  {s.identity.name} ({s.identity.keyid.slice(0, 16)})
                </option>
              ))}
            </select>
            {signer ? (
              <p className="field-help">
                Key fingerprint{' '}
                <span className="fingerprint">{formatFingerprint(signer.identity.keyid)}</span>
              </p>
            ) : null}
          </div>
          <div className={`field${errors.role ? ' has-error' : ''}`}>
            <label htmlFor={`${uid}-role`}>Role you sign in</label>
            {errors.role ? (
              <p className="field-error" id={`${uid}-role-error`}>
                {errors.role}
              </p>
            ) : null}
            <select
              id={`${uid}-role`}
              ref={roleRef}
              value={role}
              aria-invalid={errors.role ? true : undefined}
              aria-describedby={errors.role ? `${uid}-role-error` : undefined}
              onChange={(e) => setRole(e.target.value)}
            >
              {open.length === 0 ? <option value="">No role left to sign</option> : null}
              {open.map((r) => (
                <option key={r.role} value={r.role}>
                  {r.label} ({roleNote(r)})
                </option>
              ))}
            </select>
          </div>
          <DecisionChoice idPrefix={`${uid}-decision`} value={decision} onChange={setDecision} />
          <div className={`field${errors.comment ? ' has-error' : ''}`}>
            <label htmlFor={`${uid}-comment`}>
              {decision === 'reject' ? (
                <>
                  Reason for rejecting<span className="visually-hidden"> (required)</span>
                  <span aria-hidden="true" className="field-required">
                    {' '}
                    *
                  </span>
                </>
              ) : (
                'Comment (optional)'
              )}
            </label>
            <p className="field-help" id={`${uid}-comment-help`}>
              {decision === 'reject'
                ? 'Signed with your rejection and shown to everyone who verifies the bundle.'
                : 'Signed with your approval.'}
            </p>
            {errors.comment ? (
              <p className="field-error" id={`${uid}-comment-error`}>
                {errors.comment}
              </p>
            ) : null}
            <textarea
              id={`${uid}-comment`}
              ref={commentRef}
              rows={3}
              value={comment}
              aria-invalid={errors.comment ? true : undefined}
              aria-describedby={`${uid}-comment-help${errors.comment ? ` ${uid}-comment-error` : ''}`}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <p className="sign-summary">
            {signer && roleInfo ? (
              <>
                <strong>{signer.identity.name}</strong>{' '}
                {decision === 'approve' ? 'approves' : 'rejects'} revision {packet.revision} as{' '}
                <strong>{roleInfo.label}</strong>.
              </>
            ) : (
              'Choose an identity and a role.'
            )}
          </p>
          <PassphraseField
            id={`${uid}-passphrase`}
            label={`Passphrase of ${signer?.identity.name ?? 'your identity'}`}
            value={passphrase}
            onChange={setPassphrase}
            error={errors.passphrase}
            inputRef={passRef}
            disabled={busy}
          />
        </fieldset>
        {failure ? (
          <p className="error-box" role="alert">
            {failure}
          </p>
        ) : null}
        {busy ? (
          <WorkProgress
            focusCancel
            id={`${uid}-progress`}
            label="Signing progress"
            progress={progress}
            starting={status}
            cancelling={cancelling}
            onCancel={close}
          />
        ) : (
          <p className="identity-status" role="status">
            {status}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || open.length === 0 || packedInfo === 'failed'}
          >
            {actionLabel}
          </button>
          {busy ? null : (
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </dialog>
  )
}
