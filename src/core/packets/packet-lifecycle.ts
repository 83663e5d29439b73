// A packet's life in the workspace: created from a template, edited while a draft, submitted
// for review, frozen once signed, and changed only by starting a new revision. Each save is a
// revision record (version numbers grow within a revision). Pure functions over plain records;
// the caller supplies ids and the clock. See docs/packets.md.
import type { JsonValue } from '../json/canonical-json'
import type { PacketDocument } from '../templates/packet'
import type { PacketTemplate } from '../templates/template-model'
import { validatePacket, type PacketValidation } from '../templates/validate-packet'
import type {
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
  PacketStatus,
} from '../workspace/records'

export interface NewPacketInput {
  id: string
  title: string
  partnerSourceId?: string
  now: Date
  by: string
  fields?: Record<string, JsonValue>
}

/** Statuses in which a packet is frozen: what was signed must not change. */
export const FROZEN_STATUSES: readonly PacketStatus[] = ['signed', 'verified', 'synced']

export const STATUS_LABELS: Record<PacketStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  signed: 'Signed',
  verified: 'Verified',
  synced: 'Synced',
  rejected: 'Rejected',
}

/** A packet id: template id, a slug of the title and a random suffix, in PACKET_ID_PATTERN. */
export function packetIdFor(templateId: string, title: string, random: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  const suffix =
    random
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 8) || '0'
  const head =
    slug.startsWith(`${templateId}-`) || slug === templateId ? slug : `${templateId}-${slug}`
  return `${head.replace(/-+$/, '')}-${suffix}`.slice(0, 128)
}

/** A suggested title for a new packet: "DPIA: Northwind Weather API 2026". */
export function suggestedTitle(
  template: PacketTemplate,
  sourceName: string | undefined,
  now: Date,
) {
  const short = template.title.replace(/\s*\(([^)]+)\)\s*$/, '').trim()
  const name = /\(([^)]+)\)\s*$/.exec(template.title)?.[1] ?? short
  return `${name}: ${sourceName ?? 'untitled'} ${now.getUTCFullYear()}`
}

export function createPacket(template: PacketTemplate, input: NewPacketInput): PacketRecord {
  const at = input.now.toISOString()
  const record: PacketRecord = {
    id: input.id,
    templateId: template.id,
    templateVersion: template.version,
    title: input.title.trim(),
    status: 'draft',
    revision: 1,
    fields: structuredClone(input.fields ?? {}),
    evidence: [],
    createdAt: at,
    createdBy: input.by,
    updatedAt: at,
  }
  if (input.partnerSourceId) record.partnerSourceId = input.partnerSourceId
  return record
}

/** The packet as the template validator and the bundle see it. */
export function toPacketDocument(
  packet: PacketRecord,
  evidenceBySha?: ReadonlyMap<string, EvidenceRecord>,
): PacketDocument {
  const doc: PacketDocument = {
    packetId: packet.id,
    template: { id: packet.templateId, version: packet.templateVersion },
    title: packet.title,
    revision: packet.revision,
    fields: packet.fields,
    evidence: packet.evidence.map((e) => {
      const rec = evidenceBySha?.get(e.sha256)
      const ref: PacketDocument['evidence'][number] = { path: e.path, role: e.role }
      if (rec?.title) ref.title = rec.title
      if (rec?.expires) ref.expires = rec.expires
      return ref
    }),
  }
  if (packet.partnerSourceId) doc.partnerSource = packet.partnerSourceId
  return doc
}

export function checkPacket(
  packet: PacketRecord,
  template: PacketTemplate,
  evidenceBySha?: ReadonlyMap<string, EvidenceRecord>,
  now?: Date,
): PacketValidation {
  return validatePacket(toPacketDocument(packet, evidenceBySha), template, { now })
}

/** Only a draft may be edited; a packet in review goes back to draft first. */
export function isEditable(packet: Pick<PacketRecord, 'status'>): boolean {
  return packet.status === 'draft'
}

export function isFrozen(packet: Pick<PacketRecord, 'status'>): boolean {
  return FROZEN_STATUSES.includes(packet.status)
}

export type TransitionResult =
  { ok: true; packet: PacketRecord; note: string } | { ok: false; reason: string }

const refuse = (reason: string): TransitionResult => ({ ok: false, reason })

/** Applies edits (title, fields, evidence) to a draft. */
export function applyEdit(
  packet: PacketRecord,
  edit: Partial<Pick<PacketRecord, 'title' | 'fields' | 'evidence' | 'partnerSourceId'>>,
  now: Date,
): TransitionResult {
  if (!isEditable(packet)) {
    return refuse(
      isFrozen(packet)
        ? `This packet is ${STATUS_LABELS[packet.status].toLowerCase()} and frozen; start a new revision to change it.`
        : `This packet is ${STATUS_LABELS[packet.status].toLowerCase()}; move it back to draft to change it.`,
    )
  }
  const next: PacketRecord = { ...packet, ...structuredClone(edit), updatedAt: now.toISOString() }
  if ('partnerSourceId' in edit && !edit.partnerSourceId) delete next.partnerSourceId
  return { ok: true, packet: next, note: 'Saved' }
}

