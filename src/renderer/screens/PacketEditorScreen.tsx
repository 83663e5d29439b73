// The packet editor (#/packets/<id>): every section and field of the packet's template, inline
// messages from validatePacket, an error summary linking to the fields, a completeness meter,
// the evidence with its roles, and the status actions. Saving writes a revision record (the
// history); only a draft can be edited, a signed packet changes through a new revision. A packet
// in review or beyond shows its sign-off panel (packets/SignoffPanel.tsx). Every change is an
// audit-log entry written in the same transaction as the packet (packet-store writePacket).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AuditAction, AuditEvent } from '../../core/audit/audit-event'
import type { JsonValue } from '../../core/json/canonical-json'
import { inputIdFor, issuesByPath, withField } from '../../core/packets/field-values'
import { duplicateForNextYear, type NextYearChange } from '../../core/packets/next-year'
import {
  applyEdit,
  checkPacket,
  hasUnsavedChanges,
  isEditable,
  isFrozen,
  packetIdFor,
  returnToDraft,
  startNewRevision,
  STATUS_LABELS,
  submitForReview,
  type TransitionResult,
} from '../../core/packets/packet-lifecycle'
import { TemplateRegistry } from '../../core/templates/registry'
import type { Field, PacketTemplate } from '../../core/templates/template-model'
import type { PacketIssue } from '../../core/templates/validate-packet'
import type {
  EvidenceRecord,
  PacketRecord,
  PacketRevisionRecord,
  PartnerSourceRecord,
} from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { FieldInput } from '../packets/FieldInput'
import { FieldList } from '../packets/FieldList'
import { PacketEvidence } from '../packets/PacketEvidence'
import { PacketPdfExport } from '../packets/PacketPdfExport'
import { PacketStatusTag } from '../packets/PacketStatusTag'
import { packetHrefs } from '../packets/packet-routes'
import {
  evidenceBySha,
  getPacket,
  insertPacket,
  listPartnerSources,
  listRevisions,
  writePacket,
} from '../packets/packet-store'
import { RiskEditor } from '../packets/RiskEditor'
import { SignoffPanel } from '../packets/SignoffPanel'
import { isPacked } from '../packets/signoff-store'
import { actorLabel, useActor } from '../identity/actor'

const registry = new TemplateRegistry()

/** Notices handed from one screen to the next (e.g. what duplication cleared). */
export const packetNotices = new Map<string, { title: string; changes?: NextYearChange[] }>()

function randomSuffix(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

function required(field: Field, fields: Record<string, JsonValue>): boolean {
  if (field.required) return true
  const w = field.requiredWhen
  if (!w) return false
  const v = fields[w.field]
  return Array.isArray(v) ? v.includes(w.equals) : v === w.equals
}

/** The nearest element that edits `path` or one of its parents. */
function targetFor(path: string): HTMLElement | null {
  let p = path
  for (;;) {
    const el = document.getElementById(
      p === 'evidence' || p.startsWith('evidence') ? 'f-evidence' : inputIdFor(p),
    )
    if (el) return el
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))
    if (cut <= 'fields'.length) return null
    p = p.slice(0, cut)
  }
}

export function PacketCompleteness({
  filled,
  required: total,
}: {
  filled: number
  required: number
}) {
  const pct = total === 0 ? 100 : Math.round((filled / total) * 100)
  return (
    <div className="completeness">
      <label htmlFor="packet-completeness" className="completeness-label">
        Completeness:{' '}
        <strong>
          {filled} of {total} required items
        </strong>
      </label>
      <progress id="packet-completeness" max={total || 1} value={total === 0 ? 1 : filled}>
        {pct}%
      </progress>
    </div>
  )
}

