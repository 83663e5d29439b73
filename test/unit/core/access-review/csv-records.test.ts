import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { neutraliseCell, readCsvRecords, writeCsv } from '../../../../src/core/access-review'

const cell = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    ',',
    '"',
    '\n',
    '\r\n',
    '=',
    '+',
    '-',
    '@',
    '\t',
    "'",
    'é',
    '|',
  ),
})

describe('readCsvRecords', () => {
  it('gives each record the line it starts on, quoted newlines and blank lines included', () => {
    const text = 'login,notes\r\nann,"two\r\nlines"\r\n\r\nbob,x\r\n'
    const r = readCsvRecords(text)
    expect(r.header).toEqual(['login', 'notes'])
    expect(r.records).toEqual([
      { line: 2, cells: ['ann', 'two\r\nlines'] },
      { line: 5, cells: ['bob', 'x'] },
    ])
    expect(r.problems).toEqual([])
  })

  it('lists rows with the wrong number of values and unclosed quotes with their lines', () => {
    const r = readCsvRecords('a,b\n1,2\n3\n4,5,6\n7,8\n"9,10\n')
    expect(r.records.map((x) => x.line)).toEqual([2, 5])
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'csv.columns'],
      [4, 'csv.columns'],
      [6, 'csv.quotes'],
    ])
    expect(r.problems[0]!.message).toMatch(/^Line 3: 1 values where the header has 2 columns/)
  })

  it('reads semicolon and tab separated files and drops a byte order mark', () => {
    expect(readCsvRecords('\ufeffa;b\n1;2\n').records[0]!.cells).toEqual(['1', '2'])
    expect(readCsvRecords('a\tb\n1\t2\n').header).toEqual(['a', 'b'])
  })
})

describe('line numbers (property)', () => {
  it('match the physical line each record starts on, whatever the quoted line breaks', () => {
    const safe = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ') })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(safe, safe, fc.boolean()), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const q = (v: string) => `"${v.replace(/"/g, '""')}"`
          let text = 'a,b\n'
          const starts: number[] = []
          for (const [x, y, blank] of rows) {
            if (blank) text += '\n'
            starts.push(text.split(/\r\n|\n/).length)
            text += `${q(x)},${q(y)}\n`
          }
          const r = readCsvRecords(text)
          expect(r.problems).toEqual([])
          expect(r.records.map((rec) => rec.line)).toEqual(starts)
          expect(r.records.map((rec) => rec.cells)).toEqual(rows.map(([x, y]) => [x, y]))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('neutraliseCell', () => {
  it('prefixes formula starters with an apostrophe and leaves other text alone', () => {
    for (const v of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(v)).toBe(`'${v}`)
    for (const v of ['', 'admin', "'=quoted", ' =x', '1-2']) expect(neutraliseCell(v)).toBe(v)
  })

  it('never leaves a written cell that starts a formula (property)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), (row) => {
        const out = readCsvRecords(
          writeCsv(
            row.map((_, i) => `h${i}`),
            [row],
          ),
        )
        for (const c of out.records[0]!.cells) expect(/^[=+\-@\t\r]/.test(c)).toBe(false)
      }),
    )
  })
})

describe('writeCsv → readCsvRecords round trip (property)', () => {
  it('returns every cell, neutralised, in its row and column', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) =>
            fc.tuple(
              fc.constant(w),
              fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 6 }),
            ),
          ),
        ([width, rows]) => {
          const header = Array.from({ length: width }, (_, i) => `col${i}`)
          const text = writeCsv(header, rows)
          const back = readCsvRecords(text)
          expect(back.problems).toEqual([])
          expect(back.header).toEqual(header)
          expect(back.records.map((r) => r.cells)).toEqual(rows.map((r) => r.map(neutraliseCell)))
        },
      ),
      { numRuns: 300 },
    )
  })
})
