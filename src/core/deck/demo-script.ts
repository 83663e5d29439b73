// The Sprint 34 demo script, the steps a deck is prefilled with. Source: the sprint plan
// (mc-sprint-34.md, section 11 "Demo Script (10–12 min)"); the wording is the plan's, with
// its abbreviations kept (FS: financial services tenant, MP-D: marketplace pilot D, XAI-2: the
// explainability SLO work item). Edit the steps in the deck builder; this list is only the
// starting point.
import type { DeckModel, DeckStep } from './deck-model'

export const SPRINT_34_DEMO_SCRIPT: readonly { title: string; notes: string }[] = [
  {
    title: 'FS open-GA flip',
    notes:
      'Tenant switch, then blended search; partial results are labelled; stitched export with licence clauses.',
  },
  {
    title: 'Predictive rollout status',
    notes: 'Rollout status (or remediation closure), then the audit sampling dashboard.',
  },
  {
    title: 'MP-D pilot',
    notes: 'Partner source cards; verify the request-to-connect packet.',
  },
  {
    title: 'XAI-2 SLO dashboards',
    notes: 'SLO dashboards, a tour of the failure buckets, copy and caveats.',
  },
  {
    title: 'Metering',
    notes: 'Key rotation rehearsal and drift report; invoice preview batch.',
  },
  {
    title: 'Onboarding: policy-sim to go-live',
    notes: 'Policy simulation through to go-live, with its evidence bundle.',
  },
  {
    title: 'SLO burn chart',
    notes: 'SLO burn chart and the impact of warmers v3.',
  },
]

/** A new deck prefilled with the sprint's demo script (no packets, screenshots or KPIs yet). */
export function deckFromDemoScript(date: string, presenter = ''): DeckModel {
  const steps: DeckStep[] = SPRINT_34_DEMO_SCRIPT.map((s) => ({
    title: s.title,
    notes: s.notes,
    packetIds: [],
    screenshots: [],
    kpis: [],
  }))
  return {
    title: 'Sprint 34 demo',
    event: 'Sprint 34 demo (10–12 min)',
    date,
    presenter,
    steps,
    caveats: [],
  }
}