function ErrorSummary({
  issues,
  template,
  summaryRef,
}: {
  issues: readonly PacketIssue[]
  template: PacketTemplate
  summaryRef: React.RefObject<HTMLDivElement | null>
}) {
  const labelFor = (path: string) => {
    const id = /^fields\.([A-Za-z0-9]+)/.exec(path)?.[1]
    const f = template.sections.flatMap((s) => s.fields).find((x) => x.id === id)
    return f?.label ?? (path.startsWith('evidence') ? 'Evidence' : path)
  }
  return (
    <div
      className="error-summary"
      ref={summaryRef}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">
        {issues.length} {issues.length === 1 ? 'thing' : 'things'} to fix before review
      </h2>
      <ul>
        {issues.slice(0, 50).map((i, n) => (
          <li key={n}>
            <a
              href={`#${inputIdFor(i.path)}`}
              onClick={(e) => {
                e.preventDefault()
                const el = targetFor(i.path)
                el?.scrollIntoView({ block: 'center' })
                el?.focus()
              }}
            >
              <strong>{labelFor(i.path)}:</strong> {i.message}
            </a>
          </li>
        ))}
      </ul>
      {issues.length > 50 ? <p className="muted small">… and {issues.length - 50} more.</p> : null}
    </div>
  )
}

