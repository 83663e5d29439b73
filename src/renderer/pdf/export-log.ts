// Recording a document export in the workspace's audit log: the packet PDF, the deck PDF and
// the release notes (PDF or Markdown). Called only after the file was saved, so a cancelled or
// refused save logs nothing. The entry names what was exported (packet id, deck id), the file
// name the person chose, and the file's SHA-256 and size (and pages for a PDF), so a PDF that
// turns up later can be matched to the export that made it.
import type { AuditEvent } from '../../core/audit/audit-event'
import { logEvent } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { sha256Hex } from '../packets/packet-store'

export type ExportedDocument = 'packet-pdf' | 'deck-pdf' | 'release-notes-pdf' | 'release-notes-md'

/** The number of pages of a PDF made by this app (read with pdf-lib, loaded on first use). */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const { PDFDocument } = await import('pdf-lib')
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  return doc.getPageCount()
}

/** The audit event of a saved export (pure, for tests). */
export function exportEvent(input: {
  document: ExportedDocument
  actor: string
  fileName: string
  sha256: string
  bytes: number
  pages?: number
  packetId?: string
  deckId?: string
  /** e.g. "draft" or "bundle" for a packet PDF. */
  source?: string
  time: string
}): AuditEvent {
  return {
    action: input.document === 'release-notes-md' ? 'notes.exported' : 'pdf.exported',
    actor: input.actor,
    time: input.time,
    ...(input.packetId ? { packetId: input.packetId } : {}),
    subject: input.fileName,
    details: {
      document: input.document,
      file: input.fileName,
      sha256: input.sha256,
      bytes: input.bytes,
      ...(input.pages !== undefined ? { pages: input.pages } : {}),
      ...(input.deckId ? { deckId: input.deckId } : {}),
      ...(input.source ? { source: input.source } : {}),
    },
  }
}

/** Logs a saved export; returns the entry's index. */
export async function logExport(
  db: WorkspaceDb,
  input: {
    document: ExportedDocument
    actor: string
    fileName: string
    data: Uint8Array
    packetId?: string
    deckId?: string
    source?: string
    now?: Date
  },
): Promise<number> {
  const { data, now, ...rest } = input
  const sha256 = await sha256Hex(data)
  const pages = input.document === 'release-notes-md' ? undefined : await pdfPageCount(data)
  const event = exportEvent({
    ...rest,
    sha256,
    bytes: data.length,
    ...(pages !== undefined ? { pages } : {}),
    time: (now ?? new Date()).toISOString(),
  })
  return db.transaction('rw', db.auditEntries, () => logEvent(db, event))
}
