import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalize, parseJsonStrict } from '../../../../src/core/json/canonical-json'

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
