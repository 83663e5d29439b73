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

/**
 * The status, and "Received" beside it for a packet imported from a bundle someone sent
 * (PacketRecord.receivedFrom): its content is what that bundle's signers signed.
 */
export function PacketStatusTag({
  status,
  received,
}: {
  status: PacketStatus
  received?: boolean
}) {
  const tag = (
    <span className={`tag packet-status status-${status}`}>
      <span aria-hidden="true">{SHAPES[status]}</span> {STATUS_LABELS[status]}
    </span>
  )
  if (!received) return tag
  return (
    <>
      {tag}{' '}
      <span className="tag packet-status packet-received" data-received="true">
        <span aria-hidden="true">⇩</span> Received
      </span>
    </>
  )
}
