// The access-review records of the workspace database (renderer/data/workspace-db.ts, schema
// version 4). Plain JSON-able data; the rules that read them are in ./campaign.ts.
import type {
  ChangeConfirmation,
  Decision,
  NoResponseDefault,
  ReviewerRule,
  ReviewItem,
  ReviewType,
} from './campaign'
import type { ColumnMapping, SourceFormat } from './source-formats'

/** One imported file, kept as evidence so the population is frozen when the campaign starts. */
export interface CampaignInput {
  sha256: string
  fileName: string
  format: SourceFormat
  /** The source name the column mapping is remembered under. */
  source: string
  mapping: ColumnMapping
  /** Data rows read (malformed ones included). */
  rowCount: number
  grantCount: number
  /** Rows that could not be imported, with their lines (the campaign was started knowing them). */
  problems: { line: number; message: string }[]
  extractedAt: string
}

export type CampaignStatus = 'open' | 'closed'

export interface ReviewCampaignRecord {
  id: string
  name: string
  type: ReviewType
  scope: string
  owner: string
  dueDate: string
  noResponseDefault: NoResponseDefault
  reviewerRules: ReviewerRule[]
  status: CampaignStatus
  /** When the population was frozen (risk flags are measured from it). */
  frozenAt: string
  createdAt: string
  createdBy: string
  inputs: CampaignInput[]
  itemCount: number
  previousCampaignId?: string
  closedAt?: string
  closedBy?: string
  /** The access-review packet filed for this campaign. */
  packetId?: string
}

export interface ReviewItemRecord extends ReviewItem {
  campaignId: string
}

export type ReviewLogRecord =
  | ({ seq?: number; campaignId: string; kind: 'decision' } & Decision)
  | ({ seq?: number; campaignId: string; kind: 'confirmation' } & ChangeConfirmation)

export interface ColumnMappingRecord {
  /** `${format}:${source}` */
  key: string
  format: SourceFormat
  source: string
  mapping: ColumnMapping
  updatedAt: string
}

export const mappingKey = (format: SourceFormat, source: string): string =>
  `${format}:${source.trim().toLowerCase()}`
