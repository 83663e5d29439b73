// After a verification: keep the bundle in the workspace. A bundle that verifies against the
// workspace keyring is imported (its packet and evidence join the workspace, marked received);
// any other is kept in quarantine only. Import checks the stored bytes again against the
// workspace keyring, with progress and Cancel, so what is kept is exactly what was judged.
import { useEffect, useRef, useState } from 'react'
import { CancelledError } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import type { PickedFile } from '../../core/host/host-api'
import type { Keyring } from '../../core/keys/keyring'
import { receiveDecision, reportFailureCodes } from '../../core/workspace/received-bundle'
import type { ReceivedBundleRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { formatBytes } from './report-view'
import {
  importStoredBundle,
  receivePickedBundle,
  type ReceiveOutcome,
  type ReceiveProgress,
} from './received-bundles'
import type { TrustSource } from './workspace-keyring'

interface ReceiveActionsProps {
  db: WorkspaceDb
  bundle: PickedFile
  report: VerificationReport
  trust: TrustSource
  /** The workspace keyring, which decides at import. */
  keyring: Keyring
  actor: string
  /** Set when the bundle on screen is one already received (opened from the list). */
  received?: ReceivedBundleRecord
  onImported?: (outcome: ReceiveOutcome) => void
}

const STEP_TEXT: Record<ReceiveProgress['step'], string> = {
  reading: 'Reading the bundle',
  hashing: 'Fingerprinting the file (SHA-256)',
  verifying: 'Verifying it against the workspace keyring',
  extracting: 'Copying its evidence files',
  saving: 'Saving to the workspace',
}

function progressText(p: ReceiveProgress): string {
  const bytes =
    p.bytesTotal !== undefined
      ? ` (${formatBytes(p.bytesDone ?? 0)} of ${formatBytes(p.bytesTotal)})`
      : ''
  const count = p.total !== undefined && p.step === 'extracting' ? `: ${p.done} of ${p.total}` : ''
  return `${STEP_TEXT[p.step]}${count}${bytes}…`
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress?: ReceiveProgress; cancelling: boolean }
  | { kind: 'done'; outcome: ReceiveOutcome }
  | { kind: 'failed'; message: string }

export function ReceiveActions(props: ReceiveActionsProps) {
  const { db, bundle, report, trust, keyring, actor, received } = props
  const [state, setState] = useState<State>({ kind: 'idle' })
  const abortRef = useRef<AbortController | null>(null)
  const resultRef = useRef<HTMLDivElement>(null)
  useEffect(() => () => abortRef.current?.abort(), [])
  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'failed') resultRef.current?.focus()
  }, [state.kind])

  const decision = receiveDecision(report)
  if (decision.kind === 'refuse') return null
  const alreadyPacket = received !== undefined && !received.quarantined
  const stillQuarantined = received?.quarantined === true && decision.kind === 'quarantine'
  const verifies = decision.kind === 'packet' && trust.kind === 'workspace'

  const start = async () => {
    const controller = new AbortController()
    abortRef.current = controller
    setState({ kind: 'running', cancelling: false })
    const input = {
      keyring,
      actor,
      signal: controller.signal,
      onProgress: (progress: ReceiveProgress) =>
        setState((s) => (s.kind === 'running' ? { ...s, progress } : s)),
    }
    try {
      const outcome = received
        ? await importStoredBundle(db, received.sha256, input)
        : await receivePickedBundle(db, bundle, input)
      setState({ kind: 'done', outcome })
      props.onImported?.(outcome)
    } catch (e) {
      if (e instanceof CancelledError || controller.signal.aborted) {
        setState({ kind: 'failed', message: 'Import cancelled: nothing was stored.' })
      } else {
        setState({
          kind: 'failed',
          message: `The bundle could not be stored: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`,
        })
      }
    } finally {
      abortRef.current = null
    }
  }

  const cancel = () => {
    abortRef.current?.abort()
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s))
  }

  if (alreadyPacket) {
    return (
      <section className="panel receive-panel" aria-labelledby="receive-title">
        <h2 id="receive-title">In this workspace</h2>
        <p>
          This bundle was imported before: its packet is part of this workspace.
          {received?.packetId ? (
            <>
              {' '}
              <a href={`#/packets/${encodeURIComponent(received.packetId)}`}>Open the packet</a>.
            </>
          ) : null}
        </p>
      </section>
    )
  }

  let explain: string
  if (stillQuarantined) {
    explain =
      'This bundle is kept in quarantine. It becomes a packet only once it verifies against this workspace’s keyring: do what the problems below say (usually, ask the sender for a fresh copy, or import a missing key), then verify it again.'
  } else if (trust.kind === 'file') {
    explain =
      'This check used a keyring file. Keeping the bundle checks it again against this workspace’s keyring, which decides: if it verifies there, its packet and evidence join the workspace; otherwise it is kept in quarantine only.'
  } else if (verifies) {
    explain = `Import it: the bundle is kept under Received bundles, its packet joins this workspace as Verified (marked as received), and its evidence files are added to the library. The bundle is checked once more as it is stored.`
  } else {
    explain =
      'It did not verify, so it can only be kept in quarantine: stored with this report under Received bundles, clearly marked, never as a packet, and none of its files go into the evidence library.'
  }

  const running = state.kind === 'running'
  const label =
    trust.kind === 'file' && !received
      ? 'Check with the workspace keyring and keep'
      : decision.kind === 'packet'
        ? 'Import into workspace'
        : 'Keep in quarantine'

  return (
    <section className="panel receive-panel" aria-labelledby="receive-title">
      <h2 id="receive-title">Keep it in this workspace</h2>
      <p>{explain}</p>
      {state.kind !== 'done' && !stillQuarantined ? (
        <div className="ws-form-actions">
          <button
            type="button"
            className={`button ${decision.kind === 'packet' ? 'button-primary' : ''}`}
            onClick={() => void start()}
            disabled={running}
          >
            <Icon name={decision.kind === 'packet' ? 'shield' : 'stop'} />
            {label}
          </button>
        </div>
      ) : null}
      {running ? (
        <div className="receive-progress">
          <progress
            className="progress"
            aria-label="Import progress"
            max={state.progress?.bytesTotal || undefined}
            value={state.progress?.bytesTotal ? (state.progress.bytesDone ?? 0) : undefined}
          />
          <p className="muted" role="status">
            {state.cancelling
              ? 'Cancelling…'
              : state.progress
                ? progressText(state.progress)
                : 'Starting…'}
          </p>
          <button type="button" className="button" onClick={cancel} disabled={state.cancelling}>
            Cancel import
          </button>
        </div>
      ) : null}
      <div ref={resultRef} tabIndex={-1} className="receive-result" role="status">
        {state.kind === 'done' ? <ImportResult outcome={state.outcome} /> : null}
        {state.kind === 'failed' ? <p className="field-error">{state.message}</p> : null}
      </div>
    </section>
  )
}

