// Decide: one outcome for the selected items, each recorded as its own decision with its own
// audit entry; a justification where the outcome or the items' risk flags require one.
import { useState } from 'react'
import { OUTCOMES, type Outcome } from '../../core/access-review'
import { ActionPanel, useAction, type ItemActionProps } from './ActionPanel'
import { RadioChoice, type RadioOption } from '../components/RadioChoice'
import { recordDecisions } from './review-store'
import { plural } from './review-text'
import { justificationReason, OUTCOME_LABELS } from './review-view'

const OUTCOME_CHOICES: RadioOption<Outcome>[] = OUTCOMES.map((o) => ({
  value: o,
  label: o.charAt(0).toUpperCase() + o.slice(1),
}))

export function DecidePanel({
  campaignId,
  selectedItems,
  actor,
  db,
  onDone,
  onStart,
}: ItemActionProps) {
  const [outcome, setOutcome] = useState<Outcome>('keep')
  const [justification, setJustification] = useState('')
  const action = useAction()
  const reason = justificationReason(selectedItems, outcome)
  const count = selectedItems.length

  const record = () => {
    const short = reason !== null && justification.trim().length < 10
    const problem =
      count === 0
        ? 'Select the items to decide first (Space on a row in the list, or its row).'
        : short
          ? `${(reason ?? '').replace(/^Required[^:]*: /, '')} Write the justification, then record.`
          : undefined
    if (count > 0 && short) document.getElementById('ar-justification')?.focus()
    return action.run(
      problem,
      async (work) => {
        onStart(
          `Recording ${OUTCOME_LABELS[outcome]} for ${plural(count, 'item')}, one decision each…`,
        )
        const written = await recordDecisions(
          db,
          campaignId,
          selectedItems.map((i) => i.id),
          outcome,
          justification,
          actor,
          new Date(),
          work,
        )
        setJustification('')
        onDone(`Recorded ${OUTCOME_LABELS[outcome]} for ${plural(written, 'item')}.`)
      },
      () => onStart('Cancelled: no decision was recorded.'),
    )
  }

  return (
    <ActionPanel
      id="ar-decide"
      title="Decide"
      action="Record decision"
      primary
      state={action}
      starting={`Recording ${plural(count, 'decision')} with ${count === 1 ? 'its' : 'their'} audit entries…`}
      onAction={record}
    >
      <p className="ws-hint">
        Applies to the {plural(count, 'selected item')}; each gets its own decision and audit entry.
      </p>
      <RadioChoice
        legend="Decision"
        idPrefix="ar-outcome"
        inline
        options={OUTCOME_CHOICES}
        value={outcome}
        onChange={setOutcome}
      />
      <div className="ws-field ar-field">
        <label htmlFor="ar-justification">Justification</label>
        <p className="ws-hint" id="ar-justification-hint">
          {reason ?? 'Optional for this decision.'}
        </p>
        <textarea
          id="ar-justification"
          value={justification}
          aria-required={reason ? true : undefined}
          aria-describedby="ar-justification-hint"
          onChange={(e) => setJustification(e.target.value)}
        />
      </div>
    </ActionPanel>
  )
}
