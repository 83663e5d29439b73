// The sign-off panel of a packet that is not a draft: the template's required roles for the
// current revision with who signed (name, key fingerprint, time) or "Waiting", sign-offs of
// earlier revisions kept as history, "Sign or reject…" for the user's identities that hold a
// role in the workspace keyring, and "Export bundle…" for a signed revision (verified first,
// with progress and Cancel). The rules are core/packets/signoff-rules.ts.
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import { FAILURE_GUIDE, type VerificationReport } from '../../core/bundle/report'
import { isFrozen } from '../../core/packets/packet-lifecycle'
import { rolesForSigner } from '../../core/packets/signoff-rules'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { EvidenceRecord, PacketRecord, SignoffRecord } from '../../core/workspace/records'
import { Icon } from '../components/Icon'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { actorLabel, useActor } from '../identity/actor'
import { formatShortFingerprint } from '../identity/fingerprint'
import { useIdentities } from '../identity/identities'
import { hrefs } from '../routing'
import { formatTime } from '../verify/report-view'
import { packetHrefs } from './packet-routes'
import { SignDialog, type EligibleSigner } from './SignDialog'
import {
  exportBundle,
  loadSignoffState,
  type SignoffState,
  type SignOutcome,
} from './signoff-store'
import { WorkProgress } from './WorkProgress'

function SignerCells({ s }: { s: SignoffRecord }) {
  return (
    <>
      <td>{s.signer}</td>
      <td>
        <span className="fingerprint">{formatShortFingerprint(s.keyid)}</span>
      </td>
      <td>
        <time dateTime={s.signedAt}>{formatTime(s.signedAt)}</time>
      </td>
    </>
  )
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress?: Progress; cancelling: boolean }
  | { kind: 'done'; ok: boolean; text: string; report?: VerificationReport }

