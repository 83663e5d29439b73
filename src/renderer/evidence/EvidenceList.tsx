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
import { onListboxKey } from '../components/listbox-keys'
import { VirtualOptions } from '../components/VirtualOptions'

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
    if (matches.length > 0)
      props.onActivate(records[matches[Math.max(0, Math.min(matches.length - 1, pos))]!]!.sha256)
  }

  const onKeyDown = (e: KeyboardEvent) =>
    onListboxKey(e, {
      count: matches.length,
      active: activePos,
      scroller: scroller.current,
      rowHeight: ROW_HEIGHT,
      activate: move,
      open: () => props.onOpen(records[matches[activePos]!]!.sha256),
    })

  return (
    <div className="vlist-frame">
      <div className="evidence-row vlist-head" aria-hidden="true">
        <span>Title and file</span>
        <span>Kind</span>
        <span>Classification</span>
        <span>Expiry</span>
      </div>
      <div
        ref={scroller}
        className="vlist evidence-list"
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
        <VirtualOptions
          virtual={virtual}
          count={matches.length}
          rowHeight={ROW_HEIGHT}
          option={(index) => {
            const pos = matches[index]!
            const r = records[pos]!
            const state = expiry[pos]!
            const active = r.sha256 === activeSha
            return {
              id: optionId(r.sha256),
              selected: active,
              className: `evidence-row evidence-option${active ? ' is-active' : ''} expiry-row-${state}`,
              onClick: () => props.onActivate(r.sha256),
              children: (
                <>
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
                </>
              ),
            }
          }}
        />
      </div>
    </div>
  )
})
