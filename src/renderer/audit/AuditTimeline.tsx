// The audit timeline: newest entry first, a listbox virtualised with @tanstack/react-virtual so
// a log of any length keeps only the rows in view in the DOM. Keyboard: one tab stop; arrows,
// Page Up/Down, Home and End move the active entry (aria-activedescendant, kept in view); Enter
// opens its details.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { AuditEvent } from '../../core/audit/audit-event'
import { Icon } from '../components/Icon'
import { onListboxKey } from '../components/listbox-keys'
import { VirtualOptions } from '../components/VirtualOptions'
import { ACTION_LABELS, eventSubject, formatTime } from './audit-view'

export const AUDIT_ROW_HEIGHT = 58

export interface TimelineItem {
  /** The entry's log index. */
  index: number
  entry: Uint8Array
  /** The decoded event, or undefined when the entry cannot be read. */
  event?: AuditEvent
  /** Why it cannot be read. */
  problem?: string
}

interface AuditTimelineProps {
  /** Entries in display order (newest first). */
  items: readonly TimelineItem[]
  activeIndex?: number
  packetTitles: ReadonlyMap<string, string>
  onActivate: (index: number) => void
  onOpen: (index: number) => void
  labelledBy: string
  describedBy: string
}

export const auditOptionId = (index: number) => `audit-entry-${index}`

export function AuditTimeline(props: AuditTimelineProps) {
  const { items, activeIndex, packetTitles } = props
  const scroller = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => AUDIT_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => items[i]!.index,
  })

  const activePos = activeIndex === undefined ? -1 : items.findIndex((i) => i.index === activeIndex)

  useEffect(() => {
    if (activePos >= 0) virtual.scrollToIndex(activePos, { align: 'auto' })
  }, [activePos, virtual])

  const move = (pos: number) => {
    if (items.length > 0)
      props.onActivate(items[Math.max(0, Math.min(items.length - 1, pos))]!.index)
  }

  const onKeyDown = (e: KeyboardEvent) =>
    onListboxKey(e, {
      count: items.length,
      active: activePos,
      scroller: scroller.current,
      rowHeight: AUDIT_ROW_HEIGHT,
      activate: move,
      open: () => props.onOpen(items[activePos]!.index),
    })

  return (
    <div className="vlist-frame">
      <div className="audit-row vlist-head" aria-hidden="true">
        <span>When</span>
        <span>What</span>
        <span>Who</span>
      </div>
      <div
        ref={scroller}
        className="vlist audit-list"
        role="listbox"
        tabIndex={0}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        aria-activedescendant={activePos >= 0 ? auditOptionId(activeIndex!) : undefined}
        data-count={items.length}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activePos < 0 && items.length > 0) move(0)
        }}
      >
        <VirtualOptions
          virtual={virtual}
          count={items.length}
          rowHeight={AUDIT_ROW_HEIGHT}
          option={(index) => {
            const item = items[index]!
            const active = item.index === activeIndex
            const e = item.event
            return {
              id: auditOptionId(item.index),
              selected: active,
              className: `audit-row audit-option${active ? ' is-active' : ''}${e ? '' : ' is-damaged'}`,
              onClick: () => props.onActivate(item.index),
              onDoubleClick: () => props.onOpen(item.index),
              children: (
                <>
                  <span className="audit-cell-time">
                    <span>{e ? formatTime(e.time) : '—'}</span>
                    <span className="muted small">#{item.index}</span>
                  </span>
                  <span className="audit-cell-what">
                    <span className="audit-action">
                      {e ? (
                        ACTION_LABELS[e.action]
                      ) : (
                        <>
                          <Icon name="cross" /> Unreadable entry
                        </>
                      )}
                    </span>
                    <span className="muted small audit-subject">
                      {e ? eventSubject(e, packetTitles) : item.problem}
                    </span>
                  </span>
                  <span className="audit-cell-who">{e?.actor ?? '—'}</span>
                </>
              ),
            }
          }}
        />
      </div>
    </div>
  )
}
