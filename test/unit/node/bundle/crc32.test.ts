// The zip reader checks CRC-32 with zlib's in Node and with its own table elsewhere; both must
// give the same values, chunk by chunk.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32UpdatePortable } from '../../../../src/core/bundle/zip-container'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrc32Update } from '../../../../src/node/bundle/file-source'

describe('CRC-32', () => {
  it('is registered from zlib in this Node', () => {
    expect(nodeCrc32Update).toBeDefined()
  })

  it.each([
    ['portable', crc32UpdatePortable],
    ['zlib', nodeCrc32Update],
  ])('%s gives the check value of "123456789" (0xCBF43926)', (_name, update) => {
    expect(update(0, utf8('123456789'))).toBe(0xcbf43926)
    expect(update(update(0, utf8('1234')), utf8('56789'))).toBe(0xcbf43926)
  })

  it('is the same from zlib and from the table, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (bytes, cut) => {
        const at = cut % (bytes.length + 1)
        const whole = crc32UpdatePortable(0, bytes)
        expect(nodeCrc32Update(0, bytes)).toBe(whole)
        expect(
          nodeCrc32Update(crc32UpdatePortable(0, bytes.subarray(0, at)), bytes.subarray(at)),
        ).toBe(whole)
      }),
      { numRuns: 500 },
    )
  })
})
