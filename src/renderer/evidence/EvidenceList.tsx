// The library list: a listbox virtualised with @tanstack/react-virtual, so only the rows in
// view exist in the DOM whatever the size of the library. Keyboard: the list is one tab stop;
// arrows, Page Up/Down, Home and End move the active item (aria-activedescendant, kept in view),
// Enter opens its details. The details pane follows the active item. The list is memoised and
// its item keys stable, so typing in the search box does not re-measure 100,000 rows until the
// matches change.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react'
import type { ExpiryState } from '../../core/evidence/expiry'
import { formatBytes } from '../../core/evidence/file-type'
import type { EvidenceRecord } from '../../core/workspace/records'
import { EvidenceExpiryFlag } from './EvidenceIcon'

export const ROW_HEIGHT = 60

export interface EvidenceListProps {
  records: readonly EvidenceRecord[]
  expiry: readonly ExpiryState[]
  /** Positions into records, in display order. */
  matches: readonly number[]
  /** The text query the shown matches answer (for tests and the benchmark). */
  query: string
  activeSha?: string
  onActivate: (sha256: string) => void
  onOpen: (sha256: string) => void
  labelledBy: string
  describedBy: string
}

const optionId = (sha: string) => `evidence-option-${sha.slice(0, 16)}`

export const EvidenceList = memo(function EvidenceList(props: EvidenceListProps) {
  const { records, expiry, matches, activeSha } = props
  const scroller = useRef<HTMLDivElement>(null)
  const getItemKey = useCallback((i: number) => records[matches[i]!]!.sha256, [records, matches])
  const virtual = useVirtualizer({
    count: matches.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey,
  })

  const activePos = activeSha ? matches.findIndex((m) => records[m]!.sha256 === activeSha) : -1

  useEffect(() => {
    if (activePos >= 0) virtual.scrollToIndex(activePos, { align: 'auto' })
  }, [activePos, virtual])

  const move = (pos: number) => {
    if (matches.length === 0) return
    const clamped = Math.max(0, Math.min(matches.length - 1, pos))
    props.onActivate(records[matches[clamped]!]!.sha256)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1)
    const here = activePos < 0 ? -1 : activePos
    switch (e.key) {
      case 'ArrowDown':
        move(here + 1)
        break
      case 'ArrowUp':
        move(here < 0 ? 0 : here - 1)
        break
      case 'PageDown':
        move(here + page)
        break
      case 'PageUp':
        move(here - page)
        break
      case 'Home':
        move(0)
        break
      case 'End':
        move(matches.length - 1)
        break
      case 'Enter':
      case ' ':
        if (activeSha) props.onOpen(activeSha)
        else move(0)
        break
      default:
        return
    }
    e.preventDefault()
  }

  return (
    <div className="evidence-list-frame">
      <div className="evidence-row evidence-list-head" aria-hidden="true">
        <span>Title and file</span>
        <span>Kind</span>
        <span>Classification</span>
        <span>Expiry</span>
      </div>
      <div
        ref={scroller}
        className="evidence-list"
        role="listbox"
        tabIndex={0}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        aria-activedescendant={activePos >= 0 && activeSha ? optionId(activeSha) : undefined}
        data-query={props.query}
        data-count={matches.length}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activePos < 0 && matches.length > 0) move(0)
        }}
      >
        {matches.length === 0 ? null : (
          <div className="evidence-list-space" style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((v) => {
              const pos = matches[v.index]!
              const r = records[pos]!
              const state = expiry[pos]!
              const active = r.sha256 === activeSha
              return (
                <div
                  key={v.key}
                  id={optionId(r.sha256)}
                  role="option"
                  aria-selected={active}
                  aria-setsize={matches.length}
                  aria-posinset={v.index + 1}
                  className={`evidence-row evidence-option${active ? ' is-active' : ''} expiry-row-${state}`}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => props.onActivate(r.sha256)}
                >
                  <span className="evidence-cell-title">
                    <span className="evidence-title">{r.title}</span>
                    <span className="muted small evidence-file">
                      {r.folder ? `${r.folder}/` : ''}
                      {r.fileName} · {formatBytes(r.size)} ·{' '}
                      <span className="mono">{r.sha256.slice(0, 12)}</span>
                    </span>
                  </span>
                  <span>{r.kind}</span>
                  <span>{r.classification}</span>
                  <span>
                    <EvidenceExpiryFlag state={state} />
                    {r.expires ? <span className="muted small block">{r.expires}</span> : null}
                  </span>
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
})
