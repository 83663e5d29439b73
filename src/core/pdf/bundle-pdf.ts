// The packet.pdf a bundle carries as a signed subject: rendered from the predicate the
// statement will hold, before the statement exists, so the PDF a person reads is the PDF that
// was signed. It has no evidence attachments (they are in files/ already; attaching them
// would double the bundle), no statement digest and no sign-offs yet: the cover says the
// digest is not yet known and the sign-off page lists the roles still to sign. Deterministic:
// the same packet, digests, signer and time give the same bytes.
import { throwIfAborted, type ContentSource } from '../bundle/byte-io'
import { evidenceEntries, packetPredicate } from '../bundle/pack-bundle'
import type { CryptoProvider } from '../crypto/crypto-provider'
import { toHex } from '../encoding/bytes'
import type { PacketDocument } from '../templates/packet'
import type { PacketTemplate } from '../templates/template-model'
import type { PdfStatus } from './packet-pdf-input'
import type { PdfFontFiles } from './pdf-fonts'
import { renderPacketPdf } from './render-packet-pdf'

/** What the cover of a bundle's own packet.pdf says about it. */
export const PACKED_PDF_STATUS: PdfStatus = {
  label: 'Signed with its bundle',
  detail:
    'This PDF is a signed file of its evidence bundle: the bundle’s statement carries its SHA-256. Sign-offs made after packing are in the bundle, not here; verify the bundle to check them.',
  tone: 'neutral',
}

export interface BundlePdfInput {
  packet: PacketDocument
  /** SHA-256 (hex) and size of each evidence file, by the packet's evidence path. */
  digests: (path: string) => { sha256: string; size: number }
  signer: { name: string; keyid: string }
  /** The packing time: the statement's createdAt and the PDF's date. */
  now: Date
  logOrigin: string
  device?: string
  template?: PacketTemplate
  fonts: PdfFontFiles
}

/** Renders the packet.pdf to pass to packBundle as `pdf`. */
export function renderBundlePdf(input: BundlePdfInput): Promise<Uint8Array> {
  const predicate = packetPredicate({
    packet: input.packet,
    evidence: evidenceEntries(input.packet, input.digests),
    signer: input.signer,
    now: input.now,
    logOrigin: input.logOrigin,
    ...(input.device ? { device: input.device } : {}),
  })
  return renderPacketPdf({
    predicate,
    ...(input.template ? { template: input.template } : {}),
    signoffs: [],
    status: PACKED_PDF_STATUS,
    now: input.now,
    fonts: input.fonts,
  })
}

/**
 * The hashing pass before packing, for callers that do not know the digests yet (the CLI):
 * SHA-256 and size of every evidence file, read once as a stream.
 */
export async function digestEvidence(
  crypto: CryptoProvider,
  packet: PacketDocument,
  source: (path: string) => ContentSource,
  signal?: AbortSignal,
): Promise<Map<string, { sha256: string; size: number }>> {
  const out = new Map<string, { sha256: string; size: number }>()
  for (const ev of packet.evidence) {
    throwIfAborted(signal)
    const h = crypto.createSha256()
    let size = 0
    const reader = source(ev.path).stream().getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      h.update(value)
      size += value.length
      if (signal?.aborted) {
        await reader.cancel()
        throwIfAborted(signal)
      }
    }
    out.set(ev.path, { sha256: toHex(h.digest()), size })
  }
  return out
}
