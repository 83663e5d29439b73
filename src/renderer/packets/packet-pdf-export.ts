// "Export PDF…" on the packet editor. A packed revision renders from its stored bundle, checked
// first against the workspace keyring (the cover states the verdict), with its sign-offs, the
// audit-log excerpt and the evidence attached. A draft renders from the record, marked DRAFT
// and unsigned on the cover and in every page's header. The PDF module and fonts load on first
// use; the render runs in a Web Worker and Cancel ends it. A saved export is logged
// (`pdf.exported`, with the file's SHA-256, size and pages); a cancelled or refused one is not.
import { blobFile, type Host } from '../../core/host/host-api'
import { FILES_DIR } from '../../core/bundle/layout'
import { evidenceEntries, packetPredicate } from '../../core/bundle/pack-bundle'
import { bundleDocument, bundleFileName } from '../../core/packets/packet-bundle'
import type { PdfStatus } from '../../core/pdf/packet-pdf-input'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { PacketRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { platformCrypto } from '../host/platform-crypto'
import { logExport } from '../pdf/export-log'
import { PdfRenderCancelled, renderPacketPdfInWorker } from '../pdf/render-in-worker'
import type { RenderRequest } from '../pdf/packet-pdf-messages'
import { runVerification } from '../verify/run-verification'
import { loadWorkspaceKeyring } from '../verify/workspace-keyring'
import { evidenceBySha } from './packet-store'

export type PdfExportPhase =
  | 'Loading the PDF fonts'
  | 'Checking the signed bundle'
  | 'Reading the packet and its evidence'
  | 'Laying out the pages'
  | 'Saving'

export type PdfExportOutcome =
  | { kind: 'saved'; name: string; bytes: number; from: 'bundle' | 'draft'; verdict?: string }
  | { kind: 'not-saved' }
  | { kind: 'cancelled' }

export const draftStatus = (packet: Pick<PacketRecord, 'status' | 'revision'>): PdfStatus => ({
  label: `DRAFT, unsigned (${packet.status})`,
  detail: `A working copy of revision ${packet.revision}, made from the workspace record. Nobody has signed it and its content may still change: do not rely on it as a signed record.`,
  tone: 'bad',
})

/** The file name: `<packet id>-r<revision>.pdf`, with `-draft` when nothing signs it. */
export const pdfFileName = (packet: Pick<PacketRecord, 'id' | 'revision'>, draft: boolean) =>
  bundleFileName(packet).replace(/\.evb$/, draft ? '-draft.pdf' : '.pdf')

export async function buildPdfRequest(
  db: WorkspaceDb,
  packet: PacketRecord,
  template: PacketTemplate,
  options: {
    signal: AbortSignal
    onPhase: (p: PdfExportPhase) => void
    now?: Date
    fonts?: () => Promise<RenderRequest['fonts']>
  },
): Promise<{ request: RenderRequest; from: 'bundle' | 'draft'; verdict?: string }> {
  const { signal, onPhase } = options
  onPhase('Loading the PDF fonts')
  const fonts = await (options.fonts
    ? options.fonts()
    : import('../pdf/pdf-fonts-loader').then((m) => m.loadPdfFonts(signal)))
  signal.throwIfAborted()
  const stored = await db.packetBundles.get([packet.id, packet.revision])
  if (stored) {
    onPhase('Checking the signed bundle')
    const file = blobFile(bundleFileName(packet), stored.data)
    const report = await runVerification({
      bundle: file,
      keyring: await loadWorkspaceKeyring(db),
      signal,
      onProgress: () => undefined,
    })
    signal.throwIfAborted()
    onPhase('Reading the packet and its evidence')
    const { readBundleForPdf, inputFromBundle } = await import('../../core/pdf/packet-pdf-input')
    const read = await readBundleForPdf(file.source, await platformCrypto())
    if (!read.predicate) throw new Error(`The stored bundle cannot be rendered: ${read.problem}.`)
    const input = inputFromBundle(
      { ...read, predicate: read.predicate },
      { report, keyringName: 'of this workspace', template },
    )
    const { evidence: _fn, ...rest } = input
    return {
      request: { ...rest, fonts, evidence: [...read.evidence] },
      from: 'bundle',
      verdict: input.status.label,
    }
  }
  onPhase('Reading the packet and its evidence')
  const records = await evidenceBySha(
    db,
    packet.evidence.map((l) => l.sha256),
  )
  const doc = bundleDocument(packet, records)
  const evidence: [string, Uint8Array][] = []
  const sizes = new Map<string, number>()
  for (const link of packet.evidence) {
    const blob = (await db.blobs.get(link.sha256))?.data
    signal.throwIfAborted()
    if (!blob) continue // listed in the index without an attachment
    sizes.set(link.path, blob.size)
    evidence.push([FILES_DIR + link.path, new Uint8Array(await blob.arrayBuffer())])
  }
  const now = options.now ?? new Date()
  const predicate = packetPredicate({
    packet: doc,
    evidence: evidenceEntries(doc, (path) => {
      const link = packet.evidence.find((l) => l.path === path)!
      return { sha256: link.sha256, size: sizes.get(path) ?? records.get(link.sha256)?.size ?? 0 }
    }),
    // A draft has no packer: with `draft` the cover says nobody packed or signed it.
    signer: { name: 'Unsigned draft', keyid: '' },
    now,
    logOrigin: 'none (not exported)',
  })
  return {
    request: {
      predicate,
      template,
      signoffs: [],
      status: draftStatus(packet),
      draft: true,
      now,
      fonts,
      evidence,
    },
    from: 'draft',
  }
}

export async function exportPacketPdf(
  db: WorkspaceDb,
  host: Host,
  packet: PacketRecord,
  template: PacketTemplate,
  options: {
    signal: AbortSignal
    onPhase: (p: PdfExportPhase) => void
    /** Who exports, for the audit entry. */
    actor: string
    now?: Date
    fonts?: () => Promise<RenderRequest['fonts']>
  },
): Promise<PdfExportOutcome> {
  try {
    const { request, from, verdict } = await buildPdfRequest(db, packet, template, options)
    options.onPhase('Laying out the pages')
    const bytes = await renderPacketPdfInWorker(request, options.signal)
    options.signal.throwIfAborted()
    options.onPhase('Saving')
    const saved = await host.saveFile(pdfFileName(packet, from === 'draft'), bytes, {
      kind: 'pdf',
    })
    if (!saved.saved) return { kind: 'not-saved' }
    await logExport(db, {
      document: 'packet-pdf',
      actor: options.actor,
      fileName: saved.name,
      data: bytes,
      packetId: packet.id,
      source: from,
    })
    return {
      kind: 'saved',
      name: saved.name,
      bytes: bytes.length,
      from,
      ...(verdict ? { verdict } : {}),
    }
  } catch (e) {
    if (e instanceof PdfRenderCancelled || options.signal.aborted) return { kind: 'cancelled' }
    throw e
  }
}
