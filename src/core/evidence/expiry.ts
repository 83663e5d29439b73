// Expiry of evidence: a calendar date (YYYY-MM-DD) after which an item no longer counts. The
// item is valid through its expiry date, "expiring" within EXPIRING_WITHIN_DAYS of it and
// "expired" from the next day on. Dates are compared as calendar days, never as instants, so
// the answer does not depend on the time zone of the machine beyond what "today" is.

/** How many days before its expiry date an item is flagged as expiring. */
export const EXPIRING_WITHIN_DAYS = 30

export const EXPIRY_STATES = ['none', 'ok', 'expiring', 'expired'] as const
/** none: no expiry date; ok: more than 30 days left; expiring: 0–30 days left; expired. */
export type ExpiryState = (typeof EXPIRY_STATES)[number]

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 for a valid YYYY-MM-DD date, or undefined for anything else. */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined
  }
  return t / 86_400_000
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export const isCalendarDate = (date: string): boolean => dayNumber(date) !== undefined

/** Today's calendar date in the local time zone of `now`, as YYYY-MM-DD. */
export function localDate(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Days from `today` until `expires` (negative once past), or undefined if either is invalid. */
export function daysUntil(expires: string, today: string): number | undefined {
  const a = dayNumber(expires)
  const b = dayNumber(today)
  return a === undefined || b === undefined ? undefined : a - b
}

export function expiryState(expires: string | undefined, today: string): ExpiryState {
  return expires ? expiryStateForDays(daysUntil(expires, today)) : 'none'
}

/** The state for the days left until an expiry date (undefined: no valid date). */
export function expiryStateForDays(days: number | undefined): ExpiryState {
  if (days === undefined) return 'none'
  if (days < 0) return 'expired'
  if (days <= EXPIRING_WITHIN_DAYS) return 'expiring'
  return 'ok'
}

/** A short sentence for an item's expiry, e.g. "Expired 3 days ago (2026-04-01)". */
export function describeExpiry(expires: string | undefined, today: string): string {
  if (!expires) return 'No expiry date'
  const days = daysUntil(expires, today)
  if (days === undefined) return `Expiry date ${expires} is not a valid date`
  if (days < -1) return `Expired ${-days} days ago (${expires})`
  if (days === -1) return `Expired yesterday (${expires})`
  if (days === 0) return `Expires today (${expires})`
  if (days === 1) return `Expires tomorrow (${expires})`
  if (days <= EXPIRING_WITHIN_DAYS) return `Expires in ${days} days (${expires})`
  return `Valid until ${expires}`
}
