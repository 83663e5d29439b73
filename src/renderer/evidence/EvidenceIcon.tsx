// Icons for expiry flags. Decorative: the word beside each icon carries the meaning.
import type { ExpiryState } from '../../core/evidence/expiry'

const PATHS: Record<Exclude<ExpiryState, 'none'>, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  expiring: 'M12 7v5l3 2',
  expired: 'M12 4 2.5 20h19zM12 10v4.5M12 17.5v.5',
}

export function EvidenceExpiryIcon({ state }: { state: Exclude<ExpiryState, 'none'> }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {state === 'expiring' ? <circle cx="12" cy="12" r="9" /> : null}
      <path d={PATHS[state]} />
    </svg>
  )
}

const WORDS: Record<Exclude<ExpiryState, 'none'>, string> = {
  ok: 'Valid',
  expiring: 'Expiring',
  expired: 'Expired',
}

/** The expiry flag: icon + word + colour, never colour alone. */
export function EvidenceExpiryFlag({ state, title }: { state: ExpiryState; title?: string }) {
  if (state === 'none') return <span className="muted">No expiry</span>
  return (
    <span className={`expiry-flag expiry-${state}`} title={title}>
      <EvidenceExpiryIcon state={state} />
      {WORDS[state]}
    </span>
  )
}
