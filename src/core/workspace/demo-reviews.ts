// The demo workspace's access reviews, built from the sample files in resources/access-review
// by the same rules the app applies (core/access-review): an earlier AWS account review, closed
// with its access-review packet filed, and this quarter's differential review of everything
// else, still open past its due date: some items decided by the demo's role holders (privileged
// and stale keeps justified), one marked unsure, revocations confirmed but one, and one reviewer
// who has decided nothing. The sample files' dates are moved so each export is as old as the
// campaign that froze it (otherwise every grant would be stale against today). Pure data plus a
// digest function: the records and the audit events the app would have written, in time order.
import {
  accessReviewFields,
  buildItems,
  checkClose,
  checkDecision,
  decisionsCsv,
  decisionsJson,
  gapReport,
  gapReportJson,
  importAwsCredentialReport,
  importGenericGrants,
  importHrRoster,
  mappingKey,
  readCsvRecords,
  rosterIndex,
  suggestMapping,
  type ChangeConfirmation,
  type ColumnMappingRecord,
  type Decision,
  type Grant,
  type Outcome,
  type ReviewCampaignRecord,
  type ReviewItem,
  type ReviewItemRecord,
  type ReviewLogRecord,
  type ReviewerRule,
  type SourceFormat,
  campaignClosedEvent,
  campaignCreatedEvent,
  changeConfirmedEvent,
  decidedEvent,
  packetFiledEvent,
} from '../access-review'
import type { AuditEvent } from '../audit/audit-event'
import { defaultMetadata } from '../evidence/metadata'
import { checkPacket, createPacket, packetIdFor, revisionRecord } from '../packets/packet-lifecycle'
import { builtInTemplates } from '../templates/registry'
import { DEMO_SIGNERS } from './demo-identities'
import type { EvidenceRecord, PacketRecord, PacketRevisionRecord } from './records'

/** The sample files' texts (resources/access-review), as shipped. */
export interface DemoReviewSamples {
  genericGrants: string
  awsCredentialReport: string
  hrRoster: string
}

export interface DemoReviews {
  campaigns: ReviewCampaignRecord[]
  items: ReviewItemRecord[]
  /** Decisions and confirmations, oldest first (the table numbers them in this order). */
  log: ReviewLogRecord[]
  columnMappings: ColumnMappingRecord[]
  /** The frozen inputs and the filed packet's outputs, with their bytes. */
  files: { record: EvidenceRecord; bytes: Uint8Array }[]
  packets: PacketRecord[]
  packetRevisions: PacketRevisionRecord[]
  /** What the app logs for each step, oldest first. */
  events: AuditEvent[]
}

export const DEMO_CLOSED_CAMPAIGN_ID = 'review-demo-aws-account'
export const DEMO_OPEN_CAMPAIGN_ID = 'review-demo-quarterly'
/** The reviewer of the open campaign who has decided nothing (shown overdue). */
export const DEMO_OVERDUE_REVIEWER = 'Priya Raman'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const iso = (t: number) => new Date(t).toISOString()
const encode = (s: string) => new TextEncoder().encode(s)

const OWNER = DEMO_SIGNERS.manager.name
const SECENG = DEMO_SIGNERS.seceng.name
const DPO = DEMO_SIGNERS.dpo.name
const LEGAL = DEMO_SIGNERS.legal.name
const AWS_APP = 'AWS account 210987654321'

const DATE = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g

/** The latest date (YYYY-MM-DD) written in any of the texts. */
export function latestDate(...texts: string[]): string {
  return texts
    .flatMap((text) => text.match(DATE) ?? [])
    .reduce((a, b) => (a > b ? a : b), '0000-01-01')
}

/** The text with every date (alone or in a date-time) moved by whole days from `from` to `to`. */
export function shiftDates(text: string, from: string, to: string): string {
  const shift = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)
  return text.replace(DATE, (m) => iso(Date.parse(`${m}T00:00:00Z`) + shift).slice(0, 10))
}

interface Input {
  fileName: string
  format: SourceFormat
  source: string
  text: string
  extractedAt: string
}

