// The bundles this workspace received: each with its verdict and, when it did not verify, the
// Quarantined marker (a word, a stop icon and a red edge). Open a stored report, verify a bundle
// again against the current workspace keyring (keys imported or revoked since), or delete a
// quarantined one after confirming. A bundle that became a packet stays with its packet.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState } from 'react'
import { CancelledError } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import type { Keyring } from '../../core/keys/keyring'
import type { ReceivedBundleRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { WorkspaceConfirm } from '../workspace/WorkspaceConfirm'
import { formatBytes, formatTime } from './report-view'
import { listReceived, removeQuarantined, reverifyReceived } from './received-bundles'

interface ReceivedBundlesProps {
  db: WorkspaceDb
  keyring: Keyring | undefined
  actor: string
  /** Which record's report is on screen now. */
  shownSha256?: string
  disabled?: boolean
  /** Shows a record's report; `fresh` when it was just verified again. */
  onShow: (record: ReceivedBundleRecord, fresh?: boolean) => void
}

export function QuarantineBadge() {
  return (
    <span className="quarantine-badge">
      <Icon name="stop" /> Quarantined
    </span>
  )
}

export function VerdictTag({ verdict }: { verdict: ReceivedBundleRecord['verdict'] }) {
  const ok = verdict === 'verified'
  return (
    <span className={`tag tag-${ok ? 'ok' : 'bad'}`}>
      <Icon name={ok ? 'check' : 'cross'} />
      {ok ? 'Verified' : 'Not verified'}
    </span>
  )
}

export function ReceivedBundles(props: ReceivedBundlesProps) {
  const { db, keyring, actor } = props
  const records = useLiveQuery(() => listReceived(db), [db])
  const [busy, setBusy] = useState<{ sha256: string; cancelling: boolean }>()
  const [note, setNote] = useState('')
  const [confirm, setConfirm] = useState<ReceivedBundleRecord>()
  const abortRef = useRef<AbortController | null>(null)
  useEffect(() => () => abortRef.current?.abort(), [])

  const reverify = async (record: ReceivedBundleRecord) => {
    if (!keyring) return
    const controller = new AbortController()
    abortRef.current = controller
    setBusy({ sha256: record.sha256, cancelling: false })
    setNote(`Verifying ${record.fileName} again…`)
    try {
      const { record: updated, report } = await reverifyReceived(db, record.sha256, {
        keyring,
        actor,
        signal: controller.signal,
      })
      setNote(`${record.fileName} verified again: ${verdictWord(report)}.`)
      props.onShow(updated, true)
    } catch (e) {
      setNote(
        e instanceof CancelledError || controller.signal.aborted
          ? 'Verification cancelled; the stored report was kept.'
          : `Could not verify ${record.fileName} again: ${e instanceof Error ? e.message : String(e)}`,
      )
    } finally {
      abortRef.current = null
      setBusy(undefined)
    }
  }

  const remove = async (record: ReceivedBundleRecord) => {
    setConfirm(undefined)
    try {
      await removeQuarantined(db, record.sha256, actor)
      setNote(`Deleted the quarantined bundle ${record.fileName} and its report.`)
    } catch (e) {
      setNote(`Could not delete ${record.fileName}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <section className="panel received" aria-labelledby="received-title">
      <h2 id="received-title">
        Received bundles {records ? <span className="count">({records.length})</span> : null}
      </h2>
      <p className="muted">
        Bundles kept in this workspace. Those that did not verify are quarantined: they are not
        packets, and none of their files are in the evidence library.
      </p>
      {!records ? (
        <p className="muted">Loading…</p>
      ) : records.length === 0 ? (
        <p>No bundles received yet. Verify a bundle above, then keep it in this workspace.</p>
      ) : (
        <div className="table-scroll">
          <table className="received-table">
            <thead>
              <tr>
                <th scope="col">Bundle</th>
                <th scope="col">Packet</th>
                <th scope="col">Verdict</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr
                  key={r.sha256}
                  className={r.quarantined ? 'is-quarantined' : undefined}
                  data-sha256={r.sha256}
                  aria-current={props.shownSha256 === r.sha256 ? 'true' : undefined}
                >
                  <th scope="row">
                    <span className="mono break">{r.fileName}</span>
                    <span className="muted block small">
                      {formatBytes(r.size)} · received{' '}
                      <time dateTime={r.receivedAt}>{formatTime(r.receivedAt)}</time>
                    </span>
                  </th>
                  <td>
                    {r.title ?? <span className="muted">unreadable</span>}
                    {r.templateId ? (
                      <span className="mono muted block small">{r.templateId}</span>
                    ) : null}
                  </td>
                  <td>
                    <VerdictTag verdict={r.verdict} />
                  </td>
                  <td>
                    {r.quarantined ? (
                      <QuarantineBadge />
                    ) : r.packetId ? (
                      <a href={`#/packets/${encodeURIComponent(r.packetId)}`}>
                        Packet in workspace
                      </a>
                    ) : (
                      'In workspace'
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={props.disabled || busy !== undefined}
                        onClick={() => props.onShow(r)}
                      >
                        Show report<span className="visually-hidden"> of {r.fileName}</span>
                      </button>
                      {busy?.sha256 === r.sha256 ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy.cancelling}
                          onClick={() => {
                            abortRef.current?.abort()
                            setBusy({ sha256: r.sha256, cancelling: true })
                          }}
                        >
                          Cancel
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={props.disabled || busy !== undefined || !keyring}
                          onClick={() => void reverify(r)}
                        >
                          Verify again<span className="visually-hidden"> {r.fileName}</span>
                        </button>
                      )}
                      {r.quarantined ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={props.disabled || busy !== undefined}
                          onClick={() => setConfirm(r)}
                        >
                          Delete…<span className="visually-hidden"> {r.fileName}</span>
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" className="small">
        {note}
      </p>
      <WorkspaceConfirm
        open={confirm !== undefined}
        title="Delete this quarantined bundle?"
        confirmLabel="Delete bundle"
        onConfirm={() => confirm && void remove(confirm)}
        onCancel={() => setConfirm(undefined)}
      >
        <p>
          <span className="mono break">{confirm?.fileName}</span> and its verification report will
          be removed from this workspace. The audit log keeps a record that you deleted it. The file
          you received is not affected.
        </p>
      </WorkspaceConfirm>
    </section>
  )
}

const verdictWord = (report: VerificationReport) =>
  report.verdict === 'verified' ? 'Verified' : 'Not verified'
