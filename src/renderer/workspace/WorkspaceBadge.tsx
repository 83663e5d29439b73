// A status badge: a word, an icon shape and a colour, so no state is told by colour alone.
import type { CellState } from '../../core/workspace/readiness'
import { CELL_STATE_LABELS } from './readiness-view'

export type BadgeState = CellState | 'ready' | 'not-ready'

// One shape per state (24×24, stroked): dashed ring, pencil, clock, tick, shield, arrows, cross.
const SHAPES: Record<BadgeState, string> = {
  missing: '',
  draft: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  'in-review': 'M12 7v5l3 2',
  signed: 'M5 12.5l4.5 4.5L19 7.5',
  verified: 'M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6zM8.5 12l2.5 2.5 4.5-5',
  synced: 'M4 9h13l-3-3M20 15H7l3 3',
  rejected: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  ready: 'M5 12.5l4.5 4.5L19 7.5',
  'not-ready': 'M12 7v6M12 16.5v.5',
}

const RINGED: ReadonlySet<BadgeState> = new Set(['missing', 'in-review', 'not-ready'])

export function BadgeIcon({ state }: { state: BadgeState }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {RINGED.has(state) ? (
        <circle cx="12" cy="12" r="9" strokeDasharray={state === 'missing' ? '3 3' : undefined} />
      ) : null}
      {SHAPES[state] ? <path d={SHAPES[state]} /> : null}
    </svg>
  )
}

export function WorkspaceBadge({ state, label }: { state: BadgeState; label?: string }) {
  const text =
    label ??
    (state === 'ready' ? 'Ready' : state === 'not-ready' ? 'Not ready' : CELL_STATE_LABELS[state])
  return (
    <span className={`ws-badge ws-state-${state}`} data-state={state}>
      <BadgeIcon state={state} />
      {text}
    </span>
  )
}
