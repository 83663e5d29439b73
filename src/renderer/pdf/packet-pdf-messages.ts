// The packet-PDF worker's protocol: the page sends everything renderPacketPdf needs (the
// evidence as bytes, since a function cannot cross), the worker answers with the PDF.
import type { PacketPdfInput } from '../../core/pdf/packet-pdf-input'

export type RenderRequest = Omit<PacketPdfInput, 'evidence'> & {
  evidence: [name: string, bytes: Uint8Array][]
}

export type ToPdfWorker = { type: 'render'; request: RenderRequest }

export type FromPdfWorker = { type: 'done'; bytes: Uint8Array } | { type: 'error'; message: string }
