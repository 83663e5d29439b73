// The rules both key vaults share: passphrase and name checks, session lifetimes (default 2
// minutes, never more than 10), and seeds overwritten with zeros when a session ends.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { HostError, WRONG_PASSPHRASE } from '../../../../src/core/host/host-api'
import {
  checkNewIdentity,
  DEFAULT_SESSION_MS,
  identityNameProblem,
  KeySessions,
  MAX_SESSION_MS,
  passphraseProblem,
  sessionLifetime,
  unlockError,
} from '../../../../src/core/keys/key-sessions'
import { KeyFileError } from '../../../../src/core/keys/secret-key'

afterEach(() => vi.useRealTimers())

describe('passphrase and name rules', () => {
  it('wants at least 12 characters, counted as people count them', () => {
    expect(passphraseProblem('eleven char')).toMatch(/at least 12 characters \(it has 11\)/)
    expect(passphraseProblem('twelve chars')).toBeUndefined()
    expect(passphraseProblem('            ')).toMatch(/only spaces/)
    // 12 accented letters typed as combining sequences count as 12 after NFC.
    expect(passphraseProblem('e\u0301'.repeat(12))).toBeUndefined()
  })

  it('wants a printable, non-empty name', () => {
    expect(identityNameProblem('')).toMatch(/Give the identity a name/)
    expect(identityNameProblem('Dana\u0007')).toMatch(/control characters/)
    expect(identityNameProblem('x'.repeat(121))).toMatch(/too long/)
    expect(checkNewIdentity({ name: ' Dana Ruiz ', passphrase: 'a long passphrase' })).toBe(
      'Dana Ruiz',
    )
    expect(() => checkNewIdentity({ name: 'Dana', passphrase: 'short' })).toThrow(HostError)
  })
})

describe('sessions', () => {
  it('clamps lifetimes to 10 minutes and defaults to 2', () => {
    expect(sessionLifetime()).toBe(DEFAULT_SESSION_MS)
    expect(DEFAULT_SESSION_MS).toBe(120_000)
    expect(sessionLifetime(-1)).toBe(DEFAULT_SESSION_MS)
    expect(sessionLifetime(Number.NaN)).toBe(DEFAULT_SESSION_MS)
    expect(sessionLifetime(30_000)).toBe(30_000)
    expect(sessionLifetime(60 * 60 * 1000)).toBe(MAX_SESSION_MS)
  })

  it('wipes the seed on close and on timeout', () => {
    vi.useFakeTimers()
    const sessions = new KeySessions(portableCrypto)
    const a = new Uint8Array(32).fill(7)
    const b = new Uint8Array(32).fill(9)
    const sa = sessions.open('k1', a)
    const sb = sessions.open('k2', b, 60 * 60 * 1000)
    expect(sa).toMatch(/^[0-9a-f]{32}$/)
    expect(sessions.seed(sa).seed).toBe(a)
    sessions.close(sa)
    expect(a.every((x) => x === 0)).toBe(true)
    expect(() => sessions.seed(sa)).toThrow(/locked again/)

    vi.advanceTimersByTime(MAX_SESSION_MS - 1)
    expect(sessions.seed(sb).keyid).toBe('k2')
    vi.advanceTimersByTime(1)
    expect(b.every((x) => x === 0)).toBe(true)
    expect(sessions.size).toBe(0)
  })

  it('closes every session of one key', () => {
    const sessions = new KeySessions(portableCrypto)
    const s1 = sessions.open('k1', new Uint8Array(32).fill(1))
    const s2 = sessions.open('k1', new Uint8Array(32).fill(1))
    const s3 = sessions.open('k2', new Uint8Array(32).fill(1))
    sessions.closeAll('k1')
    expect(() => sessions.seed(s1)).toThrow()
    expect(() => sessions.seed(s2)).toThrow()
    expect(sessions.seed(s3).keyid).toBe('k2')
    sessions.closeAll()
    expect(sessions.size).toBe(0)
  })

  it('turns a wrong-passphrase key file error into a coded HostError', () => {
    const e = unlockError(new KeyFileError('WRONG_PASSPHRASE', 'Wrong passphrase for "Dana".'))
    expect(e).toBeInstanceOf(HostError)
    expect(e).toMatchObject({ code: WRONG_PASSPHRASE, message: 'Wrong passphrase for "Dana".' })
    const other = new Error('disk')
    expect(unlockError(other)).toBe(other)
  })
})
