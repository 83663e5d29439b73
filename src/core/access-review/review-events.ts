// The audit entries of an access review, built in one place so the app's store and the demo
// workspace write exactly the same shapes.
import type { AuditEvent } from '../audit/audit-event'
import type { Decision, Outcome, ReviewItem } from './campaign'
import type { ReviewCampaignRecord } from './review-records'

export const campaignCreatedEvent = (
  record: ReviewCampaignRecord,
  actor: string,
  at: string,
  items: number,
): AuditEvent => ({
  action: 'review.campaign-created',
  actor,
  time: at,
  subject: record.id,
  details: {
    name: record.name,
    type: record.type,
    owner: record.owner,
    dueDate: record.dueDate,
    items,
    inputs: record.inputs.map((i) => ({
      sha256: i.sha256,
      fileName: i.fileName,
      rows: i.rowCount,
    })),
  },
})

export const decidedEvent = (
  campaignId: string,
  item: Pick<ReviewItem, 'id' | 'login' | 'application' | 'entitlement'>,
  d: Decision,
): AuditEvent => ({
  action: 'review.decided',
  actor: d.actor,
  time: d.at,
  subject: campaignId,
  details: {
    item: item.id,
    login: item.login,
    application: item.application,
    entitlement: item.entitlement,
    outcome: d.outcome,
    justification: d.justification,
    via: d.via,
  },
})

export const changeConfirmedEvent = (
  campaignId: string,
  itemId: string,
  outcome: Outcome,
  reference: string,
  actor: string,
  at: string,
): AuditEvent => ({
  action: 'review.change-confirmed',
  actor,
  time: at,
  subject: campaignId,
  details: { item: itemId, outcome, reference },
})

export const campaignClosedEvent = (
  record: Pick<ReviewCampaignRecord, 'id' | 'name'>,
  items: number,
  actor: string,
  at: string,
): AuditEvent => ({
  action: 'review.closed',
  actor,
  time: at,
  subject: record.id,
  details: { name: record.name, items },
})

/** The filed packet's digests of the decisions CSV, decisions JSON and gap report. */
export interface FiledOutputs {
  decisionsCsv: string
  decisionsJson: string
  gapReport: string
}

export const packetFiledEvent = (
  campaign: Pick<ReviewCampaignRecord, 'id' | 'name' | 'inputs'>,
  packetId: string,
  outputs: FiledOutputs,
  actor: string,
  at: string,
): AuditEvent => ({
  action: 'review.packet-filed',
  actor,
  time: at,
  subject: campaign.id,
  packetId,
  details: { name: campaign.name, ...outputs, inputs: campaign.inputs.map((i) => i.sha256) },
})
