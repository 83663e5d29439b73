// The options of a virtualised listbox: only the rows in view are in the DOM, each placed by the
// virtualiser and told its position in the whole list (aria-setsize, aria-posinset), so that a
// screen reader counts every row. The listbox element, its keys and its active descendant stay
// with each list (see listbox-keys.ts).
import type { Virtualizer } from '@tanstack/react-virtual'
import type { ReactNode } from 'react'

export interface VirtualOption {
  /** The element id, for aria-activedescendant. */
  id: string
  selected: boolean
  /** Classes besides `vlist-option`. */
  className: string
  onClick: () => void
  onDoubleClick?: () => void
  children: ReactNode
}

export function VirtualOptions({
  virtual,
  count,
  rowHeight,
  option,
}: {
  virtual: Virtualizer<HTMLDivElement, Element>
  count: number
  rowHeight: number
  /** The option at `index` of the whole list. */
  option: (index: number) => VirtualOption
}) {
  if (count === 0) return null
  return (
    <div className="vlist-space" style={{ height: virtual.getTotalSize() }}>
      {virtual.getVirtualItems().map((v) => {
        const o = option(v.index)
        return (
          <div
            key={v.key}
            id={o.id}
            role="option"
            aria-selected={o.selected}
            aria-setsize={count}
            aria-posinset={v.index + 1}
            className={`vlist-option ${o.className}`}
            style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}
            onClick={o.onClick}
            onDoubleClick={o.onDoubleClick}
          >
            {o.children}
          </div>
        )
      })}
    </div>
  )
}
