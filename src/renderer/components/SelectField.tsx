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
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  className?: string
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
