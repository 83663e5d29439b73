// The evidence library (#/evidence): add files and folders, find items by search and filters,
// and open one to preview it, read its hash and edit its details. The list is virtualised and
// the search index is built once per change of the records, so 100,000 items stay smooth; the
// newest items are shown first while the rest of the library loads page by page, with how far
// it got in the count line.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { EXPIRING_WITHIN_DAYS, localDate } from '../../core/evidence/expiry'
import type { EvidenceMetadata } from '../../core/evidence/metadata'
import {
  buildEvidenceIndex,
  expiryCounts,
  isEmptyQuery,
  prepareForIndex,
  searchEvidence,
  type EvidenceQuery,
  type EvidenceSort,
} from '../../core/evidence/search'
import type { EvidenceRecord, PartnerSourceRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { EvidenceAddPanel } from '../evidence/EvidenceAddPanel'
import { EvidenceDetails } from '../evidence/EvidenceDetails'
import { EvidenceFilters } from '../evidence/EvidenceFilters'
import { EvidenceExpiryFlag } from '../evidence/EvidenceIcon'
import { EvidenceList } from '../evidence/EvidenceList'
import { asForegroundLoad } from '../data/foreground-loads'
import { usePartnerSources } from '../data/workspace-hooks'
import {
  loadAllEvidence,
  loadNewestEvidence,
  saveEvidenceMetadata,
  type LoadProgress,
} from '../evidence/evidence-store'
import { actorLabel, useActor } from '../identity/actor'
import { useWorkspaceDb } from '../workspace/workspace-context'
import '../evidence/evidence.css'

const NO_SOURCES: readonly PartnerSourceRecord[] = []

const n = (x: number) => x.toLocaleString('en-GB')

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

/** The whole library as loaded, with the items added or edited while it loaded. */
function withChanges(all: EvidenceRecord[], changes: Map<string, EvidenceRecord>) {
  if (changes.size === 0) return all
  const rest = new Map(changes)
  const merged = all.map((r) => {
    const changed = rest.get(r.sha256)
    rest.delete(r.sha256)
    return changed ?? r
  })
  return [...rest.values(), ...merged]
}

const items = (x: number) => `${n(x)} ${x === 1 ? 'item' : 'items'}`

/** The count line above the list (also announced, debounced, to screen readers). */
function librarySummary(
  loaded: 'loading' | 'first' | 'all' | 'failed',
  progress: LoadProgress | undefined,
  count: number,
  query: EvidenceQuery,
  matched: number,
): string {
  if (loaded === 'loading') return 'Loading the library…'
  if (loaded === 'failed') return 'The library could not be read.'
  const indexing = `indexing the library${progress ? `: ${n(progress.loaded)} of ${n(progress.total)}` : ''}…`
  if (count === 0 && loaded === 'all') return 'The library is empty. Add files or a folder above.'
  if (count === 0) return indexing[0]!.toUpperCase() + indexing.slice(1)
  if (isEmptyQuery(query))
    return loaded === 'first' ? `Newest ${items(count)} shown; ${indexing}` : `${items(count)}.`
  const match = `${n(matched)} of ${items(count)} match`
  return loaded === 'first' ? `${match} so far; ${indexing}` : `${match}.`
}

function EvidenceLibrary({ db }: { db: WorkspaceDb }) {
  const [records, setRecords] = useState<EvidenceRecord[]>([])
  const [loaded, setLoaded] = useState<'loading' | 'first' | 'all' | 'failed'>('loading')
  const [progress, setProgress] = useState<LoadProgress>()
  const partnerSources = usePartnerSources() ?? NO_SOURCES
  const [query, setQuery] = useState<EvidenceQuery>({ text: '' })
  const [sort, setSort] = useState<EvidenceSort>('added')
  const [activeSha, setActiveSha] = useState<string>()
  const today = useMemo(() => localDate(), [])
  const details = useRef<HTMLHeadingElement>(null)
  // Items added or edited before the whole library has loaded (null once it has).
  const changedWhileLoading = useRef<Map<string, EvidenceRecord> | null>(new Map())
  const actor = actorLabel(useActor())

  useEffect(() => {
    const stop = new AbortController()
    const { signal } = stop
    // Foreground work: the workspace's background record check waits for it.
    asForegroundLoad(async () => {
      const first = await loadNewestEvidence(db)
      if (signal.aborted) return
      setRecords((r) => (r.length === 0 ? first : r))
      setLoaded((l) => (l === 'loading' ? 'first' : l))
      // Each page's search texts are computed as it arrives, so that the index built once
      // the last page is in is mostly sorting.
      return loadAllEvidence(db, { signal, onProgress: setProgress, onPage: prepareForIndex })
    }).then(
      (all) => {
        if (signal.aborted || !all) return
        const changes = changedWhileLoading.current ?? new Map<string, EvidenceRecord>()
        changedWhileLoading.current = null
        setRecords(withChanges(all, changes))
        setLoaded('all')
      },
      () => !signal.aborted && setLoaded('failed'),
    )
    return () => stop.abort()
  }, [db])

  const index = useMemo(() => buildEvidenceIndex(records, today, sort), [records, today, sort])
  const shownQuery = useDeferredValue(query)
  const matches = useMemo(() => searchEvidence(index, shownQuery), [index, shownQuery])
  const counts = useMemo(() => expiryCounts(index), [index])
  const active = activeSha ? records.find((r) => r.sha256 === activeSha) : undefined

  const summary = librarySummary(loaded, progress, records.length, shownQuery, matches.length)
  const announced = useDebounced(summary, 400)

  const openDetails = useCallback(() => details.current?.focus(), [])

  const onAdded = useCallback((added: EvidenceRecord[]) => {
    if (added.length === 0) return
    for (const r of added) changedWhileLoading.current?.set(r.sha256, r)
    setRecords((r) => [...added, ...r])
    setActiveSha(added[0]!.sha256)
  }, [])

  // An item added from a preview (an accessibility review record): listed, not opened.
  const onListed = useCallback((added: EvidenceRecord) => {
    changedWhileLoading.current?.set(added.sha256, added)
    setRecords((rs) => (rs.some((r) => r.sha256 === added.sha256) ? rs : [added, ...rs]))
  }, [])

  const onSave = useCallback(
    async (sha256: string, metadata: EvidenceMetadata) => {
      const next = await saveEvidenceMetadata(db, sha256, metadata, actor)
      changedWhileLoading.current?.set(sha256, next)
      setRecords((rs) => rs.map((r) => (r.sha256 === sha256 ? next : r)))
    },
    [db, actor],
  )

  return (
    <>
      <EvidenceAddPanel db={db} addedBy={actor} onAdded={onAdded} />
      <section className="evidence-library" aria-labelledby="evidence-library-title">
        <div className="evidence-library-head">
          <h2 id="evidence-library-title">Library</h2>
          {counts.expired + counts.expiring > 0 ? (
            <p className="evidence-expiry-summary">
              {counts.expired > 0 ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setQuery({ text: '', expiry: 'expired' })}
                >
                  <EvidenceExpiryFlag state="expired" /> {n(counts.expired)}
                </button>
              ) : null}{' '}
              {counts.expiring > 0 ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setQuery({ text: '', expiry: 'expiring' })}
                >
                  <EvidenceExpiryFlag state="expiring" /> {n(counts.expiring)} within{' '}
                  {EXPIRING_WITHIN_DAYS} days
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
        <EvidenceFilters
          query={query}
          sort={sort}
          partnerSources={partnerSources}
          onQuery={setQuery}
          onSort={setSort}
        />
        <p id="evidence-count" className="evidence-count">
          {summary}
        </p>
        <p className="visually-hidden" role="status">
          {announced}
        </p>
        <div className="evidence-split">
          <EvidenceList
            records={index.records}
            expiry={index.expiry}
            matches={matches}
            query={shownQuery.text}
            activeSha={activeSha}
            onActivate={setActiveSha}
            onOpen={openDetails}
            labelledBy="evidence-library-title"
            describedBy="evidence-count evidence-list-keys"
          />
          {active ? (
            <EvidenceDetails
              ref={details}
              db={db}
              record={active}
              today={today}
              partnerSources={partnerSources}
              onSave={onSave}
              onListed={onListed}
            />
          ) : (
            <div className="evidence-details panel evidence-details-empty">
              <p className="muted">
                Choose an item in the list to see its preview, hash and details.
              </p>
            </div>
          )}
        </div>
        <p id="evidence-list-keys" className="muted small">
          In the list: arrow keys, Page Up/Down, Home and End move; Enter opens the details.
        </p>
      </section>
    </>
  )
}

/** Rendered inside WorkspaceGate: the workspace is open. */
export function EvidenceScreen() {
  const db = useWorkspaceDb()
  return (
    <>
      <h1 tabIndex={-1}>Evidence library</h1>
      <p className="lede">
        Every file the workspace&rsquo;s packets can cite, identified by its SHA-256, with who
        collected it, when it takes effect and when it expires.
      </p>
      <EvidenceLibrary key={db.name} db={db} />
    </>
  )
}
