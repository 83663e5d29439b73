// Signing with one of the user's identities for one action: unlock with the passphrase, hand
// the core a KeySigner whose sign() goes through the host, and lock again however the action
// ends. The seed never reaches the renderer (desktop) or lives longer than the action
// (browser); a session also ends by itself after its lifetime (2 minutes by default).
import { HostError, WRONG_PASSPHRASE, type Host, type IdentityInfo } from '../../core/host/host-api'
import type { KeySigner } from '../../core/keys/key-signer'

export interface UnlockOptions {
  /** Session lifetime in ms (default 2 minutes, at most 10): long enough for the action. */
  ttlMs?: number
}

/**
 * Unlocks `identity` with `passphrase`, runs `fn` with a KeySigner for it, and locks again in
 * every case. A wrong passphrase rejects with HostError code WRONG_PASSPHRASE before `fn` runs
 * (see isWrongPassphrase).
 */
export async function withUnlockedSigner<T>(
  host: Host,
  identity: IdentityInfo,
  passphrase: string,
  fn: (signer: KeySigner) => Promise<T>,
  options: UnlockOptions = {},
): Promise<T> {
  const session = await host.keys.unlock(identity.keyid, passphrase, options.ttlMs)
  const signer: KeySigner = {
    name: identity.name,
    keyid: identity.keyid,
    publicKey: identity.publicKey,
    sign: (message) => host.keys.sign(session, message),
  }
  try {
    return await fn(signer)
  } finally {
    await host.keys.lock(session).catch(() => undefined)
  }
}

/** Whether `e` is the host saying the passphrase was wrong. */
export const isWrongPassphrase = (e: unknown): boolean =>
  e instanceof HostError && e.code === WRONG_PASSPHRASE

/** The text to show beside a passphrase field for a failed unlock. */
export const WRONG_PASSPHRASE_MESSAGE =
  'That passphrase does not unlock this identity. Check it (and Caps Lock) and try again; nothing was signed.'
