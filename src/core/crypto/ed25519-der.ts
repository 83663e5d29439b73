// DER wrappers for raw Ed25519 keys (RFC 8410). The keyid of a key is the SHA-256 of its
// SubjectPublicKeyInfo DER, so `openssl pkey -pubin -outform DER | sha256sum` reproduces it.
import { bytesEqual, concatBytes, fromBase64, toBase64 } from '../encoding/bytes'

const SPKI_PREFIX = new Uint8Array([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
])
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])

export function ed25519Spki(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new Error('Ed25519 public key must be 32 bytes')
  return concatBytes(SPKI_PREFIX, publicKey)
}

export function ed25519Pkcs8(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new Error('Ed25519 seed must be 32 bytes')
  return concatBytes(PKCS8_PREFIX, seed)
}

export function publicKeyFromSpki(der: Uint8Array): Uint8Array {
  if (der.length !== 44 || !bytesEqual(der.subarray(0, 12), SPKI_PREFIX)) {
    throw new Error('not an Ed25519 SubjectPublicKeyInfo')
  }
  return der.slice(12)
}

export function publicKeyToPem(publicKey: Uint8Array): string {
  return `-----BEGIN PUBLIC KEY-----\n${toBase64(ed25519Spki(publicKey))}\n-----END PUBLIC KEY-----\n`
}

export function publicKeyFromPem(pem: string): Uint8Array {
  const m = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem)
  if (!m?.[1]) throw new Error('no PEM public key found (expected -----BEGIN PUBLIC KEY-----)')
  return publicKeyFromSpki(fromBase64(m[1].replace(/\s+/g, '')))
}
