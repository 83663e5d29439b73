// The shape every campaign action shares: a titled panel with its fields, an alert line for
// what went wrong, and one button that is disabled while the write runs.
import { useState, type ReactNode } from 'react'
import type { ReviewItemRecord } from '../../core/access-review/review-records'
import type { WorkspaceDb } from '../data/workspace-db'
import { describeError } from './review-text'

/** Error and busy state of one action; `run` shows `problem` instead of starting when given. */
export function useAction() {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (problem: string | undefined, work: () => Promise<void>) => {
    setError(problem ?? '')
    if (problem) return
    setBusy(true)
    try {
      await work()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }
  return { error, busy, run }
}

export function AlertLine({ error }: { error: string }) {
  return error ? (
    <p className="field-error" role="alert">
      {error}
    </p>
  ) : null
}

export function ActionButton({
  busy,
  primary = false,
  onClick,
  children,
}: {
  busy: boolean
  primary?: boolean
  onClick: () => Promise<void>
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={busy}
      onClick={() => void onClick()}
    >
      {children}
    </button>
  )
}

/** A panel of the Items section: its fields, then the alert line, the button and `after`. */
export function ActionPanel({
  id,
  title,
  action,
  error,
  busy,
  primary,
  onAction,
  after,
  children,
}: {
  id: string
  title: string
  /** The button's text. */
  action: string
  error: string
  busy: boolean
  primary?: boolean
  onAction: () => Promise<void>
  after?: ReactNode
  children: ReactNode
}) {
  return (
    <section className="panel ar-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <AlertLine error={error} />
      <ActionButton busy={busy} {...(primary ? { primary } : {})} onClick={onAction}>
        {action}
      </ActionButton>
      {after}
    </section>
  )
}

/** What each panel acting on the selected items is given. */
export interface ItemActionProps {
  campaignId: string
  selectedItems: readonly ReviewItemRecord[]
  actor: string
  db: WorkspaceDb
  onDone: (message: string) => void
  /** Says what is being written (to the Items section's status line). */
  onStart: (message: string) => void
}