export function PacketEditorScreen({ db, id }: { db: WorkspaceDb; id: string }) {
  const [saved, setSaved] = useState<PacketRecord | null | undefined>()
  const [packet, setPacket] = useState<PacketRecord>()
  const [sources, setSources] = useState<PartnerSourceRecord[]>([])
  const [records, setRecords] = useState<Map<string, EvidenceRecord>>(new Map())
  const [revisions, setRevisions] = useState<PacketRevisionRecord[]>([])
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [showAll, setShowAll] = useState(false)
  const [message, setMessage] = useState<{
    kind: 'ok' | 'bad'
    text: string
    changes?: NextYearChange[]
  }>()
  const [busy, setBusy] = useState(false)
  const summaryRef = useRef<HTMLDivElement>(null)
  const messageRef = useRef<HTMLDivElement>(null)
  /** Where focus was when the running action started (see announce). */
  const actionStart = useRef<Element | null>(null)
  const actor = actorLabel(useActor())

  const load = useCallback(async () => {
    const p = await getPacket(db, id)
    const [src, revs, ev] = await Promise.all([
      listPartnerSources(db),
      listRevisions(db, id),
      evidenceBySha(db, p?.evidence.map((e) => e.sha256) ?? []),
    ])
    setSaved(p ?? null)
    setPacket(p)
    setSources(src)
    setRevisions(revs)
    setRecords(ev)
  }, [db, id])

  useEffect(() => {
    setTouched(new Set())
    setShowAll(false)
    const notice = packetNotices.get(id)
    packetNotices.delete(id)
    setMessage(notice ? { kind: 'ok', text: notice.title, changes: notice.changes } : undefined)
    load().catch((e: unknown) => {
      setSaved(null)
      setMessage({ kind: 'bad', text: `The packet could not be read: ${String(e)}` })
    })
  }, [id, load])

  // The screen's heading replaces "Loading…": keep keyboard focus at the start of the content.
  const loaded = saved !== undefined
  useEffect(() => {
    if (!loaded) return
    const active = document.activeElement
    if (!active || active === document.body) {
      document.querySelector<HTMLElement>('main h1')?.focus()
    }
  }, [loaded])

  const template = packet ? registry.get(packet.templateId, packet.templateVersion) : undefined
  const validation = useMemo(
    () => (packet && template ? checkPacket(packet, template, records) : undefined),
    [packet, template, records],
  )
  const byPath = useMemo(() => issuesByPath(validation?.issues ?? []), [validation])

  if (saved === undefined) return <h1 tabIndex={-1}>Loading packet…</h1>
  if (saved === null || !packet) {
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
  if (!template || !validation) {
    return (
      <>
        <h1 tabIndex={-1}>{packet.title}</h1>
        <p className="error-box">
          This packet uses template {packet.templateId} {packet.templateVersion}, which this
          workbench does not know. Install the template to edit the packet.
        </p>
      </>
    )
  }

  const editable = isEditable(saved)
  const dirty = hasUnsavedChanges(saved, packet)
  const visible = (path: string) => {
    if (showAll) return true
    const top = /^fields\.([A-Za-z0-9]+)/.exec(path)?.[1]
    return top ? touched.has(top) : path.startsWith('evidence') && touched.has('$evidence')
  }
  const issuesAt = (path: string) => (visible(path) ? (byPath.get(path) ?? []) : [])
  const touch = (fieldId: string) => () =>
    setTouched((t) => (t.has(fieldId) ? t : new Set(t).add(fieldId)))
  const setField = (fieldId: string, value: JsonValue | undefined) =>
    setPacket((p) => (p ? { ...p, fields: withField(p.fields, fieldId, value) } : p))
  const latest = revisions.filter((r) => r.revision === saved.revision).at(-1)
  const source = sources.find((s) => s.id === packet.partnerSourceId)

  const announce = (kind: 'ok' | 'bad', text: string, changes?: NextYearChange[]) => {
    setMessage({ kind, text, changes })
    const from = actionStart.current ?? document.activeElement
    requestAnimationFrame(() => {
      // The notice is a live region, so it is read out wherever focus is. It takes focus only
      // when the person is still where the action started: if they have moved on (typing in a
      // field while a save finished), their keystrokes stay where they are.
      const now = document.activeElement
      if (now === from || now === null || now === document.body) messageRef.current?.focus()
    })
  }

  /** The audit event of a change to this packet, logged with the packet write. */
  const eventFor = (action: AuditAction, p: PacketRecord, note: string, now: Date): AuditEvent => ({
    action,
    actor,
    time: now.toISOString(),
    packetId: p.id,
    subject: p.title,
    details: { revision: p.revision, status: p.status, note },
  })

  const persist = async (next: PacketRecord, note: string, action: AuditAction) => {
    const now = new Date()
    await writePacket(db, next, actor, note, now, eventFor(action, next, note, now))
    await load()
  }

  const run = async (action: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    actionStart.current = document.activeElement
    try {
      await action()
    } catch (e) {
      announce('bad', `That did not work: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      actionStart.current = null
      setBusy(false)
    }
  }

  const save = () =>
    run(async () => {
      const r = applyEdit(
        saved,
        {
          title: packet.title,
          fields: packet.fields,
          evidence: packet.evidence,
          partnerSourceId: packet.partnerSourceId,
        },
        new Date(),
      )
      if (!r.ok) return announce('bad', r.reason)
      await persist(r.packet, 'Saved', 'packet.edited')
      setShowAll(true)
      announce(
        'ok',
        validation.ok
          ? 'Saved. The packet is complete and can be submitted for review.'
          : `Saved as a draft. ${validation.completeness.filled} of ${validation.completeness.required} required items filled.`,
      )
    })

  const transition = (
    make: (p: PacketRecord) => TransitionResult | Promise<TransitionResult>,
    action: AuditAction,
    onRefuse?: () => void,
  ) =>
    run(async () => {
      let base = saved
      if (dirty && editable) {
        const r = applyEdit(
          saved,
          {
            title: packet.title,
            fields: packet.fields,
            evidence: packet.evidence,
            partnerSourceId: packet.partnerSourceId,
          },
          new Date(),
        )
        if (r.ok) {
          const now = new Date()
          await writePacket(
            db,
            r.packet,
            actor,
            'Saved',
            now,
            eventFor('packet.edited', r.packet, 'Saved', now),
          )
          base = r.packet
        }
      }
      const r = await make(base)
      if (!r.ok) {
        onRefuse?.()
        await load()
        return announce('bad', r.reason)
      }
      await persist(r.packet, r.note, action)
      announce('ok', `${r.note}.`)
    })

  const submit = () =>
    transition(
      (p) => submitForReview(p, validation, new Date()),
      'packet.submitted',
      () => {
        setShowAll(true)
        requestAnimationFrame(() => summaryRef.current?.focus())
      },
    )

  const duplicate = () =>
    run(async () => {
      const newId = packetIdFor(template.id, `${packet.title} next`, randomSuffix())
      const { packet: copy, changes } = duplicateForNextYear(saved, template, {
        id: newId,
        now: new Date(),
        by: actor,
      })
      await insertPacket(db, copy, actor, `Duplicated from ${saved.id} for next year's review`)
      packetNotices.set(copy.id, {
        title: `Duplicated from “${saved.title}” for next year's review. ${changes.filter((c) => c.action === 'cleared').length} values were cleared and ${changes.filter((c) => c.action === 'check').length} need a check:`,
        changes,
      })
      window.location.hash = packetHrefs.packet(copy.id)
    })

  const shownIssues = showAll ? validation.issues : []

  return (
    <div className="packet-editor">
      <p className="back-link">
        <a href={packetHrefs.list()}>← All packets</a>
      </p>
      <header className="packet-head">
        <h1 tabIndex={-1}>{saved.title}</h1>
        <p className="packet-meta">
          <PacketStatusTag status={saved.status} received={saved.receivedFrom !== undefined} />
          <span>
            Revision {saved.revision}
            {latest ? `, version ${latest.version}` : ''}
          </span>
          <span>{template.title}</span>
          {source ? <span>Partner source: {source.name}</span> : null}
          {saved.copiedFrom ? (
            <span>
              Copied from <a href={packetHrefs.packet(saved.copiedFrom)}>{saved.copiedFrom}</a>
            </span>
          ) : null}
          <a href={packetHrefs.history(saved.id)}>History ({revisions.length} saved)</a>
          <a href={packetHrefs.review(saved.id)}>Pre-sync review</a>
        </p>
        <PacketCompleteness {...validation.completeness} />
      </header>

      <div
        ref={messageRef}
        tabIndex={-1}
        role={message?.kind === 'bad' ? 'alert' : 'status'}
        className={message ? `notice notice-${message.kind}` : 'visually-hidden'}
      >
        {message ? (
          <>
            <p>{message.text}</p>
            {message.changes && message.changes.length > 0 ? (
              <ul className="plain-list">
                {message.changes.map((c) => (
                  <li key={c.path}>
                    <strong>{c.action === 'cleared' ? 'Cleared' : 'Check'}:</strong> {c.label}
                    {c.was
                      ? ` (was ${c.was.length > 60 ? `${c.was.slice(0, 59)}…` : c.was})`
                      : ''}{' '}
                    — {c.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>

      <div className="packet-actions" role="group" aria-label="Packet actions">
        {editable ? (
          <>
            <button type="button" className="button button-primary" onClick={save} disabled={busy}>
              Save{dirty ? '' : ' (no changes)'}
            </button>
            <button type="button" className="button" onClick={submit} disabled={busy}>
              Submit for review
            </button>
          </>
        ) : null}
        {saved.status === 'in-review' || saved.status === 'rejected' ? (
          <button
            type="button"
            className="button"
            onClick={() =>
              transition(
                async (p) => returnToDraft(p, new Date(), { packed: await isPacked(db, p) }),
                'packet.returned-to-draft',
              )
            }
            disabled={busy}
          >
            Back to draft
          </button>
        ) : null}
        {isFrozen(saved) ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() =>
              transition((p) => startNewRevision(p, new Date()), 'packet.revision-started')
            }
            disabled={busy}
          >
            Start a new revision
          </button>
        ) : null}
        <button type="button" className="button" onClick={duplicate} disabled={busy}>
          Duplicate for next year’s review
        </button>
        {dirty ? <span className="unsaved">Unsaved changes</span> : null}
      </div>
      <PacketPdfExport
        key={`${saved.id}-${saved.revision}-${saved.updatedAt}`}
        db={db}
        packet={saved}
        template={template}
        disabled={busy}
      />
      {!editable ? (
        <p className="notice notice-info">
          {isFrozen(saved)
            ? `This packet is ${STATUS_LABELS[saved.status].toLowerCase()} and frozen: what was signed cannot change. Start a new revision to change it; it will need signing again.`
            : saved.status === 'rejected'
              ? `This packet was rejected${saved.rejectionReason ? `: ${saved.rejectionReason}` : ''}. Move it back to draft to rework it; the draft becomes a new revision that needs signing again.`
              : 'This packet is in review and read-only. Move it back to draft to change it (once someone has signed, the draft becomes a new revision).'}
        </p>
      ) : null}
      {saved.status !== 'draft' ? (
        <SignoffPanel
          key={`${saved.revision}-${saved.updatedAt}`}
          db={db}
          packet={saved}
          template={template}
          records={records}
          onSigned={(outcome) => {
            void load().then(() =>
              announce(
                'ok',
                `${outcome.note}.${outcome.packed ? ' Your signature packed the bundle; its export is recorded in the audit log.' : ''}`,
              ),
            )
          }}
        />
      ) : null}

      {shownIssues.length > 0 ? (
        <ErrorSummary issues={shownIssues} template={template} summaryRef={summaryRef} />
      ) : null}

      <form
        className="packet-form"
        aria-label={`Edit ${saved.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          if (editable) save()
        }}
      >
        <fieldset disabled={!editable} className="packet-fieldset">
          <legend className="visually-hidden">Packet fields</legend>
          <section className="panel packet-section" aria-labelledby="packet-general">
            <h2 id="packet-general">General</h2>
            <div className="field">
              <label htmlFor="packet-title">
                Title<span className="visually-hidden"> (required)</span>
                <span aria-hidden="true" className="field-required">
                  {' '}
                  *
                </span>
              </label>
              <input
                id="packet-title"
                type="text"
                value={packet.title}
                onChange={(e) => setPacket({ ...packet, title: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="packet-source">Partner source</label>
              <select
                id="packet-source"
                value={packet.partnerSourceId ?? ''}
                onChange={(e) => {
                  const next: PacketRecord = { ...packet, partnerSourceId: e.target.value }
                  if (!e.target.value) delete next.partnerSourceId
                  setPacket(next)
                }}
              >
                <option value="">None</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          </section>
          {template.sections.map((section) => (
            <section
              key={section.id}
              className="panel packet-section"
              aria-labelledby={`sec-${section.id}`}
            >
              <h2 id={`sec-${section.id}`}>{section.title}</h2>
              {section.help ? <p className="field-help">{section.help}</p> : null}
              {section.fields.map((field) => {
                const path = `fields.${field.id}`
                const req = required(field, packet.fields)
                const value = packet.fields[field.id]
                if (field.type === 'list') {
                  return (
                    <FieldList
                      key={field.id}
                      field={field}
                      value={value}
                      required={req}
                      issuesAt={issuesAt}
                      onBlur={touch(field.id)}
                      onChange={(v) => setField(field.id, v)}
                    />
                  )
                }
                if (field.type === 'risks') {
                  return (
                    <RiskEditor
                      key={field.id}
                      field={field}
                      value={value}
                      required={req}
                      issuesAt={issuesAt}
                      onBlur={touch(field.id)}
                      onChange={(v) => setField(field.id, v)}
                    />
                  )
                }
                return (
                  <FieldInput
                    key={field.id}
                    field={field}
                    id={inputIdFor(path)}
                    value={value}
                    required={req}
                    issues={issuesAt(path)}
                    onBlur={touch(field.id)}
                    onChange={(v) => {
                      setField(field.id, v)
                      if (
                        field.type === 'boolean' ||
                        field.type === 'select' ||
                        field.type === 'multiselect'
                      ) {
                        touch(field.id)()
                      }
                    }}
                  />
                )
              })}
            </section>
          ))}
        </fieldset>
      </form>
      <PacketEvidence
        db={db}
        packet={packet}
        template={template}
        records={records}
        editable={editable}
        issuesAt={issuesAt}
        onChange={(evidence, added) => {
          setTouched((t) => new Set(t).add('$evidence'))
          if (added) setRecords((m) => new Map(m).set(added.sha256, added))
          setPacket({ ...packet, evidence })
        }}
      />
      {editable ? (
        <div className="packet-actions packet-actions-bottom">
          <button type="button" className="button button-primary" onClick={save} disabled={busy}>
            Save
          </button>
          <button type="button" className="button" onClick={submit} disabled={busy}>
            Submit for review
          </button>
          {dirty ? <span className="unsaved">Unsaved changes</span> : null}
        </div>
      ) : null}
    </div>
  )
}
