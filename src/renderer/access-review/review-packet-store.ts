// Files a closed campaign's access-review packet: the decisions (CSV and JSON) and the gap report
// are stored as evidence next to the frozen input files, and a draft packet of the access-review
// template is created from them, in one transaction with the audit entries (evidence.added for
// each new file, packet.created, review.packet-filed). The packet is then completed, reviewed,
// signed by SecEng and Ombuds and exported like any other; its PDF is the campaign's summary.
import {
  accessReviewFields,
  decisionsCsv,
  decisionsJson,
  gapReport,
  gapReportJson,
  packetFiledEvent,
} from '../../core/access-review'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import type { AuditEvent } from '../../core/audit/audit-event'
import type { Progress } from '../../core/bundle/byte-io'
import { checkPacket, createPacket, packetIdFor } from '../../core/packets/packet-lifecycle'
import { builtInTemplates } from '../../core/templates/registry'
import type { PacketValidation } from '../../core/templates/validate-packet'
import type { EvidenceRecord, PacketEvidenceLink, PacketRecord } from '../../core/workspace/records'
import { logEvents } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { evidenceAddedEvent } from '../evidence/evidence-store'
import {
  evidencePathFor,
  insertPacket,
  packetCreatedEvent,
  sha256Hex,
} from '../packets/packet-store'
import { campaignConfirmations, campaignDecisions, ReviewError } from './review-store'

export const ACCESS_REVIEW_TEMPLATE_ID = 'access-review'

/**
 * Fields the campaign cannot state for a person: whether the population is complete, the
 * cadence, and the date changes were applied when no change needed confirming. The filed draft
 * may lack these; every other rule of the template must already hold.
 */
export const FIELDS_FOR_A_PERSON = ['populationComplete', 'cadence', 'changesAppliedOn'] as const

/** Roles of the packet's evidence: the frozen inputs, then the outputs of the campaign. */
export const REVIEW_EVIDENCE_ROLES = {
  input: 'population-export',
  decisions: 'decision-log',
  gapReport: 'decision-log',
} as const

export interface FiledReviewPacket {
  packet: PacketRecord
  campaign: ReviewCampaignRecord
  /** What the template still asks for (only fields a person must state). */
  validation: PacketValidation
  /** SHA-256 of the decisions CSV, decisions JSON and gap report, in that order. */
  outputs: { decisionsCsv: string; decisionsJson: string; gapReport: string }
}

export interface FileOptions {
  /** Aborting before the packet is saved leaves the workspace unchanged. */
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
}

