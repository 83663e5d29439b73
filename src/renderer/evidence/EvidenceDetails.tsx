// The details of the selected item: its expiry flag, preview, facts (SHA-256 with a copy
// button, size, type, file and folder, who added it when), the metadata form, and the packets
// that use it.
import { forwardRef, useEffect, useState } from 'react'
import { describeExpiry, expiryState } from '../../core/evidence/expiry'
import { formatBytes } from '../../core/evidence/file-type'
import type { EvidenceMetadata } from '../../core/evidence/metadata'
import type {
  EvidenceRecord,
  PacketRecord,
  PartnerSourceRecord,
} from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { packetsUsing } from './evidence-store'
import { EvidenceExpiryFlag } from './EvidenceIcon'
import { EvidenceMetadataForm } from './EvidenceMetadataForm'
import { EvidencePreview } from './EvidencePreview'

export interface EvidenceDetailsProps {
  db: WorkspaceDb
  record: EvidenceRecord
  today: string
  partnerSources: readonly PartnerSourceRecord[]
  onSave: (sha256: string, metadata: EvidenceMetadata) => Promise<void>
  /** An item the preview added to the library (an accessibility review record). */
  onListed?: (record: EvidenceRecord) => void
}

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // The desktop app denies clipboard permissions; copying a selection still works.
    if (!fallback) return false
    fallback.select()
    return document.execCommand('copy')
  }
}

function HashField({ sha256 }: { sha256: string }) {
  const [copied, setCopied] = useState('')
  const [input, setInput] = useState<HTMLInputElement | null>(null)
  useEffect(() => setCopied(''), [sha256])
  return (
    <div className="evidence-hash">
      <input
        ref={setInput}
        className="mono"
        readOnly
        value={sha256}
        aria-label="SHA-256"
        onFocus={(e) => e.target.select()}
      />
      <button
        type="button"
        className="button"
        onClick={() =>
          void copyText(sha256, input).then((ok) =>
            setCopied(ok ? 'SHA-256 copied.' : 'Select the hash and press Ctrl+C to copy it.'),
          )
        }
      >
        Copy SHA-256
      </button>
      <span role="status" className="small">
        {copied}
      </span>
    </div>
  )
}

function Usage({ db, sha256 }: { db: WorkspaceDb; sha256: string }) {
  const [packets, setPackets] = useState<PacketRecord[]>()
  useEffect(() => {
    let live = true
    setPackets(undefined)
    packetsUsing(db, sha256).then(
      (p) => live && setPackets(p),
      () => live && setPackets([]),
    )
    return () => {
      live = false
    }
  }, [db, sha256])
  if (!packets) return <p className="muted">Looking for packets that use it…</p>
  if (packets.length === 0) return <p className="muted">No packet uses this evidence yet.</p>
  return (
    <ul className="plain-list">
      {packets.map((p) => (
        <li key={p.id}>
          <strong>{p.title}</strong>{' '}
          <span className="muted small">
            ({p.templateId}, {p.status}; as{' '}
            {p.evidence
              .filter((e) => e.sha256 === sha256)
              .map((e) => e.role)
              .join(', ')}
            )
          </span>
        </li>
      ))}
    </ul>
  )
}

export const EvidenceDetails = forwardRef<HTMLHeadingElement, EvidenceDetailsProps>(
  function EvidenceDetails({ db, record, today, partnerSources, onSave, onListed }, headingRef) {
    const state = expiryState(record.expires, today)
    const partner = partnerSources.find((p) => p.id === record.partnerSourceId)
    return (
      <section className="evidence-details panel" aria-labelledby="evidence-details-title">
        <h2 id="evidence-details-title" ref={headingRef} tabIndex={-1}>
          {record.title}
        </h2>
        <p className={`evidence-expiry-line expiry-line-${state}`}>
          {state === 'none' ? null : <EvidenceExpiryFlag state={state} />}{' '}
          {describeExpiry(record.expires, today)}
        </p>
        <h3>Preview</h3>
        <div className="evidence-preview">
          <EvidencePreview db={db} record={record} onListed={onListed} />
        </div>
        <h3>File</h3>
        <HashField sha256={record.sha256} />
        <dl className="facts">
          <dt>File name</dt>
          <dd className="break">{record.fileName}</dd>
          {record.folder ? (
            <>
              <dt>Folder</dt>
              <dd className="break">{record.folder}</dd>
            </>
          ) : null}
          <dt>Size</dt>
          <dd>
            {formatBytes(record.size)} ({record.size.toLocaleString('en-GB')} bytes)
          </dd>
          <dt>Type</dt>
          <dd>{record.mimeType}</dd>
          <dt>Partner source</dt>
          <dd>{partner?.name ?? record.partnerSourceId ?? 'None'}</dd>
          <dt>Added</dt>
          <dd>
            {new Date(record.addedAt).toLocaleString('en-GB')} by {record.addedBy}
          </dd>
        </dl>
        <h3>Details</h3>
        <EvidenceMetadataForm
          key={record.sha256}
          record={record}
          partnerSources={partnerSources}
          onSave={(m) => onSave(record.sha256, m)}
        />
        <h3>Used in packets</h3>
        <Usage db={db} sha256={record.sha256} />
      </section>
    )
  },
)
