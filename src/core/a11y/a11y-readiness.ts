// The accessibility badge of the partner readiness matrix: per partner source, the status of
// the sweep reports attached to its packets or linked to it in the evidence library (the worst
// of them), or "no report".
import type { EvidenceRecord, PacketRecord, PartnerSourceRecord } from '../workspace/records'
import { A11Y_STATUS_LABELS, worstStatus, type A11yStatus } from './review-model'

export type A11yBadgeState = A11yStatus | 'no-report'

export const A11Y_BADGE_LABELS: Readonly<Record<A11yBadgeState, string>> = {
  ...A11Y_STATUS_LABELS,
  'no-report': 'No report',
}

export interface SourceA11y {
  state: A11yBadgeState
  /** SHA-256 of each report counted, in a stable order. */
  reports: string[]
}

/**
 * `statusOf` gives the review status of each evidence item that is a sweep report (and nothing
 * for any other item). Rejected packets do not count: their evidence was turned down.
 */
export function sourceA11y(
  sources: readonly Pick<PartnerSourceRecord, 'id'>[],
  packets: readonly Pick<PacketRecord, 'partnerSourceId' | 'evidence' | 'status'>[],
  evidence: readonly Pick<EvidenceRecord, 'sha256' | 'partnerSourceId'>[],
  statusOf: ReadonlyMap<string, A11yStatus>,
): Map<string, SourceA11y> {
  const shas = new Map<string, Set<string>>()
  const add = (source: string | undefined, sha: string) => {
    if (!source || !statusOf.has(sha)) return
    let set = shas.get(source)
    if (!set) shas.set(source, (set = new Set()))
    set.add(sha)
  }
  for (const p of packets) {
    if (p.status === 'rejected') continue
    for (const e of p.evidence) add(p.partnerSourceId, e.sha256)
  }
  for (const e of evidence) add(e.partnerSourceId, e.sha256)
  const out = new Map<string, SourceA11y>()
  for (const s of sources) {
    const reports = [...(shas.get(s.id) ?? [])].sort()
    const state = worstStatus(reports.map((r) => statusOf.get(r)!)) ?? 'no-report'
    out.set(s.id, { state, reports })
  }
  return out
}