const randomSuffix = () =>
  [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'campaign'

interface Output {
  bytes: Uint8Array
  sha256: string
  fileName: string
  path: string
  mimeType: string
  title: string
  role: string
}

/** Refusal for a campaign that already has its packet; names the packet to open instead. */
export class AlreadyFiledError extends ReviewError {
  constructor(
    readonly packetId: string,
    campaignName: string,
  ) {
    super(
      `The access-review packet of ${campaignName} is already filed (${packetId}); open that packet instead of filing another.`,
    )
    this.name = 'AlreadyFiledError'
  }
}

/**
 * Files the access-review packet of a closed campaign. Refuses an open campaign, one already
 * filed (AlreadyFiledError names the packet), and one whose frozen input files are no longer in
 * the evidence library.
 */
export async function fileReviewPacket(
  db: WorkspaceDb,
  campaignId: string,
  actor: string,
  now: Date = new Date(),
  options: FileOptions = {},
): Promise<FiledReviewPacket> {
  const { signal, onProgress } = options
  const step = (phase: string, done: number) => {
    signal?.throwIfAborted()
    onProgress?.({ phase, done, total: 4 })
  }
  const at = now.toISOString()
  const template = builtInTemplates.find((t) => t.id === ACCESS_REVIEW_TEMPLATE_ID)
  if (!template) throw new Error('The access-review template is not installed.')
  const campaign = await db.reviewCampaigns.get(campaignId)
  if (!campaign) throw new ReviewError(`Campaign ${campaignId} is not in this workspace.`)
  if (campaign.packetId) throw new AlreadyFiledError(campaign.packetId, campaign.name)
  if (campaign.status !== 'closed')
    throw new ReviewError(
      `${campaign.name} is still open; close it (every item decided) before filing its access-review packet.`,
    )

  step('reading the campaign', 0)
  const items = await db.reviewItems.where('campaignId').equals(campaignId).toArray()
  const decisions = await campaignDecisions(db, campaignId)
  const confirmations = await campaignConfirmations(db, campaignId)
  const report = gapReport(items, decisions, confirmations, campaign, at)
  const inputs = await db.evidence.bulkGet(campaign.inputs.map((i) => i.sha256))
  const missing = campaign.inputs.filter((_, i) => !inputs[i])
  if (missing.length > 0)
    throw new ReviewError(
      `The frozen input ${missing.map((m) => m.fileName).join(', ')} of ${campaign.name} is no longer in the evidence library, so the packet could not prove the population; add the original file back to the library and file again.`,
    )

  step('writing the decisions and the gap report', 1)
  const base = slug(campaign.name)
  const encode = (s: string) => new TextEncoder().encode(s)
  const outputSpecs = [
    {
      text: decisionsCsv(items, decisions, confirmations),
      name: 'decisions.csv',
      mimeType: 'text/csv',
      title: `${campaign.name}: decisions (CSV)`,
      role: REVIEW_EVIDENCE_ROLES.decisions,
    },
    {
      text: decisionsJson(items, decisions, confirmations),
      name: 'decisions.json',
      mimeType: 'application/json',
      title: `${campaign.name}: decisions and their history (JSON)`,
      role: REVIEW_EVIDENCE_ROLES.decisions,
    },
    {
      text: gapReportJson(report),
      name: 'gap-report.json',
      mimeType: 'application/json',
      title: `${campaign.name}: gap report`,
      role: REVIEW_EVIDENCE_ROLES.gapReport,
    },
  ]
  const links: PacketEvidenceLink[] = []
  const taken: string[] = []
  campaign.inputs.forEach((input) => {
    const path = evidencePathFor(input.fileName, taken)
    taken.push(path)
    links.push({ sha256: input.sha256, role: REVIEW_EVIDENCE_ROLES.input, path })
  })
  const outputs: Output[] = []
  for (const spec of outputSpecs) {
    const bytes = encode(spec.text)
    const path = evidencePathFor(spec.name, taken)
    taken.push(path)
    outputs.push({
      bytes,
      sha256: await sha256Hex(bytes),
      fileName: `${base}-${spec.name}`,
      path,
      mimeType: spec.mimeType,
      title: spec.title,
      role: spec.role,
    })
  }
  for (const o of outputs) links.push({ sha256: o.sha256, role: o.role, path: o.path })

  step('checking the packet', 2)
  const packet = createPacket(template, {
    id: packetIdFor(template.id, campaign.name, randomSuffix()),
    title: `Access review: ${campaign.name}`,
    now,
    by: actor,
    fields: accessReviewFields(campaign, items, decisions, confirmations, report),
  })
  packet.evidence = links

  const records = outputs.map((o): EvidenceRecord => ({
    sha256: o.sha256,
    size: o.bytes.length,
    mimeType: o.mimeType,
    fileName: o.fileName,
    folder: '',
    title: o.title,
    kind: 'export',
    source: `Access review ${campaign.name}`,
    collectedBy: actor,
    collectedAt: at,
    effectiveDate: at.slice(0, 10),
    tags: ['access-review'],
    classification: 'confidential',
    addedAt: at,
    addedBy: actor,
  }))
  const evidenceMap = new Map<string, EvidenceRecord>()
  inputs.forEach((r) => r && evidenceMap.set(r.sha256, r))
  records.forEach((r) => evidenceMap.set(r.sha256, r))
  const validation = checkPacket(packet, template, evidenceMap, now)
  const person = new Set<string>(FIELDS_FOR_A_PERSON.map((f) => `fields.${f}`))
  const wrong = validation.issues.filter((i) => !person.has(i.path))
  if (wrong.length > 0)
    throw new ReviewError(
      `The access-review packet of ${campaign.name} would not pass its template (${wrong
        .map((i) => i.message)
        .join(' ')}); nothing was filed.`,
    )

  step('saving the packet', 3)
  const tables = [
    db.reviewCampaigns,
    db.reviewDecisions,
    db.evidence,
    db.blobs,
    db.packets,
    db.packetRevisions,
    db.auditEntries,
  ]
  const filed = await db.transaction('rw', tables, async () => {
    const current = await db.reviewCampaigns.get(campaignId)
    if (!current) throw new ReviewError(`Campaign ${campaignId} is not in this workspace.`)
    if (current.packetId) throw new AlreadyFiledError(current.packetId, current.name)
    const rows = await db.reviewDecisions.where('campaignId').equals(campaignId).count()
    if (rows !== decisions.length + confirmations.length)
      throw new ReviewError(
        `A change was confirmed in ${current.name} while the packet was being filed; file it again so the packet includes it.`,
      )
    if (await db.packets.get(packet.id))
      throw new ReviewError(`A packet with id ${packet.id} exists already; file again.`)
    const events: AuditEvent[] = []
    for (let i = 0; i < outputs.length; i++) {
      const o = outputs[i]!
      if (await db.evidence.get(o.sha256)) continue
      await db.evidence.add(records[i]!)
      await db.blobs.put({
        sha256: o.sha256,
        data: new Blob([o.bytes as Uint8Array<ArrayBuffer>], { type: o.mimeType }),
      })
      events.push(evidenceAddedEvent(records[i]!))
    }
    await logEvents(db, events)
    await insertPacket(
      db,
      packet,
      actor,
      `Filed from access review ${current.name}`,
      now,
      packetCreatedEvent(packet, actor, 'Filed from an access-review campaign', now, {
        campaignId,
      }),
    )
    const updated: ReviewCampaignRecord = { ...current, packetId: packet.id }
    await db.reviewCampaigns.put(updated)
    await logEvents(db, [
      packetFiledEvent(
        current,
        packet.id,
        {
          decisionsCsv: outputs[0]!.sha256,
          decisionsJson: outputs[1]!.sha256,
          gapReport: outputs[2]!.sha256,
        },
        actor,
        at,
      ),
    ])
    return updated
  })
  onProgress?.({ phase: 'saving the packet', done: 4, total: 4 })
  return {
    packet,
    campaign: filed,
    validation,
    outputs: {
      decisionsCsv: outputs[0]!.sha256,
      decisionsJson: outputs[1]!.sha256,
      gapReport: outputs[2]!.sha256,
    },
  }
}
