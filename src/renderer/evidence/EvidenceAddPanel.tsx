// Adding evidence: "Add files…" and "Add a folder…" buttons (which alone do everything, for
// keyboard and screen-reader users) inside a drop zone that takes files and whole folders.
// Files are hashed in a worker with progress (files and bytes) and Cancel; only when every file
// is hashed are the new ones written, in one transaction, so a cancelled batch adds nothing.
import { useEffect, useRef, useState, type DragEvent } from 'react'
import { describeDuplicate } from '../../core/evidence/dedupe'
import { formatBytes } from '../../core/evidence/file-type'
import type { EvidenceRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { chooseFiles, chooseFolder, filesFromDrop, type IncomingFile } from './collect-files'
import { addHashedFiles } from './evidence-store'
import { hashFiles, type HashProgress } from './hash-files'
import { HashCancelled } from './hash-stream'

type Phase =
  | { step: 'idle' }
  | { step: 'hashing'; progress: HashProgress; controller: AbortController }
  | { step: 'saving'; files: number }
  | { step: 'done'; added: number; duplicates: string[]; cancelled?: false }
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
  const busy = phase.step === 'hashing' || phase.step === 'saving'
  const cancelButton = useRef<HTMLButtonElement>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const wasBusy = useRef(false)

  // Focus follows the work: to Cancel while hashing (the add buttons are disabled), and back
  // to "Add files…" when it ends, so keyboard users are never left on a disabled control.
  useEffect(() => {
    if (phase.step === 'hashing' && !wasBusy.current) cancelButton.current?.focus()
    if (!busy && wasBusy.current && document.activeElement === document.body) {
      addButton.current?.focus()
    }
    wasBusy.current = busy
  }, [phase.step, busy])

  const add = async (files: IncomingFile[]) => {
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
      setPhase({ step: 'done', added: outcome.added.length, duplicates })
    } catch (e) {
      if (e instanceof HashCancelled) setPhase({ step: 'cancelled', files: files.length })
      else setPhase({ step: 'failed', message: e instanceof Error ? e.message : String(e) })
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
        {phase.step === 'saving' ? <p>Saving {plural(phase.files, 'file')}…</p> : null}
      </div>
      <div role="status" className="evidence-add-result">
        {phase.step === 'done' ? (
          <>
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
