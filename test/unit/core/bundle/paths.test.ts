// Bundle path rules, checked against the rules as docs/bundle-format.md states them, on names
// built from the characters that matter (the check has a fast path for plain ASCII names).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_PATH_LENGTH, unsafePathReason } from '../../../../src/core/bundle/paths'

function expectedReason(name: string): string | undefined {
  const segments = name.split('/')
  if (name.length === 0) return 'empty name'
  if (name.length > MAX_PATH_LENGTH) return `name longer than ${MAX_PATH_LENGTH} characters`
  for (const ch of name) {
    const c = ch.codePointAt(0)!
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'control character in name'
  }
  if (name.includes('\\')) return 'backslash in name'
  if (name.startsWith('/')) return 'absolute path'
  if (/^[A-Za-z]:/.test(name)) return 'drive-letter path'
  if (segments.includes('..')) return 'parent directory ("..") in path'
  if (segments.includes('.') || segments.includes('')) return 'empty or "." path segment'
  if (name !== name.normalize('NFC')) return 'name is not in Unicode NFC form'
  return undefined
}

describe('unsafePathReason', () => {
  it('follows the documented rules on any name', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      'z9',
      '.',
      '..',
      '/',
      '\\',
      ':',
      'C:',
      ' ',
      '~',
      '\u0000',
      '\u007f',
      '\u0085',
      'é',
      'e\u0301',
      '\u{1f600}',
      '-',
      '_',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const name = pieces.join('')
        expect(unsafePathReason(name)).toBe(expectedReason(name))
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    'files/a.pdf',
    'files/sub dir/report (final).csv',
    'files/.hidden',
    'files/..a',
    'files/a..',
    '...',
    'files/a/./b',
    'files/a/../b',
    'files//a',
    'files/a/',
    '/files/a',
    'c:/a',
    'a'.repeat(MAX_PATH_LENGTH),
    'a'.repeat(MAX_PATH_LENGTH + 1),
  ])('judges %j as documented', (name) => {
    expect(unsafePathReason(name)).toBe(expectedReason(name))
  })
})
