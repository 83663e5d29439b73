import { describe, expect, it } from 'vitest'
import { parseCsv, sniffDelimiter } from '../../../../src/core/evidence/csv'
import { formatBytes, guessMimeType, previewKind } from '../../../../src/core/evidence/file-type'

describe('CSV for previews', () => {
  it('parses quotes, doubled quotes, newlines in quotes and CRLF', () => {
    const t = parseCsv('a,"b, c","say ""hi"""\r\n1,"two\nlines",3\r\n')
    expect(t.rows).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ])
    expect(t.truncated).toBe(false)
  })

  it('sniffs semicolons and tabs, skips a BOM, and stops at maxRows', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';')
    expect(parseCsv('\ufeffx\ty\n1\t2').rows).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ])
    const t = parseCsv('1\n2\n3\n4\n', 2)
    expect(t.rows).toEqual([['1'], ['2']])
    expect(t.truncated).toBe(true)
  })
})

describe('file types', () => {
  it('guesses MIME types from the extension before the platform', () => {
    expect(guessMimeType('report.PDF', '')).toBe('application/pdf')
    expect(guessMimeType('x.unknown', 'Application/X-Thing')).toBe('application/x-thing')
    expect(guessMimeType('x.unknown', 'bad type')).toBe('application/octet-stream')
  })

  it('previews only what it knows how to show', () => {
    expect(previewKind('image/svg+xml')).toBe('image')
    expect(previewKind('text/html')).toBe('html')
    expect(previewKind('application/zip')).toBe('none')
    expect(formatBytes(999)).toBe('999 bytes')
    expect(formatBytes(2_100_000_000)).toBe('2.1 GB')
  })
})