/** Why a privileged grant is kept, by entitlement (the justification a reviewer writes). */
const PRIVILEGED_KEEPS: Record<string, string> = {
  'console-password':
    'Root user kept for account recovery only: hardware MFA token in the safe, break-glass procedure BG-3.',
  admin: 'Organisation admin for the deploy pipeline; access is reviewed with every release.',
  ACCOUNTADMIN: 'Snowflake account administrator for the analytics platform team; on-call duty.',
  'System Administrator': 'Salesforce administrator for the CRM team; no other admin on the team.',
  'jira-admins': 'Jira administrator for the workflow schemes of the delivery teams.',
  'Super Administrator': 'Okta super administrator on the identity team (two-person rule).',
  'Help Desk Admin': 'Help desk password resets for the service desk rota.',
}

/** A reviewer's decision on an item, by the rules a careful reviewer would follow. */
function reviewerDecision(item: ReviewItem): { outcome: Outcome; justification: string } {
  if (item.flags.includes('orphaned'))
    return { outcome: 'revoke', justification: 'Not an active employee in the HR roster.' }
  if (item.lastUsed === 'never')
    return { outcome: 'revoke', justification: 'Never used; removed for least privilege.' }
  if (item.flags.includes('privileged'))
    return {
      outcome: 'keep',
      justification:
        PRIVILEGED_KEEPS[item.entitlement] ??
        `${item.entitlement} is needed for the ${item.application} duties of this role.`,
    }
  if (item.flags.includes('stale'))
    return {
      outcome: 'keep',
      justification:
        'Used for quarter-end work only; the manager confirmed it is still needed this quarter.',
    }
  return { outcome: 'keep', justification: '' }
}

class Campaign {
  readonly decisions: Decision[] = []
  readonly confirmations: ChangeConfirmation[] = []
  readonly log: ReviewLogRecord[] = []
  readonly events: AuditEvent[] = []

  constructor(
    readonly record: ReviewCampaignRecord,
    readonly items: ReviewItem[],
  ) {}

  decide(item: ReviewItem, outcome: Outcome, justification: string, actor: string, t: number) {
    const problem = checkDecision(item, outcome, justification)
    if (problem) throw new Error(`buildDemoReviews: ${problem}`)
    const d: Decision = {
      itemId: item.id,
      outcome,
      justification,
      actor,
      at: iso(t),
      via: 'reviewer',
    }
    this.decisions.push(d)
    this.log.push({ ...d, campaignId: this.record.id, kind: 'decision' })
    this.events.push(decidedEvent(this.record.id, item, d))
  }

  confirm(item: ReviewItem, reference: string, actor: string, t: number) {
    const outcome = this.decisions.filter((d) => d.itemId === item.id).at(-1)?.outcome
    if (outcome !== 'revoke' && outcome !== 'modify')
      throw new Error(`buildDemoReviews: ${item.id} has no change to confirm`)
    const c: ChangeConfirmation = { itemId: item.id, actor, at: iso(t), reference }
    this.confirmations.push(c)
    this.log.push({ ...c, campaignId: this.record.id, kind: 'confirmation' })
    this.events.push(changeConfirmedEvent(this.record.id, item.id, outcome, reference, actor, c.at))
  }
}

/**
 * Builds the demo's two campaigns. `now` fixes the dates; `sha256` digests bytes (hex), as the
 * app does when a file is imported.
 */
