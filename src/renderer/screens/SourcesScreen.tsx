// Partner sources: the MP-D register (name, owner, SLA tier, status, readiness), with add,
// edit and remove. Readiness comes from core's sourceReadiness, as on the Readiness screen.
import { useRef, useState } from 'react'
import { SLA_TIER_LABELS, SOURCE_STATUS_LABELS } from '../../core/workspace/partner-source'
import { readinessHeadline } from '../../core/workspace/readiness'
import type { PartnerSourceRecord } from '../../core/workspace/records'
import { removePartnerSource } from '../data/partner-sources'
import { usePacketCountForSource, usePartnerSources, useReadiness } from '../data/workspace-hooks'
import { actorLabel, useActor } from '../identity/actor'
import { takeFlash } from '../workspace/flash'
import { WorkspaceBadge } from '../workspace/WorkspaceBadge'
import { WorkspaceConfirm } from '../workspace/WorkspaceConfirm'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { lackingText } from '../workspace/readiness-view'
import '../workspace/workspace.css'

export const sourcesHrefs = {
  list: '#/sources',
  add: '#/sources/new',
  edit: (id: string) => `#/sources/${encodeURIComponent(id)}/edit`,
} as const

function RemoveDialog({
  source,
  onDone,
}: {
  source: PartnerSourceRecord | undefined
  onDone: (removed?: string) => void
}) {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const packets = usePacketCountForSource(source?.id)
  return (
    <WorkspaceConfirm
      open={!!source}
      title={source ? `Remove ${source.name}?` : 'Remove partner source?'}
      confirmLabel="Remove source"
      onCancel={() => onDone()}
      onConfirm={() => {
        if (!source) return
        void removePartnerSource(db, source.id, actor).then(() => onDone(source.name))
      }}
    >
      <p>
        It leaves the register and the readiness matrix.{' '}
        {packets
          ? `Its ${packets} ${packets === 1 ? 'packet stays' : 'packets stay'} in the workspace, no longer linked to a source in the matrix.`
          : 'It has no packets.'}
      </p>
    </WorkspaceConfirm>
  )
}

export function SourcesScreen() {
  const sources = usePartnerSources()
  const readiness = useReadiness()
  const [notice, setNotice] = useState(() => takeFlash() ?? '')
  const [removing, setRemoving] = useState<PartnerSourceRecord>()
  const headingRef = useRef<HTMLHeadingElement>(null)

  const rowOf = (id: string) => readiness?.rows.find((r) => r.source.id === id)

  return (
    <>
      <h1 tabIndex={-1} ref={headingRef}>
        Partner sources
      </h1>
      <p className="lede">
        The MP-D partner sources register: who owns each source, its SLA tier and status, and
        whether its DPIA, license, partner SLA and request-to-connect packets are signed.
      </p>
      <p className="ws-notice" role="status">
        {notice}
      </p>
      <div className="ws-toolbar">
        <a className="button button-primary" href={sourcesHrefs.add}>
          Add partner source
        </a>
        <a href="#/readiness">Readiness matrix</a>
        {readiness ? (
          <span className="ws-push">
            <strong>{readinessHeadline(readiness.ready, readiness.total)}</strong>
          </span>
        ) : null}
      </div>
      {!sources ? (
        <p role="status">Loading partner sources…</p>
      ) : sources.length === 0 ? (
        <div className="panel">
          <h2>No partner sources yet</h2>
          <p>Add the first source to start tracking its packets.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="ws-table">
            <caption className="visually-hidden">
              Partner sources, {sources.length} in this workspace
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Owner</th>
                <th scope="col">SLA tier</th>
                <th scope="col">Status</th>
                <th scope="col">Readiness</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => {
                const row = rowOf(s.id)
                return (
                  <tr key={s.id} data-source-id={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.owner}</td>
                    <td>{SLA_TIER_LABELS[s.slaTier]}</td>
                    <td>{SOURCE_STATUS_LABELS[s.status]}</td>
                    <td>
                      {row ? (
                        <>
                          <WorkspaceBadge
                            state={row.ready ? 'ready' : 'not-ready'}
                            label={`${row.done} of ${row.cells.length} · ${row.ready ? 'Ready' : 'Not ready'}`}
                          />
                          {row.ready ? null : (
                            <span className="block small muted">
                              Lacks {lackingText(row.cells, row.lacking)}
                            </span>
                          )}
                        </>
                      ) : (
                        <span className="muted small">Retired: not tracked</span>
                      )}
                    </td>
                    <td>
                      <div className="ws-row-actions">
                        <a href={sourcesHrefs.edit(s.id)}>
                          Edit<span className="visually-hidden"> {s.name}</span>
                        </a>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setRemoving(s)}
                        >
                          Remove<span className="visually-hidden"> {s.name}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <RemoveDialog
        source={removing}
        onDone={(removed) => {
          setRemoving(undefined)
          if (removed) {
            setNotice(`Removed ${removed}.`)
            headingRef.current?.focus()
          }
        }}
      />
    </>
  )
}
