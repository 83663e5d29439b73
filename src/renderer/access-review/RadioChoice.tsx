// A group of radio buttons in a fieldset with its legend: each option's id is `${idPrefix}-${value}`,
// an option's hint (if any) follows its label and describes its input. `children` come between
// the legend and the options.
import { useId, type ReactNode } from 'react'

export interface RadioOption<T extends string> {
  value: T
  label: string
  hint?: string
}

export function RadioChoice<T extends string>({
  legend,
  idPrefix,
  options,
  value,
  onChange,
  inline = false,
  children,
}: {
  legend: string
  idPrefix: string
  options: readonly RadioOption<T>[]
  value: T
  onChange: (value: T) => void
  /** Options side by side rather than one under the other. */
  inline?: boolean
  children?: ReactNode
}) {
  const name = useId()
  return (
    <fieldset className={inline ? 'ar-choice ar-inline' : 'ar-choice'}>
      <legend>{legend}</legend>
      {children}
      {options.map((o) => {
        const id = `${idPrefix}-${o.value}`
        return (
          <div key={o.value} className="ar-radio">
            <input
              type="radio"
              id={id}
              name={name}
              value={o.value}
              checked={value === o.value}
              aria-describedby={o.hint ? `${id}-hint` : undefined}
              onChange={() => onChange(o.value)}
            />
            <label htmlFor={id}>{o.label}</label>
            {o.hint ? (
              <span className="ws-hint" id={`${id}-hint`}>
                {o.hint}
              </span>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}
