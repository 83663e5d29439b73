// Verify: choose (or drop) a bundle and a keyring, verify in a worker with progress and
// Cancel, then read the verdict, the problems with what to do, the packet, its sign-offs and
// the checks that passed.
import { useEffect, useRef, useState } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import { HostError, type PickedFile } from '../../core/host/host-api'
import { KeyringError } from '../../core/keys/keyring'
import { FileDrop } from '../components/FileDrop'
import { Icon } from '../components/Icon'
import { PacketSummary } from '../components/PacketSummary'
import { PassedChecks } from '../components/PassedChecks'
import { ProblemList } from '../components/ProblemList'
import { SignoffTable } from '../components/SignoffTable'
import { VerdictBanner } from '../components/VerdictBanner'
import { VerifyProgress } from '../components/VerifyProgress'
import { useHost } from '../host/host-context'
import {
  forgetKeyring,
  keyringFromBytes,
  recallKeyring,
  rememberKeyring,
  type LoadedKeyring,
} from '../verify/keyring-storage'
import {
  failuresOf,
  formatBytes,
  outcomeOf,
  reportFile,
  templateOf,
  verdictSentence,
} from '../verify/report-view'
import { runVerification } from '../verify/run-verification'

/** Keyrings are small JSON files; anything bigger is not one. */
const MAX_KEYRING_BYTES = 4 * 1024 * 1024

type Run =
  | { state: 'idle' }
  | { state: 'running'; bundleName: string; progress?: Progress; cancelling: boolean }
  | { state: 'done'; bundleName: string; report: VerificationReport; at: Date }
  | { state: 'error'; message: string }

const messageOf = (e: unknown) =>
  e instanceof HostError || e instanceof KeyringError
    ? e.message
    : e instanceof Error
      ? e.message
      : String(e)

