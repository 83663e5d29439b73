// A labelled input of the access-review forms: the label, an optional hint and error line (each
// tied to the input with aria-describedby), then the input; `children` follow it (a datalist).
import type { ReactNode } from 'react'

/** A field's error line, `${id}-error`, for its control's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null
}

export function TextField({
  id,
  label,
  hint,
  error,
  type = 'text',
  required = false,
  list,
  value,
  onChange,
  children,
}: {
  id: string
  label: string
  hint?: ReactNode
  error?: string | undefined
  type?: 'text' | 'date'
  required?: boolean
  /** The id of a datalist of suggestions. */
  list?: string
  value: string
  onChange: (value: string) => void
  children?: ReactNode
}) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className="ws-field ar-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="ws-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={error} />
      <input
        id={id}
        type={type}
        autoComplete={type === 'text' ? 'off' : undefined}
        required={required || undefined}
        list={list}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
    </div>
  )
}
