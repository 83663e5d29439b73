// The partner readiness matrix: which required packets each partner source has, at what
// status, and whether the source is ready (every required packet signed or beyond).
import type { PacketRecord, PacketStatus, PartnerSourceRecord } from './records'

/** The packets every MP-D partner source needs before it may go live. */
export const REQUIRED_SOURCE_PACKETS = [
  'dpia',
  'license',
  'partner-sla',
  'request-to-connect',
] as const

export type CellState = 'missing' | PacketStatus

export interface ReadinessCell {
  templateId: string
  state: CellState
  /** The packet deciding the state: the most advanced one of that template for the source. */
  packetId?: string
}

export interface SourceReadiness {
  source: PartnerSourceRecord
  cells: ReadinessCell[]
  ready: boolean
  /** Template ids still missing or not yet signed, for "what it lacks". */
  lacking: string[]
  /** How many required packets are signed or beyond ("3 of 4"). */
  done: number
}

const DONE: ReadonlySet<CellState> = new Set(['signed', 'verified', 'synced'])

/** Whether a cell counts towards readiness: its packet is signed, verified or synced. */
export const isDoneState = (state: CellState): boolean => DONE.has(state)
// Higher wins when a source has several packets of one template.
const RANK: Record<CellState, number> = {
  missing: 0,
  rejected: 1,
  draft: 2,
  'in-review': 3,
  signed: 4,
  verified: 5,
  synced: 6,
}

export function sourceReadiness(
  sources: readonly PartnerSourceRecord[],
  packets: readonly PacketRecord[],
  required: readonly string[] = REQUIRED_SOURCE_PACKETS,
): { rows: SourceReadiness[]; ready: number; total: number } {
  const best = new Map<string, ReadinessCell>()
  for (const p of packets) {
    if (!p.partnerSourceId || !required.includes(p.templateId)) continue
    const key = `${p.partnerSourceId}\u0000${p.templateId}`
    const current = best.get(key)
    if (!current || RANK[p.status] > RANK[current.state]) {
      best.set(key, { templateId: p.templateId, state: p.status, packetId: p.id })
    }
  }
  const rows = sources
    .filter((s) => s.status !== 'retired')
    .map((source) => {
      const cells = required.map(
        (t) => best.get(`${source.id}\u0000${t}`) ?? { templateId: t, state: 'missing' as const },
      )
      const lacking = cells.filter((c) => !DONE.has(c.state)).map((c) => c.templateId)
      const done = cells.length - lacking.length
      return { source, cells, ready: lacking.length === 0, lacking, done }
    })
  return { rows, ready: rows.filter((r) => r.ready).length, total: rows.length }
}

/** The headline a PM reads first: "7 of 10 sources ready". */
export function readinessHeadline(ready: number, total: number): string {
  if (total === 0) return 'No partner sources yet'
  return `${ready} of ${total} ${total === 1 ? 'source' : 'sources'} ready`
}
