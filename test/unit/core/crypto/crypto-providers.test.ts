import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { blake2b } from '@noble/hashes/blake2.js'
import type { CryptoProvider } from '../../../../src/core/crypto/crypto-provider'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { webCrypto, webCryptoHasEd25519 } from '../../../../src/core/crypto/web-crypto'
import { fromHex, toHex, utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const providers: CryptoProvider[] = [nodeCrypto, portableCrypto, webCrypto]

// RFC 8032 section 7.1, TEST 1 and TEST 3.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
]

describe.each(providers)('$name', (crypto) => {
  it('matches the RFC 8032 Ed25519 test vectors', async () => {
    if (crypto === webCrypto && !(await webCryptoHasEd25519())) return
    for (const v of RFC8032) {
      expect(toHex(await crypto.ed25519PublicKey(fromHex(v.seed)))).toBe(v.pub)
      expect(toHex(await crypto.ed25519Sign(fromHex(v.seed), fromHex(v.msg)))).toBe(v.sig)
      expect(await crypto.ed25519Verify(fromHex(v.pub), fromHex(v.msg), fromHex(v.sig))).toBe(true)
      const bad = fromHex(v.sig)
      bad[0] = bad[0]! ^ 1
      expect(await crypto.ed25519Verify(fromHex(v.pub), fromHex(v.msg), bad)).toBe(false)
    }
  })

  it('hashes SHA-256 (FIPS 180-2 "abc") one-shot and streamed', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    expect(toHex(await crypto.sha256(utf8('abc')))).toBe(abc)
    const h = crypto.createSha256()
    h.update(utf8('a'))
    h.update(utf8('bc'))
    expect(toHex(h.digest())).toBe(abc)
  })

  it('rejects keys and signatures of the wrong length instead of throwing', async () => {
    expect(await crypto.ed25519Verify(new Uint8Array(31), utf8('x'), new Uint8Array(64))).toBe(
      false,
    )
    expect(await crypto.ed25519Verify(new Uint8Array(32), utf8('x'), new Uint8Array(63))).toBe(
      false,
    )
  })
})

describe('native and portable providers agree byte for byte', () => {
  it('on random seeds and messages', async () => {
    const webOk = await webCryptoHasEd25519()
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 2048 }),
        async (seed, msg) => {
          const sig = toHex(await portableCrypto.ed25519Sign(seed, msg))
          expect(toHex(await nodeCrypto.ed25519Sign(seed, msg))).toBe(sig)
          if (webOk) expect(toHex(await webCrypto.ed25519Sign(seed, msg))).toBe(sig)
          const pub = await portableCrypto.ed25519PublicKey(seed)
          expect(toHex(await nodeCrypto.ed25519PublicKey(seed))).toBe(toHex(pub))
          expect(toHex(await nodeCrypto.sha256(msg))).toBe(toHex(await portableCrypto.sha256(msg)))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('derive the same scrypt key', async () => {
    const params = { N: 1024, r: 8, p: 1, dkLen: 32 }
    const a = await nodeCrypto.scrypt(utf8('pässword'), utf8('saltsaltsaltsalt'), params)
    const b = await portableCrypto.scrypt(utf8('pässword'), utf8('saltsaltsaltsalt'), params)
    expect(toHex(a)).toBe(toHex(b))
  })

  it('hash BLAKE2b-512 (minisign pre-hash) the same, natively where the platform has it', () => {
    // OpenSSL in Node has BLAKE2b; the tests run in Node, so the native path is the one tested.
    expect(nodeCrypto.blake2b512).toBeDefined()
    // RFC 7693 appendix A: BLAKE2b-512("abc").
    expect(toHex(nodeCrypto.blake2b512!(utf8('abc')))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
        expect(toHex(nodeCrypto.blake2b512!(data))).toBe(toHex(blake2b(data)))
      }),
      { numRuns: 200 },
    )
  })
})
