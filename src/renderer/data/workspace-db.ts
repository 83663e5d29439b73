// The workspace database (Dexie over IndexedDB). Each schema version is declared here and never
// edited once shipped: a change adds a new version with an upgrade function, and a migration
// test opens a database of every earlier version and checks that no record is lost.
import Dexie, { type Table } from 'dexie'
import type {
  AuditEntryRecord,
  BlobRecord,
  CheckpointRecord,
  EvidenceRecord,
  KeyringRecord,
  PacketBundleRecord,
  PacketRecord,
  PacketRevisionRecord,
  PartnerSourceRecord,
  ReceivedBundleRecord,
  SignoffRecord,
  WorkspaceMetaRecord,
} from '../../core/workspace/records'
import type {
  ColumnMappingRecord,
  ReviewCampaignRecord,
  ReviewItemRecord,
  ReviewLogRecord,
} from '../../core/access-review/review-records'
import type { DeckRecord } from '../../core/deck/deck-records'
import type { A11yReviewRecord } from '../../core/a11y/review-records'
import { checkPartnerSource } from '../../core/workspace/record-checks'

/** The schema version this build writes (docs/workspace.md has the history). */
export const SCHEMA_VERSION = 5

/** IndexedDB's version number for a Dexie version (Dexie stores version × 10). */
export const nativeVersion = (schemaVersion: number): number => schemaVersion * 10

/** Each object store of this build, with the schema version that added it. */
export const TABLE_SINCE = {
  evidence: 1,
  blobs: 1,
  partnerSources: 1,
  packets: 1,
  packetRevisions: 1,
  meta: 1,
  keyring: 3,
  packetBundles: 3,
  signoffs: 3,
  receivedBundles: 3,
  auditEntries: 3,
  checkpoints: 3,
  reviewCampaigns: 4,
  reviewItems: 4,
  reviewDecisions: 4,
  columnMappings: 4,
  decks: 5,
  a11yReviews: 5,
} as const

/** The object stores this build expects. */
export const WORKSPACE_TABLES = Object.keys(TABLE_SINCE) as (keyof typeof TABLE_SINCE)[]

/** The object stores a database written at `schemaVersion` must have. */
export const tablesOfVersion = (schemaVersion: number) =>
  WORKSPACE_TABLES.filter((t) => TABLE_SINCE[t] <= schemaVersion)

/** Thrown by an upgrade function that meets a record it cannot migrate; the upgrade aborts. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MigrationError'
  }
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ')

export class WorkspaceDb extends Dexie {
  evidence!: Table<EvidenceRecord, string>
  blobs!: Table<BlobRecord, string>
  partnerSources!: Table<PartnerSourceRecord, string>
  packets!: Table<PacketRecord, string>
  packetRevisions!: Table<PacketRevisionRecord, [string, number, number]>
  meta!: Table<WorkspaceMetaRecord, string>
  keyring!: Table<KeyringRecord, string>
  packetBundles!: Table<PacketBundleRecord, [string, number]>
  signoffs!: Table<SignoffRecord, [string, number, string, string]>
  receivedBundles!: Table<ReceivedBundleRecord, string>
  auditEntries!: Table<AuditEntryRecord, number>
  checkpoints!: Table<CheckpointRecord, number>
  reviewCampaigns!: Table<ReviewCampaignRecord, string>
  reviewItems!: Table<ReviewItemRecord, [string, string]>
  reviewDecisions!: Table<ReviewLogRecord, number>
  columnMappings!: Table<ColumnMappingRecord, string>
  decks!: Table<DeckRecord, string>
  a11yReviews!: Table<A11yReviewRecord, number>

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options)
    this.version(1).stores({
      evidence: '&sha256, addedAt, kind, classification, expires, partnerSourceId, *tags',
      blobs: '&sha256',
      partnerSources: '&id, name, status',
      packets: '&id, templateId, partnerSourceId, status, updatedAt',
      packetRevisions: '&[packetId+revision+version], packetId',
      meta: '&key',
    })
    // Version 2: partner sources are listed and filtered by owner, and the readiness matrix
    // looks packets up per (source, template). Owners and names were stored as typed in
    // version 1; the new owner index needs them trimmed, so the upgrade normalises both and
    // refuses (aborting the whole upgrade, which leaves version 1 intact) any record that is
    // not a partner source.
    this.version(2)
      .stores({
        partnerSources: '&id, name, status, owner',
        packets:
          '&id, templateId, partnerSourceId, status, updatedAt, [partnerSourceId+templateId]',
      })
      .upgrade(async (tx) => {
        await tx
          .table('partnerSources')
          .toCollection()
          .modify((source: PartnerSourceRecord) => {
            const problem = checkPartnerSource(source)
            if (problem)
              throw new MigrationError(`Partner source ${String(source?.id)} ${problem}.`)
            source.name = squash(source.name)
            source.owner = squash(source.owner)
          })
      })
    // Version 3: identities and sign-off. The keyring of trusted public keys, each packet
    // revision's bundle under sign-off and its sign-offs, bundles received from others, and
    // the workspace's audit log (entries by index, signed checkpoints). New tables only: no
    // existing record changes, so there is no upgrade function.
    this.version(3).stores({
      keyring: '&keyid, name, origin',
      packetBundles: '&[packetId+revision]',
      signoffs: '&[packetId+revision+role+keyid], packetId, keyid',
      receivedBundles: '&sha256, receivedAt, packetId',
      auditEntries: '&index',
      checkpoints: '++id, size',
    })
    // Version 4: access reviews. Campaigns, their frozen items, the append-only log of
    // decisions and change confirmations, and the column mapping remembered per CSV source.
    // New tables only, so there is no upgrade function.
    this.version(4).stores({
      reviewCampaigns: '&id, status, createdAt',
      reviewItems: '&[campaignId+id], campaignId',
      reviewDecisions: '++seq, campaignId, [campaignId+itemId]',
      columnMappings: '&key',
    })
    // Version 5: demo decks kept between visits, and the append-only log of people's
    // decisions and waivers on accessibility sweep reports. New tables only.
    this.version(5).stores({
      decks: '&id, updatedAt',
      a11yReviews: '++seq, reportSha256, [reportSha256+itemId]',
    })
  }
}
