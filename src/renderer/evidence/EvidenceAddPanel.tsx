// Adding evidence: "Add files…" and "Add a folder…" buttons (which alone do everything, for
// keyboard and screen-reader users) inside a drop zone that takes files and whole folders.
// Files are hashed in a worker with progress (files and bytes) and Cancel; only when every file
// is hashed are the new ones written, in one transaction, so a cancelled batch adds nothing.
// Where the host can sweep HTML pages for accessibility in isolation, "Sweep pages…" and
// "Sweep a folder…" sweep what the user chooses (progress, Cancel) and add the report the same
// way, then open it.
import { useEffect, useRef, useState, type DragEvent } from 'react'
import { CancelledError } from '../../core/bundle/byte-io'
import type { A11ySweepSource } from '../../core/host/host-api'
import { describeDuplicate } from '../../core/evidence/dedupe'
import { formatBytes } from '../../core/evidence/file-type'
import type { EvidenceRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { useAppInfo, useHost } from '../host/host-context'
import { chooseFiles, chooseFolder, filesFromDrop, type IncomingFile } from './collect-files'
import { addHashedFiles } from './evidence-store'
import { hashFiles, type HashProgress } from './hash-files'
import { HashCancelled } from './hash-stream'

type Phase =
  | { step: 'idle' }
  | { step: 'hashing'; progress: HashProgress; controller: AbortController }
  | { step: 'sweeping'; done: number; total: number; controller: AbortController }
  | { step: 'sweep-cancelled' }
  | { step: 'saving'; files: number }
  | { step: 'done'; added: number; duplicates: string[]; cancelled?: false; note?: string }
  | { step: 'cancelled'; files: number }
  | { step: 'failed'; message: string }

export interface EvidenceAddPanelProps {
  db: WorkspaceDb
  addedBy: string
  onAdded: (records: EvidenceRecord[]) => void
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

export function EvidenceAddPanel({ db, addedBy, onAdded }: EvidenceAddPanelProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' })
  const [over, setOver] = useState(false)
  const busy = phase.step === 'hashing' || phase.step === 'saving' || phase.step === 'sweeping'
  const host = useHost()
  const info = useAppInfo()
  const canSweep = info?.features.isolatedA11ySweep === true && host.sweepPages !== undefined
  const cancelButton = useRef<HTMLButtonElement>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const wasBusy = useRef(false)

  // Focus follows the work: to Cancel while hashing (the add buttons are disabled), and back
  // to "Add files…" when it ends, so keyboard users are never left on a disabled control.
  useEffect(() => {
    if ((phase.step === 'hashing' || phase.step === 'sweeping') && !wasBusy.current)
      cancelButton.current?.focus()
    if (!busy && wasBusy.current && document.activeElement === document.body) {
      addButton.current?.focus()
    }
    wasBusy.current = busy
  }, [phase.step, busy])

  const add = async (files: IncomingFile[], note?: string) => {
    if (files.length === 0 || busy) return
    const controller = new AbortController()
    const bytesTotal = files.reduce((n, f) => n + f.file.size, 0)
    setPhase({
      step: 'hashing',
      controller,
      progress: { filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal },
    })
    try {
      const digests = await hashFiles({
        files: files.map((f) => f.file),
        signal: controller.signal,
        onProgress: (progress) => setPhase((p) => (p.step === 'hashing' ? { ...p, progress } : p)),
      })
      if (controller.signal.aborted) throw new HashCancelled()
      setPhase({ step: 'saving', files: files.length })
      const outcome = await addHashedFiles(db, files, digests, addedBy)
      const duplicates = outcome.decisions
        .map((d) => describeDuplicate(outcome.labels[d.index]!, d))
        .filter((s): s is string => s !== undefined)
      onAdded(outcome.added)
      setPhase({
        step: 'done',
        added: outcome.added.length,
        duplicates,
        ...(note ? { note } : {}),
      })
    } catch (e) {
      if (e instanceof HashCancelled) setPhase({ step: 'cancelled', files: files.length })
      else setPhase({ step: 'failed', message: e instanceof Error ? e.message : String(e) })
    }
  }

  const sweep = async (source: A11ySweepSource) => {
    if (busy || !host.sweepPages) return
    const controller = new AbortController()
    setPhase({ step: 'sweeping', done: 0, total: 0, controller })
    try {
      const report = await host.sweepPages({
        source,
        signal: controller.signal,
        onProgress: ({ done, total }) =>
          setPhase((p) => (p.step === 'sweeping' ? { ...p, done, total } : p)),
      })
      if (!report) return setPhase({ step: 'idle' })
      const s = report.summary
      const note = `Swept ${plural(s.pages, 'page')}: ${plural(s.violations, 'rule')} violated on ${plural(s.violationNodes, 'element')}, ${plural(s.blockedRequests, 'request')} blocked${s.failedPages ? `, ${plural(s.failedPages, 'page')} not swept` : ''}.`
      const name = `a11y-sweep-${report.startedAt.replace(/[:.]/g, '-')}.json`
      const json = JSON.stringify(report, null, 2)
      const file = new File([json], name, { type: 'application/json' })
      await add([{ file, folder: '' }], note)
    } catch (e) {
      if (e instanceof CancelledError) setPhase({ step: 'sweep-cancelled' })
      else
        setPhase({
          step: 'failed',
          message: `the sweep failed: ${e instanceof Error ? e.message : String(e)}`,
        })
    }
  }

  const onDragOver = (e: DragEvent) => {
    if (busy || !e.dataTransfer.types.includes('Files')) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
    setOver(true)
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    if (busy) return
    filesFromDrop(e.dataTransfer).then(add, (err: unknown) =>
      setPhase({ step: 'failed', message: `The dropped items could not be read: ${String(err)}` }),
    )
  }

  return (
    <section
      className={`file-drop evidence-add${over ? ' is-over' : ''}`}
      aria-labelledby="evidence-add-title"
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="evidence-add-title" className="file-drop-title">
        <Icon name="upload" />
        Add evidence
      </h2>
      <p className="muted">
        Files are hashed (SHA-256) on this computer and stored in this workspace; nothing is
        uploaded. A file already in the library is recognised by its hash and not added twice.
      </p>
      <div className="file-drop-actions">
        <button
          ref={addButton}
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void chooseFiles().then(add)}
        >
          Add files…
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void chooseFolder().then(add)}
        >
          Add a folder…
        </button>
        <span className="muted drop-hint">or drop files and folders here</span>
      </div>
      {canSweep ? (
        <div className="file-drop-actions evidence-sweep-actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void sweep('files')}
          >
            Sweep pages…
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void sweep('folder')}
          >
            Sweep a folder of pages…
          </button>
          <span className="muted drop-hint">
            Checks HTML pages (files, zips or a folder) for accessibility, WCAG 2.2 AA, with their
            scripts blocked and nothing fetched, and adds the report here.
            {host.platform === 'browser'
              ? ' The pages go to the local server that serves this app, on this computer, which sweeps them and keeps no copy.'
              : ''}
          </span>
        </div>
      ) : info ? (
        <p className="muted evidence-sweep-note">
          To check HTML pages for accessibility, sweep them in the desktop app, in the browser app
          served by <code>npm run web</code> on a computer with Chromium, or with{' '}
          <code>evw a11y PAGES --out report.json</code>; then add the report here.
        </p>
      ) : null}
      <div className="evidence-add-status" aria-live="polite">
        {phase.step === 'hashing' ? (
          <div className="evidence-progress">
            <label htmlFor="evidence-hash-progress">
              Hashing {plural(phase.progress.filesTotal, 'file')}:{' '}
              {phase.progress.filesDone.toLocaleString('en-GB')} done,{' '}
              {formatBytes(phase.progress.bytesDone)} of {formatBytes(phase.progress.bytesTotal)}
            </label>
            <progress
              id="evidence-hash-progress"
              max={Math.max(1, phase.progress.bytesTotal)}
              value={phase.progress.bytesDone}
            />
            <button
              ref={cancelButton}
              type="button"
              className="button"
              onClick={() => phase.controller.abort()}
            >
              Cancel
            </button>
          </div>
        ) : null}
        {phase.step === 'sweeping' ? (
          <div className="evidence-progress">
            <label htmlFor="evidence-sweep-progress">
              {phase.total === 0
                ? 'Starting the accessibility sweep…'
                : `Sweeping ${plural(phase.total, 'page')}: ${phase.done.toLocaleString('en-GB')} done`}
            </label>
            <progress
              id="evidence-sweep-progress"
              max={Math.max(1, phase.total)}
              {...(phase.total > 0 ? { value: phase.done } : {})}
            />
            <button
              ref={cancelButton}
              type="button"
              className="button"
              onClick={() => phase.controller.abort()}
            >
              Cancel
            </button>
          </div>
        ) : null}
        {phase.step === 'saving' ? <p>Saving {plural(phase.files, 'file')}…</p> : null}
      </div>
      <div role="status" className="evidence-add-result">
        {phase.step === 'done' ? (
          <>
            {phase.note ? <p>{phase.note}</p> : null}
            <p>
              <Icon name="check" />{' '}
              {phase.added === 0
                ? 'Nothing new was added.'
                : `Added ${plural(phase.added, 'item')} to the library.`}
            </p>
            {phase.duplicates.length > 0 ? (
              <ul className="evidence-duplicates">
                {phase.duplicates.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
        {phase.step === 'sweep-cancelled' ? (
          <p>Sweep cancelled. Nothing was added; sweep again when you are ready.</p>
        ) : null}
        {phase.step === 'cancelled' ? (
          <p>
            Cancelled. None of the {plural(phase.files, 'file')} was added; add them again when you
            are ready.
          </p>
        ) : null}
      </div>
      {phase.step === 'failed' ? (
        <p className="field-error" role="alert">
          Nothing was added: {phase.message}
        </p>
      ) : null}
    </section>
  )
}
