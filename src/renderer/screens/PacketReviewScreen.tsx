// The pre-sync review of one packet (#/packets/<id>/review): a checklist run on opening, with
// progress and Cancel. Each item says in words whether it passed or failed (never colour
// alone), the particulars, and what to do. "Ready to sync" only when every item passed.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import { STATUS_LABELS } from '../../core/packets/packet-lifecycle'
import { readyToSync, type PreSyncItem } from '../../core/packets/pre-sync-review'
import { TemplateRegistry } from '../../core/templates/registry'
import type { PacketRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { packetHrefs } from '../packets/packet-routes'
import { getPacket } from '../packets/packet-store'
import { preSyncChecks, runPreSyncReview, type PreSyncCheck } from '../packets/pre-sync-checks'
import { WorkProgress } from '../packets/WorkProgress'
// Adds the accessibility line to the checklist (registered on load).
import '../a11y/a11y-pre-sync-check'

const registry = new TemplateRegistry()

type RunState =
  | { kind: 'idle' }
  | {
      kind: 'running'
      current?: PreSyncCheck
      progress?: Progress
      cancelling: boolean
      /** Started with "Check again" (focus follows to Cancel), not on opening the screen. */
      byUser: boolean
    }
  | { kind: 'done'; cancelled: boolean }

function ItemView({
  item,
  check,
  running,
}: {
  item?: PreSyncItem
  check: PreSyncCheck
  running: boolean
}) {
  const state = item ? item.status : 'pending'
  const word =
    state === 'pass'
      ? 'Passed'
      : state === 'fail'
        ? 'Failed'
        : running
          ? 'Checking now'
          : 'Not checked yet'
  return (
    <li className={`review-item review-${state}`} data-check={check.id}>
      <h2 className="review-item-title">
        <span
          className={`tag ${state === 'pass' ? 'tag-ok' : state === 'fail' ? 'tag-bad' : 'tag-wait'}`}
        >
          <Icon name={state === 'pass' ? 'check' : state === 'fail' ? 'cross' : 'info'} />
          {word}
        </span>{' '}
        {check.title}
      </h2>
      {item ? (
        <>
          <p>{item.summary}</p>
          {item.details.length > 0 ? (
            item.status === 'pass' ? (
              <details>
                <summary>What was checked ({item.details.length})</summary>
                <ul className="plain-list small">
                  {item.details.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              </details>
            ) : (
              <ul className="review-details">
                {item.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )
          ) : null}
          {item.advice ? (
            <p>
              <strong>What to do:</strong> {item.advice}
            </p>
          ) : null}
        </>
      ) : null}
    </li>
  )
}

export function PacketReviewScreen({ db, id }: { db: WorkspaceDb; id: string }) {
  const host = useHost()
  const [packet, setPacket] = useState<PacketRecord | null>()
  const [items, setItems] = useState<PreSyncItem[]>([])
  const [run, setRun] = useState<RunState>({ kind: 'idle' })
  const abort = useRef<AbortController | undefined>(undefined)
  const verdictRef = useRef<HTMLDivElement>(null)
  const checks = preSyncChecks()

  const start = useCallback(
    async (p: PacketRecord, byUser = false) => {
      const template = registry.get(p.templateId, p.templateVersion)
      if (!template) return
      abort.current?.abort()
      const controller = new AbortController()
      abort.current = controller
      setItems([])
      setRun({ kind: 'running', cancelling: false, byUser })
      await runPreSyncReview(
        { db, host, packet: p, template, now: new Date() },
        {
          signal: controller.signal,
          onStart: (current) =>
            setRun((r) => (r.kind === 'running' ? { ...r, current, progress: undefined } : r)),
          onProgress: (progress) =>
            !controller.signal.aborted &&
            setRun((r) => (r.kind === 'running' ? { ...r, progress } : r)),
          onItem: (item) => setItems((all) => [...all, item]),
        },
      )
      if (abort.current === controller) abort.current = undefined
      setRun({ kind: 'done', cancelled: controller.signal.aborted })
      requestAnimationFrame(() => verdictRef.current?.focus())
    },
    [db, host],
  )

  useEffect(() => {
    let live = true
    getPacket(db, id).then(
      (p) => {
        if (!live) return
        setPacket(p ?? null)
        if (p) void start(p)
      },
      () => live && setPacket(null),
    )
    return () => {
      live = false
      abort.current?.abort()
    }
  }, [db, id, start])

  if (packet === undefined) return <h1 tabIndex={-1}>Loading the pre-sync review…</h1>
  if (packet === null) {
    return (
      <>
        <h1 tabIndex={-1}>Packet not found</h1>
        <p>
          There is no packet <span className="mono">{id}</span> in this workspace.{' '}
          <a href={packetHrefs.list()}>Back to packets</a>
        </p>
      </>
    )
  }
  const template = registry.get(packet.templateId, packet.templateVersion)
  const ready =
    run.kind === 'done' &&
    readyToSync(
      items,
      checks.map((c) => c.id),
    )
  const failed = items.filter((i) => i.status === 'fail').length

  return (
    <div className="packet-review">
      <p className="back-link">
        <a href={packetHrefs.packet(packet.id)}>← Back to the packet</a>
      </p>
      <h1 tabIndex={-1}>Pre-sync review: {packet.title}</h1>
      <p className="packet-meta">
        <span>
          Revision {packet.revision}, {STATUS_LABELS[packet.status].toLowerCase()}
        </span>
        <span className="mono">{packet.id}</span>
      </p>
      {!template ? (
        <p className="error-box" role="alert">
          This packet uses template {packet.templateId} {packet.templateVersion}, which this
          workbench does not know, so it cannot be reviewed.
        </p>
      ) : (
        <>
          <p>
            Before a packet goes to the archive, every check below must pass: {checks.length}{' '}
            checks, run from what is stored now.
          </p>
          <div
            ref={verdictRef}
            tabIndex={-1}
            role="status"
            className={`review-verdict ${run.kind === 'done' ? (ready ? 'notice notice-ok' : 'notice notice-bad') : 'notice notice-info'}`}
            data-testid="review-verdict"
          >
            {run.kind === 'done' ? (
              ready ? (
                <p>
                  <Icon name="check" /> <strong>Ready to sync.</strong> All {checks.length} checks
                  passed.
                </p>
              ) : run.cancelled ? (
                <p>
                  <Icon name="cross" /> <strong>Not ready to sync:</strong> the review was
                  cancelled, so nothing was concluded.
                </p>
              ) : (
                <p>
                  <Icon name="cross" /> <strong>Not ready to sync:</strong> {failed} of{' '}
                  {checks.length} checks failed. Fix them, then check again.
                </p>
              )
            ) : (
              <p>
                Checking… {items.length} of {checks.length} done.
              </p>
            )}
          </div>
          {run.kind === 'running' ? (
            <WorkProgress
              focusCancel={run.byUser}
              id="review-progress"
              label={`Progress of: ${run.current?.title ?? 'the review'}`}
              progress={run.progress}
              starting={run.current ? `${run.current.title}…` : 'Starting…'}
              cancelling={run.cancelling}
              onCancel={() => {
                setRun((r) => (r.kind === 'running' ? { ...r, cancelling: true } : r))
                abort.current?.abort()
              }}
            />
          ) : (
            <div className="packet-actions">
              <button type="button" className="button" onClick={() => void start(packet, true)}>
                Check again
              </button>
            </div>
          )}
          <ol className="review-list">
            {checks.map((c) => (
              <ItemView
                key={c.id}
                check={c}
                item={items.find((i) => i.id === c.id)}
                running={run.kind === 'running' && run.current?.id === c.id}
              />
            ))}
          </ol>
        </>
      )}
    </div>
  )
}
