// A group of radio buttons in a fieldset with its legend, as every choice of one option in the
// app is shown (decisions, sign-offs, campaign settings). Each option's id is
// `${idPrefix}-${value}`; an option's hint, if any, follows its label and describes its input.
// `children` (an error message, a note) come between the legend and the options.
import { useId, type ReactNode, type Ref } from 'react'

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
  describedBy,
  firstInputRef,
  children,
}: {
  legend: ReactNode
  idPrefix: string
  options: readonly RadioOption<T>[]
  /** The chosen option; undefined while none is. */
  value: T | undefined
  onChange: (value: T) => void
  /** Options side by side rather than one under the other. */
  inline?: boolean
  /** Ids of text describing the whole group, such as its error message. */
  describedBy?: string | undefined
  /** Receives the first option's input, for callers that move focus to the group. */
  firstInputRef?: Ref<HTMLInputElement>
  children?: ReactNode
}) {
  const name = useId()
  return (
    <fieldset
      className={inline ? 'radio-choice radio-choice-inline' : 'radio-choice'}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {children}
      {options.map((o, i) => {
        const id = `${idPrefix}-${o.value}`
        return (
          <div key={o.value} className="radio-option">
            <input
              ref={i === 0 ? firstInputRef : undefined}
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
