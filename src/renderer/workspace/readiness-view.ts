// Wording for the readiness matrix and the register: template and state labels, and the
// links a cell leads to (the Packets screens own those routes; here we only link).
import type { CellState, ReadinessCell } from '../../core/workspace/readiness'

export const REQUIRED_PACKET_LABELS: Readonly<Record<string, string>> = {
  dpia: 'DPIA',
  license: 'License',
  'partner-sla': 'Partner SLA',
  'request-to-connect': 'Request to connect',
}

export const packetLabel = (templateId: string): string =>
  REQUIRED_PACKET_LABELS[templateId] ?? templateId

export const CELL_STATE_LABELS: Readonly<Record<CellState, string>> = {
  missing: 'Missing',
  draft: 'Draft',
  'in-review': 'In review',
  signed: 'Signed',
  verified: 'Verified',
  synced: 'Synced',
  rejected: 'Rejected',
}

export const packetHref = (packetId: string): string => `#/packets/${encodeURIComponent(packetId)}`

export const newPacketHref = (templateId: string, sourceId: string): string =>
  `#/packets/new?template=${encodeURIComponent(templateId)}&source=${encodeURIComponent(sourceId)}`

/** Where a matrix cell leads: its packet, or creating one. */
export const cellHref = (cell: ReadinessCell, sourceId: string): string =>
  cell.packetId ? packetHref(cell.packetId) : newPacketHref(cell.templateId, sourceId)

/** "DPIA (missing), Partner SLA (draft)". */
export function lackingText(cells: readonly ReadinessCell[], lacking: readonly string[]): string {
  return lacking
    .map((t) => {
      const cell = cells.find((c) => c.templateId === t)
      const state = cell ? CELL_STATE_LABELS[cell.state].toLowerCase() : 'missing'
      return `${packetLabel(t)} (${state})`
    })
    .join(', ')
}
