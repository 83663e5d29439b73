// Reassign: move the selected items to another reviewer (one audit entry per item).
import { useId, useState } from 'react'
import { ActionPanel, useAction, type ItemActionProps } from './ActionPanel'
import { reassignItems } from './review-store'
import { plural } from './review-text'
import { TextField } from './TextField'

export function ReassignPanel({
  campaignId,
  selectedItems,
  reviewers,
  actor,
  db,
  onDone,
  onStart,
}: ItemActionProps & { reviewers: readonly string[] }) {
  const [to, setTo] = useState('')
  const action = useAction()
  const listId = useId()
  const reassign = () =>
    action.run(
      selectedItems.length === 0
        ? 'Select the items to reassign first.'
        : to.trim() === ''
          ? 'Name the reviewer to reassign to.'
          : undefined,
      async (work) => {
        onStart(`Reassigning ${plural(selectedItems.length, 'item')}…`)
        const moved = await reassignItems(
          db,
          campaignId,
          selectedItems.map((i) => i.id),
          to,
          actor,
          new Date(),
          work,
        )
        setTo('')
        onDone(`Reassigned ${plural(moved, 'item')} to ${to.trim()}.`)
      },
      () => onStart('Cancelled: no item was reassigned.'),
    )
  return (
    <ActionPanel
      id="ar-reassign"
      title="Reassign"
      action="Reassign selected items"
      state={action}
      starting={`Reassigning ${plural(selectedItems.length, 'item')}…`}
      onAction={reassign}
    >
      <TextField id="ar-reassign-to" label="New reviewer" list={listId} value={to} onChange={setTo}>
        <datalist id={listId}>
          {reviewers.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </TextField>
    </ActionPanel>
  )
}
