// What both key vaults (the browser host's and the desktop app's main process) share: the
// passphrase rule, the session lifetime rule, and the table of unlocked sessions. An unlocked
// seed lives only in a session; the session ends on lock or when its time is up, and its seed
// is overwritten with zeros then. See docs/keys-and-roles.md.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { toHex } from '../encoding/bytes'
import { HostError, WRONG_PASSPHRASE } from '../host/host-api'
import { KeyFileError } from './secret-key'

/** Shortest passphrase a new identity may be sealed under. */
export const MIN_PASSPHRASE_LENGTH = 12
/** Default and longest lifetime of an unlocked session. */
export const DEFAULT_SESSION_MS = 2 * 60 * 1000
export const MAX_SESSION_MS = 10 * 60 * 1000
/** Longest identity name a vault accepts. */
export const MAX_IDENTITY_NAME = 120

/** Why a passphrase cannot seal a new identity, or undefined when it can. */
export function passphraseProblem(passphrase: string): string | undefined {
  const length = [...passphrase.normalize('NFC')].length
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (it has ${length}). A few unrelated words are easy to remember and hard to guess.`
  }
  if (passphrase.trim() === '') return 'The passphrase cannot be only spaces.'
  return undefined
}

/** Why an identity name is unusable, or undefined when it is fine. */
export function identityNameProblem(name: string): string | undefined {
  const trimmed = name.trim()
  if (trimmed === '') return 'Give the identity a name, for example your full name.'
  if (trimmed.length > MAX_IDENTITY_NAME) {
    return `The name is too long: use at most ${MAX_IDENTITY_NAME} characters.`
  }
  // Control characters would let a name disguise itself in lists and reports.
  if ([...trimmed].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return 'The name contains control characters; use letters, digits and punctuation.'
  }
  return undefined
}

/** Checks a new identity's name and passphrase; throws a HostError with a clear message. */
export function checkNewIdentity(input: { name: string; passphrase: string }): string {
  const problem = identityNameProblem(input.name) ?? passphraseProblem(input.passphrase)
  if (problem) throw new HostError(problem, 'INVALID_INPUT')
  return input.name.trim()
}

/** A requested session lifetime, clamped to (0, MAX_SESSION_MS]. */
export function sessionLifetime(ttlMs?: number): number {
  if (ttlMs === undefined || !Number.isFinite(ttlMs) || ttlMs <= 0) return DEFAULT_SESSION_MS
  return Math.min(Math.floor(ttlMs), MAX_SESSION_MS)
}

/** Turns the core's key-file errors into the HostError the UI understands. */
export function unlockError(e: unknown): unknown {
  if (e instanceof KeyFileError) {
    return new HostError(e.message, e.code === 'WRONG_PASSPHRASE' ? WRONG_PASSPHRASE : e.code)
  }
  return e
}

interface Session {
  keyid: string
  seed: Uint8Array
  timer: ReturnType<typeof setTimeout>
}

/** Unlocked sessions: session id -> seed, each wiped on close or when its lifetime ends. */
export class KeySessions {
  private readonly sessions = new Map<string, Session>()

  constructor(private readonly crypto: CryptoProvider) {}

  /** Takes ownership of `seed` (it is wiped when the session ends). */
  open(keyid: string, seed: Uint8Array, ttlMs?: number): string {
    const id = toHex(this.crypto.randomBytes(16))
    const timer = setTimeout(() => this.close(id), sessionLifetime(ttlMs))
    // Do not keep a Node process (tests, main at quit) alive for a session timer.
    ;(timer as { unref?: () => void }).unref?.()
    this.sessions.set(id, { keyid, seed, timer })
    return id
  }

  /** The seed of an open session; throws a clear HostError when it is closed or unknown. */
  seed(id: string): { keyid: string; seed: Uint8Array } {
    const s = this.sessions.get(id)
    if (!s) {
      throw new HostError(
        'The key is locked again (the session ended or timed out). Enter the passphrase again.',
        'SESSION_CLOSED',
      )
    }
    return s
  }

  close(id: string): void {
    const s = this.sessions.get(id)
    if (!s) return
    clearTimeout(s.timer)
    s.seed.fill(0)
    this.sessions.delete(id)
  }

  /** Ends every session of `keyid` (or all sessions), e.g. when an identity is removed. */
  closeAll(keyid?: string): void {
    for (const [id, s] of [...this.sessions]) if (!keyid || s.keyid === keyid) this.close(id)
  }

  get size(): number {
    return this.sessions.size
  }
}
