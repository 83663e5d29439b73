// A packet's status as a word with a shape, never colour alone.
import { STATUS_LABELS } from '../../core/packets/packet-lifecycle'
import type { PacketStatus } from '../../core/workspace/records'

const SHAPES: Record<PacketStatus, string> = {
  draft: '✎',
  'in-review': '…',
  signed: '✓',
  verified: '✓✓',
  synced: '⇅',
  rejected: '✕',
}

export function PacketStatusTag({ status }: { status: PacketStatus }) {
  return (
    <span className={`tag packet-status status-${status}`}>
      <span aria-hidden="true">{SHAPES[status]}</span> {STATUS_LABELS[status]}
    </span>
  )
}
