// "Add my sign-off" to a bundle someone sent (an Ombuds reviewing a packet, say): choose which
// of your identities signs and in which of the roles the workspace keyring gives it, approve or
// reject (a rejection needs its reason), read exactly what the sign-off covers, then unlock the
// key with its passphrase. The core adds the sign-off, the new bundle is verified again against
// the workspace keyring, and the screen offers it to save and send back.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import type { AuditEvent } from '../../core/audit/audit-event'
import { addSignoff } from '../../core/bundle/add-signoff'
import { CancelledError, MemorySink } from '../../core/bundle/byte-io'
import { inspectBundle, type BundleInfo } from '../../core/bundle/inspect-bundle'
import type { VerificationReport } from '../../core/bundle/report'
import { blobFile, type IdentityInfo, type PickedFile } from '../../core/host/host-api'
import type { Keyring } from '../../core/keys/keyring'
import {
  keyRoleProblem,
  rolesForSigner,
  signoffProgress,
  type SignableRole,
} from '../../core/packets/signoff-rules'
import { TemplateRegistry } from '../../core/templates/registry'
import { templateFields, type PacketTemplate } from '../../core/templates/template-model'
import { signedBundleFileName, safeFileName } from '../../core/workspace/received-bundle'
import type { SignoffRecord } from '../../core/workspace/records'
import { logEvents } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { platformCrypto } from '../host/platform-crypto'
import { useHost } from '../host/host-context'
import { formatShortFingerprint } from '../identity/fingerprint'
import { PassphraseDialog, type PassphraseAction } from '../identity/PassphraseDialog'
import type { KeySigner } from '../../core/keys/key-signer'
import { fieldText, formatBytes, roleLabel } from './report-view'
import { bundleBlobOf } from './received-bundles'
import { runVerification } from './run-verification'
import { DecisionChoice, type SignoffDecision } from '../components/DecisionChoice'
import { IDENTITIES_HREF } from '../components/TrustChoice'

/** A bundle with the sign-off added, verified again. */
export interface SignedBundle {
  fileName: string
  bytes: Uint8Array
  report: VerificationReport
  role: string
  roleLabel: string
  decision: 'approve' | 'reject'
  signer: string
}

interface AddSignoffPanelProps {
  db: WorkspaceDb
  bundleName: string
  bundle: PickedFile
  report: VerificationReport
  /** The workspace keyring: it gives roles to your identities and judges the signed bundle. */
  keyring: Keyring
  actor: string
  onSigned: (signed: SignedBundle) => void
  onClose: () => void
}

const registry = new TemplateRegistry()

/** The report's valid sign-offs as the workspace's sign-off records, to weigh the roles. */
function reportSignoffs(report: VerificationReport): SignoffRecord[] {
  const p = report.packet
  if (!p || !report.statementSha256) return []
  return report.signoffs
    .filter((s) => s.valid)
    .map((s) => ({
      packetId: p.packetId,
      revision: p.revision ?? 1,
      statementSha256: report.statementSha256!,
      role: s.role,
      keyid: s.keyid,
      signer: s.signer,
      decision: s.decision,
      signedAt: s.time,
      ...(s.comment !== undefined ? { comment: s.comment } : {}),
    }))
}

function rolesOf(
  keyring: Keyring,
  identity: IdentityInfo,
  template: PacketTemplate,
  report: VerificationReport,
): SignableRole[] {
  const p = report.packet!
  const progress = signoffProgress(
    { id: p.packetId, revision: p.revision ?? 1 },
    template,
    reportSignoffs(report),
    { statementSha256: report.statementSha256!, keyring },
  )
  return rolesForSigner(keyring, identity.keyid, template, progress, new Date())
}

