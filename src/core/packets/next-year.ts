// "Duplicate for next year's review": a new draft that starts from last year's content, with
// what belongs to last year's review cleared and what may have changed flagged. The rules are
// data-driven from the template, so they hold for any template:
//
// 1. Dates are period-bound and cleared (review dates, opinion dates, rehearsal dates, due
//    dates in lists …), except the terms of an agreement (ids or labels naming effective, start,
//    end, expiry or renewal dates), which are kept and flagged for a check.
// 2. Checklist items (`mustBeTrue` booleans) attest last period's checks: cleared.
// 3. Opinions, decisions, outcomes and approvals were given for last year's packet: cleared.
// 4. Everything else is copied; attached evidence is kept and flagged, since it may be stale.
// See docs/packets.md.
import type { JsonValue } from '../json/canonical-json'
import type { Field, PacketTemplate } from '../templates/template-model'
import type { PacketRecord } from '../workspace/records'
import { createPacket } from './packet-lifecycle'

export interface NextYearChange {
  /** `fields.dpoOpinionDate`, `fields.actionPlan[0].dueDate`, `evidence`. */
  path: string
  label: string
  action: 'cleared' | 'check'
  /** The value last year, as text. */
  was?: string
  reason: string
}

const TERM = /(effective|start|end|expir|renewal|term\b)/i
const JUDGEMENT = /(opinion|decision|rationale|outcome|approv|verdict|sign-?off)/i

function isTermDate(field: Field): boolean {
  return TERM.test(field.id) || TERM.test(field.label)
}

function periodBound(field: Field): 'date' | 'term' | 'checklist' | 'judgement' | undefined {
  if (field.type === 'date') return isTermDate(field) ? 'term' : 'date'
  if (field.type === 'boolean' && field.mustBeTrue) return 'checklist'
  if (field.type !== 'list' && field.type !== 'risks' && JUDGEMENT.test(field.id))
    return 'judgement'
  return undefined
}

const show = (v: JsonValue | undefined): string =>
  v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)

/** Replaces the latest year in the title by the next one, or appends the next year. */
export function nextYearTitle(title: string, fallbackYear: number): string {
  const years = [...title.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]))
  if (years.length === 0) return `${title.trim()} ${fallbackYear + 1}`
  const last = Math.max(...years)
  return title.replace(new RegExp(`\\b${last}\\b`, 'g'), String(last + 1))
}

export function duplicateForNextYear(
  source: PacketRecord,
  template: PacketTemplate,
  input: { id: string; now: Date; by: string },
): { packet: PacketRecord; changes: NextYearChange[] } {
  const changes: NextYearChange[] = []
  const fields: Record<string, JsonValue> = structuredClone(source.fields)
  for (const section of template.sections) {
    for (const field of section.fields) {
      const value = fields[field.id]
      if (value === undefined) continue
      const kind = periodBound(field)
      const path = `fields.${field.id}`
      if (kind === 'term') {
        changes.push({
          path,
          label: field.label,
          action: 'check',
          was: show(value),
          reason: 'The term of an agreement may still run; check it is still right.',
        })
      } else if (kind) {
        delete fields[field.id]
        changes.push({
          path,
          label: field.label,
          action: 'cleared',
          was: show(value),
          reason:
            kind === 'date'
              ? 'Dates belong to last year’s review.'
              : kind === 'checklist'
                ? 'Checklist items must be confirmed again for this period.'
                : 'Opinions and decisions are given anew for each review.',
        })
      } else if (field.type === 'list' && Array.isArray(value)) {
        for (const sub of field.itemFields) {
          const subKind = periodBound(sub)
          if (!subKind) continue
          value.forEach((item, i) => {
            if (typeof item !== 'object' || item === null || Array.isArray(item)) return
            if (item[sub.id] === undefined) return
            const p = `${path}[${i}].${sub.id}`
            const label = `${field.label}, entry ${i + 1}: ${sub.label}`
            if (subKind === 'term') {
              changes.push({
                path: p,
                label,
                action: 'check',
                was: show(item[sub.id]),
                reason: 'Check the term is still right.',
              })
            } else {
              changes.push({
                path: p,
                label,
                action: 'cleared',
                was: show(item[sub.id]),
                reason: 'Belongs to last year’s review.',
              })
              delete item[sub.id]
            }
          })
        }
      }
    }
  }
  const packet = createPacket(template, {
    id: input.id,
    title: nextYearTitle(source.title, new Date(source.createdAt).getUTCFullYear()),
    partnerSourceId: source.partnerSourceId,
    now: input.now,
    by: input.by,
    fields,
  })
  packet.evidence = structuredClone(source.evidence)
  packet.copiedFrom = source.id
  // A packet written against an older template version keeps it; the editor offers the fields
  // of that version, so nothing is lost.
  packet.templateVersion = source.templateVersion
  if (packet.evidence.length > 0) {
    changes.push({
      path: 'evidence',
      label: 'Evidence',
      action: 'check',
      was: `${packet.evidence.length} attached`,
      reason: 'Last year’s evidence is still attached; replace what is out of date.',
    })
  }
  return { packet, changes }
}
