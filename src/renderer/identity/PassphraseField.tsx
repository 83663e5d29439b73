// A passphrase input with its label, hint, error and a show/hide switch. Used where identities
// are created and wherever a key is unlocked (sign-off, verify, checkpoints).
import { useState, type Ref } from 'react'

export interface PassphraseFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** Shown under the label and announced with the field. */
  hint?: string
  /** Shown beside the field; marks it invalid. */
  error?: string | undefined
  /** 'new-password' when choosing a passphrase, 'current-password' when entering one. */
  autoComplete?: 'new-password' | 'current-password'
  inputRef?: Ref<HTMLInputElement>
  disabled?: boolean
  autoFocus?: boolean
}

export function PassphraseField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  autoComplete = 'current-password',
  inputRef,
  disabled,
  autoFocus,
}: PassphraseFieldProps) {
  const [shown, setShown] = useState(false)
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="ws-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="ws-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="passphrase-input">
        <input
          id={id}
          ref={inputRef}
          type={shown ? 'text' : 'password'}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          required
          disabled={disabled}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="button"
          aria-pressed={shown}
          aria-controls={id}
          disabled={disabled}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
          <span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
    </div>
  )
}
