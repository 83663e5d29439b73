// One log entry in full: the decoded event, its index, its Merkle leaf hash and the exact
// canonical bytes that were hashed, and whether a signed checkpoint covers it yet.
import { forwardRef, useEffect, useState } from 'react'
import { leafHash } from '../../core/audit/merkle'
import { toHex } from '../../core/encoding/bytes'
import { platformCrypto } from '../host/platform-crypto'
import { ACTION_LABELS, formatTime } from './audit-view'
import type { TimelineItem } from './AuditTimeline'

const text = new TextDecoder('utf-8', { fatal: false })

interface AuditEntryDetailsProps {
  item: TimelineItem
  packetTitles: ReadonlyMap<string, string>
  /** Size of the largest stored checkpoint (not verified here). */
  signedSize: number
}

export const AuditEntryDetails = forwardRef<HTMLHeadingElement, AuditEntryDetailsProps>(
  function AuditEntryDetails({ item, packetTitles, signedSize }, ref) {
    const [hash, setHash] = useState<string>()
    useEffect(() => {
      let live = true
      setHash(undefined)
      void platformCrypto()
        .then((c) => leafHash(item.entry, c))
        .then((h) => live && setHash(toHex(h)))
      return () => {
        live = false
      }
    }, [item.entry])
    const e = item.event
    return (
      <section className="panel audit-details" aria-labelledby="audit-details-title">
        <h2 id="audit-details-title" tabIndex={-1} ref={ref}>
          Entry {item.index}: {e ? ACTION_LABELS[e.action] : 'unreadable'}
        </h2>
        <dl className="facts">
          {e ? (
            <>
              <dt>Action</dt>
              <dd>
                {ACTION_LABELS[e.action]} <span className="mono muted">({e.action})</span>
              </dd>
              <dt>Who</dt>
              <dd>{e.actor}</dd>
              <dt>When</dt>
              <dd>
                {formatTime(e.time)} <span className="mono muted small">{e.time}</span>
              </dd>
              {e.packetId ? (
                <>
                  <dt>Packet</dt>
                  <dd>
                    {packetTitles.get(e.packetId) ?? 'Packet not in this workspace'}{' '}
                    <span className="mono muted small">{e.packetId}</span>
                  </dd>
                </>
              ) : null}
              {e.subject ? (
                <>
                  <dt>Subject</dt>
                  <dd className="break">{e.subject}</dd>
                </>
              ) : null}
            </>
          ) : (
            <>
              <dt>Problem</dt>
              <dd>{item.problem}</dd>
            </>
          )}
          <dt>Index</dt>
          <dd>{item.index}</dd>
          <dt>Signed</dt>
          <dd>
            {item.index < signedSize
              ? `Covered by a checkpoint of ${signedSize} entries.`
              : 'Not yet covered by a signed checkpoint.'}
          </dd>
          <dt>Leaf hash</dt>
          <dd className="mono break" data-testid="audit-leaf-hash">
            {hash ?? 'Hashing…'}
          </dd>
        </dl>
        {e?.details ? (
          <>
            <h3>Details</h3>
            <pre className="audit-json">{JSON.stringify(e.details, null, 2)}</pre>
          </>
        ) : null}
        <h3>Canonical bytes ({item.entry.length} bytes)</h3>
        <p className="muted small">
          What was hashed: SHA-256(0x00 ‖ these bytes) is the leaf hash above.
        </p>
        <pre className="audit-json audit-bytes" data-testid="audit-canonical-bytes">
          {text.decode(item.entry)}
        </pre>
      </section>
    )
  },
)
