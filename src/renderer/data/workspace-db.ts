// The workspace database (Dexie over IndexedDB). Each schema version is declared here and never
// edited once shipped: a change adds a new version with an upgrade function, and a migration
// test opens a database of every earlier version and checks that no record is lost.
import Dexie, { type Table } from 'dexie'
import type {
  BlobRecord,
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
  PartnerSourceRecord,
  WorkspaceMetaRecord,
} from '../../core/workspace/records'

/** The schema version this build writes. */
export const SCHEMA_VERSION = 1

export class WorkspaceDb extends Dexie {
  evidence!: Table<EvidenceRecord, string>
  blobs!: Table<BlobRecord, string>
  partnerSources!: Table<PartnerSourceRecord, string>
  packets!: Table<PacketRecord, string>
  packetRevisions!: Table<PacketRevisionRecord, [string, number, number]>
  meta!: Table<WorkspaceMetaRecord, string>

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
  }
}
