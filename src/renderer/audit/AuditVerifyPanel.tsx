// "Verify the whole log": every entry hashed again and every checkpoint checked, with a progress
// bar and Cancel, then a verdict that cannot be misread (word, sentence, colour and icon agree)
// and each problem itemised in plain language. A damaged log is reported, never repaired.
import { useEffect, useRef, useState } from 'react'
import type { AuditProgress, LogVerificationReport } from '../../core/audit/audit-log'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { issueView } from './audit-view'
import { verifyWorkspaceLog } from './verify-workspace-log'

type VerifyState =
  | { kind: 'idle' }
  | { kind: 'running'; progress?: AuditProgress; cancelling: boolean }
  | { kind: 'done'; report: LogVerificationReport }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }

const n = (x: number) => x.toLocaleString('en-GB')
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`

function progressText(p: AuditProgress | undefined): string {
  if (!p) return 'Reading the log…'
  return p.phase === 'entries'
    ? `Hashing entries: ${n(p.done)} of ${n(p.total)}`
    : `Checking signed checkpoints: ${n(p.done)} of ${n(p.total)}`
}

function verdictSentence(r: LogVerificationReport): string {
  if (!r.ok) {
    return `${plural(r.issues.length, 'problem')} found in a log of ${plural(r.entries, 'entry', 'entries')}. Do not rely on this log until they are explained.`
  }
  if (r.entries === 0) return 'The log is empty: nothing has been recorded yet.'
  const unsigned = r.entries - r.coveredEntries
  return (
    `All ${plural(r.entries, 'entry', 'entries')} are intact and ${plural(r.verifiedCheckpoints, 'signed checkpoint')} match them.` +
    (unsigned > 0
      ? ` The newest ${plural(unsigned, 'entry', 'entries')} ${unsigned === 1 ? 'is' : 'are'} not yet covered by a checkpoint.`
      : '')
  )
}

export function AuditVerifyPanel({
  db,
  describeEntry,
  onShowEntry,
  onVerified,
}: {
  db: WorkspaceDb
  describeEntry: (index: number) => string
  onShowEntry: (index: number) => void
  /** Called after each completed verification (the timeline re-reads what is stored). */
  onVerified?: () => void
}) {
  const host = useHost()
  const [state, setState] = useState<VerifyState>({ kind: 'idle' })
  const abort = useRef<AbortController | undefined>(undefined)
  const verdictRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => () => abort.current?.abort(), [])
  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'cancelled' || state.kind === 'failed')
      verdictRef.current?.focus()
  }, [state.kind])

  const run = async () => {
    const controller = new AbortController()
    abort.current = controller
    setState({ kind: 'running', cancelling: false })
    try {
      const report = await verifyWorkspaceLog(db, host.keys, {
        signal: controller.signal,
        onProgress: (progress) => setState((s) => (s.kind === 'running' ? { ...s, progress } : s)),
      })
      onVerified?.()
      setState({ kind: 'done', report })
    } catch (e) {
      if (controller.signal.aborted) setState({ kind: 'cancelled' })
      else setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) })
    } finally {
      if (abort.current === controller) abort.current = undefined
    }
  }

  const cancel = () => {
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s))
    abort.current?.abort(new DOMException('Verification cancelled', 'AbortError'))
  }

  const p = state.kind === 'running' ? state.progress : undefined
  const outcome =
    state.kind === 'done'
      ? state.report.ok
        ? 'verified'
        : 'not-verified'
      : state.kind === 'cancelled'
        ? 'cancelled'
        : state.kind === 'failed'
          ? 'not-verified'
          : undefined

  return (
    <section className="panel audit-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">Verify the whole log</h2>
      <p className="muted">
        Hashes every entry again and checks every signed checkpoint against this computer’s device
        key and the keys in the workspace keyring. Nothing is changed.
      </p>
      {state.kind === 'running' ? (
        <div className="audit-progress">
          <progress
            aria-labelledby="audit-verify-title"
            aria-describedby="audit-progress-detail"
            max={p?.total || undefined}
            value={p?.total ? p.done : undefined}
          />
          <p id="audit-progress-detail" className="muted">
            {state.cancelling ? 'Cancelling…' : progressText(p)}
          </p>
          <button type="button" className="button" onClick={cancel} disabled={state.cancelling}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void run()}>
          {state.kind === 'idle' ? 'Verify the whole log' : 'Verify again'}
        </button>
      )}
      <div role="status" className="audit-verify-result">
        {outcome ? (
          <div className={`verdict verdict-${outcome}`} data-verdict={outcome}>
            <span className="verdict-icon">
              <Icon
                name={outcome === 'verified' ? 'check' : outcome === 'cancelled' ? 'info' : 'cross'}
              />
            </span>
            <div className="verdict-text">
              <h3 className="verdict-word" tabIndex={-1} ref={verdictRef}>
                {outcome === 'verified'
                  ? 'Log verified'
                  : outcome === 'cancelled'
                    ? 'Verification cancelled'
                    : 'Log not verified'}
              </h3>
              <p className="verdict-sentence">
                {state.kind === 'done'
                  ? verdictSentence(state.report)
                  : state.kind === 'cancelled'
                    ? 'Nothing was concluded. Run it again to verify the log.'
                    : state.kind === 'failed'
                      ? `The log could not be verified: ${state.message}`
                      : ''}
              </p>
            </div>
          </div>
        ) : null}
      </div>
      {state.kind === 'done' && state.report.issues.length > 0 ? (
        <section className="problems" aria-labelledby="audit-problems-title">
          <h3 id="audit-problems-title">
            Problems <span className="count">({state.report.issues.length})</span>
          </h3>
          <ol className="problem-list">
            {state.report.issues.map((issue, i) => {
              const view = issueView(issue, describeEntry)
              return (
                <li key={i} className="problem" data-code={issue.code}>
                  <div className="problem-head">
                    <Icon name="cross" className="problem-icon" />
                    <code className="code-badge">{issue.code}</code>
                    <strong>{view.title}</strong>
                  </div>
                  <p className="problem-message">{view.message}</p>
                  <p className="problem-advice">
                    <strong>What it means:</strong> {view.advice}
                  </p>
                  {view.entry !== undefined ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onShowEntry(view.entry!)}
                    >
                      Show entry {view.entry}
                    </button>
                  ) : null}
                </li>
              )
            })}
          </ol>
        </section>
      ) : null}
    </section>
  )
}
