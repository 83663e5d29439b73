// "Export PDF…" for the packet editor: the button, the progress of the export in steps with
// Cancel, and the outcome in a live region. The work is in packet-pdf-export.ts.
import { useEffect, useRef, useState } from 'react'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { PacketRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { actorLabel, useActor } from '../identity/actor'
import { exportPacketPdf, type PdfExportPhase } from './packet-pdf-export'

const PHASES: PdfExportPhase[] = [
  'Loading the PDF fonts',
  'Checking the signed bundle',
  'Reading the packet and its evidence',
  'Laying out the pages',
  'Saving',
]

type State =
  | { kind: 'idle' }
  | { kind: 'running'; phase?: PdfExportPhase; cancelling: boolean }
  | { kind: 'done'; tone: 'ok' | 'bad'; text: string }

export function PacketPdfExport({
  db,
  packet,
  template,
  disabled,
}: {
  db: WorkspaceDb
  packet: PacketRecord
  template: PacketTemplate
  disabled?: boolean
}) {
  const host = useHost()
  const actor = actorLabel(useActor())
  const [state, setState] = useState<State>({ kind: 'idle' })
  const abortRef = useRef<AbortController | null>(null)
  useEffect(() => () => abortRef.current?.abort(), [])

  const start = async () => {
    const controller = new AbortController()
    abortRef.current = controller
    setState({ kind: 'running', cancelling: false })
    try {
      const out = await exportPacketPdf(db, host, packet, template, {
        signal: controller.signal,
        onPhase: (phase) => setState((s) => (s.kind === 'running' ? { ...s, phase } : s)),
        actor,
      })
      if (out.kind === 'saved') {
        const what =
          out.from === 'draft'
            ? 'an unsigned DRAFT made from this record'
            : `made from the signed bundle (cover: ${out.verdict})`
        setState({
          kind: 'done',
          tone: 'ok',
          text: `${host.platform === 'browser' ? 'Downloaded' : 'Saved'} ${out.name} (${Math.ceil(out.bytes / 1024)} KB): ${what}.`,
        })
      } else if (out.kind === 'cancelled') {
        setState({ kind: 'done', tone: 'ok', text: 'PDF export cancelled; nothing was saved.' })
      } else {
        setState({ kind: 'done', tone: 'ok', text: 'The PDF was not saved.' })
      }
    } catch (e) {
      setState({
        kind: 'done',
        tone: 'bad',
        text: `The PDF could not be made: ${e instanceof Error ? e.message : String(e)}`,
      })
    } finally {
      abortRef.current = null
    }
  }

  const cancel = () => {
    abortRef.current?.abort()
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s))
  }

  const running = state.kind === 'running' ? state : undefined
  const step = running?.phase ? PHASES.indexOf(running.phase) + 1 : 0
  return (
    <div className="packet-pdf-export">
      <button
        type="button"
        className="button"
        onClick={() => void start()}
        disabled={disabled || running !== undefined}
      >
        Export PDF…
      </button>
      {running ? (
        <section
          className="panel progress-panel pdf-export-progress"
          aria-labelledby="pdf-export-title"
        >
          <h2 id="pdf-export-title">Making the packet PDF</h2>
          <progress
            className="progress"
            aria-labelledby="pdf-export-title"
            aria-describedby="pdf-export-detail"
            max={PHASES.length}
            value={step}
          />
          <p id="pdf-export-detail" className="muted">
            {running.cancelling
              ? 'Cancelling…'
              : running.phase
                ? `Step ${step} of ${PHASES.length}: ${running.phase}…`
                : 'Starting…'}
          </p>
          <button type="button" className="button" onClick={cancel} disabled={running.cancelling}>
            Cancel
          </button>
        </section>
      ) : null}
      <div role="status" aria-live="polite" className="pdf-export-status">
        {state.kind === 'done' ? (
          <p className={state.tone === 'bad' ? 'field-error small' : 'muted small'}>{state.text}</p>
        ) : null}
      </div>
    </div>
  )
}