export function VerifyScreen() {
  const host = useHost()
  const [bundle, setBundle] = useState<PickedFile | null>(null)
  const [keyring, setKeyring] = useState<LoadedKeyring | null>(() => recallKeyring() ?? null)
  const [remembered, setRemembered] = useState<boolean>(() => keyring !== null)
  const [bundleError, setBundleError] = useState<string>()
  const [keyringError, setKeyringError] = useState<string>()
  const [run, setRun] = useState<Run>({ state: 'idle' })
  const [saveNote, setSaveNote] = useState<string>()
  const abortRef = useRef<AbortController | null>(null)
  const verdictRef = useRef<HTMLHeadingElement>(null)
  const bundleRef = useRef<PickedFile | null>(null)

  // Release the open bundle when it is replaced or the screen goes away; stop any run.
  useEffect(() => {
    bundleRef.current = bundle
  }, [bundle])
  useEffect(
    () => () => {
      abortRef.current?.abort()
      void bundleRef.current?.close()
    },
    [],
  )
  useEffect(() => {
    if (run.state === 'done') verdictRef.current?.focus()
  }, [run])

  const takeBundle = (file: PickedFile) => {
    void bundle?.close()
    setBundle(file)
    setBundleError(undefined)
    setSaveNote(undefined)
    setRun({ state: 'idle' })
  }

  const takeKeyringFile = async (file: PickedFile) => {
    try {
      if (file.size > MAX_KEYRING_BYTES) {
        throw new KeyringError(`${file.name} is too large to be a keyring.`)
      }
      const loaded = keyringFromBytes(file.name, await file.source.read(0, file.size))
      setKeyring(loaded)
      setKeyringError(undefined)
      setRemembered(rememberKeyring(loaded))
      setRun((r) => (r.state === 'done' ? { state: 'idle' } : r))
    } catch (e) {
      setKeyringError(`${file.name} is not a usable keyring: ${messageOf(e)}`)
    } finally {
      await file.close()
    }
  }

  const chooseBundle = async () => {
    try {
      const [file] = await host.openFiles({ kind: 'bundle' })
      if (file) takeBundle(file)
    } catch (e) {
      setBundleError(`Could not open the file: ${messageOf(e)}`)
    }
  }

  const chooseKeyring = async () => {
    try {
      const [file] = await host.openFiles({ kind: 'keyring' })
      if (file) await takeKeyringFile(file)
    } catch (e) {
      setKeyringError(`Could not open the file: ${messageOf(e)}`)
    }
  }

  const verify = async () => {
    if (!bundle || !keyring) {
      if (!bundle) setBundleError('Choose the bundle to verify first.')
      if (!keyring) setKeyringError('Choose the keyring that says whom you trust first.')
      return
    }
    const controller = new AbortController()
    abortRef.current = controller
    setSaveNote(undefined)
    setRun({ state: 'running', bundleName: bundle.name, cancelling: false })
    try {
      const report = await runVerification({
        bundle,
        keyring: keyring.keyring,
        signal: controller.signal,
        onProgress: (progress) => setRun((r) => (r.state === 'running' ? { ...r, progress } : r)),
      })
      setRun({ state: 'done', bundleName: bundle.name, report, at: new Date() })
    } catch (e) {
      setRun({ state: 'error', message: `The bundle could not be read: ${messageOf(e)}` })
    } finally {
      abortRef.current = null
    }
  }

  const cancel = () => {
    abortRef.current?.abort()
    setRun((r) => (r.state === 'running' ? { ...r, cancelling: true } : r))
  }

  const saveReport = async () => {
    if (run.state !== 'done') return
    const file = reportFile(run.report, run.bundleName, run.at)
    try {
      const result = await host.saveFile(file.name, file.bytes, { kind: 'report' })
      if (result.saved) {
        setSaveNote(
          host.platform === 'browser'
            ? `Downloaded the report as ${result.name}.`
            : `Saved the report as ${result.name}.`,
        )
      }
    } catch (e) {
      setSaveNote(`Could not save the report: ${messageOf(e)}`)
    }
  }

  const running = run.state === 'running'
  const report = run.state === 'done' ? run.report : undefined
  const outcome = report ? outcomeOf(report) : undefined
  const template = report ? templateOf(report) : undefined
  const problems = report ? failuresOf(report) : []

  return (
    <>
      <h1 tabIndex={-1}>Verify a bundle</h1>
      <p className="lede">
        Check that a packet someone sent you is complete, unchanged since it was signed, and signed
        off by people your keyring trusts. Everything happens on this computer; nothing is uploaded.
      </p>

      <div className="inputs">
        <FileDrop
          step={1}
          icon="file"
          title="Bundle"
          hint="The .evb file you received."
          chooseLabel={bundle ? 'Choose another bundle…' : 'Choose bundle…'}
          disabled={running}
          error={bundleError}
          onChoose={() => void chooseBundle()}
          onDropFile={takeBundle}
          chosen={
            bundle ? (
              <p className="chosen">
                <span className="mono">{bundle.name}</span>{' '}
                <span className="muted">{formatBytes(bundle.size)}</span>
              </p>
            ) : undefined
          }
        />
        <FileDrop
          step={2}
          icon="key"
          title="Keyring"
          hint="The JSON file listing the keys you trust and their roles."
          chooseLabel={keyring ? 'Choose another keyring…' : 'Choose keyring…'}
          disabled={running}
          error={keyringError}
          onChoose={() => void chooseKeyring()}
          onDropFile={(f) => void takeKeyringFile(f)}
          chosen={
            keyring ? (
              <div>
                <p className="chosen">
                  <span className="mono">{keyring.name}</span>{' '}
                  <span className="muted">
                    {keyring.keyring.keys.length}{' '}
                    {keyring.keyring.keys.length === 1 ? 'trusted key' : 'trusted keys'}
                  </span>
                </p>
                {remembered ? (
                  <p className="muted small">
                    Remembered on this computer.{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        forgetKeyring()
                        setRemembered(false)
                      }}
                    >
                      Forget it
                    </button>
                  </p>
                ) : null}
                <details className="keys">
                  <summary>Show keys</summary>
                  <ul>
                    {keyring.keyring.keys.map((k) => (
                      <li key={k.keyid}>
                        {k.name} <span className="muted">({k.roles.join(', ') || 'no roles'})</span>
                        {k.revoked ? <strong> revoked</strong> : null}
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
            ) : undefined
          }
        />
      </div>

      <div className="verify-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void verify()}
          disabled={running}
        >
          <Icon name="shield" />
          Verify bundle
        </button>
      </div>

      {run.state === 'running' ? (
        <VerifyProgress
          bundleName={run.bundleName}
          progress={run.progress}
          cancelling={run.cancelling}
          onCancel={cancel}
        />
      ) : null}

      <div role="status" aria-live="polite" className="result-status">
        {running ? <p className="visually-hidden">Verifying {run.bundleName}…</p> : null}
        {report && outcome ? (
          <VerdictBanner
            ref={verdictRef}
            outcome={outcome}
            sentence={verdictSentence(report)}
            bundleName={run.state === 'done' ? run.bundleName : ''}
          />
        ) : null}
      </div>

      {run.state === 'error' ? (
        <p className="error-box" role="alert">
          {run.message}
        </p>
      ) : null}

      {report && outcome !== 'cancelled' ? (
        <div className="report">
          <div className="report-actions">
            <button type="button" className="button" onClick={() => void saveReport()}>
              Save report…
            </button>
            {saveNote ? (
              <p className="muted small" role="status">
                {saveNote}
              </p>
            ) : null}
          </div>
          {problems.length > 0 ? <ProblemList problems={problems} /> : null}
          <PacketSummary report={report} template={template} />
          <SignoffTable signoffs={report.signoffs} template={template} />
          <PassedChecks report={report} />
        </div>
      ) : null}
    </>
  )
}
