// The file hasher gives the SHA-256 of what it was fed, however the bytes were split, with and
// without the provider's one-call hash.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chunkHasher } from '../../../../src/core/crypto/chunk-hasher'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { toHex } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

describe.each([nodeCrypto, portableCrypto])('chunkHasher with $name', (crypto) => {
  it('hashes one chunk, many chunks or none like a one-shot SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (bytes, cuts) => {
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
          const h = chunkHasher(crypto, bytes.length)
          let from = 0
          for (const to of [...at, bytes.length]) {
            if (to > from) h.update(bytes.subarray(from, to))
            from = to
          }
          expect(h.hex()).toBe(toHex(await crypto.sha256(bytes)))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses bytes after a whole file arrived in one chunk', () => {
    const h = chunkHasher(crypto, 3)
    h.update(new Uint8Array([1, 2, 3]))
    if (crypto.sha256Hex) expect(() => h.update(new Uint8Array([4]))).toThrow(/more than the 3/)
  })
})
