// The demo workspace's saved deck: the sprint's demo script (core/deck/demo-script.ts) with
// each step drawing on a signed demo packet of the kind the step shows, the two demo
// screenshots where the script shows them, and a KPI. It validates, so the deck builder's list
// shows it Ready and Preview renders it at once. Derived from the demo's own records.
import type { DeckModel } from '../deck/deck-model'
import type { DeckRecord } from '../deck/deck-records'
import { deckFromDemoScript } from '../deck/demo-script'
import type { EvidenceRecord, PacketRecord } from './records'

export const DEMO_DECK_ID = 'deck-demo-sprint-34'

/** Per script step (by index): the template of the signed packet it draws on. */
const STEP_TEMPLATES = [
  'license',
  'partner-sla',
  'request-to-connect',
  'partner-sla',
  'license',
  'dpia',
  'partner-sla',
] as const

/** Screenshots by step index, by the demo evidence's file name, with a caption. */
const STEP_SCREENSHOTS: Record<number, { fileName: string; caption: string }> = {
  2: { fileName: 'northwind-weather-card.png', caption: 'Partner source card, with attribution' },
  3: { fileName: 'contoso-maps-latency.png', caption: 'Tile latency p95 over the last week' },
}

const DAY = 86_400_000
const SIGNED = new Set(['signed', 'verified', 'synced'])

export function buildDemoDeck(
  demo: { packets: readonly PacketRecord[]; evidence: readonly EvidenceRecord[] },
  now: Date,
  presenter: string,
): DeckRecord {
  const t = now.getTime()
  const deck: DeckModel = deckFromDemoScript(new Date(t + 2 * DAY).toISOString().slice(0, 10))
  deck.presenter = presenter
  const signed = demo.packets
    .filter((p) => SIGNED.has(p.status))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  const used = new Map<string, number>()
  deck.steps.forEach((step, i) => {
    const templateId = STEP_TEMPLATES[i % STEP_TEMPLATES.length]!
    const candidates = signed.filter((p) => p.templateId === templateId)
    const n = used.get(templateId) ?? 0
    used.set(templateId, n + 1)
    const packet = candidates[n % Math.max(1, candidates.length)]
    if (packet) step.packetIds = [packet.id]
    const shot = STEP_SCREENSHOTS[i]
    const evidence = shot && demo.evidence.find((e) => e.fileName === shot.fileName)
    if (shot && evidence) step.screenshots = [{ sha256: evidence.sha256, caption: shot.caption }]
  })
  const slo = deck.steps[3]
  if (slo)
    slo.kpis = [
      { label: 'Tile latency p95', target: 1.25, actual: 1.08, unit: 's', comparator: '<=' },
      { label: 'Availability', target: 99.9, actual: 99.95, unit: '%', comparator: '>=' },
    ]
  deck.caveats = [
    'Demo workspace: the partners, packets and figures are fictional sample data.',
    'Latency measured on the staging tile service over seven days.',
  ]
  return {
    id: DEMO_DECK_ID,
    deck,
    createdAt: new Date(t - 6 * DAY).toISOString(),
    updatedAt: new Date(t - 4 * DAY).toISOString(),
  }
}
