// The workspace's records, as stored (renderer/data/workspace-db.ts) and as the core's
// decisions (readiness, expiry, search) read them. Plain JSON-able data.
import type { JsonValue } from '../json/canonical-json'
import type { KeyringEntry } from '../keys/keyring'

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
  /**
   * Set when the packet came from a bundle someone sent (imported on the Verify screen after it
   * verified): the bundle file's SHA-256 (its receivedBundles key) and the name it arrived as.
   */
  receivedFrom?: { bundleSha256: string; fileName: string }
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

/**
 * A public key the workspace trusts (the keyring of DESIGN.md): colleagues' keys imported with
 * their roles, validity and revocation, and the user's own identities. Verification of bundles
 * takes its trust from these records only.
 */
export interface KeyringRecord extends KeyringEntry {
  /** 'own' for an identity created on this computer; 'imported' for a colleague's key. */
  origin: 'own' | 'imported'
  /** Free text: email, team, how the fingerprint was checked. */
  note?: string
}

/**
 * The bundle of one packet revision under sign-off: packed (statement signed by the packer)
 * when the first person signs, then rewritten with each sign-off. What is exported is exactly
 * these bytes, so the bundle people verify is the one that was signed.
 */
export interface PacketBundleRecord {
  packetId: string
  revision: number
  /** SHA-256 of the statement payload every sign-off names. */
  statementSha256: string
  data: Blob
  packedAt: string
  packedBy: { name: string; keyid: string }
  updatedAt: string
}

/** One sign-off (approval or rejection) of a packet revision, as held in its bundle. */
export interface SignoffRecord {
  packetId: string
  revision: number
  statementSha256: string
  role: string
  keyid: string
  signer: string
  decision: 'approve' | 'reject'
  comment?: string
  signedAt: string
}

/** A bundle received from someone else and opened on the verify screen. */
export interface ReceivedBundleRecord {
  /** SHA-256 of the bundle file: the same file received twice is one record. */
  sha256: string
  fileName: string
  size: number
  receivedAt: string
  receivedBy: string
  /** The verdict at import; a quarantined bundle did not verify and is kept apart. */
  verdict: 'verified' | 'not-verified'
  quarantined: boolean
  /** The verifier's report (core/bundle/report.ts VerificationReport) as plain JSON. */
  report: JsonValue
  packetId?: string
  title?: string
  templateId?: string
  data: Blob
}

/** One audit-log entry: the canonical JSON bytes of an AuditEvent at its log index. */
export interface AuditEntryRecord {
  index: number
  entry: Uint8Array
}

/** A signed checkpoint (C2SP signed note) of the workspace log. */
export interface CheckpointRecord {
  id?: number
  size: number
  note: string
  savedAt: string
}
