// The problems of a submitted form, listed at its top: focused after each failed attempt so a
// screen reader announces it, each problem a link that moves focus to its field.
import { useEffect, useRef } from 'react'

export interface FormIssue<F extends string> {
  field: F
  message: string
}

export function ErrorSummary<F extends string>({
  issues,
  fieldIds,
  attempt,
  headingLevel = 2,
}: {
  issues: readonly FormIssue<F>[]
  /** The id of each field's control, the link target of its problem. */
  fieldIds: Record<F, string>
  /** Counts failed submissions: each new one moves focus to the summary. */
  attempt: number
  headingLevel?: 2 | 3
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (attempt > 0 && issues.length > 0) ref.current?.focus()
  }, [attempt, issues])
  if (issues.length === 0) return null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <div className="error-box ws-error-summary" tabIndex={-1} ref={ref} role="alert">
      <Heading>
        {issues.length === 1 ? 'There is 1 problem' : `There are ${issues.length} problems`}
      </Heading>
      <ul>
        {issues.map((i) => (
          <li key={i.field}>
            <a
              href={`#${fieldIds[i.field]}`}
              onClick={(e) => {
                e.preventDefault()
                document.getElementById(fieldIds[i.field])?.focus()
              }}
            >
              {i.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