export async function buildDemoReviews(
  samples: DemoReviewSamples,
  now: Date,
  sha256: (bytes: Uint8Array) => Promise<string>,
): Promise<DemoReviews> {
  const t = now.getTime()
  // The sample files were exported together: their latest date becomes each export's day.
  const exported = latestDate(samples.genericGrants, samples.awsCredentialReport, samples.hrRoster)
  const files: DemoReviews['files'] = []
  const columnMappings = new Map<string, ColumnMappingRecord>()
  const events: AuditEvent[] = []

  /** Stores the inputs as the campaign form does and returns the campaign's input list. */
  const freeze = async (inputs: Input[], actor: string, at: string) => {
    const out: ReviewCampaignRecord['inputs'] = []
    for (const input of inputs) {
      const bytes = encode(input.text)
      const digest = await sha256(bytes)
      const header = readCsvRecords(input.text.slice(0, input.text.indexOf('\n'))).header
      const mapping = suggestMapping(input.format, header)
      const read =
        input.format === 'generic'
          ? importGenericGrants(input.text, mapping)
          : input.format === 'aws-iam-credential-report'
            ? importAwsCredentialReport(input.text)
            : { ...importHrRoster(input.text, mapping), grants: [] }
      if (read.problems.length > 0 || read.mappingProblems.length > 0)
        throw new Error(`buildDemoReviews: ${input.fileName} does not import cleanly`)
      out.push({
        sha256: digest,
        fileName: input.fileName,
        format: input.format,
        source: input.source,
        mapping,
        rowCount: read.rowCount,
        grantCount: read.grants.length,
        problems: [],
        extractedAt: input.extractedAt,
      })
      const key = mappingKey(input.format, input.source)
      columnMappings.set(key, {
        key,
        format: input.format,
        source: input.source,
        mapping,
        updatedAt: at,
      })
      const { mimeType: _mime, ...meta } = defaultMetadata({
        fileName: input.fileName,
        reportedType: 'text/csv',
        lastModified: Date.parse(at),
      })
      if (files.some((f) => f.record.sha256 === digest)) continue
      const record: EvidenceRecord = {
        sha256: digest,
        size: bytes.byteLength,
        mimeType: 'text/csv',
        fileName: input.fileName,
        folder: '',
        ...meta,
        kind: 'export',
        source: input.source,
        collectedAt: input.extractedAt,
        tags: [...new Set([...meta.tags, 'access-review'])],
        addedAt: at,
        addedBy: actor,
      }
      files.push({ record, bytes })
      events.push(addedEvent(record))
    }
    return out
  }

  const start = async (
    spec: Omit<
      ReviewCampaignRecord,
      'status' | 'frozenAt' | 'createdAt' | 'inputs' | 'itemCount' | 'createdBy'
    >,
    inputs: Input[],
    grants: Grant[],
    created: number,
    previousKeys?: ReadonlySet<string>,
  ) => {
    const at = iso(created)
    const frozen = await freeze(inputs, OWNER, at)
    const roster = inputs.findIndex((i) => i.format === 'hr-roster')
    const employees =
      roster >= 0
        ? importHrRoster(inputs[roster]!.text, frozen[roster]!.mapping).employees
        : undefined
    const items = buildItems(grants, {
      asOf: at,
      ...(employees ? { findEmployee: rosterIndex(employees) } : {}),
      type: spec.type,
      rules: spec.reviewerRules,
      owner: spec.owner,
      ...(previousKeys ? { previousKeys } : {}),
    })
    const record: ReviewCampaignRecord = {
      ...spec,
      status: 'open',
      frozenAt: at,
      createdAt: at,
      createdBy: OWNER,
      inputs: frozen,
      itemCount: items.length,
    }
    const c = new Campaign(record, items)
    events.push(campaignCreatedEvent(record, OWNER, at, items.length))
    return c
  }

  // The earlier campaign: the AWS account, exported 100 days ago, reviewed by SecEng.
  const e1 = t - 100 * DAY
  const aws1 = shiftDates(samples.awsCredentialReport, exported, iso(e1).slice(0, 10))
  const awsRules: ReviewerRule[] = [{ by: 'application', match: AWS_APP, reviewer: SECENG }]
  const closed = await start(
    {
      id: DEMO_CLOSED_CAMPAIGN_ID,
      name: 'AWS account review, last quarter',
      type: 'snapshot',
      scope: `Every IAM user and credential of ${AWS_APP} (production).`,
      owner: OWNER,
      dueDate: iso(e1 + 14 * DAY).slice(0, 10),
      noResponseDefault: 'revoke',
      reviewerRules: awsRules,
    },
    [
      {
        fileName: 'aws-credential-report.csv',
        format: 'aws-iam-credential-report',
        source: 'aws-credential-report',
        text: aws1,
        extractedAt: iso(e1 + 8 * HOUR),
      },
    ],
    importAwsCredentialReport(aws1).grants,
    e1 + 10 * HOUR,
  )
  const leavers = new Set(['guest.auditor', 'liam.oconnor', 'svc-legacy-reports'])
  closed.items.forEach((item, i) => {
    const when = e1 + 2 * DAY + Math.floor(i / 10) * DAY + (i % 10) * 7 * MIN
    if (leavers.has(item.login))
      closed.decide(
        item,
        'revoke',
        item.identityType === 'service'
          ? 'Reporting job retired; the key is no longer used.'
          : 'No longer works with us; the IAM user should have gone at exit.',
        SECENG,
        when,
      )
    else {
      const d = reviewerDecision(item)
      closed.decide(item, d.outcome, d.justification, SECENG, when)
    }
  })
  const confirmAt = e1 + 9 * DAY
  const revokedBefore = new Set(
    closed.decisions.filter((d) => d.outcome === 'revoke').map((d) => d.itemId),
  )
  closed.items
    .filter((i) => revokedBefore.has(i.id))
    .forEach((item, k) => closed.confirm(item, 'CHG-4107', SECENG, confirmAt + k * MIN))
  const closeAt = e1 + 12 * DAY
  const check = checkClose(closed.items, closed.decisions)
  if (!check.canClose) throw new Error(`buildDemoReviews: ${check.reasons.join(' ')}`)
  closed.record.status = 'closed'
  closed.record.closedAt = iso(closeAt)
  closed.record.closedBy = OWNER
  closed.events.push(campaignClosedEvent(closed.record, closed.items.length, OWNER, iso(closeAt)))
  const filed = await filePacket(closed, closeAt + HOUR, sha256, files)

  // This quarter: everything the AWS review did not cover, with the HR roster, exported ten
  // days ago and due two days ago.
  const e2 = t - 10 * DAY
  const generic2 = shiftDates(samples.genericGrants, exported, iso(e2).slice(0, 10))
  const roster2 = shiftDates(samples.hrRoster, exported, iso(e2).slice(0, 10))
  const genericMapping = suggestMapping('generic', readCsvRecords(generic2).header)
  const open = await start(
    {
      id: DEMO_OPEN_CAMPAIGN_ID,
      name: 'Quarterly access review',
      type: 'differential',
      scope: 'GitHub, Salesforce, Jira Cloud, Okta and Snowflake: grants not in the AWS review.',
      owner: OWNER,
      dueDate: iso(t - 2 * DAY).slice(0, 10),
      noResponseDefault: 'revoke',
      reviewerRules: [
        { by: 'application', match: 'GitHub (example-org)', reviewer: SECENG },
        { by: 'application', match: 'Okta', reviewer: SECENG },
        { by: 'application', match: 'Snowflake (analytics)', reviewer: DPO },
        { by: 'manager', match: 'dmitri.volkov', reviewer: LEGAL },
        { by: 'manager', match: 'priya.raman', reviewer: DEMO_OVERDUE_REVIEWER },
      ],
      previousCampaignId: DEMO_CLOSED_CAMPAIGN_ID,
    },
    [
      {
        fileName: 'generic-grants.csv',
        format: 'generic',
        source: 'generic-grants',
        text: generic2,
        extractedAt: iso(e2 + 7 * HOUR),
      },
      {
        fileName: 'hr-roster.csv',
        format: 'hr-roster',
        source: 'hr-roster',
        text: roster2,
        extractedAt: iso(e2 + 7 * HOUR),
      },
    ],
    importGenericGrants(generic2, genericMapping).grants,
    e2 + 9 * HOUR,
    new Set(closed.items.map((i) => i.key)),
  )
  // Who decides what: SecEng and Legal all of theirs, the DPO all but one (unsure), the owner
  // half of the rest; Priya Raman nothing yet.
  const days: Record<string, number> = { [SECENG]: 1, [LEGAL]: 2, [DPO]: 3, [OWNER]: 4 }
  const counts = new Map<string, number>()
  let unsureMarked = false
  let ownerTurn = 0
  for (const item of open.items) {
    const who = item.reviewer
    const day = days[who]
    if (day === undefined) continue
    if (who === OWNER && ownerTurn++ % 2 === 1) continue
    const n = counts.get(who) ?? 0
    counts.set(who, n + 1)
    const when = e2 + day * DAY + n * 4 * MIN
    if (who === DPO && !unsureMarked && item.flags.includes('service-without-owner')) {
      unsureMarked = true
      open.decide(
        item,
        'unsure',
        'No owner on record for this service account; asked Data Eng who runs the backups.',
        who,
        when,
      )
      continue
    }
    const d = reviewerDecision(item)
    open.decide(item, d.outcome, d.justification, who, when)
  }
  // SecEng carried out the revocations, all but the latest (still awaiting its ticket).
  const latest = new Map(open.decisions.map((d) => [d.itemId, d]))
  const revoked = open.items.filter((i) => latest.get(i.id)?.outcome === 'revoke')
  revoked
    .slice(0, -1)
    .forEach((item, k) => open.confirm(item, 'CHG-5120', SECENG, e2 + 6 * DAY + k * MIN))

  const events2 = [...events, ...closed.events, ...filed.events, ...open.events]
  return {
    campaigns: [closed.record, open.record],
    items: [closed, open].flatMap((c) => c.items.map((i) => ({ ...i, campaignId: c.record.id }))),
    log: [...closed.log, ...open.log].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    columnMappings: [...columnMappings.values()],
    files,
    packets: [filed.packet],
    packetRevisions: [filed.revision],
    events: events2
      .map((event, i) => ({ event, i }))
      .sort((a, b) =>
        a.event.time < b.event.time ? -1 : a.event.time > b.event.time ? 1 : a.i - b.i,
      )
      .map((x) => x.event),
  }
}

