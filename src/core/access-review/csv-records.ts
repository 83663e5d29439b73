// Reading and writing the CSV files of an access review with Papa Parse: every record keeps the
// line it starts on (quoted newlines included) so problems can name it, and every cell written
// for a spreadsheet is neutralised against formula injection.
import Papa from 'papaparse'
import { sniffDelimiter } from '../evidence/csv'

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number
  cells: string[]
}

export interface CsvReadProblem {
  line: number
  code: 'csv.quotes' | 'csv.columns'
  message: string
}

export interface CsvReadResult {
  header: string[]
  headerLine: number
  records: CsvRecord[]
  problems: CsvReadProblem[]
  delimiter: string
}

const countNewlines = (text: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) n++
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++
  }
  return n
}

/**
 * Reads a CSV file with a header row. Blank lines are ignored; a record whose cell count differs
 * from the header, or whose quotes do not close, is reported with its line and left out of
 * `records`, never dropped silently.
 */
export function readCsvRecords(text: string): CsvReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const delimiter = sniffDelimiter(body)
  const records: CsvRecord[] = []
  const problems: CsvReadProblem[] = []
  let header: string[] | null = null
  let headerLine = 0
  let offset = 0
  let line = 1
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const start = offset
      const end = result.meta.cursor
      // Leading line breaks before the record belong to blank lines, not to the record.
      let first = start
      while (first < end && (body[first] === '\n' || body[first] === '\r')) first++
      const recordLine = line + countNewlines(body, start, first)
      line += countNewlines(body, start, end)
      offset = end
      const cells = result.data
      const quoteError = result.errors.find((e) => e.type === 'Quotes')
      if (cells.length === 1 && cells[0] === '' && body.slice(first, end).trim() === '') return
      if (quoteError) {
        problems.push({
          line: recordLine,
          code: 'csv.quotes',
          message: `Line ${recordLine}: a quoted value is not closed (${quoteError.message.toLowerCase()}). Check for a stray double quote in this row or the rows after it.`,
        })
        return
      }
      if (header === null) {
        header = cells.map((c) => c.trim())
        headerLine = recordLine
        return
      }
      if (cells.length !== header.length) {
        problems.push({
          line: recordLine,
          code: 'csv.columns',
          message: `Line ${recordLine}: ${cells.length} values where the header has ${header.length} columns. Fix the row (quote values that contain "${delimiter === '\t' ? 'tab' : delimiter}") and import again.`,
        })
        return
      }
      records.push({ line: recordLine, cells })
    },
  })
  return { header: header ?? [], headerLine, records, problems, delimiter }
}

const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Neutralises a cell against formula injection (CSV injection): a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading apostrophe so spreadsheets show it as text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** Writes rows as RFC 4180 CSV (CRLF line ends, quotes where needed), cells neutralised. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const data = [header, ...rows].map((r) => r.map(neutraliseCell))
  // With one column an empty value would be a blank line, which readers skip: quote it.
  const quotes = header.length === 1 ? (value: unknown) => value === '' : false
  return Papa.unparse(data, { newline: '\r\n', quotes, escapeFormulae: false }) + '\r\n'
}
