// Progress of a running verification, with Cancel.
import type { Progress } from '../../core/bundle/byte-io'
import { formatBytes } from '../verify/report-view'

interface VerifyProgressProps {
  bundleName: string
  progress: Progress | undefined
  cancelling: boolean
  onCancel: () => void
}

export function VerifyProgress({
  bundleName,
  progress,
  cancelling,
  onCancel,
}: VerifyProgressProps) {
  const total = progress?.bytesTotal ?? progress?.total ?? 0
  const done = progress?.bytesDone ?? progress?.done ?? 0
  const detail = !progress
    ? 'Opening the bundle…'
    : progress.done >= progress.total
      ? 'Checking signatures and sign-offs…'
      : `Checking files: ${progress.done} of ${progress.total}` +
        (progress.bytesTotal
          ? ` (${formatBytes(progress.bytesDone ?? 0)} of ${formatBytes(progress.bytesTotal)})`
          : '')
  return (
    <section className="panel progress-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">
        Verifying <span className="mono">{bundleName}</span>
      </h2>
      <progress
        className="progress"
        aria-labelledby="progress-title"
        aria-describedby="progress-detail"
        max={total || undefined}
        value={total ? done : undefined}
      />
      <p id="progress-detail" className="muted">
        {cancelling ? 'Cancelling…' : detail}
      </p>
      <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
        Cancel
      </button>
    </section>
  )
}
