// Provider on WebCrypto (browsers, the renderer, workers): native Ed25519 and one-shot SHA-256.
// WebCrypto has no incremental hashing, so streaming SHA-256 uses @noble/hashes.
import type { CryptoProvider } from './crypto-provider'
import { ed25519Pkcs8, ed25519Spki } from './ed25519-der'
import { nobleScrypt, nobleSha256Stream, portableCrypto, webRandomBytes } from './portable-crypto'

const subtle = () => globalThis.crypto.subtle
const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer

export async function webCryptoHasEd25519(): Promise<boolean> {
  try {
    const key = await subtle().importKey('raw', new Uint8Array(32), 'Ed25519', false, ['verify'])
    return key.type === 'public'
  } catch {
    return false
  }
}

export const webCrypto: CryptoProvider = {
  name: 'WebCrypto',
  sha256: async (data) => new Uint8Array(await subtle().digest('SHA-256', buf(data))),
  createSha256: nobleSha256Stream,
  // WebCrypto cannot derive a public key from a seed without exporting a JWK; tweetnacl can.
  ed25519PublicKey: portableCrypto.ed25519PublicKey,
  ed25519Sign: async (seed, message) => {
    const key = await subtle().importKey('pkcs8', buf(ed25519Pkcs8(seed)), 'Ed25519', false, [
      'sign',
    ])
    return new Uint8Array(await subtle().sign('Ed25519', key, buf(message)))
  },
  ed25519Verify: async (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false
    const key = await subtle().importKey('spki', buf(ed25519Spki(publicKey)), 'Ed25519', false, [
      'verify',
    ])
    return subtle().verify('Ed25519', key, buf(signature), buf(message))
  },
  randomBytes: webRandomBytes,
  scrypt: nobleScrypt,
}
