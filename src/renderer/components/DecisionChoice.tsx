// The Approve / Reject choice of a sign-off, the same in the sign dialog and on a received
// bundle.
import { RadioChoice, type RadioOption } from './RadioChoice'

export type SignoffDecision = 'approve' | 'reject'

const DECISIONS: readonly RadioOption<SignoffDecision>[] = [
  { value: 'approve', label: 'Approve' },
  { value: 'reject', label: 'Reject' },
]

export function DecisionChoice({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string
  value: SignoffDecision
  onChange: (value: SignoffDecision) => void
}) {
  return (
    <RadioChoice
      legend="Decision"
      idPrefix={idPrefix}
      inline
      options={DECISIONS}
      value={value}
      onChange={onChange}
    />
  )
}
