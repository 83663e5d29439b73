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
import { checkPartnerSource } from '../../core/workspace/record-checks'

/** The schema version this build writes (docs/workspace.md has the history). */
export const SCHEMA_VERSION = 2

/** IndexedDB's version number for a Dexie version (Dexie stores version × 10). */
export const nativeVersion = (schemaVersion: number): number => schemaVersion * 10

/** The object stores every version of this build expects. */
export const WORKSPACE_TABLES = [
  'evidence',
  'blobs',
  'partnerSources',
  'packets',
  'packetRevisions',
  'meta',
] as const

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
  }
}
