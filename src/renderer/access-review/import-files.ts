// The files of a new campaign between choosing them and creating the campaign: each is read
// once (header, detected format, suggested mapping), then every file is imported with its
// confirmed mapping so the person sees each malformed row with its line before anything is
// stored. Plain functions over the file texts, so they are tested without a browser.
import {
  detectFormat,
  importAwsCredentialReport,
  importGenericGrants,
  importHrRoster,
  readCsvRecords,
  rosterIndex,
  suggestMapping,
  type ColumnMapping,
  type Employee,
  type Grant,
  type ImportProblem,
  type MappingProblem,
  type ReviewType,
  type SourceFormat,
} from '../../core/access-review'
import type { ImportedFile } from './review-store'

export const FORMAT_LABELS: Record<SourceFormat, string> = {
  generic: 'Generic who-has-what',
  'aws-iam-credential-report': 'AWS IAM credential report',
  'hr-roster': 'HR roster',
}

export interface StagedFile {
  /** Unique within the form. */
  key: string
  fileName: string
  file: Blob
  text: string
  header: string[]
  format: SourceFormat
  /** The name the column mapping is remembered under. */
  source: string
  mapping: ColumnMapping
  /** When the file was extracted from its system (ISO); defaults to the file's modification time. */
  extractedAt: string
  /** True when the mapping came from one remembered for this source. */
  remembered: boolean
}

/** "Okta export 2026-11.csv" → "okta export 2026-11" (the default source name). */
export const defaultSource = (fileName: string): string =>
  fileName
    .replace(/\.[^.]*$/, '')
    .trim()
    .toLowerCase() || fileName

/** Reads a chosen file's header and proposes its format and mapping. */
export async function stageFile(
  key: string,
  fileName: string,
  file: Blob,
  text: string,
  lastModified: number,
  remembered: (format: SourceFormat, source: string) => Promise<ColumnMapping | undefined>,
): Promise<StagedFile> {
  const { header } = readCsvRecords(firstLines(text))
  const format = detectFormat(header)
  const source = defaultSource(fileName)
  const kept = await remembered(format, source)
  return {
    key,
    fileName,
    file,
    text,
    header,
    format,
    source,
    mapping: suggestMapping(format, header, kept),
    extractedAt: new Date(lastModified).toISOString(),
    remembered: kept !== undefined,
  }
}

/** Enough of a text to read its header (a quoted header cell may hold a line break). */
function firstLines(text: string): string {
  const end = text.indexOf('\n', 0)
  if (end < 0) return text
  // Up to a few lines: the parser reads the first complete record as the header.
  let cut = end
  for (let i = 0; i < 4 && cut >= 0 && cut < 64 * 1024; i++) cut = text.indexOf('\n', cut + 1)
  return cut < 0 ? text : text.slice(0, cut)
}

export interface FileAnalysis {
  key: string
  fileName: string
  format: SourceFormat
  rowCount: number
  grantCount: number
  problems: ImportProblem[]
  mappingProblems: MappingProblem[]
}

export interface Analysis {
  grants: Grant[]
  employees?: Employee[]
  files: FileAnalysis[]
  /** Problems that stop the campaign from being created (wrong mappings, missing files). */
  blocking: string[]
  /** Malformed or duplicate rows, over all files (the campaign can start without them). */
  rowProblems: number
}

/**
 * Imports every staged file with its mapping. A grant repeated from an earlier file is a
 * problem of the later file's line, like a repeat within one file.
 */
export function analyseFiles(files: readonly StagedFile[], type: ReviewType): Analysis {
  const grants: Grant[] = []
  const out: FileAnalysis[] = []
  const blocking: string[] = []
  let employees: Employee[] | undefined
  const seen = new Map<string, { file: string; line: number }>()
  const rosters = files.filter((f) => f.format === 'hr-roster')
  if (files.length === rosters.length)
    blocking.push(
      'Add at least one who-has-what file (generic or AWS IAM credential report); a roster alone has no grants to review.',
    )
  if (rosters.length > 1)
    blocking.push(
      `Add only one HR roster; ${rosters.map((r) => r.fileName).join(' and ')} are both rosters. Remove one.`,
    )
  if (type === 'exit' && rosters.length === 0)
    blocking.push('An exit review needs the HR roster: add it so orphaned accounts can be found.')
  for (const f of files) {
    if (f.format === 'hr-roster') {
      const r = importHrRoster(f.text, f.mapping)
      employees = r.employees
      out.push({
        key: f.key,
        fileName: f.fileName,
        format: f.format,
        rowCount: r.rowCount,
        grantCount: 0,
        problems: r.problems,
        mappingProblems: r.mappingProblems,
      })
    } else {
      const r =
        f.format === 'generic'
          ? importGenericGrants(f.text, f.mapping)
          : importAwsCredentialReport(f.text)
      const problems = [...r.problems]
      let count = 0
      for (const g of r.grants) {
        const earlier = seen.get(g.key)
        if (earlier) {
          problems.push({
            line: g.line,
            code: 'row.duplicate',
            message: `Line ${g.line}: ${g.login} already has "${g.entitlement}" in ${g.application} (${earlier.file}, line ${earlier.line}). Remove the duplicate so each grant is reviewed once.`,
          })
          continue
        }
        seen.set(g.key, { file: f.fileName, line: g.line })
        grants.push(g)
        count++
      }
      problems.sort((a, b) => a.line - b.line)
      out.push({
        key: f.key,
        fileName: f.fileName,
        format: f.format,
        rowCount: r.rowCount,
        grantCount: count,
        problems,
        mappingProblems: r.mappingProblems,
      })
    }
  }
  for (const f of out)
    if (f.mappingProblems.length > 0)
      blocking.push(
        `${f.fileName}: ${f.mappingProblems.length === 1 ? 'the column mapping has a problem' : `the column mapping has ${f.mappingProblems.length} problems`}; fix it below.`,
      )
  if (blocking.length === 0 && grants.length === 0)
    blocking.push('The files hold no grant that could be imported; fix the rows listed below.')
  return {
    grants,
    ...(employees ? { employees } : {}),
    files: out,
    blocking,
    rowProblems: out.reduce((n, f) => n + f.problems.length, 0),
  }
}

/** The imported files as createCampaign stores them (digests in the order of `files`). */
export function importedFiles(
  files: readonly StagedFile[],
  analysis: Analysis,
  digests: readonly string[],
): ImportedFile[] {
  return files.map((f, i) => {
    const a = analysis.files.find((x) => x.key === f.key)!
    return {
      file: f.file,
      fileName: f.fileName,
      sha256: digests[i]!,
      input: {
        format: f.format,
        source: f.source.trim() || defaultSource(f.fileName),
        mapping: f.mapping,
        rowCount: a.rowCount,
        grantCount: a.grantCount,
        problems: a.problems.map((p) => ({ line: p.line, message: p.message })),
        extractedAt: f.extractedAt,
      },
    }
  })
}

/** The roster lookup for the risk flags, when a roster was imported. */
export const flagContextOf = (analysis: Analysis) =>
  analysis.employees ? { findEmployee: rosterIndex(analysis.employees) } : {}

/** A new campaign's id: the date and a random part, readable in URLs and audit entries. */
export function newCampaignId(now: Date = new Date()): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
  return `review-${now.toISOString().slice(0, 10)}-${random}`
}
