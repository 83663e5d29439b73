import { describe, expect, it } from 'vitest'
import {
  accessReviewFields,
  buildItems,
  gapReport,
  importGenericGrants,
  readCsvRecords,
  suggestMapping,
  type Decision,
  type ReviewCampaignRecord,
} from '../../../../src/core/access-review'
import { accessReviewTemplate } from '../../../../src/core/templates/access-review'
import { validatePacket } from '../../../../src/core/templates/validate-packet'

const csv = [
  'login,entitlements,application,last_used,identity_type,owner',
  'ann,admin|read,Jira,2026-04-01,human,',
  'bob,read,Jira,2025-10-01,human,',
  'svc-x,write,GitHub,2026-04-10,service,',
].join('\n')

const campaign: ReviewCampaignRecord = {
  id: 'c1',
  name: 'Q2',
  type: 'snapshot',
  scope: 'Jira, GitHub',
  owner: 'Helena',
  dueDate: '2026-04-30',
  noResponseDefault: 'revoke',
  reviewerRules: [],
  status: 'closed',
  frozenAt: '2026-04-13T09:00:00.000Z',
  createdAt: '2026-04-13T09:00:00.000Z',
  createdBy: 'Helena',
  inputs: [
    {
      sha256: 'ab'.repeat(32),
      fileName: 'grants.csv',
      format: 'generic',
      source: 'Jira and GitHub export',
      mapping: {},
      rowCount: 3,
      grantCount: 4,
      problems: [],
      extractedAt: '2026-04-13T08:00:00.000Z',
    },
  ],
  itemCount: 4,
  closedAt: '2026-05-02T10:00:00.000Z',
  closedBy: 'Helena',
}

describe('accessReviewFields', () => {
  it('fills the access-review template from the campaign, leaving attestations to people', () => {
    const r = importGenericGrants(csv, suggestMapping('generic', readCsvRecords(csv).header))
    const items = buildItems(r.grants, {
      type: 'snapshot',
      asOf: campaign.frozenAt,
      rules: [],
      owner: 'Helena',
    })
    const d = (id: string, outcome: Decision['outcome'], justification = ''): Decision => ({
      itemId: id,
      outcome,
      justification,
      actor: 'Helena',
      at: '2026-04-20T10:00:00.000Z',
      via: 'reviewer',
    })
    const byKey = (login: string, ent: string) =>
      items.find((i) => i.login === login && i.entitlement === ent)!.id
    const decisions = [
      d(byKey('ann', 'admin'), 'keep', 'Jira administrator on call'),
      d(byKey('ann', 'read'), 'keep'),
      d(byKey('bob', 'read'), 'revoke'),
      d(byKey('svc-x', 'write'), 'keep'),
    ]
    const report = gapReport(items, decisions, [], campaign, '2026-05-02T10:00:00.000Z')
    const fields = accessReviewFields(campaign, items, decisions, [], report)
    expect(fields).toMatchObject({
      systems: 'GitHub\nJira',
      periodStart: '2026-04-13',
      periodEnd: '2026-05-02',
      populationSize: 4,
      keptCount: 3,
      revokedCount: 1,
      modifiedCount: 0,
      allGrantsDecided: true,
      changesApplied: false,
    })
    expect(fields.gaps).toEqual([
      {
        grant: 'bob — read (Jira)',
        issue: 'Revocation not yet confirmed as done',
        owner: 'Helena',
        dueDate: '2026-04-30',
      },
      {
        grant: 'svc-x — write (GitHub)',
        issue: 'Service account kept without an owner',
        owner: 'Helena',
        dueDate: '2026-04-30',
      },
    ])
    expect(fields.exceptions).toContain('ann, admin (Jira): Jira administrator on call — Helena')
    const v = validatePacket(
      {
        packetId: 'p',
        template: { id: 'access-review', version: accessReviewTemplate.version },
        title: 'Access review Q2',
        fields: { ...fields, cadence: 'quarterly', populationComplete: true },
        evidence: [
          { path: 'grants.csv', role: 'population-export' },
          { path: 'decisions.csv', role: 'decision-log' },
        ],
      },
      accessReviewTemplate,
    )
    expect(v.issues).toEqual([])
    const without = validatePacket(
      {
        packetId: 'p',
        template: { id: 'access-review', version: accessReviewTemplate.version },
        title: 'Access review Q2',
        fields,
        evidence: [],
      },
      accessReviewTemplate,
    )
    expect(without.ok).toBe(false)
  })
})
