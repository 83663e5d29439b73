// node:crypto provider: Ed25519 and SHA-256 from OpenSSL (BoringSSL under Electron), 18–41× as
// fast as the portable provider (tweetnacl and @noble/hashes) as measured in docs/performance.md.
import {
  createHash,
  hash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  scrypt,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { ed25519Pkcs8, ed25519Spki } from '../../core/crypto/ed25519-der'

// A private key is imported for each signature and never kept: caching its KeyObject would make
// signing about ten times faster, but would keep the seed in memory long after the one action
// it was unlocked for, and a bundle needs only a handful of signatures.
const privateKey = (seed: Uint8Array) =>
  createPrivateKey({ key: Buffer.from(ed25519Pkcs8(seed)), format: 'der', type: 'pkcs8' })

// Public keys are another matter: the same few keys check every sign-off, log checkpoint and
// bundle, and importing one costs as much as the verification itself (a cached KeyObject
// verifies about 1.7 times as fast). The 64 used most recently are kept, by their hex.
const PUBLIC_KEYS_KEPT = 64
const publicKeys = new Map<string, KeyObject>()

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.length).toString('hex')
  let key = publicKeys.get(id)
  if (key) {
    publicKeys.delete(id) // re-inserted below as the most recently used
  } else {
    key = createPublicKey({ key: Buffer.from(ed25519Spki(publicKey)), format: 'der', type: 'spki' })
    if (publicKeys.size >= PUBLIC_KEYS_KEPT) {
      publicKeys.delete(publicKeys.keys().next().value!) // the least recently used
    }
  }
  publicKeys.set(id, key)
  return key
}

/** OpenSSL's BLAKE2b-512; Electron's BoringSSL has none, and then minisign uses @noble/hashes. */
const nativeBlake2b512 = (() => {
  try {
    createHash('blake2b512')
  } catch {
    return undefined
  }
  return (data: Uint8Array) => new Uint8Array(createHash('blake2b512').update(data).digest())
})()

export const nodeCrypto: CryptoProvider = {
  name: 'node:crypto',
  sha256: async (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  createSha256: () => {
    const h = createHash('sha256')
    return { update: (d) => void h.update(d), digest: () => new Uint8Array(h.digest()) }
  },
  ed25519PublicKey: async (seed) => {
    const spki = createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' })
    return new Uint8Array(spki.subarray(12))
  },
  ed25519Sign: async (seed, message) => new Uint8Array(sign(null, message, privateKey(seed))),
  ed25519Verify: async (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false
    return verify(null, message, publicKeyObject(publicKey), signature)
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  scrypt: (password, salt, { N, r, p, dkLen }) =>
    new Promise((resolve, reject) =>
      scrypt(
        password,
        salt,
        dkLen,
        { N, r, p, maxmem: 256 * N * r + 64 * 1024 * 1024 },
        (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))),
      ),
    ),
  // One call, no Hash object: a third faster for the thousands of small files of a bundle.
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  ...(nativeBlake2b512 ? { blake2b512: nativeBlake2b512 } : {}),
}
