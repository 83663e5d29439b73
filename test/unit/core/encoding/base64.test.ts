// fromBase64 is a hand-written strict decoder; @scure/base's decoder, equally strict but slower,
// is the reference it must agree with on every input.
import { base64 } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64, toHex } from '../../../../src/core/encoding/bytes'

const reference = (text: string) => {
  try {
    return toHex(base64.decode(text))
  } catch {
    return 'refused'
  }
}
const ours = (text: string) => {
  try {
    return toHex(fromBase64(text))
  } catch {
    return 'refused'
  }
}

describe('fromBase64', () => {
  it('decodes what toBase64 encodes, for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(fromBase64(toBase64(bytes)))).toBe(toHex(bytes))
      }),
      { numRuns: 1000 },
    )
  })

  it('accepts and refuses exactly what the reference decoder does', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    const chars = fc.constantFrom(...alphabet, '=', '-', '_', ' ', '\n', 'é', '\0')
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 16 }), (cs) => {
        const text = cs.join('')
        expect(ours(text)).toBe(reference(text))
      }),
      { numRuns: 5000 },
    )
    // Edits of valid encodings reach the padding rules more often than random text does.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.nat(), chars, (bytes, at, c) => {
        const text = toBase64(bytes)
        const i = at % (text.length + 1)
        const edited = text.slice(0, i) + c + text.slice(i + 1)
        expect(ours(edited)).toBe(reference(edited))
      }),
      { numRuns: 5000 },
    )
  })

  it.each(['QQ', 'QQ=', 'QR==', 'QUI=', 'QUJ=', '====', 'QUJD\n', ' QUJD', 'QU=D', 'QUJD===='])(
    'gives %j the reference verdict',
    (text) => expect(ours(text)).toBe(reference(text)),
  )
})