/** What the sign-off covers: the statement digest, the packet, its fields and evidence. */
function WhatIsSigned({
  info,
  template,
  statementSha256,
}: {
  info: BundleInfo
  template: PacketTemplate | undefined
  statementSha256: string
}) {
  const fields = info.fields ?? {}
  const known = template ? templateFields(template) : []
  const labelled = known.filter((f) => fields[f.id] !== undefined)
  const others = Object.keys(fields).filter((id) => !known.some((f) => f.id === id))
  return (
    <section className="signed-scope" aria-labelledby="signed-scope-title">
      <h3 id="signed-scope-title">What you are signing</h3>
      <p>
        Your sign-off names the packet statement by its SHA-256, so it covers every field and every
        evidence file below exactly as they are, and nothing else.
      </p>
      <dl className="facts">
        <dt>Statement SHA-256</dt>
        <dd className="mono break">{statementSha256}</dd>
        <dt>Packet</dt>
        <dd>
          {info.packet?.title} <span className="mono muted">{info.packet?.packetId}</span>
        </dd>
        <dt>Template</dt>
        <dd>
          {template ? `${template.title} ` : ''}
          <span className="mono">
            {info.packet?.template.id}@{info.packet?.template.version}
          </span>
        </dd>
        <dt>Revision</dt>
        <dd>{info.packet?.revision}</dd>
        {info.createdBy ? (
          <>
            <dt>Packed by</dt>
            <dd>
              {info.createdBy.name}{' '}
              <span className="mono muted">{formatShortFingerprint(info.createdBy.keyid)}</span>
            </dd>
          </>
        ) : null}
      </dl>
      <details className="signed-fields" open>
        <summary>Fields ({labelled.length + others.length})</summary>
        <dl className="facts">
          {labelled.map((f) => (
            <FieldRow key={f.id} label={f.label} value={fieldText(fields[f.id])} />
          ))}
          {others.map((id) => (
            <FieldRow key={id} label={id} value={fieldText(fields[id])} />
          ))}
        </dl>
      </details>
      <h4>Evidence ({info.evidence.length})</h4>
      {info.evidence.length === 0 ? (
        <p>The packet has no evidence files.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Role</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {info.evidence.map((e) => (
                <tr key={e.name}>
                  <th scope="row" className="mono break">
                    {e.name}
                  </th>
                  <td>{e.role}</td>
                  <td>{formatBytes(e.size)}</td>
                  <td className="mono break small">{e.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function FieldRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="field-value">{value}</dd>
    </>
  )
}

export function AddSignoffPanel(props: AddSignoffPanelProps) {
  const { db, bundleName, bundle, report, keyring, actor } = props
  const host = useHost()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [identities, setIdentities] = useState<IdentityInfo[]>()
  const [info, setInfo] = useState<BundleInfo>()
  const [data, setData] = useState<Blob>()
  const [loadError, setLoadError] = useState<string>()
  const [keyid, setKeyid] = useState('')
  const [role, setRole] = useState('')
  const [decision, setDecision] = useState<SignoffDecision>('approve')
  const [comment, setComment] = useState('')
  const [commentError, setCommentError] = useState<string>()
  const [problem, setProblem] = useState<string>()
  const [signing, setSigning] = useState(false)
  const signedRef = useRef<SignedBundle | undefined>(undefined)
  const commentRef = useRef<HTMLTextAreaElement>(null)
  const ids = { identity: useId(), role: useId(), comment: useId(), commentError: useId() }
  const template = report.packet ? registry.resolve(report.packet.template) : undefined

  useEffect(() => headingRef.current?.focus(), [])

  useEffect(() => {
    let live = true
    void (async () => {
      try {
        const blob = await bundleBlobOf(bundle)
        const [list, read] = await Promise.all([
          host.keys.list(),
          platformCrypto().then((c) => inspectBundle(blobFile(bundleName, blob).source, c)),
        ])
        if (!live) return
        if (read.problem) throw new Error(read.problem)
        setIdentities(list)
        setInfo(read)
        setData(blob)
      } catch (e) {
        if (live) setLoadError(e instanceof Error ? e.message : String(e))
      }
    })()
    return () => {
      live = false
    }
  }, [host, bundleName, bundle])

  // Your identities that hold one of the template's roles in the workspace keyring.
  const signers = useMemo(
    () =>
      template && identities
        ? identities
            .map((identity) => ({ identity, roles: rolesOf(keyring, identity, template, report) }))
            .filter((s) => s.roles.length > 0)
        : [],
    [identities, keyring, template, report],
  )
  const chosen = signers.find((s) => s.identity.keyid === keyid) ?? signers[0]
  const roles = chosen?.roles ?? []
  const chosenRole = roles.find((r) => r.role === role) ?? roles.find((r) => !r.signedByThisKey)

  const validate = (): boolean => {
    setProblem(undefined)
    setCommentError(undefined)
    if (!chosen || !chosenRole || !template) return false
    const why = keyRoleProblem(
      keyring,
      chosen.identity.keyid,
      chosenRole.role,
      template,
      new Date(),
    )
    if (why) {
      setProblem(why)
      return false
    }
    if (chosenRole.signedByThisKey) {
      setProblem(`${chosen.identity.name} already signed this packet as ${chosenRole.label}.`)
      return false
    }
    if (decision === 'reject' && !comment.trim()) {
      setCommentError(
        'Give the reason for rejecting: say what must change before you would approve.',
      )
      commentRef.current?.focus()
      return false
    }
    return true
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (validate()) setSigning(true)
  }

  const sign = async (signer: KeySigner, action: PassphraseAction) => {
    if (!chosenRole || !data) throw new Error('Choose a role first.')
    const crypto = await platformCrypto()
    action.progress('Adding your sign-off to the bundle…')
    const sink = new MemorySink()
    const trimmed = comment.trim()
    await addSignoff(blobFile(bundleName, data).source, sink, {
      crypto,
      signer,
      role: chosenRole.role,
      decision,
      ...(trimmed ? { comment: trimmed } : {}),
      signal: action.signal,
    })
    const bytes = sink.bytes()
    const fileName = signedBundleFileName(bundleName, chosenRole.role)
    action.progress('Checking the signed bundle against the workspace keyring…')
    const checked = await runVerification({
      bundle: blobFile(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>])),
      keyring,
      signal: action.signal,
      onProgress: () => undefined,
    })
    if (action.signal.aborted || checked.items.some((i) => i.code === 'CANCELLED')) {
      throw new CancelledError()
    }
    const packetId = report.packet?.packetId
    const event: AuditEvent = {
      action: 'signoff.added',
      actor,
      time: new Date().toISOString(),
      ...(packetId ? { packetId: packetId.slice(0, 300) } : {}),
      subject: fileName,
      details: {
        role: chosenRole.role,
        decision,
        keyid: signer.keyid,
        statementSha256: report.statementSha256 ?? '',
        receivedAs: safeFileName(bundleName),
        verdictAfter: checked.verdict,
        ...(trimmed ? { comment: trimmed } : {}),
      },
    }
    await db.transaction('rw', db.auditEntries, () => logEvents(db, [event]))
    signedRef.current = {
      fileName,
      bytes,
      report: checked,
      role: chosenRole.role,
      roleLabel: chosenRole.label,
      decision,
      signer: signer.name,
    }
  }

  const signed = () => {
    setSigning(false)
    const result = signedRef.current
    signedRef.current = undefined
    if (result) props.onSigned(result)
  }

  let body
  if (loadError) {
    body = (
      <p className="error-box" role="alert">
        The bundle could not be read for signing: {loadError}
      </p>
    )
  } else if (!identities || !info) {
    body = (
      <p className="muted" role="status">
        Reading the bundle and your identities…
      </p>
    )
  } else if (identities.length === 0) {
    body = (
      <p>
        You have no signing identity on this computer. Create one on the{' '}
        <a href={IDENTITIES_HREF}>Keys screen</a> and give it your roles in the workspace keyring,
        then come back.
      </p>
    )
  } else if (signers.length === 0 || !chosen) {
    body = (
      <p>
        None of your identities ({identities.map((i) => i.name).join(', ')}) holds a role of the{' '}
        {template?.title ?? 'packet’s'} template in this workspace’s keyring. Roles are given on the{' '}
        <a href={IDENTITIES_HREF}>Keys screen</a>.
      </p>
    )
  } else {
    body = (
      <form className="ws-form signoff-form" onSubmit={submit} noValidate>
        <div className="ws-field">
          <label htmlFor={ids.identity}>Sign as</label>
          <select
            id={ids.identity}
            value={chosen.identity.keyid}
            onChange={(e) => {
              setKeyid(e.target.value)
              setRole('')
            }}
          >
            {signers.map((s) => (
              <option key={s.identity.keyid} value={s.identity.keyid}>
                {s.identity.name} ({formatShortFingerprint(s.identity.keyid)})
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.role}>Role</label>
          <select
            id={ids.role}
            value={chosenRole?.role ?? ''}
            onChange={(e) => setRole(e.target.value)}
          >
            {roles.map((r) => (
              <option key={r.role} value={r.role} disabled={r.signedByThisKey}>
                {r.label}
                {r.signedByThisKey
                  ? ' (you already signed)'
                  : r.required && !r.approved
                    ? ' (required, waiting)'
                    : r.approved
                      ? ' (already approved)'
                      : ''}
              </option>
            ))}
          </select>
        </div>
        <DecisionChoice
          idPrefix={`${ids.comment}-decision`}
          value={decision}
          onChange={setDecision}
        />
        <div className="ws-field">
          <label htmlFor={ids.comment}>
            {decision === 'reject' ? 'Reason for rejecting (required)' : 'Comment (optional)'}
          </label>
          <textarea
            id={ids.comment}
            ref={commentRef}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? ids.commentError : undefined}
            required={decision === 'reject'}
          />
          {commentError ? (
            <p id={ids.commentError} className="field-error">
              {commentError}
            </p>
          ) : null}
        </div>
        <WhatIsSigned
          info={info}
          template={template}
          statementSha256={report.statementSha256 ?? info.statementSha256 ?? ''}
        />
        {problem ? (
          <p className="error-box" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="ws-form-actions">
          <button type="submit" className="button button-primary">
            {decision === 'approve' ? 'Approve and sign…' : 'Reject and sign…'}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    )
  }

  return (
    <section className="panel signoff-panel" aria-labelledby="signoff-title">
      <h2 id="signoff-title" tabIndex={-1} ref={headingRef}>
        Add my sign-off
      </h2>
      <p className="muted">
        To <span className="mono">{bundleName}</span>. The bundle you received is not changed: a new
        bundle with your sign-off is made, checked, and offered to save and send back.
      </p>
      {body}
      {!info || !chosen ? (
        <div className="ws-form-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      ) : null}
      {signing && chosen && chosenRole ? (
        <PassphraseDialog
          open
          identity={chosen.identity}
          title={`${decision === 'approve' ? 'Approve' : 'Reject'} as ${roleLabel(template, chosenRole.role)}`}
          actionLabel="Sign"
          run={sign}
          onDone={signed}
          onCancel={() => setSigning(false)}
        >
          <p>
            {decision === 'approve' ? 'Approving' : 'Rejecting'}{' '}
            <strong>{info?.packet?.title}</strong> (revision {info?.packet?.revision}), statement
            SHA-256 <span className="mono break">{report.statementSha256}</span>.
          </p>
        </PassphraseDialog>
      ) : null}
    </section>
  )
}
