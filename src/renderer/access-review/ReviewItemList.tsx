// The items of a campaign: a multi-select listbox virtualised with @tanstack/react-virtual, so
// 50,000 items keep only the rows in view in the DOM. Keyboard: one tab stop; arrows, Page
// Up/Down, Home and End move the active item (aria-activedescendant, kept in view); Space or
// Enter selects or unselects it; Ctrl+A (⌘A) selects every item shown. A click does the same. Each row shows a check box drawn for
// the eye; its state is the option's aria-selected, which screen readers announce.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef } from 'react'
import type { Decision, ReviewItem } from '../../core/access-review'
import { onListboxKey } from '../components/listbox-keys'
import { VirtualOptions } from '../components/VirtualOptions'
import { FLAG_LABELS, OUTCOME_LABELS, lastUsedText } from './review-view'

export const ITEM_ROW_HEIGHT = 56

export interface ReviewItemListProps {
  items: readonly ReviewItem[]
  latest: ReadonlyMap<string, Decision>
  confirmed: ReadonlySet<string>
  selected: ReadonlySet<string>
  activeId?: string
  onActivate: (id: string) => void
  onToggle: (id: string) => void
  /** Ctrl+A (⌘A) in the list: select every item it shows. */
  onSelectAll: () => void
  labelledBy: string
  describedBy: string
}

const optionId = (id: string) => `review-item-${id}`

export const ReviewItemList = memo(function ReviewItemList(props: ReviewItemListProps) {
  const { items, latest, confirmed, selected, activeId } = props
  const scroller = useRef<HTMLDivElement>(null)
  const getItemKey = useCallback((i: number) => items[i]!.id, [items])
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ITEM_ROW_HEIGHT,
    overscan: 8,
    getItemKey,
  })
  const activePos = activeId ? items.findIndex((i) => i.id === activeId) : -1

  useEffect(() => {
    if (activePos >= 0) virtual.scrollToIndex(activePos, { align: 'auto' })
  }, [activePos, virtual])

  return (
    <div className="vlist-frame ar-list-frame">
      <div className="ar-row vlist-head" aria-hidden="true">
        <span />
        <span>User</span>
        <span>Application and entitlement</span>
        <span>Last used</span>
        <span>Risk flags</span>
        <span>Reviewer</span>
        <span>Decision</span>
      </div>
      <div
        ref={scroller}
        className="vlist ar-list"
        role="listbox"
        aria-multiselectable="true"
        tabIndex={0}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        aria-activedescendant={activePos >= 0 && activeId ? optionId(activeId) : undefined}
        data-count={items.length}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
            e.preventDefault()
            props.onSelectAll()
            return
          }
          onListboxKey(e, {
            count: items.length,
            active: activePos,
            scroller: scroller.current,
            rowHeight: ITEM_ROW_HEIGHT,
            activate: (pos) => props.onActivate(items[pos]!.id),
            open: () => {
              if (activeId) props.onToggle(activeId)
            },
          })
        }}
        onFocus={() => {
          if (activePos < 0 && items.length > 0) props.onActivate(items[0]!.id)
        }}
      >
        <VirtualOptions
          virtual={virtual}
          count={items.length}
          rowHeight={ITEM_ROW_HEIGHT}
          option={(index) => {
            const item = items[index]!
            const d = latest.get(item.id)
            const isSelected = selected.has(item.id)
            const active = item.id === activeId
            return {
              id: optionId(item.id),
              selected: isSelected,
              className: `ar-row${active ? ' is-active' : ''}${isSelected ? ' is-selected' : ''}`,
              onClick: () => {
                props.onActivate(item.id)
                props.onToggle(item.id)
              },
              children: (
                <>
                  <span className="ar-check" aria-hidden="true">
                    {isSelected ? '✓' : ''}
                  </span>
                  <span className="ar-cell">
                    <span className="ar-strong">{item.login}</span>
                    <span className="muted small block">
                      {item.identityType === 'service' ? 'service account' : 'human'}
                    </span>
                  </span>
                  <span className="ar-cell">
                    <span className="visually-hidden">, application </span>
                    {item.application}
                    <span className="visually-hidden">, entitlement</span>
                    <span className="block mono small">{item.entitlement}</span>
                  </span>
                  <span className="ar-cell small">
                    <span className="visually-hidden">, last used </span>
                    {lastUsedText(item.lastUsed)}
                  </span>
                  <span className="ar-cell">
                    {item.flags.length === 0 ? (
                      <span className="visually-hidden">, no risk flags</span>
                    ) : (
                      <>
                        <span className="visually-hidden">, risk flags: </span>
                        {item.flags.map((f, k) => (
                          <span key={f} className="tag tag-bad ar-flag">
                            {FLAG_LABELS[f]}
                            {k < item.flags.length - 1 ? (
                              <span className="visually-hidden">,</span>
                            ) : null}
                          </span>
                        ))}
                      </>
                    )}
                  </span>
                  <span className="ar-cell small">
                    <span className="visually-hidden">, reviewer </span>
                    {item.reviewer}
                  </span>
                  <span className="ar-cell small">
                    <span className="visually-hidden">, decision </span>
                    {d ? (
                      <>
                        <span className="ar-strong">{OUTCOME_LABELS[d.outcome]}</span>
                        {d.via === 'no-response-default' ? ' (no-response default)' : ''}
                        {confirmed.has(item.id) ? (
                          <span className="block muted">change confirmed</span>
                        ) : null}
                      </>
                    ) : (
                      'undecided'
                    )}
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