const addedEvent = (record: EvidenceRecord): AuditEvent => ({
  action: 'evidence.added',
  actor: record.addedBy,
  time: record.addedAt,
  subject: record.sha256,
  details: { fileName: record.fileName, title: record.title, size: record.size },
})

/** What filing the closed campaign's access-review packet stores (renderer review-packet-store). */
async function filePacket(
  c: Campaign,
  t: number,
  sha256: (bytes: Uint8Array) => Promise<string>,
  files: DemoReviews['files'],
) {
  const template = builtInTemplates.find((x) => x.id === 'access-review')
  if (!template) throw new Error('buildDemoReviews: the access-review template is not installed')
  const now = new Date(t)
  const at = now.toISOString()
  const name = c.record.name
  const report = gapReport(c.items, c.decisions, c.confirmations, c.record, at)
  const base = 'aws-account-review-last-quarter'
  const outputs = [
    {
      text: decisionsCsv(c.items, c.decisions, c.confirmations),
      name: 'decisions.csv',
      mimeType: 'text/csv',
      title: `${name}: decisions (CSV)`,
    },
    {
      text: decisionsJson(c.items, c.decisions, c.confirmations),
      name: 'decisions.json',
      mimeType: 'application/json',
      title: `${name}: decisions and their history (JSON)`,
    },
    {
      text: gapReportJson(report),
      name: 'gap-report.json',
      mimeType: 'application/json',
      title: `${name}: gap report`,
    },
  ]
  const packet = createPacket(template, {
    id: packetIdFor(template.id, name, 'demo'),
    title: `Access review: ${name}`,
    now,
    by: OWNER,
    fields: accessReviewFields(c.record, c.items, c.decisions, c.confirmations, report),
  })
  packet.evidence = c.record.inputs.map((i) => ({
    sha256: i.sha256,
    role: 'population-export',
    path: i.fileName,
  }))
  const events: AuditEvent[] = []
  const shas: string[] = []
  for (const o of outputs) {
    const bytes = encode(o.text)
    const digest = await sha256(bytes)
    shas.push(digest)
    packet.evidence.push({ sha256: digest, role: 'decision-log', path: o.name })
    const record: EvidenceRecord = {
      sha256: digest,
      size: bytes.byteLength,
      mimeType: o.mimeType,
      fileName: `${base}-${o.name}`,
      folder: '',
      title: o.title,
      kind: 'export',
      source: `Access review ${name}`,
      collectedBy: OWNER,
      collectedAt: at,
      effectiveDate: at.slice(0, 10),
      tags: ['access-review'],
      classification: 'confidential',
      addedAt: at,
      addedBy: OWNER,
    }
    files.push({ record, bytes })
    events.push(addedEvent(record))
  }
  const evidence = new Map(files.map((f) => [f.record.sha256, f.record]))
  const person = new Set(
    ['populationComplete', 'cadence', 'changesAppliedOn'].map((f) => `fields.${f}`),
  )
  const wrong = checkPacket(packet, template, evidence, now).issues.filter(
    (i) => !person.has(i.path),
  )
  if (wrong.length > 0)
    throw new Error(`buildDemoReviews: ${wrong.map((i) => i.message).join(' ')}`)
  events.push({
    action: 'packet.created',
    actor: OWNER,
    time: at,
    packetId: packet.id,
    subject: packet.title,
    details: {
      how: 'Filed from an access-review campaign',
      templateId: packet.templateId,
      revision: packet.revision,
      campaignId: c.record.id,
    },
  })
  c.record.packetId = packet.id
  events.push(
    packetFiledEvent(
      c.record,
      packet.id,
      { decisionsCsv: shas[0]!, decisionsJson: shas[1]!, gapReport: shas[2]! },
      OWNER,
      at,
    ),
  )
  const revision = revisionRecord(packet, [], {
    now,
    by: OWNER,
    note: `Filed from access review ${name}`,
  })
  return { packet, revision, events }
}