export function SignoffPanel({
  db,
  packet,
  template,
  records,
  onSigned,
}: {
  db: WorkspaceDb
  packet: PacketRecord
  template: PacketTemplate
  records: ReadonlyMap<string, EvidenceRecord>
  onSigned: (outcome: SignOutcome) => void
}) {
  const host = useHost()
  const actor = actorLabel(useActor())
  const uid = useId()
  const { identities, acting } = useIdentities()
  const [state, setState] = useState<SignoffState>()
  const [failure, setFailure] = useState<string>()
  const [signing, setSigning] = useState(false)
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' })
  const exportAbort = useRef<AbortController | undefined>(undefined)
  const signButton = useRef<HTMLButtonElement>(null)
  const exportResult = useRef<HTMLDivElement>(null)

  const load = useCallback(async () => {
    setState(await loadSignoffState(db, packet, template))
  }, [db, packet, template])

  useEffect(() => {
    load().catch((e: unknown) =>
      setFailure(`The sign-off state could not be read: ${e instanceof Error ? e.message : e}`),
    )
  }, [load])

  useEffect(() => () => exportAbort.current?.abort(), [])

  if (failure) {
    return (
      <section className="panel packet-section" aria-labelledby={`${uid}-h`}>
        <h2 id={`${uid}-h`}>Sign-off</h2>
        <p className="error-box" role="alert">
          {failure}
        </p>
      </section>
    )
  }
  if (!state || !identities) {
    return (
      <section className="panel packet-section" aria-labelledby={`${uid}-h`}>
        <h2 id={`${uid}-h`}>Sign-off</h2>
        <p role="status">Reading sign-offs…</p>
      </section>
    )
  }

  const { progress } = state
  const now = new Date()
  // The identity the user acts as comes first.
  const ordered = [...identities].sort(
    (a, b) => Number(b.keyid === acting?.keyid) - Number(a.keyid === acting?.keyid),
  )
  const signers: EligibleSigner[] = ordered
    .map((identity) => ({
      identity,
      roles: rolesForSigner(state.keyring, identity.keyid, template, progress, now),
    }))
    .filter((s) => s.roles.some((r) => !r.signedByThisKey))
  const inReview = packet.status === 'in-review'
  const required = progress.roles.filter((r) => r.required)
  const approved = required.filter((r) => r.state === 'approved').length

  const runExport = async () => {
    const controller = new AbortController()
    exportAbort.current = controller
    setExporting({ kind: 'running', cancelling: false })
    try {
      const out = await exportBundle(db, host, packet, {
        actor,
        signal: controller.signal,
        onProgress: (p) =>
          !controller.signal.aborted &&
          setExporting((s) => (s.kind === 'running' ? { ...s, progress: p } : s)),
      })
      switch (out.kind) {
        case 'saved':
          setExporting({
            kind: 'done',
            ok: true,
            text: `Saved ${out.name}. It verified with the workspace keyring just before saving (${out.report.files} files, every signature and sign-off checked).`,
          })
          break
        case 'not-saved':
          setExporting({ kind: 'done', ok: false, text: 'Not saved: the save dialog was closed.' })
          break
        case 'cancelled':
          setExporting({ kind: 'done', ok: false, text: 'Export cancelled: nothing was saved.' })
          break
        case 'not-verified':
          setExporting({
            kind: 'done',
            ok: false,
            text: 'Not exported: the stored bundle does not verify with the workspace keyring.',
            report: out.report,
          })
          break
      }
    } catch (e) {
      setExporting({
        kind: 'done',
        ok: false,
        text: `The export failed: ${e instanceof Error ? e.message : String(e)}`,
      })
    } finally {
      if (exportAbort.current === controller) exportAbort.current = undefined
      // Cancel, which had focus, is gone: the outcome takes it.
      requestAnimationFrame(() => exportResult.current?.focus())
    }
  }

  return (
    <section
      className="panel packet-section signoff-panel"
      aria-labelledby={`${uid}-h`}
      data-testid="signoff-panel"
    >
      <h2 id={`${uid}-h`}>Sign-off</h2>
      <p>
        Revision {packet.revision} needs approval from{' '}
        {required.map((r) => r.label).join(', ') || 'no role'}: <strong>{approved}</strong> of{' '}
        {required.length} approved
        {progress.rejection ? ', and it was rejected' : ''}.
        {state.bundle ? (
          <>
            {' '}
            Packed by {state.bundle.packedBy.name} on {formatTime(state.bundle.packedAt)}; statement
            SHA-256{' '}
            <span className="mono hash" title={state.bundle.statementSha256}>
              {state.bundle.statementSha256.slice(0, 16)}…
            </span>
          </>
        ) : inReview ? (
          ' The bundle is packed when the first person signs.'
        ) : null}
      </p>
      <div className="table-scroll">
        <table className="signoff-table">
          <caption className="visually-hidden">Sign-offs of revision {packet.revision}</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Decision</th>
              <th scope="col">Signed by</th>
              <th scope="col">Key fingerprint</th>
              <th scope="col">Signed</th>
            </tr>
          </thead>
          <tbody>
            {progress.roles.flatMap((r) => {
              const all = [...r.approvals, ...r.rejections]
              const head = (
                <th scope="row" rowSpan={Math.max(1, all.length)}>
                  {r.label}
                  <span className="muted small block">{r.required ? 'required' : 'optional'}</span>
                </th>
              )
              if (all.length === 0) {
                return [
                  <tr key={r.role}>
                    {head}
                    <td>
                      <span className="tag tag-wait">
                        <Icon name="info" /> Waiting
                      </span>
                    </td>
                    <td colSpan={3} className="muted">
                      Nobody has signed in this role yet.
                    </td>
                  </tr>,
                ]
              }
              return all.map((s, i) => (
                <tr key={`${r.role}-${s.keyid}`}>
                  {i === 0 ? head : null}
                  <td>
                    <span className={`tag tag-${s.decision === 'approve' ? 'ok' : 'bad'}`}>
                      <Icon name={s.decision === 'approve' ? 'check' : 'cross'} />
                      {s.decision === 'approve' ? 'Approved' : 'Rejected'}
                    </span>
                    {s.comment ? <span className="block comment">“{s.comment}”</span> : null}
                    {!s.standing.counts ? (
                      <span className="block field-error">
                        No longer counts: {s.standing.reason}.
                      </span>
                    ) : null}
                  </td>
                  <SignerCells s={s} />
                </tr>
              ))
            })}
          </tbody>
        </table>
      </div>
      {progress.superseded.length > 0 ? (
        <details className="superseded">
          <summary>
            Earlier sign-offs ({progress.superseded.length}): kept as history, they do not count for
            revision {packet.revision}
          </summary>
          <ul className="plain-list">
            {progress.superseded.map((s) => (
              <li key={`${s.revision}-${s.role}-${s.keyid}`}>
                Revision {s.revision}: {s.signer} ({formatShortFingerprint(s.keyid)}){' '}
                {s.decision === 'approve' ? 'approved' : 'rejected'} as{' '}
                {template.signoffRoles.find((x) => x.role === s.role)?.label ?? s.role} on{' '}
                {formatTime(s.signedAt)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <div className="packet-actions" role="group" aria-label="Sign-off actions">
        {inReview && signers.length > 0 ? (
          <button
            ref={signButton}
            type="button"
            className="button button-primary"
            onClick={() => setSigning(true)}
          >
            Sign or reject…
          </button>
        ) : null}
        {isFrozen(packet) && state.bundle ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void runExport()}
            disabled={exporting.kind === 'running'}
          >
            Export bundle…
          </button>
        ) : null}
        <a className="button" href={packetHrefs.review(packet.id)}>
          Pre-sync review
        </a>
        <a className="button" href={hrefs.auditOfPacket(packet.id)}>
          Audit trail of this packet
        </a>
      </div>
      {inReview && signers.length === 0 ? (
        <p className="notice notice-info">
          {identities.length === 0
            ? 'To sign, create your identity with the roles you sign for on the '
            : `None of your identities (${identities.map((i) => i.name).join(', ')}) holds a role of this template that is still open for it in the workspace keyring. Roles are given to keys in the keyring on the `}
          <a href={hrefs.identities}>Keys screen</a>.
        </p>
      ) : null}

      {exporting.kind === 'running' ? (
        <WorkProgress
          focusCancel
          id={`${uid}-export`}
          label="Export progress"
          progress={exporting.progress}
          starting="Verifying the bundle with the workspace keyring…"
          cancelling={exporting.cancelling}
          onCancel={() => {
            setExporting((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s))
            exportAbort.current?.abort()
          }}
        />
      ) : null}
      <div
        ref={exportResult}
        tabIndex={-1}
        role="status"
        className={exporting.kind === 'done' ? '' : 'visually-hidden'}
      >
        {exporting.kind === 'done' ? (
          <div className={`notice notice-${exporting.ok ? 'ok' : 'bad'}`}>
            <p>
              <Icon name={exporting.ok ? 'check' : 'cross'} /> {exporting.text}
            </p>
            {exporting.report ? (
              <ul className="plain-list">
                {exporting.report.items
                  .filter((i) => i.status === 'fail')
                  .map((i, n) => (
                    <li key={n}>
                      {i.subject ? <strong>{i.subject}: </strong> : null}
                      {i.message}
                      {i.code ? ` ${FAILURE_GUIDE[i.code].action}` : ''}
                    </li>
                  ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {signing ? (
        <SignDialog
          db={db}
          packet={packet}
          template={template}
          state={state}
          signers={signers}
          records={records}
          onClose={() => {
            setSigning(false)
            requestAnimationFrame(() => signButton.current?.focus())
          }}
          onDone={(outcome) => {
            setSigning(false)
            onSigned(outcome)
          }}
        />
      ) : null}
    </section>
  )
}
