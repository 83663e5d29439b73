// A signing key as the core uses it: its public half and a function that signs. Where the seed
// lives is the caller's business: the CLI holds it in memory for one command, the desktop app
// keeps it in the main process and signs over IPC, the browser host unlocks it for one action.
import type { CryptoProvider } from '../crypto/crypto-provider'
import type { Identity } from './secret-key'

export interface KeySigner {
  readonly name: string
  /** SHA-256 of the key's SPKI DER, hex. */
  readonly keyid: string
  readonly publicKey: Uint8Array
  /** An Ed25519 signature (64 bytes) over `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>
}

/** A KeySigner over an identity whose seed is in memory. */
export const identitySigner = (crypto: CryptoProvider, identity: Identity): KeySigner => ({
  name: identity.name,
  keyid: identity.keyid,
  publicKey: identity.publicKey,
  sign: (message) => crypto.ed25519Sign(identity.seed, message),
})
