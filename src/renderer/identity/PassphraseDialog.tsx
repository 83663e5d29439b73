// A modal that asks for an identity's passphrase and runs one action with the unlocked key:
// unlock -> run(signer) -> lock, whatever happens. A wrong passphrase is said beside the field
// (focus returns there); other failures in an alert. Cancel stops waiting at once and tells the
// action through its AbortSignal. Native <dialog>: focus stays inside, Escape cancels.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { IdentityInfo } from '../../core/host/host-api'
import type { KeySigner } from '../../core/keys/key-signer'
import { useHost } from '../host/host-context'
import { formatShortFingerprint } from './fingerprint'
import { PassphraseField } from './PassphraseField'
import { isWrongPassphrase, withUnlockedSigner, WRONG_PASSPHRASE_MESSAGE } from './unlocked-signer'
import '../workspace/workspace.css'
import './identity.css'

export interface PassphraseAction {
  /** Aborted when the user cancels; stop work and throw (or return) as soon as you see it. */
  signal: AbortSignal
  /** Shows a progress sentence in the dialog's live status. */
  progress: (text: string) => void
}

export interface PassphraseDialogProps {
  open: boolean
  identity: IdentityInfo
  title: string
  /** What the action will do or sign, shown above the field. */
  children?: ReactNode
  /** The submit button, e.g. "Sign". */
  actionLabel: string
  /** Runs with the unlocked key; the key is locked again when it settles. */
  run: (signer: KeySigner, action: PassphraseAction) => Promise<void>
  /** After `run` succeeded. */
  onDone: () => void
  onCancel: () => void
}

export function PassphraseDialog({
  open,
  identity,
  title,
  children,
  actionLabel,
  run,
  onDone,
  onCancel,
}: PassphraseDialogProps) {
  const host = useHost()
  const ref = useRef<HTMLDialogElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const titleId = useId()
  const fieldId = useId()
  const [passphrase, setPassphrase] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const abortRef = useRef<AbortController | undefined>(undefined)
  // Focus goes back to the field once it is enabled again after a failed attempt.
  const [refocus, setRefocus] = useState(0)
  useEffect(() => {
    if (refocus > 0 && !busy) inputRef.current?.focus()
  }, [refocus, busy])

  // Focus returns to the control that opened the dialog, also when the dialog is unmounted
  // (closing a native dialog restores focus; removing one does not).
  useEffect(() => {
    if (!open) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const dialog = ref.current
    return () => {
      const active = document.activeElement
      // Something else took focus on purpose (a notice, a heading): leave it there.
      if (active && active !== document.body && !dialog?.contains(active)) return
      if (opener?.isConnected) opener.focus()
    }
  }, [open])

  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
    if (!open) {
      setPassphrase('')
      setFieldError(undefined)
      setFailure(undefined)
      setStatus('')
      setBusy(false)
    }
  }, [open])

  const cancel = () => {
    abortRef.current?.abort()
    abortRef.current = undefined
    setPassphrase('')
    onCancel()
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (passphrase === '') {
      setFieldError('Enter the passphrase of this identity.')
      setRefocus((n) => n + 1)
      return
    }
    const controller = new AbortController()
    abortRef.current = controller
    setBusy(true)
    setFieldError(undefined)
    setFailure(undefined)
    setStatus('Unlocking your key (this takes a second or two)…')
    const entered = passphrase
    setPassphrase('')
    try {
      await withUnlockedSigner(host, identity, entered, (signer) => {
        if (controller.signal.aborted) throw controller.signal.reason
        setStatus('Key unlocked.')
        return run(signer, {
          signal: controller.signal,
          progress: (text) => !controller.signal.aborted && setStatus(text),
        })
      })
      if (controller.signal.aborted) return
      setStatus('')
      onDone()
    } catch (err) {
      if (controller.signal.aborted) return
      setStatus('')
      if (isWrongPassphrase(err)) {
        setFieldError(WRONG_PASSPHRASE_MESSAGE)
        setRefocus((n) => n + 1)
      } else {
        setFailure(err instanceof Error ? err.message : String(err))
        setRefocus((n) => n + 1)
      }
    } finally {
      if (abortRef.current === controller) abortRef.current = undefined
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={ref}
      className="ws-dialog passphrase-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        cancel()
      }}
    >
      {open ? (
        <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate>
          <h2 id={titleId}>{title}</h2>
          {children}
          <p className="identity-as">
            As <strong>{identity.name}</strong>, key{' '}
            <span className="mono">{formatShortFingerprint(identity.keyid)}</span>
          </p>
          {failure ? (
            <p className="error-box" role="alert">
              {failure}
            </p>
          ) : null}
          <PassphraseField
            id={fieldId}
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            error={fieldError}
            inputRef={inputRef}
            disabled={busy}
            autoFocus
          />
          <p className="identity-status" role="status" aria-live="polite">
            {status}
          </p>
          <div className="ws-form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {actionLabel}
            </button>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  )
}
