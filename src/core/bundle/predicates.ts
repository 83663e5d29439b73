// Predicates of the two statement kinds a bundle carries.
import type { JsonValue } from '../json/canonical-json'
import type { EvidenceRef, TemplateRef } from '../templates/packet'

export interface EvidenceEntry extends Omit<EvidenceRef, 'path'> {
  /** The subject name, files/<path>. */
  name: string
  sha256: string
  size: number
}

export interface PacketPredicate {
  bundleFormat: 1
  packet: {
    packetId: string
    title: string
    template: TemplateRef
    partnerSource?: string
    revision: number
    fields: Record<string, JsonValue>
  }
  evidence: EvidenceEntry[]
  createdBy: { name: string; keyid: string }
  createdAt: string
  device?: string
  /** The audit log this packet's export was recorded in (proof in log/statement.tlog-proof). */
  log: { origin: string }
}

export interface SignoffPredicate {
  packetId: string
  revision: number
  role: string
  decision: 'approve' | 'reject'
  signer: { name: string; keyid: string }
  time: string
  comment?: string
}