/** draft → in-review, only when the packet passes every rule of its template. */
export function submitForReview(
  packet: PacketRecord,
  validation: PacketValidation,
  now: Date,
): TransitionResult {
  if (packet.status !== 'draft') {
    return refuse(
      `Only a draft can be submitted for review; this packet is ${STATUS_LABELS[packet.status].toLowerCase()}.`,
    )
  }
  if (!validation.ok) {
    const n = validation.issues.length
    return refuse(
      `The packet has ${n} ${n === 1 ? 'problem' : 'problems'} to fix before review (${validation.completeness.filled} of ${validation.completeness.required} required items filled). Fix the items listed at the top of the form.`,
    )
  }
  return {
    ok: true,
    packet: { ...packet, status: 'in-review', updatedAt: now.toISOString() },
    note: 'Submitted for review',
  }
}

/**
 * in-review or rejected → draft, to change it. A frozen packet needs a new revision instead.
 * Once the revision has been packed for sign-off (`packed`: someone approved or rejected it),
 * its content is bound to that bundle and those sign-offs, so the draft becomes the next
 * revision; the packed one keeps its bundle and sign-offs as history.
 */
export function returnToDraft(
  packet: PacketRecord,
  now: Date,
  options: { packed?: boolean } = {},
): TransitionResult {
  if (packet.status !== 'in-review' && packet.status !== 'rejected') {
    return refuse(
      isFrozen(packet)
        ? 'A signed packet cannot go back to draft; start a new revision.'
        : 'This packet is already a draft.',
    )
  }
  const next: PacketRecord = { ...packet, status: 'draft', updatedAt: now.toISOString() }
  delete next.rejectionReason
  if (options.packed) {
    next.revision = packet.revision + 1
    return {
      ok: true,
      packet: next,
      note: `Moved back to draft as revision ${next.revision} (revision ${packet.revision} was already signed off by someone and keeps its sign-offs)`,
    }
  }
  return { ok: true, packet: next, note: 'Moved back to draft' }
}

/** signed/verified/synced → revision + 1, draft, with the same content to change. */
export function startNewRevision(packet: PacketRecord, now: Date): TransitionResult {
  if (!isFrozen(packet)) {
    return refuse('Only a signed packet needs a new revision; a draft can be edited as it is.')
  }
  const next: PacketRecord = {
    ...structuredClone(packet),
    status: 'draft',
    revision: packet.revision + 1,
    updatedAt: now.toISOString(),
  }
  delete next.rejectionReason
  return { ok: true, packet: next, note: `Started revision ${packet.revision + 1}` }
}

/** The revision record for a save: version = highest saved version of this revision + 1. */
export function revisionRecord(
  packet: PacketRecord,
  previous: readonly Pick<PacketRevisionRecord, 'revision' | 'version'>[],
  input: { now: Date; by: string; note?: string },
): PacketRevisionRecord {
  const versions = previous.filter((r) => r.revision === packet.revision).map((r) => r.version)
  const record: PacketRevisionRecord = {
    packetId: packet.id,
    revision: packet.revision,
    version: versions.length ? Math.max(...versions) + 1 : 1,
    savedAt: input.now.toISOString(),
    savedBy: input.by,
    title: packet.title,
    fields: structuredClone(packet.fields),
    evidence: structuredClone(packet.evidence),
    status: packet.status,
  }
  if (input.note) record.note = input.note
  return record
}

/** Has anything a person can change moved since the saved state? */
export function hasUnsavedChanges(
  saved: Pick<PacketRecord, 'title' | 'fields' | 'evidence' | 'partnerSourceId'>,
  current: Pick<PacketRecord, 'title' | 'fields' | 'evidence' | 'partnerSourceId'>,
): boolean {
  return (
    saved.title !== current.title ||
    (saved.partnerSourceId ?? '') !== (current.partnerSourceId ?? '') ||
    JSON.stringify(saved.fields) !== JSON.stringify(current.fields) ||
    JSON.stringify(saved.evidence) !== JSON.stringify(current.evidence)
  )
}

/** Required evidence per role: how many the template asks for and how many are attached. */
export function evidenceRequirements(
  packet: Pick<PacketRecord, 'evidence'>,
  template: PacketTemplate,
): { role: string; label: string; minCount: number; have: number; met: boolean }[] {
  return template.requiredEvidence.map((req) => {
    const have = packet.evidence.filter((e) => e.role === req.role).length
    const label = template.evidenceRoles.find((r) => r.id === req.role)?.label ?? req.role
    return { role: req.role, label, minCount: req.minCount, have, met: have >= req.minCount }
  })
}
