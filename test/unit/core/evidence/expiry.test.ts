import { describe, expect, it } from 'vitest'
import {
  daysUntil,
  describeExpiry,
  expiryState,
  isCalendarDate,
} from '../../../../src/core/evidence/expiry'

describe('expiry', () => {
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true)
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
    expect(isCalendarDate('26-01-01')).toBe(false)
    expect(isCalendarDate('2026-01-01T00:00')).toBe(false)
  })

  it('is valid through the expiry date, expiring within 30 days, expired after', () => {
    const today = '2026-04-10'
    expect(expiryState(undefined, today)).toBe('none')
    expect(expiryState('nonsense', today)).toBe('none')
    expect(expiryState('2026-04-09', today)).toBe('expired')
    expect(expiryState('2026-04-10', today)).toBe('expiring')
    expect(expiryState('2026-05-10', today)).toBe('expiring')
    expect(expiryState('2026-05-11', today)).toBe('ok')
  })

  it('counts calendar days across month and leap-year ends', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2)
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1)
  })

  it('describes expiry in words', () => {
    expect(describeExpiry(undefined, '2026-04-10')).toBe('No expiry date')
    expect(describeExpiry('2026-04-07', '2026-04-10')).toBe('Expired 3 days ago (2026-04-07)')
    expect(describeExpiry('2026-04-10', '2026-04-10')).toBe('Expires today (2026-04-10)')
    expect(describeExpiry('2026-04-20', '2026-04-10')).toBe('Expires in 10 days (2026-04-20)')
    expect(describeExpiry('2027-04-20', '2026-04-10')).toBe('Valid until 2027-04-20')
  })
})
