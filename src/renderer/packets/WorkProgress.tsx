// Progress of a long packet task (packing, verifying, saving, checking) with its Cancel button.
// The sentence is a live status, so a screen reader hears each phase; the bar shows bytes where
// the work is byte-bound, otherwise steps.
import { useEffect, useRef } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import { formatBytes } from '../verify/report-view'

export function progressSentence(p: Progress | undefined, starting: string): string {
  if (!p) return starting
  const phase = p.phase.charAt(0).toUpperCase() + p.phase.slice(1)
  if (p.bytesTotal)
    return `${phase}: ${formatBytes(p.bytesDone ?? 0)} of ${formatBytes(p.bytesTotal)}`
  return p.total > 1 ? `${phase}: ${p.done} of ${p.total}` : `${phase}…`
}

export function WorkProgress({
  id,
  label,
  progress,
  starting,
  cancelling,
  onCancel,
  focusCancel = false,
}: {
  id: string
  /** What the bar measures, e.g. "Export progress". */
  label: string
  progress: Progress | undefined
  /** The sentence before the first progress report. */
  starting: string
  cancelling: boolean
  onCancel: () => void
  /** Move focus to Cancel when shown (the button that started the work is now disabled). */
  focusCancel?: boolean
}) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (focusCancel) cancelRef.current?.focus()
  }, [focusCancel])
  const total = progress?.bytesTotal ?? progress?.total ?? 0
  const done = progress?.bytesDone ?? progress?.done ?? 0
  return (
    <div className="work-progress">
      <progress
        id={id}
        aria-label={label}
        aria-describedby={`${id}-text`}
        max={total || undefined}
        value={total ? Math.min(done, total) : undefined}
      />
      <p id={`${id}-text`} className="muted" role="status">
        {cancelling ? 'Cancelling…' : progressSentence(progress, starting)}
      </p>
      <button
        ref={cancelRef}
        type="button"
        className="button"
        onClick={onCancel}
        disabled={cancelling}
      >
        Cancel
      </button>
    </div>
  )
}
