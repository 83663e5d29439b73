// The access-review packet's field values, filled from a campaign's outputs, so the packet the
// SecEng and Ombuds roles sign states what the decision log and gap report hold. Attestations a
// person must make (the population is complete, the cadence) are left for that person.
import type { JsonValue } from '../json/canonical-json'
import {
  checkClose,
  latestDecisions,
  type ChangeConfirmation,
  type Decision,
  type GapReport,
  type ReviewItem,
} from './campaign'
import type { ReviewCampaignRecord } from './review-records'

/** Gaps listed in the packet itself; the gap report file attached as evidence holds all. */
export const MAX_PACKET_GAPS = 200

const day = (iso: string) => iso.slice(0, 10)

export function accessReviewFields(
  campaign: ReviewCampaignRecord,
  items: readonly ReviewItem[],
  decisions: readonly Decision[],
  confirmations: readonly ChangeConfirmation[],
  report: GapReport,
): Record<string, JsonValue> {
  const latest = latestDecisions(decisions)
  const count = (o: Decision['outcome']) =>
    items.filter((i) => latest.get(i.id)?.outcome === o).length
  const applied = report.unconfirmedChanges.length === 0
  const lastConfirmation = confirmations
    .map((c) => c.at)
    .sort()
    .at(-1)
  const gaps: JsonValue[] = []
  const addGap = (i: ReviewItem, issue: string) => {
    if (gaps.length < MAX_PACKET_GAPS)
      gaps.push({
        grant: `${i.login} — ${i.entitlement} (${i.application})`,
        issue,
        owner: i.reviewer,
        dueDate: campaign.dueDate,
      })
  }
  for (const i of report.undecided) addGap(i, 'No decision')
  for (const i of report.unsure) addGap(i, 'Reviewer unsure')
  for (const i of report.unconfirmedChanges)
    addGap(
      i,
      `${latest.get(i.id)?.outcome === 'modify' ? 'Modification' : 'Revocation'} not yet confirmed as done`,
    )
  for (const i of report.orphaned)
    if (latest.get(i.id)?.outcome === 'keep') addGap(i, 'Orphaned account kept')
  for (const i of report.serviceWithoutOwner)
    if (latest.get(i.id)?.outcome === 'keep') addGap(i, 'Service account kept without an owner')
  const kept = items.filter(
    (i) =>
      latest.get(i.id)?.outcome === 'keep' &&
      (i.flags.includes('privileged') || i.flags.includes('stale')),
  )
  const fields: Record<string, JsonValue> = {
    systems: [...new Set(items.map((i) => i.application))].sort().join('\n'),
    periodStart: day(campaign.frozenAt),
    periodEnd: day(campaign.closedAt ?? campaign.dueDate),
    reviewers: [...new Set(items.map((i) => i.reviewer))].sort().join(', '),
    populationSource: campaign.inputs
      .map(
        (f) => `${f.fileName} (${f.source}, ${f.rowCount} rows, SHA-256 ${f.sha256.slice(0, 16)}…)`,
      )
      .join('; '),
    populationFrozenOn: day(campaign.frozenAt),
    populationSize: items.length,
    keptCount: count('keep'),
    revokedCount: count('revoke'),
    modifiedCount: count('modify'),
    allGrantsDecided: checkClose(items, decisions).canClose,
    changesApplied: applied,
    gaps,
  }
  if (applied && lastConfirmation) fields.changesAppliedOn = day(lastConfirmation)
  if (kept.length > 0)
    fields.exceptions = [
      `${kept.length} privileged or stale grant${kept.length === 1 ? ' was' : 's were'} kept with a justification (see the decision log):`,
      ...kept
        .slice(0, 50)
        .map(
          (i) =>
            `- ${i.login}, ${i.entitlement} (${i.application}): ${latest.get(i.id)!.justification} — ${latest.get(i.id)!.actor}`,
        ),
      ...(kept.length > 50 ? [`… and ${kept.length - 50} more in the decision log.`] : []),
    ].join('\n')
  return fields
}
