// The node:crypto provider keeps the public keys it verifies with (a bounded, most recently used
// set) and imports a private key afresh for every signature.
import * as nodeCryptoModule from 'node:crypto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return {
    ...actual,
    createPublicKey: vi.fn(actual.createPublicKey),
    createPrivateKey: vi.fn(actual.createPrivateKey),
  }
})

const createPublicKey = vi.mocked(nodeCryptoModule.createPublicKey)
const createPrivateKey = vi.mocked(nodeCryptoModule.createPrivateKey)

const message = utf8('a DSSE pre-authentication encoding')

async function signer(n: number) {
  const seed = new Uint8Array(32).fill(n)
  return {
    seed,
    publicKey: await nodeCrypto.ed25519PublicKey(seed),
    signature: await nodeCrypto.ed25519Sign(seed, message),
  }
}

beforeEach(() => {
  createPublicKey.mockClear()
  createPrivateKey.mockClear()
})

describe('nodeCrypto key handling', () => {
  it('imports a public key once for many verifications, and still tells good from bad', async () => {
    const a = await signer(101)
    const b = await signer(102)
    createPublicKey.mockClear()
    for (let i = 0; i < 10; i++) {
      expect(await nodeCrypto.ed25519Verify(a.publicKey, message, a.signature)).toBe(true)
      expect(await nodeCrypto.ed25519Verify(b.publicKey, message, b.signature)).toBe(true)
      expect(await nodeCrypto.ed25519Verify(a.publicKey, message, b.signature)).toBe(false)
      expect(await nodeCrypto.ed25519Verify(b.publicKey, utf8('other'), b.signature)).toBe(false)
    }
    expect(createPublicKey).toHaveBeenCalledTimes(2)
  })

  it('keeps only the 64 public keys used most recently', async () => {
    const keys = await Promise.all(Array.from({ length: 66 }, (_, i) => signer(i + 1)))
    createPublicKey.mockClear()
    const check = async (k: (typeof keys)[number]) =>
      expect(await nodeCrypto.ed25519Verify(k.publicKey, message, k.signature)).toBe(true)
    for (const k of keys.slice(0, 64)) await check(k)
    await check(keys[0]!) // now the most recently used
    expect(createPublicKey).toHaveBeenCalledTimes(64)
    await check(keys[64]!) // evicts keys[1], the least recently used
    await check(keys[0]!)
    expect(createPublicKey).toHaveBeenCalledTimes(65)
    await check(keys[1]!)
    expect(createPublicKey).toHaveBeenCalledTimes(66)
  })

  it('imports the private key for every signature, keeping no seed between calls', async () => {
    const { seed } = await signer(7)
    createPrivateKey.mockClear()
    await nodeCrypto.ed25519Sign(seed, message)
    await nodeCrypto.ed25519Sign(seed, message)
    expect(createPrivateKey).toHaveBeenCalledTimes(2)
  })
})
