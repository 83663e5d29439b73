// The readiness matrix: partner sources × required packets (DPIA, License, Partner SLA,
// Request to connect). Each cell is a badge (word + icon + colour) linking to the packet, or
// to creating it; a headline says how many sources are ready and a list below says what each lacks.
import { useState } from 'react'
import { readinessHeadline, REQUIRED_SOURCE_PACKETS } from '../../core/workspace/readiness'
import { A11yBadge, A11Y_BADGE_MEANINGS, useSourceA11y } from '../a11y/a11y-readiness'
import type { A11yBadgeState } from '../../core/a11y/a11y-readiness'
import { useReadiness } from '../data/workspace-hooks'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { WorkspaceBadge } from '../workspace/WorkspaceBadge'
import { cellHref, CELL_STATE_LABELS, packetLabel } from '../workspace/readiness-view'
import { sourcesHrefs } from './SourcesScreen'
import '../workspace/workspace.css'

export function ReadinessScreen() {
  const readiness = useReadiness()
  const a11y = useSourceA11y(useWorkspaceDb())
  const [onlyNotReady, setOnlyNotReady] = useState(false)
  const rows = readiness?.rows.filter((r) => !onlyNotReady || !r.ready) ?? []
  const notReady = readiness?.rows.filter((r) => !r.ready) ?? []

  return (
    <>
      <h1 tabIndex={-1}>Readiness matrix</h1>
      <p className="lede">
        A partner source is ready when its DPIA, license, partner SLA and request-to-connect packets
        are all signed (or verified, or synced). Retired sources are not counted.
      </p>
      {!readiness ? (
        <p role="status">Loading readiness…</p>
      ) : (
        <>
          <div className="ws-headline">
            <p className="ws-headline-number" data-testid="readiness-headline">
              {readinessHeadline(readiness.ready, readiness.total)}
            </p>
            {readiness.total > 0 ? (
              <meter
                className="ws-meter"
                min={0}
                max={readiness.total}
                value={readiness.ready}
                aria-label="Sources ready"
              />
            ) : null}
          </div>
          {readiness.total === 0 ? (
            <div className="panel">
              <p>
                There are no partner sources to track. <a href={sourcesHrefs.add}>Add one</a>.
              </p>
            </div>
          ) : (
            <>
              <div className="ws-toolbar">
                <label className="ws-check">
                  <input
                    type="checkbox"
                    checked={onlyNotReady}
                    onChange={(e) => setOnlyNotReady(e.target.checked)}
                  />{' '}
                  Show only sources that are not ready
                </label>
                <a className="ws-push" href={sourcesHrefs.list}>
                  Partner sources register
                </a>
              </div>
              <div className="table-scroll">
                <table className="ws-table ws-matrix">
                  <caption className="visually-hidden">
                    Required packets per partner source; each cell links to the packet or to
                    creating it
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Source</th>
                      {REQUIRED_SOURCE_PACKETS.map((t) => (
                        <th scope="col" key={t}>
                          {packetLabel(t)}
                        </th>
                      ))}
                      <th scope="col">Ready</th>
                      <th scope="col">Accessibility</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.source.id} data-source-id={row.source.id}>
                        <th scope="row">
                          <a href={sourcesHrefs.edit(row.source.id)}>{row.source.name}</a>
                        </th>
                        {row.cells.map((cell) => (
                          <td key={cell.templateId} data-template={cell.templateId}>
                            <a className="ws-cell-link" href={cellHref(cell, row.source.id)}>
                              <span className="visually-hidden">
                                {row.source.name}, {packetLabel(cell.templateId)}:{' '}
                              </span>
                              <WorkspaceBadge state={cell.state} />
                              {cell.packetId ? null : (
                                <span className="ws-create-link"> Create</span>
                              )}
                            </a>
                          </td>
                        ))}
                        <td>
                          <WorkspaceBadge
                            state={row.ready ? 'ready' : 'not-ready'}
                            label={`${row.done} of ${row.cells.length}`}
                          />
                        </td>
                        <td data-column="a11y">
                          {a11y === undefined ? (
                            <span className="muted">Checking…</span>
                          ) : a11y === 'failed' ? (
                            <span className="muted">Could not be read</span>
                          ) : (
                            <A11yBadge state={a11y.get(row.source.id)?.state ?? 'no-report'} />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {notReady.length > 0 ? (
                <section className="panel" aria-labelledby="lacks-title">
                  <h2 id="lacks-title">What is missing before go-live</h2>
                  <ul className="ws-lack-list">
                    {notReady.map((r) => (
                      <li key={r.source.id}>
                        <strong>{r.source.name}</strong> ({r.source.owner}):{' '}
                        {r.lacking.map((t, i) => {
                          const cell = r.cells.find((c) => c.templateId === t)
                          if (!cell) return null
                          return (
                            <span key={t}>
                              {i > 0 ? ', ' : ''}
                              <a href={cellHref(cell, r.source.id)}>
                                {cell.packetId
                                  ? `${packetLabel(t)} (${CELL_STATE_LABELS[cell.state].toLowerCase()})`
                                  : `create ${packetLabel(t)}`}
                              </a>
                            </span>
                          )
                        })}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <section className="panel" aria-labelledby="a11y-legend-title">
                <h2 id="a11y-legend-title">Accessibility column</h2>
                <p>
                  The status of the accessibility sweep reports attached to a source’s packets or
                  linked to the source in the evidence library; with several, the worst counts.
                </p>
                <ul className="ws-lack-list" data-testid="a11y-legend">
                  {(Object.keys(A11Y_BADGE_MEANINGS) as A11yBadgeState[]).map((state) => (
                    <li key={state}>
                      <A11yBadge state={state} />: {A11Y_BADGE_MEANINGS[state]}.
                    </li>
                  ))}
                </ul>
              </section>
            </>
          )}
        </>
      )}
    </>
  )
}
