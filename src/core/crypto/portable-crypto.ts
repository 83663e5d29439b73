// Pure-JS reference provider: tweetnacl for Ed25519, @noble/hashes for SHA-256 and scrypt.
// Slow (see docs/performance.md) but runs anywhere; the native providers are tested against it.
import nacl from 'tweetnacl'
import { sha256 } from '@noble/hashes/sha2.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import type { CryptoProvider, Sha256Stream } from './crypto-provider'
import { concatBytes } from '../encoding/bytes'

export function webRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length)
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < length; i += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)))
  }
  return out
}

export function nobleSha256Stream(): Sha256Stream {
  const h = sha256.create()
  return {
    update: (data) => void h.update(data),
    digest: () => h.digest(),
  }
}

export function nobleScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: { N: number; r: number; p: number; dkLen: number },
): Promise<Uint8Array> {
  return scryptAsync(password, salt, { ...params, maxmem: 2 ** 31 })
}

const keyPairFromSeed = (seed: Uint8Array) => {
  if (seed.length !== 32) throw new Error('Ed25519 seed must be 32 bytes')
  return nacl.sign.keyPair.fromSeed(seed)
}

export const portableCrypto: CryptoProvider = {
  name: 'portable (tweetnacl + @noble/hashes)',
  sha256: async (data) => sha256(data),
  createSha256: nobleSha256Stream,
  ed25519PublicKey: async (seed) => keyPairFromSeed(seed).publicKey,
  ed25519Sign: async (seed, message) => {
    const { publicKey } = keyPairFromSeed(seed)
    return nacl.sign.detached(message, concatBytes(seed, publicKey))
  },
  ed25519Verify: async (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false
    return nacl.sign.detached.verify(message, signature, publicKey)
  },
  randomBytes: webRandomBytes,
  scrypt: nobleScrypt,
}
