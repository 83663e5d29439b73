// Verify: choose (or drop) a bundle, verify it in a worker against the open workspace's keyring
// (or a keyring file, for one check) with progress and Cancel, then read the verdict, what was
// checked, the problems with what they mean and what to do, the packet and its sign-offs. Keep
// the bundle in the workspace (a verified one becomes a packet, any other is quarantined), add
// your own sign-off and save the bundle to send back, and manage the bundles received so far.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import { blobFile, HostError, type PickedFile } from '../../core/host/host-api'
import { KeyringError, keyringOf } from '../../core/keys/keyring'
import { signoffEligibility } from '../../core/workspace/received-bundle'
import type { ReceivedBundleRecord } from '../../core/workspace/records'
import { CheckSummary } from '../components/CheckSummary'
import { FileDrop } from '../components/FileDrop'
import { Icon } from '../components/Icon'
import { PacketSummary } from '../components/PacketSummary'
import { PassedChecks } from '../components/PassedChecks'
import { ProblemList } from '../components/ProblemList'
import { SignoffTable } from '../components/SignoffTable'
import { TrustChoice, type TrustMode } from '../components/TrustChoice'
import { VerdictBanner } from '../components/VerdictBanner'
import { VerifyProgress } from '../components/VerifyProgress'
import { useHost } from '../host/host-context'
import { actorLabel, useActor } from '../identity/actor'
import {
  forgetLegacyKeyring,
  keyringFromBytes,
  type LoadedKeyring,
} from '../verify/keyring-storage'
import { ReceiveActions } from '../verify/ReceiveActions'
import { SignedPdfPanel } from '../verify/SignedPdfPanel'
import { QuarantineBadge, ReceivedBundles } from '../verify/ReceivedBundles'
import { logVerification } from '../verify/received-bundles'
import {
  failuresOf,
  formatBytes,
  outcomeOf,
  reportFile,
  templateOf,
  verdictSentence,
} from '../verify/report-view'
import { runVerification } from '../verify/run-verification'
import { AddSignoffPanel, type SignedBundle } from '../verify/AddSignoffPanel'
import { describeTrust, useKeyringRecords, type TrustSource } from '../verify/workspace-keyring'
import { useWorkspace } from '../workspace/workspace-context'
import '../verify/verify.css'

/** Keyrings are small JSON files; anything bigger is not one. */
const MAX_KEYRING_BYTES = 4 * 1024 * 1024

type Run =
  | { state: 'idle' }
  | { state: 'running'; bundleName: string; progress?: Progress; cancelling: boolean }
  | {
      state: 'done'
      bundleName: string
      report: VerificationReport
      at: Date
      trust: TrustSource
      /** The report kept with a received bundle, shown without verifying again. */
      stored?: boolean
    }
  | { state: 'error'; message: string }

/** Where the bundle on screen came from. */
type Shown =
  | { kind: 'picked' }
  | { kind: 'received'; record: ReceivedBundleRecord }
  | { kind: 'signed'; signed: SignedBundle }

const messageOf = (e: unknown) =>
  e instanceof HostError || e instanceof KeyringError
    ? e.message
    : e instanceof Error
      ? e.message
      : String(e)

