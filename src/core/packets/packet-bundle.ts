// From a workspace packet to the bundle that is signed: the packet description the statement
// carries (fields, and each evidence item with the library's metadata) and the name of the
// exported file. The app packs it when the first person signs (docs/packets.md "Sign-off").
import type { EvidenceRef, PacketDocument } from '../templates/packet'
import type { EvidenceRecord, PacketRecord } from '../workspace/records'

export class PacketBundleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PacketBundleError'
  }
}

/**
 * The packet description to pack: every evidence link with its library record's metadata
 * (title, kind, source, who collected it when, dates, classification, tags), which the
 * statement then signs along with each file's SHA-256 and size. An item missing from the
 * library is refused: what is signed must be what the signer was shown.
 */
export function bundleDocument(
  packet: PacketRecord,
  evidenceBySha: ReadonlyMap<string, EvidenceRecord>,
): PacketDocument {
  const evidence = packet.evidence.map((link): EvidenceRef => {
    const rec = evidenceBySha.get(link.sha256)
    if (!rec) {
      throw new PacketBundleError(
        `Evidence ${link.path} (sha256 ${link.sha256.slice(0, 12)}…) is not in the evidence library; attach it again or remove it.`,
      )
    }
    const ref: EvidenceRef = { path: link.path, role: link.role, title: rec.title, kind: rec.kind }
    if (rec.source) ref.source = rec.source
    if (rec.collectedBy) ref.collectedBy = rec.collectedBy
    if (rec.collectedAt) ref.collectedAt = rec.collectedAt
    if (rec.effectiveDate) ref.effectiveDate = rec.effectiveDate
    if (rec.expires) ref.expires = rec.expires
    ref.classification = rec.classification
    if (rec.tags.length) ref.tags = [...rec.tags]
    return ref
  })
  const doc: PacketDocument = {
    packetId: packet.id,
    template: { id: packet.templateId, version: packet.templateVersion },
    title: packet.title,
    revision: packet.revision,
    fields: structuredClone(packet.fields),
    evidence,
  }
  if (packet.partnerSourceId) doc.partnerSource = packet.partnerSourceId
  return doc
}

/** The exported file's name: `<packet id>-r<revision>.evb`. */
export const bundleFileName = (packet: Pick<PacketRecord, 'id' | 'revision'>): string =>
  `${packet.id}-r${packet.revision}.evb`
