// The audit trail (#/audit, #/audit?packet=<id>): every action in the workspace as an entry of
// its append-only Merkle log, newest first, with filters (who, what, packet, dates) and each
// entry's details; "Verify the whole log"; the signed checkpoints, with "Sign checkpoint now";
// and exports of the whole log or one packet's trail with inclusion proofs.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { AUDIT_ACTIONS, decodeAuditEvent, type AuditAction } from '../../core/audit/audit-event'
import { parseCheckpoint } from '../../core/audit/checkpoint'
import { createNoteVerifier, parseNote } from '../../core/audit/signed-note'
import { toBase64 } from '../../core/encoding/bytes'
import { useAuditCheckpoints } from '../audit/audit-checkpoints'
import { ACTION_LABELS, eventSubject, localDay } from '../audit/audit-view'
import { AuditEntryDetails } from '../audit/AuditEntryDetails'
import { AuditTimeline, type TimelineItem } from '../audit/AuditTimeline'
import { AuditVerifyPanel } from '../audit/AuditVerifyPanel'
import {
  exportPacketTrail,
  exportWholeLog,
  inPacketTrail,
  packetEvidence,
} from '../audit/log-exports'
import { deviceNoteKeyName } from '../audit/workspace-log'
import type { AuditEntryRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { platformCrypto } from '../host/platform-crypto'
import { actorLabel, useActor } from '../identity/actor'
import { useWorkspaceDb } from '../workspace/workspace-context'
import '../audit/audit.css'
import { SelectField } from '../components/SelectField'

interface Filters {
  actor: string
  action: string
  packet: string
  from: string
  to: string
}

const NO_FILTERS: Filters = { actor: '', action: '', packet: '', from: '', to: '' }
const n = (x: number) => x.toLocaleString('en-GB')
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

function useDeviceLogKey(): string | undefined {
  const host = useHost()
  const [key, setKey] = useState<string>()
  useEffect(() => {
    let live = true
    void (async () => {
      try {
        const device = await host.keys.deviceKey()
        const v = await createNoteVerifier(
          deviceNoteKeyName(device.keyid),
          device.publicKey,
          await platformCrypto(),
        )
        if (live) setKey(v.key)
      } catch {
        // Shown as unavailable; signing reports the reason.
      }
    })()
    return () => {
      live = false
    }
  }, [host])
  return key
}

function CheckpointPanel({ db }: { db: WorkspaceDb }) {
  const { state, entries, signedSize, signNow } = useAuditCheckpoints()
  const rows = useLiveQuery(() => db.checkpoints.orderBy('id').reverse().toArray(), [db])
  const [showAll, setShowAll] = useState(false)
  const deviceKey = useDeviceLogKey()
  const signedOnOpen = useRef(false)

  // Opening the audit screen signs any entries not yet covered, so what is shown is signed.
  useEffect(() => {
    if (signedOnOpen.current || entries === undefined || signedSize === undefined) return
    signedOnOpen.current = true
    if (entries > signedSize) void signNow().catch(() => undefined)
  }, [entries, signedSize, signNow])

  const shown = showAll ? rows : rows?.slice(0, 10)
  const unsigned = entries !== undefined && signedSize !== undefined ? entries - signedSize : 0
  return (
    <section className="panel audit-checkpoints" aria-labelledby="audit-checkpoints-title">
      <h2 id="audit-checkpoints-title">Signed checkpoints</h2>
      <p>
        A checkpoint is the log’s size and Merkle root, signed with this computer’s device key a
        moment after each change. Any later edit, deletion or second history contradicts a
        checkpoint and shows up when the log is verified.
      </p>
      <p data-testid="audit-signed-summary">
        {entries === undefined
          ? 'Reading the log…'
          : `${n(entries)} ${entries === 1 ? 'entry' : 'entries'}; ${
              unsigned > 0
                ? `${n(unsigned)} not yet covered by a checkpoint.`
                : 'all covered by a checkpoint.'
            }`}
      </p>
      <p role="status" className={`audit-sign-status audit-sign-${state.status}`}>
        {state.message}
      </p>
      <button
        type="button"
        className="button"
        disabled={state.status === 'signing'}
        onClick={() => void signNow(true).catch(() => undefined)}
      >
        Sign checkpoint now
      </button>
      {rows && rows.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Checkpoints" tabIndex={0}>
          <table className="audit-checkpoint-table">
            <caption className="visually-hidden">Signed checkpoints, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Entries</th>
                <th scope="col">Saved</th>
                <th scope="col">Signed by</th>
                <th scope="col">Root hash</th>
              </tr>
            </thead>
            <tbody>
              {shown!.map((c) => {
                const note = parseNote(c.note)
                const body = note.ok ? parseCheckpoint(note.note.text) : undefined
                return (
                  <tr key={c.id}>
                    <td>{body?.ok ? n(body.checkpoint.size) : 'damaged'}</td>
                    <td>{new Date(c.savedAt).toLocaleString('en-GB')}</td>
                    <td className="mono small">
                      {note.ok ? note.note.signatures.map((s) => s.name).join(', ') : '—'}
                    </td>
                    <td className="mono small">
                      {body?.ok ? `${toBase64(body.checkpoint.rootHash).slice(0, 16)}…` : '—'}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No checkpoint has been signed yet.</p>
      )}
      {rows && rows.length > 10 ? (
        <button type="button" className="link-button" onClick={() => setShowAll((s) => !s)}>
          {showAll ? 'Show the newest 10' : `Show all ${n(rows.length)} checkpoints`}
        </button>
      ) : null}
      <details className="audit-device-key">
        <summary>This computer’s log key</summary>
        <p className="muted small">
          To check an exported log elsewhere, trust this verifier key (compare it with what this
          screen shows, not with the copy inside the file).
        </p>
        <p className="mono small break" data-testid="audit-device-key">
          {deviceKey ?? 'Not available: this computer has no device key.'}
        </p>
      </details>
    </section>
  )
}

/**
 * Every stored entry, re-read whenever one is appended and whenever `reads` changes (after each
 * verification). Read outside a live query on purpose: live queries are answered from Dexie's
 * cache, which a change made behind the app's back (straight to IndexedDB) never reaches, and
 * the timeline must show what is stored now.
 */
function useStoredEntries(db: WorkspaceDb, reads: number): AuditEntryRecord[] | undefined {
  const appended = useLiveQuery(() => db.auditEntries.count(), [db])
  const [rows, setRows] = useState<AuditEntryRecord[]>()
  useEffect(() => {
    let live = true
    void db.auditEntries
      .orderBy('index')
      .toArray()
      .then((r) => live && setRows(r))
    return () => {
      live = false
    }
  }, [db, appended, reads])
  return rows
}

function AuditTrail({ db, initialPacket }: { db: WorkspaceDb; initialPacket?: string }) {
  const host = useHost()
  const actor = actorLabel(useActor())
  const { signedSize } = useAuditCheckpoints()
  const [reads, setReads] = useState(0)
  const rows = useStoredEntries(db, reads)
  const packets = useLiveQuery(() => db.packets.toArray(), [db])
  const [filters, setFilters] = useState<Filters>({ ...NO_FILTERS, packet: initialPacket ?? '' })
  const [evidenceOfPacket, setEvidenceOfPacket] = useState<Set<string>>(new Set())
  const [activeIndex, setActiveIndex] = useState<number>()
  const [exportMessage, setExportMessage] = useState('')
  const [exporting, setExporting] = useState(false)
  const detailsRef = useRef<HTMLHeadingElement>(null)
  const timelineRef = useRef<HTMLDivElement>(null)

  const items = useMemo<TimelineItem[]>(
    () =>
      (rows ?? []).map((r) => {
        const decoded = decodeAuditEvent(r.entry)
        return decoded.ok
          ? { index: r.index, entry: r.entry, event: decoded.event }
          : { index: r.index, entry: r.entry, problem: decoded.message }
      }),
    [rows],
  )
  const byIndex = useMemo(() => new Map(items.map((i) => [i.index, i])), [items])
  const packetTitles = useMemo(() => {
    const m = new Map<string, string>()
    for (const p of packets ?? []) m.set(p.id, p.title)
    return m
  }, [packets])

  useEffect(() => {
    let live = true
    if (!filters.packet) setEvidenceOfPacket(new Set())
    else void packetEvidence(db, filters.packet).then((s) => live && setEvidenceOfPacket(s))
    return () => {
      live = false
    }
  }, [db, filters.packet])

  const actors = useMemo(
    () => [...new Set(items.flatMap((i) => (i.event ? [i.event.actor] : [])))].sort(),
    [items],
  )
  const actions = useMemo(() => {
    const present = new Set(items.flatMap((i) => (i.event ? [i.event.action] : [])))
    return AUDIT_ACTIONS.filter((a) => present.has(a))
  }, [items])
  const packetOptions = useMemo(() => {
    const ids = new Set(items.flatMap((i) => (i.event?.packetId ? [i.event.packetId] : [])))
    if (filters.packet) ids.add(filters.packet)
    return [...ids]
      .map((id) => ({ id, title: packetTitles.get(id) ?? id }))
      .sort((a, b) => a.title.localeCompare(b.title))
  }, [items, packetTitles, filters.packet])

  const shown = useMemo(() => {
    const out: TimelineItem[] = []
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!
      const e = item.event
      const filtered =
        filters.actor || filters.action || filters.packet || filters.from || filters.to
      if (filtered && !e) continue
      if (e) {
        if (filters.actor && e.actor !== filters.actor) continue
        if (filters.action && e.action !== filters.action) continue
        if (filters.packet && !inPacketTrail(e, filters.packet, evidenceOfPacket)) continue
        const day = filters.from || filters.to ? localDay(e.time) : ''
        if (filters.from && day < filters.from) continue
        if (filters.to && day > filters.to) continue
      }
      out.push(item)
    }
    return out
  }, [items, filters, evidenceOfPacket])

  const active = activeIndex !== undefined ? byIndex.get(activeIndex) : undefined
  const describeEntry = useCallback(
    (index: number) => {
      const e = byIndex.get(index)?.event
      return e
        ? `Entry ${index} (${ACTION_LABELS[e.action]}: ${eventSubject(e, packetTitles) || 'no subject'}, ${e.actor})`
        : `Entry ${index}`
    },
    [byIndex, packetTitles],
  )

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }))
  const anyFilter = Object.values(filters).some(Boolean)
  const summary =
    rows === undefined
      ? 'Reading the log…'
      : items.length === 0
        ? 'Nothing has been recorded in this workspace yet.'
        : anyFilter
          ? `${n(shown.length)} of ${n(items.length)} entries match.`
          : `${n(items.length)} ${items.length === 1 ? 'entry' : 'entries'}, newest first.`

  const runExport = async (which: 'log' | 'packet') => {
    setExporting(true)
    setExportMessage(which === 'log' ? 'Exporting the log…' : 'Signing and proving the trail…')
    try {
      const out =
        which === 'log'
          ? await exportWholeLog(db, host, actor)
          : await exportPacketTrail(db, host, filters.packet, actor)
      setExportMessage(
        out.saved.saved
          ? `Saved ${out.saved.name}: ${n(out.entries)} ${out.entries === 1 ? 'entry' : 'entries'}${which === 'packet' ? ', each with its inclusion proof' : ' and every checkpoint'}.`
          : 'Export cancelled: nothing was saved.',
      )
    } catch (e) {
      setExportMessage(`The export failed: ${describe(e)}`)
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <AuditVerifyPanel
        db={db}
        describeEntry={describeEntry}
        onVerified={() => setReads((r) => r + 1)}
        onShowEntry={(index) => {
          setFilters(NO_FILTERS)
          setActiveIndex(index)
          requestAnimationFrame(() => detailsRef.current?.focus())
        }}
      />

      <section className="audit-timeline" aria-labelledby="audit-timeline-title">
        <h2 id="audit-timeline-title">Timeline</h2>
        <form
          className="audit-filters"
          aria-label="Filter the timeline"
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            className="audit-filter"
            id="audit-filter-actor"
            label="Who"
            value={filters.actor}
            onChange={set('actor')}
            options={[
              { value: '', label: 'Anyone' },
              ...actors.map((a) => ({ value: a, label: a })),
            ]}
          />
          <SelectField
            className="audit-filter"
            id="audit-filter-action"
            label="What"
            value={filters.action}
            onChange={set('action')}
            options={[
              { value: '', label: 'Any action' },
              ...actions.map((a: AuditAction) => ({ value: a, label: ACTION_LABELS[a] })),
            ]}
          />
          <div className="audit-filter">
            <label htmlFor="audit-filter-packet">Packet</label>
            <select
              id="audit-filter-packet"
              aria-describedby="audit-filter-packet-hint"
              value={filters.packet}
              onChange={(e) => set('packet')(e.target.value)}
            >
              <option value="">Any packet</option>
              {packetOptions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            <span id="audit-filter-packet-hint" className="muted small">
              Includes its evidence.
            </span>
          </div>
          <div className="audit-filter">
            <label htmlFor="audit-filter-from">From</label>
            <input
              id="audit-filter-from"
              type="date"
              value={filters.from}
              max={filters.to || undefined}
              onChange={(e) => set('from')(e.target.value)}
            />
          </div>
          <div className="audit-filter">
            <label htmlFor="audit-filter-to">To</label>
            <input
              id="audit-filter-to"
              type="date"
              value={filters.to}
              min={filters.from || undefined}
              onChange={(e) => set('to')(e.target.value)}
            />
          </div>
          <div className="audit-filter audit-filter-clear">
            <button
              type="button"
              className="button"
              disabled={!anyFilter}
              onClick={() => setFilters(NO_FILTERS)}
            >
              Clear filters
            </button>
          </div>
        </form>
        <p id="audit-count" className="audit-count" role="status">
          {summary}
        </p>
        <div className="audit-split" ref={timelineRef}>
          <AuditTimeline
            items={shown}
            activeIndex={activeIndex}
            packetTitles={packetTitles}
            onActivate={setActiveIndex}
            onOpen={() => detailsRef.current?.focus()}
            labelledBy="audit-timeline-title"
            describedBy="audit-count audit-list-keys"
          />
          {active ? (
            <AuditEntryDetails
              ref={detailsRef}
              item={active}
              packetTitles={packetTitles}
              signedSize={signedSize ?? 0}
            />
          ) : (
            <div className="panel audit-details audit-details-empty">
              <p className="muted">Choose an entry to see what was recorded, exactly.</p>
            </div>
          )}
        </div>
        <p id="audit-list-keys" className="muted small">
          In the timeline: arrow keys, Page Up/Down, Home and End move; Enter opens the details.
        </p>
      </section>

      <CheckpointPanel db={db} />

      <section className="panel audit-export" aria-labelledby="audit-export-title">
        <h2 id="audit-export-title">Export</h2>
        <p>
          The whole log is every entry and checkpoint as JSON; a packet’s trail is its entries (and
          its evidence’s), each with an inclusion proof against a checkpoint signed now. Both can be
          checked without the workbench (see the audit-log documentation).
        </p>
        <div className="audit-export-actions">
          <button
            type="button"
            className="button"
            disabled={exporting}
            onClick={() => void runExport('log')}
          >
            Export the whole log
          </button>
          <button
            type="button"
            className="button"
            disabled={exporting || !filters.packet}
            aria-describedby="audit-export-packet-hint"
            onClick={() => void runExport('packet')}
          >
            Export this packet’s trail
          </button>
        </div>
        <p id="audit-export-packet-hint" className="muted small">
          {filters.packet
            ? `Packet: ${packetTitles.get(filters.packet) ?? filters.packet}.`
            : 'Choose a packet in the timeline filters to export its trail.'}
        </p>
        <p role="status" className="audit-export-status">
          {exportMessage}
        </p>
      </section>
    </>
  )
}

/** Rendered inside WorkspaceGate: the workspace is open. */
export function AuditScreen({ packet }: { packet?: string }) {
  const db = useWorkspaceDb()
  return (
    <>
      <h1 tabIndex={-1}>Audit trail</h1>
      <p className="lede">
        Every action in this workspace, recorded as it happened in an append-only log that cannot be
        changed without it showing: who did what, when, to which packet.
      </p>
      <AuditTrail key={`${db.name}\u0000${packet ?? ''}`} db={db} initialPacket={packet} />
    </>
  )
}
