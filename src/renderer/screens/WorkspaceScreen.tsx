// Workspaces: which one is open, switching, creating an empty one, and resetting or
// recreating the demo. Each workspace is its own database on this computer; none is ever
// deleted from here.
import { useRef, useState, type FormEvent } from 'react'
import { useHost } from '../host/host-context'
import { useWorkspace } from '../workspace/workspace-context'
import { WorkspaceConfirm } from '../workspace/WorkspaceConfirm'
import '../workspace/workspace.css'

const dateOf = (iso: string) => iso.slice(0, 10)

export function WorkspaceScreen() {
  const {
    state,
    registry,
    switchTo,
    createEmpty,
    createDemo,
    resetDemo,
    exportRaw,
    notice,
    setNotice,
  } = useWorkspace()
  const host = useHost()
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState('')
  const [confirmReset, setConfirmReset] = useState(false)
  const [busy, setBusy] = useState(false)
  const nameRef = useRef<HTMLInputElement>(null)
  const active = state.entry

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true)
    setNotice('')
    try {
      await work()
      setNotice(done)
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const create = (e: FormEvent) => {
    e.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) {
      setNameError('Enter a name for the new workspace.')
      nameRef.current?.focus()
      return
    }
    if (trimmed.length > 80) {
      setNameError('Use at most 80 characters.')
      nameRef.current?.focus()
      return
    }
    setNameError('')
    setName('')
    void run(() => createEmpty(trimmed), `Created and opened ${trimmed}.`)
  }

  const exportActive = async () => {
    if (!active) return
    const json = await exportRaw(active)
    const saved = await host.saveFile(
      `${active.dbName}.raw-records.json`,
      new TextEncoder().encode(json),
      { kind: 'report' },
    )
    setNotice(saved.saved ? `Saved the raw records as ${saved.name}.` : 'Export cancelled.')
  }

  return (
    <>
      <h1 tabIndex={-1}>Workspaces</h1>
      <p className="lede">
        A workspace holds partner sources, packets and evidence. Each is kept in its own database in
        this {host.platform === 'electron' ? 'app' : 'browser profile'}, on this computer only.
      </p>
      <p className="ws-notice" role="status">
        {notice}
      </p>
      <section className="panel" aria-labelledby="ws-open-title">
        <h2 id="ws-open-title">Open workspace</h2>
        {active ? (
          <p>
            <strong data-testid="active-workspace">{active.name}</strong>
            {active.isDemo ? ' — demo workspace with sample data' : ''}
            {state.status === 'failed' ? ' (could not be opened)' : ''}
          </p>
        ) : (
          <p>None yet.</p>
        )}
        <div className="ws-toolbar">
          {state.status === 'open' && state.entry.isDemo ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => setConfirmReset(true)}
            >
              Reset demo workspace
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(createDemo, 'Created and opened a new demo workspace.')}
          >
            Create a new demo workspace
          </button>
          {active ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void exportActive().catch((e: unknown) => setNotice(String(e)))}
            >
              Export raw records (JSON)
            </button>
          ) : null}
        </div>
      </section>

      <section className="panel" aria-labelledby="ws-list-title">
        <h2 id="ws-list-title">All workspaces on this computer</h2>
        <div className="table-scroll">
          <table className="ws-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {registry.entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.name}</th>
                  <td>{e.isDemo ? 'Demo (sample data)' : 'Workspace'}</td>
                  <td>{dateOf(e.createdAt)}</td>
                  <td>
                    {active?.id === e.id ? (
                      <span className="muted">Open now</span>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        disabled={busy}
                        onClick={() => void run(() => switchTo(e.id), `Opened ${e.name}.`)}
                      >
                        Open<span className="visually-hidden"> {e.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="ws-new-title">
        <h2 id="ws-new-title">Create an empty workspace</h2>
        <form className="ws-form" onSubmit={create} noValidate>
          <div className="ws-field">
            <label htmlFor="ws-name">Workspace name</label>
            {nameError ? (
              <p className="field-error" id="ws-name-error">
                {nameError}
              </p>
            ) : null}
            <input
              id="ws-name"
              ref={nameRef}
              type="text"
              autoComplete="off"
              value={name}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'ws-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="ws-form-actions">
            <button type="submit" className="button" disabled={busy}>
              Create and open
            </button>
          </div>
        </form>
      </section>

      <WorkspaceConfirm
        open={confirmReset}
        title="Reset the demo workspace?"
        confirmLabel="Reset demo"
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => {
          setConfirmReset(false)
          void run(resetDemo, 'The demo workspace has its original sample data again.')
        }}
      >
        <p>
          Every change made in the demo workspace is replaced by the original sample data. Other
          workspaces are not touched.
        </p>
      </WorkspaceConfirm>
    </>
  )
}
