import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  assertCanonicalizable,
  canonicalize,
  parseJsonScanning,
  parseJsonStrict,
} from '../../../../src/core/json/canonical-json'

describe('canonicalize (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops insignificant whitespace', () => {
    // RFC 8785 section 3.2.3 sorting example, reduced.
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\ud83d\ude00': 'Emoji',
      '\u0080': 'Control',
      '\u00f6': 'Latin',
    }
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji","\ufb33":"Hebrew"}',
    )
  })

  it('serialises numbers as ECMAScript does (RFC 8785 appendix B samples)', () => {
    expect(canonicalize([1e-7, 333333333.3333333, 0.000001, 100, 4.5, 2e-3, 1.5e300 / 1e300])).toBe(
      '[1e-7,333333333.3333333,0.000001,100,4.5,0.002,1.5]',
    )
  })

  // The RFC's example also holds 1e30: an integer beyond 2^53, which we refuse (see below).
  it('matches the RFC 8785 section 3.2.2 example, less its 1e30', () => {
    const value = {
      // eslint-disable-next-line no-loss-of-precision -- the RFC input is deliberately over-precise
      numbers: [333333333.33333329, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    }
    expect(canonicalize(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    )
  })

  it.each([
    ['-0', -0],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['an unsafe integer', 2 ** 53],
    ['an integer-valued float beyond 2^53', 1e21],
    ['a lone surrogate', 'a\ud800b'],
    ['a function', () => 1],
    ['a Date', new Date(0)],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalize({ v: value })).toThrow(/at \$\.v/)
  })

  it('checks without writing exactly as it writes: the same values refused, the same error', () => {
    const odd = fc.oneof(
      fc.constantFrom(-0, NaN, Infinity, 2 ** 53, '\ud800', 'a\udc00', undefined),
      fc.constant(new Date(0)),
      fc.constant(() => 1),
    )
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        odd,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 3, unit: 'binary' }), tie('v'), { maxKeys: 4 }),
      ),
    })).v
    fc.assert(
      fc.property(value, (v) => {
        const result = (f: () => unknown) => {
          try {
            f()
            return 'ok'
          } catch (e) {
            return (e as Error).message
          }
        }
        expect(result(() => assertCanonicalizable(v))).toBe(result(() => canonicalize(v)))
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips any JSON value through the strict parser unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (v) => {
        let text: string
        try {
          text = canonicalize(v)
        } catch {
          return // values the canonical form refuses (e.g. -0) are covered above
        }
        expect(canonicalize(parseJsonStrict(text))).toBe(text)
      }),
    )
  })
})

describe('parseJsonStrict', () => {
  it('rejects duplicate keys, even nested', () => {
    expect(() => parseJsonStrict('{"a":1,"b":{"c":1,"c":2}}')).toThrow(/duplicate key "c"/)
  })
  it('rejects integers that would lose precision', () => {
    expect(() => parseJsonStrict('{"n":9007199254740993}')).toThrow(/beyond 2\^53/)
  })
  it('rejects lone surrogates written as escapes', () => {
    expect(() => parseJsonStrict('"\\ud800"')).toThrow(/surrogate/)
  })
  it('rejects trailing garbage, comments and single quotes', () => {
    for (const bad of ['{} x', '{"a":1,}', "{'a':1}", '[1,]', '01', '{"a":1 /*c*/}', '']) {
      expect(() => parseJsonStrict(bad)).toThrow()
    }
  })
  it('keeps __proto__ as an ordinary key', () => {
    const v = parseJsonStrict('{"__proto__":{"x":1}}') as Record<string, unknown>
    expect(Object.keys(v)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
  it('rejects pathological nesting instead of overflowing the stack', () => {
    expect(() => parseJsonStrict('['.repeat(10000) + ']'.repeat(10000))).toThrow(/too deep/)
  })
})

// parseJsonStrict reads canonical text with JSON.parse and checks it by re-serialising; anything
// else goes to the scanning parser. Both must give the same value or the same refusal.
describe('parseJsonStrict fast path', () => {
  const outcome = (parse: (t: string) => unknown, text: string) => {
    try {
      return { value: canonicalize(parse(text)) }
    } catch (e) {
      return { error: (e as Error).message }
    }
  }
  const agree = (text: string) =>
    expect(outcome(parseJsonStrict, text)).toEqual(outcome(parseJsonScanning, text))

  it('agrees with the scanning parser on canonical text and on every small edit of it', () => {
    const edits = fc.oneof(
      fc.record({ kind: fc.constant('insert'), at: fc.nat(), text: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(), text: fc.constant('') }),
      fc.record({
        kind: fc.constant('replace'),
        at: fc.nat(),
        text: fc.constantFrom('"', ',', ':', '{', '}', '[', ']', '\\', '-0', ' ', '\n', 'é'),
      }),
    )
    fc.assert(
      fc.property(
        fc.jsonValue({ noUnicodeString: false }).filter((v) => typeof v === 'object'),
        fc.array(edits, { maxLength: 2 }),
        (v, changes) => {
          let text: string
          try {
            text = canonicalize(v)
          } catch {
            return
          }
          agree(text)
          for (const c of changes) {
            const at = c.at % (text.length + 1)
            text = text.slice(0, at) + c.text + text.slice(c.kind === 'insert' ? at : at + 1)
          }
          agree(text)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it.each([
    ['a duplicate key in canonical spelling', '{"a":1,"a":2}'],
    ['a lone surrogate escape', '{"a":"\\ud800"}'],
    ['an escaped surrogate pair', '["\\ud83d\\ude00"]'],
    ['an escaped backslash before "ud800"', '{"a":"\\\\ud800"}'],
    ['integer-like keys, which objects keep in numeric order', '{"10":1,"9":2}'],
    ['2^53, an unsafe integer JSON.stringify writes back unchanged', '[9007199254740992]'],
    ['a large number with an exponent', '[1e+21]'],
    ['an integer beyond 2^53', '[9007199254740993]'],
    ['minus zero', '[-0]'],
    ['a non-shortest number', '[1.50]'],
    ['keys out of order', '{"b":1,"a":2}'],
    ['trailing white space', '{"a":[1,2]} \n\t'],
    ['trailing non-JSON white space', '{"a":1}\u00a0'],
    ['256 nested arrays', `${'['.repeat(256)}${']'.repeat(256)}`],
    ['257 nested arrays', `${'['.repeat(257)}${']'.repeat(257)}`],
    ['258 nested arrays', `${'['.repeat(258)}${']'.repeat(258)}`],
    ['257 nested arrays around a value', `${'['.repeat(257)}1${']'.repeat(257)}`],
  ])('agrees on %s', (_name, text) => agree(text))
})
