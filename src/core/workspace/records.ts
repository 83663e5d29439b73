// The workspace's records, as stored (renderer/data/workspace-db.ts) and as the core's
// decisions (readiness, expiry, search) read them. Plain JSON-able data.
import type { JsonValue } from '../json/canonical-json'

export const EVIDENCE_KINDS = [
  'screenshot',
  'export',
  'log',
  'policy',
  'contract',
  'source-card',
  'report',
  'other',
] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]

/** One piece of evidence, content-addressed: its SHA-256 is its identity. */
export interface EvidenceRecord {
  sha256: string
  size: number
  mimeType: string
  /** The file's name when it was added (no folders). */
  fileName: string
  /** Folder path relative to an added folder, when it came from one (POSIX, may be ''). */
  folder: string
  title: string
  kind: EvidenceKind
  source?: string
  partnerSourceId?: string
  collectedBy?: string
  /** RFC 3339 time. */
  collectedAt?: string
  /** Calendar dates, YYYY-MM-DD. */
  effectiveDate?: string
  expires?: string
  tags: string[]
  classification: Classification
  addedAt: string
  addedBy: string
}

/** The bytes of an evidence item, stored apart so lists never load them. */
export interface BlobRecord {
  sha256: string
  data: Blob
}

export const SOURCE_STATUSES = [
  'proposed',
  'onboarding',
  'pilot',
  'live',
  'paused',
  'retired',
] as const
export type SourceStatus = (typeof SOURCE_STATUSES)[number]
export const SLA_TIERS = ['tier-1', 'tier-2', 'tier-3'] as const
export type SlaTier = (typeof SLA_TIERS)[number]

/** An MP-D partner data source. */
export interface PartnerSourceRecord {
  id: string
  name: string
  owner: string
  slaTier: SlaTier
  status: SourceStatus
  notes?: string
  createdAt: string
  updatedAt: string
}

export const PACKET_STATUSES = [
  'draft',
  'in-review',
  'signed',
  'verified',
  'synced',
  'rejected',
] as const
export type PacketStatus = (typeof PACKET_STATUSES)[number]

export interface PacketEvidenceLink {
  sha256: string
  role: string
  /** The name it takes inside a bundle, below files/ (defaults to the evidence file name). */
  path: string
}

export interface PacketRecord {
  id: string
  templateId: string
  templateVersion: string
  title: string
  partnerSourceId?: string
  status: PacketStatus
  rejectionReason?: string
  /** Starts at 1; a change to a signed revision starts the next one. */
  revision: number
  fields: Record<string, JsonValue>
  evidence: PacketEvidenceLink[]
  createdAt: string
  createdBy: string
  updatedAt: string
  /** The packet this one was duplicated from (e.g. last year's review). */
  copiedFrom?: string
}

/** A saved state of a packet, for history and readable diffs. */
export interface PacketRevisionRecord {
  packetId: string
  revision: number
  /** Increases with every save within a revision. */
  version: number
  savedAt: string
  savedBy: string
  title: string
  fields: Record<string, JsonValue>
  evidence: PacketEvidenceLink[]
  status: PacketStatus
  note?: string
}

export interface WorkspaceMetaRecord {
  key: 'workspace'
  name: string
  isDemo: boolean
  createdAt: string
}
