// The preview of one evidence item, by type: images (object URL), PDF (pdf.js on a canvas),
// CSV/TSV (the first rows as a table), JSON (pretty), text, and HTML (sanitised, in a sandboxed
// frame with no scripts and no network). Only the first part of a large text file is read.
import { useEffect, useRef, useState } from 'react'
import {
  looksLikeSweepReport,
  parseSweepReport,
  SweepReportError,
} from '../../core/a11y/parse-report'
import type { SweepReport } from '../../core/a11y/sweep-report'
import {
  A11yReviewFileError,
  looksLikeReviewRecord,
  parseReviewDocumentBytes,
  type A11yReviewDocument,
} from '../../core/a11y/review-record-file'
import { parseCsv } from '../../core/evidence/csv'
import { formatBytes, previewKind } from '../../core/evidence/file-type'
import type { EvidenceRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { getEvidenceBlob } from './evidence-store'
import { HTML_PREVIEW_BYTES, sanitizePreviewHtml, type SafeHtml } from './html-preview'
import type { PdfHandle } from './pdf-render'
import { A11yReportView } from '../a11y/A11yReportView'
import { A11yReviewRecordView } from '../a11y/A11yReviewRecordView'
import '../a11y/a11y.css'

const TEXT_PREVIEW_BYTES = 256 * 1024
const CSV_PREVIEW_BYTES = 512 * 1024
const CSV_PREVIEW_ROWS = 100
const JSON_PRETTY_BYTES = 2 * 1024 * 1024
const PDF_PREVIEW_BYTES = 100 * 1024 * 1024
/** Sweep reports carry PNG crops, so they may be larger than JSON shown as text. */
const A11Y_REPORT_BYTES = 64 * 1024 * 1024

type Loaded =
  | { type: 'loading' }
  | { type: 'missing' }
  | { type: 'failed'; message: string }
  | { type: 'none' }
  | { type: 'image'; url: string }
  | { type: 'text'; text: string; cut: boolean; note?: string }
  | { type: 'csv'; rows: string[][]; cut: boolean }
  | { type: 'html'; safe: SafeHtml; cut: boolean }
  | { type: 'pdf'; data: Uint8Array }
  | { type: 'too-big'; limit: number }
  | { type: 'a11y'; report: SweepReport }
  | { type: 'a11y-review'; doc: A11yReviewDocument }

async function load(record: EvidenceRecord, blob: Blob): Promise<Loaded> {
  const kind = previewKind(record.mimeType)
  switch (kind) {
    case 'none':
      return { type: 'none' }
    case 'image':
      return { type: 'image', url: URL.createObjectURL(blob) }
    case 'pdf':
      if (blob.size > PDF_PREVIEW_BYTES) return { type: 'too-big', limit: PDF_PREVIEW_BYTES }
      return { type: 'pdf', data: new Uint8Array(await blob.arrayBuffer()) }
    case 'csv': {
      const text = await blob.slice(0, CSV_PREVIEW_BYTES).text()
      const table = parseCsv(
        text,
        CSV_PREVIEW_ROWS + 1,
        record.mimeType === 'text/tab-separated-values' ? '\t' : undefined,
      )
      return {
        type: 'csv',
        rows: table.rows,
        cut: table.truncated || blob.size > CSV_PREVIEW_BYTES,
      }
    }
    case 'json': {
      // An accessibility sweep report (evw a11y --out) is shown as a readable report.
      if (looksLikeSweepReport(await blob.slice(0, 200).text())) {
        if (blob.size > A11Y_REPORT_BYTES) return { type: 'too-big', limit: A11Y_REPORT_BYTES }
        try {
          return { type: 'a11y', report: parseSweepReport(await blob.text()) }
        } catch (e) {
          if (!(e instanceof SweepReportError)) throw e
          return {
            type: 'text',
            text: await blob.slice(0, TEXT_PREVIEW_BYTES).text(),
            cut: blob.size > TEXT_PREVIEW_BYTES,
            note: `This looks like an accessibility sweep report but cannot be read as one (${e.message}); shown as text. Sweep again with "evw a11y --out".`,
          }
        }
      }
      // An accessibility review record (evw-a11y-review/1): status and each item's trail.
      if (
        looksLikeReviewRecord(await blob.slice(0, 1024).text()) &&
        blob.size <= JSON_PRETTY_BYTES
      ) {
        try {
          return {
            type: 'a11y-review',
            doc: parseReviewDocumentBytes(new Uint8Array(await blob.arrayBuffer())),
          }
        } catch (e) {
          if (!(e instanceof A11yReviewFileError)) throw e
          return {
            type: 'text',
            text: await blob.slice(0, TEXT_PREVIEW_BYTES).text(),
            cut: blob.size > TEXT_PREVIEW_BYTES,
            note: `This looks like an accessibility review record but cannot be read as one (${e.message}); shown as text. Add the review to the evidence library again from its sweep report.`,
          }
        }
      }
      if (blob.size <= JSON_PRETTY_BYTES) {
        const text = await blob.text()
        try {
          return { type: 'text', text: JSON.stringify(JSON.parse(text), null, 2), cut: false }
        } catch {
          return {
            type: 'text',
            text,
            cut: false,
            note: 'This file is not valid JSON; shown as text.',
          }
        }
      }
      const text = await blob.slice(0, TEXT_PREVIEW_BYTES).text()
      return {
        type: 'text',
        text,
        cut: true,
        note: 'Large JSON is shown as text, not reformatted.',
      }
    }
    case 'html': {
      const text = await blob.slice(0, HTML_PREVIEW_BYTES).text()
      return { type: 'html', safe: sanitizePreviewHtml(text), cut: blob.size > HTML_PREVIEW_BYTES }
    }
    case 'text': {
      const text = await blob.slice(0, TEXT_PREVIEW_BYTES).text()
      return { type: 'text', text, cut: blob.size > TEXT_PREVIEW_BYTES }
    }
  }
}

function PdfPreview({ data, title }: { data: Uint8Array; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [pdf, setPdf] = useState<PdfHandle>()
  const [page, setPage] = useState(1)
  const [error, setError] = useState<string>()

  useEffect(() => {
    let live = true
    let handle: PdfHandle | undefined
    import('./pdf-render')
      .then(({ openPdf }) => openPdf(data.slice()))
      .then(
        (h) => {
          handle = h
          if (live) setPdf(h)
          else void h.destroy()
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      )
    return () => {
      live = false
      void handle?.destroy()
    }
  }, [data])

  useEffect(() => {
    if (!pdf || !canvas.current) return
    const width = Math.min(canvas.current.parentElement?.clientWidth ?? 600, 900)
    pdf.render(page, canvas.current, width).catch((e: unknown) => setError(String(e)))
  }, [pdf, page])

  if (error) return <p className="field-error">This PDF could not be shown: {error}</p>
  if (!pdf) return <p className="muted">Opening the PDF…</p>
  return (
    <div className="evidence-pdf">
      <div className="evidence-pdf-nav">
        <button
          type="button"
          className="button"
          onClick={() => setPage((p) => Math.max(1, p - 1))}
          disabled={page <= 1}
        >
          Previous page
        </button>
        <span aria-live="polite">
          Page {page} of {pdf.pages}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => setPage((p) => Math.min(pdf.pages, p + 1))}
          disabled={page >= pdf.pages}
        >
          Next page
        </button>
      </div>
      <canvas ref={canvas} role="img" aria-label={`Page ${page} of ${title}`} />
    </div>
  )
}

function removedSummary(removed: Record<string, number>): string {
  const parts = Object.entries(removed).map(([what, n]) => `${n} ${what}${n === 1 ? '' : 's'}`)
  return parts.length ? `Removed before showing: ${parts.join(', ')}.` : ''
}

export function EvidencePreview({
  db,
  record,
  onListed,
}: {
  db: WorkspaceDb
  record: EvidenceRecord
  /** An item the preview added to the library (an accessibility review record). */
  onListed?: (record: EvidenceRecord) => void
}) {
  const [loaded, setLoaded] = useState<Loaded>({ type: 'loading' })

  useEffect(() => {
    let live = true
    let url: string | undefined
    setLoaded({ type: 'loading' })
    getEvidenceBlob(db, record.sha256)
      .then((blob) => (blob ? load(record, blob) : ({ type: 'missing' } as const)))
      .then(
        (l) => {
          if (l.type === 'image') url = l.url
          if (live) setLoaded(l)
          else if (url) URL.revokeObjectURL(url)
        },
        (e: unknown) =>
          live &&
          setLoaded({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
      )
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [db, record])

  const label = `Preview of ${record.title}`
  switch (loaded.type) {
    case 'loading':
      return <p className="muted">Loading the preview…</p>
    case 'missing':
      return (
        <p className="field-error">
          The file&rsquo;s bytes are missing from this workspace; only its record is left.
        </p>
      )
    case 'failed':
      return <p className="field-error">The preview could not be loaded: {loaded.message}</p>
    case 'none':
      return (
        <p className="muted">
          No preview for this type of file ({record.mimeType}). Its hash and details are below.
        </p>
      )
    case 'too-big':
      return (
        <p className="muted">
          This file is larger than {formatBytes(loaded.limit)}, too large to preview here.
        </p>
      )
    case 'image':
      return (
        <div className="evidence-image">
          <img src={loaded.url} alt={label} />
        </div>
      )
    case 'pdf':
      return <PdfPreview data={loaded.data} title={record.title} />
    case 'a11y':
      return (
        <A11yReportView
          report={loaded.report}
          source={{ db, sha256: record.sha256, title: record.title, onListed }}
        />
      )
    case 'a11y-review':
      return <A11yReviewRecordView doc={loaded.doc} />
    case 'text':
      return (
        <>
          {loaded.note ? <p className="muted small">{loaded.note}</p> : null}
          <pre className="evidence-text" tabIndex={0} aria-label={label}>
            {loaded.text}
          </pre>
          {loaded.cut ? <p className="muted small">Only the start of the file is shown.</p> : null}
        </>
      )
    case 'csv': {
      const [head, ...body] = loaded.rows
      const width = Math.max(0, ...loaded.rows.map((r) => r.length))
      const cols = Array.from({ length: width }, (_, i) => i)
      return (
        <>
          <div className="table-scroll evidence-csv" tabIndex={0} role="region" aria-label={label}>
            <table>
              <caption className="visually-hidden">
                {label}: the first {body.length} rows
              </caption>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th key={c} scope="col">
                      {head?.[c] ?? ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {body.map((row, i) => (
                  <tr key={i}>
                    {cols.map((c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            {loaded.cut
              ? `The first ${body.length} rows are shown.`
              : `${body.length} ${body.length === 1 ? 'row' : 'rows'}.`}
          </p>
        </>
      )
    }
    case 'html': {
      const summary = removedSummary(loaded.safe.removed)
      return (
        <>
          <p className="evidence-safe-note small">
            Shown without scripts, styles or network access. {summary}
          </p>
          <iframe
            className="evidence-html"
            title={`${label} (scripts and remote content blocked)`}
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={loaded.safe.document}
          />
          {loaded.cut ? <p className="muted small">Only the start of the file is shown.</p> : null}
        </>
      )
    }
  }
}
