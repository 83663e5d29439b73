// A packet's history (#/packets/<id>/history): every saved version, and a readable diff between
// any two of them (computed by core/packets/packet-diff). By default the diff compares the
// latest save with the one before it.
import { useEffect, useMemo, useState } from 'react'
import { diffPackets, type DiffEntry } from '../../core/packets/packet-diff'
import { STATUS_LABELS } from '../../core/packets/packet-lifecycle'
import { TemplateRegistry } from '../../core/templates/registry'
import type {
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
} from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { packetHrefs } from '../packets/packet-routes'
import { evidenceBySha, getPacket, listRevisions } from '../packets/packet-store'
import { SelectField } from '../components/SelectField'

const registry = new TemplateRegistry()
const keyOf = (r: PacketRevisionRecord) => `${r.revision}.${r.version}`

function DiffList({ entries }: { entries: readonly DiffEntry[] }) {
  if (entries.length === 0) return <p>No differences: both versions hold the same content.</p>
  return (
    <ul className="diff-list">
      {entries.map((e, i) => {
        switch (e.kind) {
          case 'title':
          case 'status':
          case 'field':
            return (
              <li key={i} className="diff-changed">
                <span className="diff-kind">Changed</span> <strong>{e.label}</strong>
                {'section' in e ? <span className="muted small"> ({e.section})</span> : null}:{' '}
                <span className="diff-old">
                  <span className="visually-hidden">from </span>
                  {e.from}
                </span>{' '}
                <span aria-hidden="true">→</span>{' '}
                <span className="diff-new">
                  <span className="visually-hidden">to </span>
                  {e.to}
                </span>
              </li>
            )
          case 'item-added':
          case 'item-removed':
            return (
              <li key={i} className={e.kind === 'item-added' ? 'diff-added' : 'diff-removed'}>
                <span className="diff-kind">{e.kind === 'item-added' ? 'Added' : 'Removed'}</span>{' '}
                <strong>{e.label}</strong>: {e.item}
              </li>
            )
          case 'item-changed':
            return (
              <li key={i} className="diff-changed">
                <span className="diff-kind">Changed</span> <strong>{e.label}</strong>: {e.item}
                <ul>
                  {e.changes.map((c, j) => (
                    <li key={j}>
                      {c.label}: <span className="diff-old">{c.from}</span>{' '}
                      <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> to </span>{' '}
                      <span className="diff-new">{c.to}</span>
                    </li>
                  ))}
                </ul>
              </li>
            )
          case 'evidence-attached':
          case 'evidence-removed':
            return (
              <li
                key={i}
                className={e.kind === 'evidence-attached' ? 'diff-added' : 'diff-removed'}
              >
                <span className="diff-kind">
                  {e.kind === 'evidence-attached' ? 'Evidence attached' : 'Evidence removed'}
                </span>{' '}
                <strong>{e.label}</strong> as {e.role}{' '}
                <span className="mono small">({e.path})</span>
              </li>
            )
        }
      })}
    </ul>
  )
}

export function PacketHistoryScreen({
  db,
  id,
  from,
  to,
}: {
  db: WorkspaceDb
  id: string
  from?: string
  to?: string
}) {
  const [packet, setPacket] = useState<PacketRecord | null>()
  const [revisions, setRevisions] = useState<PacketRevisionRecord[]>([])
  const [records, setRecords] = useState<Map<string, EvidenceRecord>>(new Map())

  useEffect(() => {
    let live = true
    ;(async () => {
      const [p, revs] = await Promise.all([getPacket(db, id), listRevisions(db, id)])
      const ev = await evidenceBySha(
        db,
        revs.flatMap((r) => r.evidence.map((e) => e.sha256)),
      )
      if (!live) return
      setPacket(p ?? null)
      setRevisions(revs)
      setRecords(ev)
    })()
    return () => {
      live = false
    }
  }, [db, id])

  const template = packet ? registry.get(packet.templateId, packet.templateVersion) : undefined
  const newest = revisions.at(-1)
  const toRev = revisions.find((r) => keyOf(r) === to) ?? newest
  const fromRev =
    revisions.find((r) => keyOf(r) === from) ??
    (toRev ? revisions[revisions.indexOf(toRev) - 1] : undefined)
  const entries = useMemo(
    () =>
      fromRev && toRev && template
        ? diffPackets(fromRev, toRev, template, (sha) => records.get(sha)?.title)
        : [],
    [fromRev, toRev, template, records],
  )

  if (packet === undefined) return <h1 tabIndex={-1}>Loading history…</h1>
  if (packet === null || !template) {
    return (
      <>
        <h1 tabIndex={-1}>History not available</h1>
        <p>
          There is no packet <span className="mono">{id}</span> here, or its template is unknown.{' '}
          <a href={packetHrefs.list()}>Back to packets</a>
        </p>
      </>
    )
  }
  const label = (r: PacketRevisionRecord) =>
    `Revision ${r.revision}, version ${r.version} — ${r.note ?? 'Saved'}, ${new Date(r.savedAt).toLocaleString('en-GB')}`
  const revisionOptions = revisions.map((r) => ({ value: keyOf(r), label: label(r) }))
  const choose = (which: 'from' | 'to', value: string) => {
    const next = {
      from: fromRev ? keyOf(fromRev) : undefined,
      to: toRev ? keyOf(toRev) : undefined,
      [which]: value,
    }
    window.location.hash = packetHrefs.history(id, next.from, next.to)
  }

  return (
    <>
      <p className="back-link">
        <a href={packetHrefs.packet(id)}>← Back to the packet</a>
      </p>
      <h1 tabIndex={-1}>History: {packet.title}</h1>
      <section className="panel" aria-labelledby="saved-versions">
        <h2 id="saved-versions">Saved versions</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {[...revisions].reverse().map((r) => (
                <tr key={keyOf(r)}>
                  <td>{r.revision}</td>
                  <td>{r.version}</td>
                  <td>{new Date(r.savedAt).toLocaleString('en-GB')}</td>
                  <td>{r.savedBy}</td>
                  <td>{STATUS_LABELS[r.status]}</td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare two versions</h2>
        {revisions.length < 2 ? (
          <p>Only one version has been saved so far; save again to see what changed.</p>
        ) : (
          <>
            <form
              className="filters"
              aria-label="Versions to compare"
              onSubmit={(e) => e.preventDefault()}
            >
              <SelectField
                className="field field-inline"
                id="diff-from"
                label="From"
                value={fromRev ? keyOf(fromRev) : ''}
                onChange={(v) => choose('from', v)}
                options={revisionOptions}
              />
              <SelectField
                className="field field-inline"
                id="diff-to"
                label="To"
                value={toRev ? keyOf(toRev) : ''}
                onChange={(v) => choose('to', v)}
                options={revisionOptions}
              />
            </form>
            <h3 className="small-heading" aria-live="polite">
              {entries.length} {entries.length === 1 ? 'change' : 'changes'} from revision{' '}
              {fromRev?.revision}.{fromRev?.version} to {toRev?.revision}.{toRev?.version}
            </h3>
            <DiffList entries={entries} />
          </>
        )}
      </section>
    </>
  )
}
