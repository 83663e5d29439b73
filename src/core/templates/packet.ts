// A packet description: the data a person fills in for one template instance. `evw pack`
// reads it from JSON; the statement predicate carries it (with evidence digests added).
import type { JsonValue } from '../json/canonical-json'

export interface TemplateRef {
  id: string
  version: string
}

export interface EvidenceRef {
  /** Relative POSIX path below the evidence folder; stored in the bundle as files/<path>. */
  path: string
  /** What this evidence is for in the packet, one of the template's evidence roles. */
  role: string
  title?: string
  kind?: string
  source?: string
  collectedBy?: string
  collectedAt?: string
  effectiveDate?: string
  expires?: string
  classification?: string
  tags?: string[]
}

export interface PacketDocument {
  packetId: string
  template: TemplateRef
  title: string
  partnerSource?: string
  revision?: number
  fields: Record<string, JsonValue>
  evidence: EvidenceRef[]
}
