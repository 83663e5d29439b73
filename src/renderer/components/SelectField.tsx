// A labelled <select> in a field wrapper: the filter bars and small forms all use this shape.
export interface SelectOption {
  value: string
  label: string
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  className = 'field',
  error,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  className?: string
  /** What is wrong with the choice: shown under the label as `${id}-error`, tied to the select. */
  error?: string | undefined
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
