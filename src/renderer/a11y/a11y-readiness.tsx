// The readiness matrix's accessibility badge: per partner source, the status of the sweep
// reports attached to its packets or linked to it in the library (core/a11y/a11y-readiness.ts),
// kept up to date as packets, evidence and review decisions change.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import {
  A11Y_BADGE_LABELS,
  sourceA11y,
  type A11yBadgeState,
  type SourceA11y,
} from '../../core/a11y/a11y-readiness'
import type { A11yStatus } from '../../core/a11y/review-model'
import { localDate } from '../../core/evidence/expiry'
import { previewKind } from '../../core/evidence/file-type'
import type { WorkspaceDb } from '../data/workspace-db'
import { BadgeIcon, type BadgeState } from '../workspace/WorkspaceBadge'
import { reportStatuses } from './a11y-review-store'

/** The badge shape of each state: one icon per state, so colour is never the only cue. */
const BADGE_SHAPE: Record<A11yBadgeState, BadgeState> = {
  pass: 'signed',
  waived: 'verified',
  'needs-review': 'in-review',
  fail: 'rejected',
  'no-report': 'missing',
}

export const A11Y_BADGE_MEANINGS: Readonly<Record<A11yBadgeState, string>> = {
  pass: 'no violations, and every item a person must check was reviewed and passed',
  waived: 'every violation is under a waiver in force, and everything else was reviewed and passed',
  'needs-review': 'no failures, but items still wait for a reviewer’s decision',
  fail: 'a violation not waived, an expired waiver, a reviewer’s fail, or a page not swept',
  'no-report': 'no sweep report attached to the source’s packets or linked to the source',
}

export function A11yBadge({ state }: { state: A11yBadgeState }) {
  const shape = BADGE_SHAPE[state]
  return (
    <span className={`ws-badge ws-state-${shape}`} data-a11y-state={state}>
      <BadgeIcon state={shape} />
      {A11Y_BADGE_LABELS[state]}
    </span>
  )
}

/** Each source's accessibility badge; undefined while loading, 'failed' if it cannot be read. */
export function useSourceA11y(db: WorkspaceDb): Map<string, SourceA11y> | 'failed' | undefined {
  const inputs = useLiveQuery(async () => {
    const [sources, packets, evidence, decisions] = await Promise.all([
      db.partnerSources.toArray(),
      db.packets.toArray(),
      db.evidence.toArray(),
      db.a11yReviews.count(),
    ])
    return { sources, packets, evidence, decisions }
  }, [db])
  const [result, setResult] = useState<Map<string, SourceA11y> | 'failed'>()
  useEffect(() => {
    if (!inputs) return
    let live = true
    const json = new Set(
      inputs.evidence.filter((e) => previewKind(e.mimeType) === 'json').map((e) => e.sha256),
    )
    const candidates = [
      ...inputs.packets.flatMap((p) => (p.partnerSourceId ? p.evidence.map((e) => e.sha256) : [])),
      ...inputs.evidence.filter((e) => e.partnerSourceId).map((e) => e.sha256),
    ].filter((sha) => json.has(sha))
    reportStatuses(db, candidates, localDate()).then(
      (statuses) => {
        if (!live) return
        const statusOf = new Map<string, A11yStatus>()
        // A report that cannot be read is never a pass.
        for (const [sha, s] of statuses) statusOf.set(sha, s.review?.status ?? 'fail')
        setResult(sourceA11y(inputs.sources, inputs.packets, inputs.evidence, statusOf))
      },
      () => live && setResult('failed'),
    )
    return () => {
      live = false
    }
  }, [db, inputs])
  return result
}
