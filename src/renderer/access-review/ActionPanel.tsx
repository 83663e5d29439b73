// The shape every campaign action shares: a titled panel with its fields, an alert line for
// what went wrong, and one button that is disabled while the write runs, which shows its
// progress and can be cancelled (a cancelled write leaves nothing behind: see review-store).
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react'
import type { ReviewItemRecord } from '../../core/access-review/review-records'
import { CancelledError, type Progress } from '../../core/bundle/byte-io'
import type { WorkspaceDb } from '../data/workspace-db'
import { WorkProgress } from '../packets/WorkProgress'
import type { WriteWork } from './review-store'
import { describeError } from './review-text'

/**
 * Error, busy and progress state of one action. `run` shows `problem` instead of starting when
 * given; otherwise it runs `work` with a signal and a progress listener to pass to the store,
 * and calls `onCancelled` if the user cancelled it.
 */
export function useAction() {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress>()
  const [cancelling, setCancelling] = useState(false)
  const controller = useRef<AbortController>(undefined)
  const run = async (
    problem: string | undefined,
    work: (w: WriteWork) => Promise<void>,
    onCancelled?: () => void,
  ) => {
    setError(problem ?? '')
    if (problem) return
    const c = new AbortController()
    controller.current = c
    setProgress(undefined)
    setCancelling(false)
    setBusy(true)
    try {
      await work({ signal: c.signal, onProgress: setProgress })
    } catch (e) {
      if (e instanceof CancelledError) onCancelled?.()
      else setError(describeError(e))
    } finally {
      controller.current = undefined
      setBusy(false)
    }
  }
  const cancel = () => {
    setCancelling(true)
    controller.current?.abort()
  }
  return { error, busy, run, progress, cancelling, cancel }
}

export type ActionState = ReturnType<typeof useAction>

/** The progress bar, sentence and Cancel button of a running action. */
export function ActionProgress({
  id,
  label,
  state,
  starting,
}: {
  id: string
  /** What the bar measures, e.g. "Decision progress". */
  label: string
  state: ActionState
  /** The sentence before the first progress report. */
  starting: string
}) {
  return state.busy ? (
    <WorkProgress
      id={`${id}-progress`}
      label={label}
      progress={state.progress}
      starting={starting}
      cancelling={state.cancelling}
      onCancel={state.cancel}
      focusCancel
    />
  ) : null
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
  buttonRef,
  children,
}: {
  busy: boolean
  primary?: boolean
  onClick: () => Promise<void>
  buttonRef?: Ref<HTMLButtonElement>
  children: ReactNode
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={busy}
      onClick={() => void onClick()}
    >
      {children}
    </button>
  )
}

/**
 * Puts focus back on the action's button when its work ends, if focus was lost meanwhile (the
 * Cancel button it was on has gone), so a keyboard user carries on from where they started.
 */
export function useFocusBackAfter(
  busy: boolean,
  button: { current: HTMLButtonElement | null },
): void {
  const wasBusy = useRef(false)
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body
    if (wasBusy.current && !busy && lost) button.current?.focus()
    wasBusy.current = busy
  }, [busy, button])
}

/** A panel of the Items section: its fields, then the alert line, the button and its progress. */
export function ActionPanel({
  id,
  title,
  action,
  state,
  starting,
  primary,
  onAction,
  children,
}: {
  id: string
  title: string
  /** The button's text. */
  action: string
  state: ActionState
  /** What the progress line says before the first report. */
  starting: string
  primary?: boolean
  onAction: () => Promise<void>
  children: ReactNode
}) {
  const buttonRef = useRef<HTMLButtonElement>(null)
  useFocusBackAfter(state.busy, buttonRef)
  return (
    <section className="panel ar-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <AlertLine error={state.error} />
      <ActionButton
        busy={state.busy}
        {...(primary ? { primary } : {})}
        onClick={onAction}
        buttonRef={buttonRef}
      >
        {action}
      </ActionButton>
      <ActionProgress id={id} label={`${title} progress`} state={state} starting={starting} />
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
