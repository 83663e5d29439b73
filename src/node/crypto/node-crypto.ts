// node:crypto provider: OpenSSL/BoringSSL Ed25519 and SHA-256, ~100x tweetnacl (docs/performance.md).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  scrypt,
  sign,
  verify,
} from 'node:crypto'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { ed25519Pkcs8, ed25519Spki } from '../../core/crypto/ed25519-der'

const privateKey = (seed: Uint8Array) =>
  createPrivateKey({ key: Buffer.from(ed25519Pkcs8(seed)), format: 'der', type: 'pkcs8' })

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
    const key = createPublicKey({
      key: Buffer.from(ed25519Spki(publicKey)),
      format: 'der',
      type: 'spki',
    })
    return verify(null, message, key, signature)
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
}
