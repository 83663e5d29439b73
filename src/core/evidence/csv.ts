// A small RFC 4180 CSV reader for previews: quoted fields, doubled quotes, CR/LF/CRLF line
// ends, newlines inside quotes, and a delimiter sniffed from the first line (comma, semicolon
// or tab). Reads at most `maxRows` rows and says whether it stopped early.

export interface CsvTable {
  rows: string[][]
  delimiter: string
  /** True when the text had more rows than were read (or ended inside a cut-off row). */
  truncated: boolean
}

export function sniffDelimiter(text: string): string {
  let inQuotes = false
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  for (let i = 0; i < text.length && i < 10_000; i++) {
    const c = text[i]!
    if (c === '"') inQuotes = !inQuotes
    else if (!inQuotes && (c === '\n' || c === '\r')) break
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1)
  }
  let best = ','
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d
  return best
}

export function parseCsv(text: string, maxRows = 200, delimiter = sniffDelimiter(text)): CsvTable {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let inQuotes = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    row.push(field)
    field = ''
    rows.push(row)
    row = []
  }
  for (; i < text.length; i++) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else field += c
      continue
    }
    if (c === '"' && field === '') inQuotes = true
    else if (c === delimiter) {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRow()
      if (rows.length >= maxRows) {
        return { rows, delimiter, truncated: i + 1 < text.length }
      }
    } else field += c
  }
  if (field !== '' || row.length > 0) endRow()
  return { rows, delimiter, truncated: false }
}
