// Confirm changes carried out: record the ticket or change that revoked or modified the
// selected items' access.
import { useState } from 'react'
import type { Decision } from '../../core/access-review'
import type { ReviewItemRecord } from '../../core/access-review/review-records'
import { ActionPanel, useAction, type ItemActionProps } from './ActionPanel'
import { confirmChanges } from './review-store'
import { plural } from './review-text'
import { TextField } from './TextField'

function confirmProblem(
  selectedItems: readonly ReviewItemRecord[],
  latest: ReadonlyMap<string, Decision>,
  reference: string,
): string | undefined {
  if (selectedItems.length === 0)
    return 'Select the revoked or modified items first (Status filter: “Revoke or modify not yet confirmed”).'
  const wrong = selectedItems.filter((i) => {
    const o = latest.get(i.id)?.outcome
    return o !== 'revoke' && o !== 'modify'
  })
  if (wrong.length > 0)
    return `${plural(wrong.length, 'selected item')} ${wrong.length === 1 ? 'has' : 'have'} no revoke or modify decision (e.g. ${wrong[0]!.login}, ${wrong[0]!.entitlement}). Select only revoked or modified items.`
  if (reference.trim() === '')
    return 'Give the ticket or change reference that carried out the change.'
  return undefined
}

export function ConfirmChangesPanel({
  campaignId,
  selectedItems,
  latest,
  confirmed,
  actor,
  db,
  onDone,
  onStart,
}: ItemActionProps & { latest: ReadonlyMap<string, Decision>; confirmed: ReadonlySet<string> }) {
  const [reference, setReference] = useState('')
  const action = useAction()
  const confirm = () =>
    action.run(
      confirmProblem(selectedItems, latest, reference),
      async (work) => {
        onStart(`Confirming ${plural(selectedItems.length, 'change')}…`)
        const ids = selectedItems.filter((i) => !confirmed.has(i.id)).map((i) => i.id)
        const done = await confirmChanges(db, campaignId, ids, reference, actor, new Date(), work)
        setReference('')
        onDone(`Confirmed ${plural(done, 'change')} as carried out (${reference.trim()}).`)
      },
      () => onStart('Cancelled: no change was confirmed.'),
    )
  return (
    <ActionPanel
      id="ar-confirm-changes"
      title="Confirm changes carried out"
      action="Confirm changes carried out"
      state={action}
      starting={`Confirming ${plural(selectedItems.length, 'change')}…`}
      onAction={confirm}
    >
      <TextField
        id="ar-reference"
        label="Change reference"
        hint="The ticket or change that revoked or modified the selected access."
        value={reference}
        onChange={setReference}
      />
    </ActionPanel>
  )
}