export function VerifyScreen() {
  const host = useHost()
  const actor = actorLabel(useActor())
  const { state: ws } = useWorkspace()
  const db = ws.status === 'open' ? ws.db : undefined
  const workspaceName = ws.entry?.name ?? 'this workspace'
  const keyRecords = useKeyringRecords(db)
  const workspaceKeyring = useMemo(
    () => (keyRecords ? keyringOf(keyRecords) : undefined),
    [keyRecords],
  )

  const [bundle, setBundle] = useState<PickedFile | null>(null)
  const [shown, setShown] = useState<Shown>({ kind: 'picked' })
  const [mode, setMode] = useState<TrustMode>('workspace')
  const [fileKeyring, setFileKeyring] = useState<LoadedKeyring | null>(null)
  const [bundleError, setBundleError] = useState<string>()
  const [keyringError, setKeyringError] = useState<string>()
  const [run, setRun] = useState<Run>({ state: 'idle' })
  const [saveNote, setSaveNote] = useState<string>()
  const [logNote, setLogNote] = useState<string>()
  const [signing, setSigning] = useState(false)
  const abortRef = useRef<AbortController | null>(null)
  const verdictRef = useRef<HTMLHeadingElement>(null)
  const bundleRef = useRef<PickedFile | null>(null)
  // Without a workspace (one that failed to open) only a keyring file can be trusted.
  const noWorkspace = ws.status === 'failed'
  const trustMode: TrustMode = noWorkspace ? 'file' : mode

  useEffect(() => forgetLegacyKeyring(), [])
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

  const replaceBundle = (file: PickedFile, next: Shown) => {
    if (bundle && bundle !== file) void bundle.close()
    setBundle(file)
    setShown(next)
    setBundleError(undefined)
    setSaveNote(undefined)
    setLogNote(undefined)
    setSigning(false)
  }

  const takeBundle = (file: PickedFile) => {
    replaceBundle(file, { kind: 'picked' })
    setRun({ state: 'idle' })
  }

  const takeKeyringFile = async (file: PickedFile) => {
    try {
      if (file.size > MAX_KEYRING_BYTES) {
        throw new KeyringError(`${file.name} is too large to be a keyring.`)
      }
      const loaded = keyringFromBytes(file.name, await file.source.read(0, file.size))
      setFileKeyring(loaded)
      setMode('file')
      setKeyringError(undefined)
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

  const currentTrust = ():
    { trust: TrustSource; keyring: LoadedKeyring['keyring'] } | undefined => {
    if (trustMode === 'workspace') {
      if (!workspaceKeyring) return undefined
      return {
        trust: { kind: 'workspace', workspace: workspaceName, keys: workspaceKeyring.keys.length },
        keyring: workspaceKeyring,
      }
    }
    if (!fileKeyring) return undefined
    return {
      trust: { kind: 'file', fileName: fileKeyring.name, keys: fileKeyring.keyring.keys.length },
      keyring: fileKeyring.keyring,
    }
  }

  const verify = async () => {
    const chosen = currentTrust()
    if (!bundle || !chosen) {
      if (!bundle) setBundleError('Choose the bundle to verify first.')
      if (!chosen) {
        setKeyringError(
          trustMode === 'file'
            ? 'Choose the keyring file that says whom you trust first.'
            : 'The workspace keyring is still loading; try again in a moment.',
        )
      }
      return
    }
    const controller = new AbortController()
    abortRef.current = controller
    setSaveNote(undefined)
    setLogNote(undefined)
    setSigning(false)
    setRun({ state: 'running', bundleName: bundle.name, cancelling: false })
    try {
      const report = await runVerification({
        bundle,
        keyring: chosen.keyring,
        signal: controller.signal,
        onProgress: (progress) => setRun((r) => (r.state === 'running' ? { ...r, progress } : r)),
      })
      setRun({
        state: 'done',
        bundleName: bundle.name,
        report,
        at: new Date(),
        trust: chosen.trust,
      })
      if (db) {
        await logVerification(db, {
          fileName: bundle.name,
          report,
          trust: chosen.trust,
          actor,
        }).catch((e: unknown) =>
          setLogNote(`This check could not be recorded in the audit log: ${messageOf(e)}`),
        )
      }
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
    const file = reportFile(run.report, run.bundleName, run.at, describeTrust(run.trust))
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

  const saveSigned = async (signed: SignedBundle) => {
    try {
      const result = await host.saveFile(signed.fileName, signed.bytes, { kind: 'bundle' })
      if (result.saved) {
        setSaveNote(
          `${host.platform === 'browser' ? 'Downloaded' : 'Saved'} the signed bundle as ${result.name}. Send it back to the person who sent you the packet.`,
        )
      }
    } catch (e) {
      setSaveNote(`Could not save the signed bundle: ${messageOf(e)}`)
    }
  }

  const showReceived = (record: ReceivedBundleRecord, fresh = false) => {
    abortRef.current?.abort()
    replaceBundle(blobFile(record.fileName, record.data), { kind: 'received', record })
    setRun({
      state: 'done',
      bundleName: record.fileName,
      report: record.report as unknown as VerificationReport,
      at: new Date(),
      trust: {
        kind: 'workspace',
        workspace: workspaceName,
        keys: workspaceKeyring?.keys.length ?? 0,
      },
      stored: !fresh,
    })
  }

  const onSigned = (signed: SignedBundle) => {
    const file = blobFile(signed.fileName, new Blob([signed.bytes as Uint8Array<ArrayBuffer>]))
    replaceBundle(file, { kind: 'signed', signed })
    setRun({
      state: 'done',
      bundleName: signed.fileName,
      report: signed.report,
      at: new Date(),
      trust: {
        kind: 'workspace',
        workspace: workspaceName,
        keys: workspaceKeyring?.keys.length ?? 0,
      },
    })
  }

  const running = run.state === 'running'
  const done = run.state === 'done' ? run : undefined
  const report = done?.report
  const outcome = report ? outcomeOf(report) : undefined
  const template = report ? templateOf(report) : undefined
  const problems = report ? failuresOf(report) : []
  const received = shown.kind === 'received' ? shown.record : undefined
  const eligibility = report ? signoffEligibility(report) : undefined
  const canSign =
    db !== undefined &&
    workspaceKeyring !== undefined &&
    done?.trust.kind === 'workspace' &&
    eligibility?.ok === true &&
    bundle !== null

  return (
    <>
      <h1 tabIndex={-1}>Verify a bundle</h1>
      <p className="lede">
        Check that a packet someone sent you is complete, unchanged since it was signed, and signed
        off by people you trust. Everything happens on this computer; nothing is uploaded.
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
              <div>
                <p className="chosen">
                  <span className="mono">{bundle.name}</span>{' '}
                  <span className="muted">{formatBytes(bundle.size)}</span>
                </p>
                {received ? (
                  <p className="muted small">
                    From Received bundles{received.quarantined ? ' (quarantined)' : ''}.
                  </p>
                ) : shown.kind === 'signed' ? (
                  <p className="muted small">With your sign-off, made here.</p>
                ) : null}
              </div>
            ) : undefined
          }
        />
        <TrustChoice
          step={2}
          workspace={noWorkspace ? undefined : { name: workspaceName, keys: keyRecords }}
          mode={trustMode}
          onMode={(m) => {
            setMode(m)
            setKeyringError(undefined)
          }}
          file={fileKeyring}
          error={keyringError}
          disabled={running}
          onChooseFile={() => void chooseKeyring()}
          onDropFile={(f) => void takeKeyringFile(f)}
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

      <div role="status" aria-live="polite" aria-atomic="true" className="result-status">
        {running ? <p className="visually-hidden">Verifying {run.bundleName}…</p> : null}
        {done && report && outcome ? (
          <VerdictBanner
            ref={verdictRef}
            outcome={outcome}
            sentence={verdictSentence(report)}
            bundleName={done.bundleName}
            trust={describeTrust(done.trust)}
          >
            {received?.quarantined ? (
              <p className="verdict-quarantine">
                <QuarantineBadge /> Kept apart in this workspace: not a packet, none of its files in
                the evidence library.
              </p>
            ) : null}
            {done.stored ? (
              <p className="verdict-stored small">
                The report kept with this received bundle. Verify it again for a fresh check.
              </p>
            ) : null}
          </VerdictBanner>
        ) : null}
      </div>

      {run.state === 'error' ? (
        <p className="error-box" role="alert">
          {run.message}
        </p>
      ) : null}

      {done && report && outcome !== 'cancelled' ? (
        <div className="report">
          {shown.kind === 'signed' ? (
            <section className="panel signed-box" aria-labelledby="signed-title">
              <h2 id="signed-title">
                Your {shown.signed.decision === 'approve' ? 'approval' : 'rejection'} as{' '}
                {shown.signed.roleLabel} is in the bundle
              </h2>
              <p>
                Signed by {shown.signed.signer}. The result of checking the new bundle against this
                workspace’s keyring is shown above
                {shown.signed.decision === 'reject'
                  ? ' (a rejection makes it Not verified, as it should)'
                  : ''}
                . Save it and send it back.
              </p>
              <button
                type="button"
                className="button button-primary"
                onClick={() => void saveSigned(shown.signed)}
              >
                <Icon name="upload" />
                Save bundle to send back…
              </button>
            </section>
          ) : null}
          <div className="report-actions">
            <button type="button" className="button" onClick={() => void saveReport()}>
              Save report…
            </button>
            {canSign && !signing && shown.kind !== 'signed' ? (
              <button type="button" className="button" onClick={() => setSigning(true)}>
                Add my sign-off…
              </button>
            ) : null}
            {saveNote ? (
              <p className="muted small" role="status">
                {saveNote}
              </p>
            ) : null}
            {logNote ? (
              <p className="field-error small" role="alert">
                {logNote}
              </p>
            ) : null}
          </div>
          {signing && canSign && db && workspaceKeyring && bundle ? (
            <AddSignoffPanel
              db={db}
              bundleName={done.bundleName}
              bundle={bundle}
              report={report}
              keyring={workspaceKeyring}
              actor={actor}
              onSigned={onSigned}
              onClose={() => setSigning(false)}
            />
          ) : null}
          {db && workspaceKeyring && bundle ? (
            <ReceiveActions
              key={`${done.bundleName}:${done.at.getTime()}`}
              db={db}
              bundle={bundle}
              report={report}
              trust={done.trust}
              keyring={workspaceKeyring}
              actor={actor}
              {...(received ? { received } : {})}
            />
          ) : null}
          <CheckSummary report={report} />
          <SignedPdfPanel report={report} bundle={bundle} bundleName={done.bundleName} />
          {problems.length > 0 ? <ProblemList problems={problems} /> : null}
          <PacketSummary report={report} template={template} />
          <SignoffTable signoffs={report.signoffs} template={template} />
          <PassedChecks report={report} />
        </div>
      ) : null}

      {db ? (
        <ReceivedBundles
          db={db}
          keyring={workspaceKeyring}
          actor={actor}
          disabled={running}
          onShow={showReceived}
          {...(received ? { shownSha256: received.sha256 } : {})}
        />
      ) : null}
    </>
  )
}