function ImportResult({ outcome }: { outcome: ReceiveOutcome }) {
  const { packet, evidence } = outcome
  if (outcome.quarantined) {
    return (
      <div className="quarantine-note">
        <p>
          <span className="quarantine-badge">
            <Icon name="stop" /> Quarantined
          </span>{' '}
          {outcome.duplicate
            ? 'Already in quarantine; its report was updated.'
            : 'Kept in quarantine.'}{' '}
          Against this workspace’s keyring it did not verify (
          {reportFailureCodes(outcome.report).join(', ')}). It is listed under Received bundles with
          its report. It is not a packet, and none of its files were added to the evidence library.
        </p>
      </div>
    )
  }
  return (
    <div className="imported-note">
      <p>
        <Icon name="check" /> <strong>Imported.</strong> {packet?.note}{' '}
        {packet && packet.action !== 'kept-local' && packet.action !== 'kept-newer' ? (
          <a href={`#/packets/${encodeURIComponent(packet.id)}`}>Open the packet</a>
        ) : null}
      </p>
      {evidence.added + evidence.reused > 0 ? (
        <p>
          Evidence: {evidence.added} {evidence.added === 1 ? 'file' : 'files'} added to the library
          {evidence.reused > 0 ? `, ${evidence.reused} already there` : ''}.
        </p>
      ) : null}
    </div>
  )
}
