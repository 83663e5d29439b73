// Keyboard movement for the virtualised single-select listboxes (evidence library, audit
// timeline): arrows, Page Up/Down, Home/End move the active option; Enter or Space opens it.
// The list keeps focus and points at the option with aria-activedescendant, so only the
// position changes here.
import type { KeyboardEvent } from 'react'

export interface ListboxKeyOptions {
  /** How many options the list shows. */
  count: number
  /** Position of the active option, or -1 when none is. */
  active: number
  /** The scrolling element and its row height, to move a page at a time. */
  scroller: HTMLElement | null
  rowHeight: number
  /** Make the option at this position (already clamped to the list) the active one. */
  activate: (pos: number) => void
  /** Open the active option. */
  open: () => void
}

export function onListboxKey(e: KeyboardEvent, o: ListboxKeyOptions): void {
  const page = Math.max(1, Math.floor((o.scroller?.clientHeight ?? 500) / o.rowHeight) - 1)
  const go = (pos: number) => {
    if (o.count > 0) o.activate(Math.max(0, Math.min(o.count - 1, pos)))
  }
  const here = o.active
  switch (e.key) {
    case 'ArrowDown':
      go(here + 1)
      break
    case 'ArrowUp':
      go(here < 0 ? 0 : here - 1)
      break
    case 'PageDown':
      go(here + page)
      break
    case 'PageUp':
      go(here - page)
      break
    case 'Home':
      go(0)
      break
    case 'End':
      go(o.count - 1)
      break
    case 'Enter':
    case ' ':
      if (here >= 0) o.open()
      else go(0)
      break
    default:
      return
  }
  e.preventDefault()
}
