// Shows a workspace screen only once its workspace is open: "Opening workspace…" while it
// opens, and a full-page explanation when it cannot be opened (newer version, damaged),
// with a raw-records export for support and a way to another workspace. It never deletes.
import { useState, type ReactNode } from 'react'
import { useHost } from '../host/host-context'
import type { OpenProblem } from '../data/open-workspace'
import type { WorkspaceEntry } from '../data/workspace-registry'
import { useWorkspace } from './workspace-context'
import './workspace.css'

const TITLES: Record<OpenProblem['kind'], string> = {
  'newer-version': 'This workspace needs a newer version of the workbench',
  corrupted: 'This workspace’s data is damaged',
  unavailable: 'This workspace could not be opened',
}

export function WorkspaceProblem({
  entry,
  problem,
}: {
  entry: WorkspaceEntry
  problem: OpenProblem
}) {
  const { registry, switchTo, createEmpty, createDemo, exportRaw } = useWorkspace()
  const host = useHost()
  const [note, setNote] = useState('')
  const others = registry.entries.filter((e) => e.id !== entry.id)

  const exportJson = async () => {
    setNote('Reading the raw records…')
    try {
      const json = await exportRaw(entry)
      const name = `${entry.dbName}.raw-records.json`
      const saved = await host.saveFile(name, new TextEncoder().encode(json), { kind: 'report' })
      setNote(saved.saved ? `Saved the raw records as ${saved.name}.` : 'Export cancelled.')
    } catch (e) {
      setNote(`The raw records could not be read: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>{TITLES[problem.kind]}</h1>
      <div className="ws-problem" data-problem={problem.kind}>
        <p className="ws-problem-message">{problem.message}</p>
        <p>{problem.advice}</p>
        <p className="small">
          Workspace: <strong>{entry.name}</strong> (database{' '}
          <span className="mono">{entry.dbName}</span>). The workbench has not deleted or changed it
          and will not.
        </p>
        {problem.details.length > 0 ? (
          <details>
            <summary>Details for support</summary>
            <ul className="ws-details small">
              {problem.details.map((d, i) => (
                <li key={i} className="mono">
                  {d}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <div className="ws-toolbar">
        {problem.readable ? (
          <button type="button" className="button" onClick={() => void exportJson()}>
            Export raw records as JSON
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => void createEmpty('New workspace')}>
          Create a new empty workspace
        </button>
        <button type="button" className="button" onClick={() => void createDemo()}>
          Create a new demo workspace
        </button>
      </div>
      <p role="status" className="small">
        {note}
      </p>
      {others.length > 0 ? (
        <section aria-labelledby="ws-other-title">
          <h2 id="ws-other-title">Open another workspace</h2>
          <ul className="plain-list">
            {others.map((o) => (
              <li key={o.id}>
                <button type="button" className="link-button" onClick={() => void switchTo(o.id)}>
                  {o.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        Verifying bundles does not need a workspace: <a href="#/verify">go to Verify</a>.
      </p>
    </>
  )
}

/** Renders `children` when the workspace is open, else its loading or problem screen. */
export function WorkspaceGate({ children }: { children: ReactNode }) {
  const { state } = useWorkspace()
  if (state.status === 'open') return <>{children}</>
  if (state.status === 'failed')
    return <WorkspaceProblem entry={state.entry} problem={state.problem} />
  return (
    <>
      <h1 tabIndex={-1}>Opening workspace…</h1>
      <p className="muted" role="status">
        {state.entry ? `Opening ${state.entry.name}.` : 'Opening your workspace.'}
      </p>
    </>
  )
}
