// Import from CNIL's PIA software (#/packets/import): choose a PIA exported as JSON, read the
// report — what was carried over, what was left out and why, what needs a check — give each
// attachment a role, choose the partner source, and only then create the DPIA packet.
import { useEffect, useRef, useState } from 'react'
import { importCnilPiaJson, type CnilPiaImport, type ImportNote } from '../../core/import/cnil-pia'
import { MAX_READ_BYTES } from '../../core/host/host-api'
import { createPacket, packetIdFor } from '../../core/packets/packet-lifecycle'
import { dpiaTemplate } from '../../core/templates/dpia'
import type { PartnerSourceRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { packetHrefs } from '../packets/packet-routes'
import {
  evidencePathFor,
  insertPacket,
  listPartnerSources,
  packetCreatedEvent,
  storeImportedAttachments,
} from '../packets/packet-store'
import { actorLabel, useActor } from '../identity/actor'
import { packetNotices } from './PacketEditorScreen'

const MAX_JSON_BYTES = 200 * 1024 * 1024

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const SEVERITY_TITLES: Record<ImportNote['severity'], string> = {
  dropped: 'Not imported',
  review: 'Imported — check these',
  info: 'Good to know',
}

function randomSuffix(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

export function ImportReport({ notes }: { notes: readonly ImportNote[] }) {
  return (
    <>
      {(['dropped', 'review', 'info'] as const).map((sev) => {
        const group = notes.filter((n) => n.severity === sev)
        if (group.length === 0) return null
        return (
          <section
            key={sev}
            className={`import-group import-${sev}`}
            aria-labelledby={`import-${sev}`}
          >
            <h3 id={`import-${sev}`}>
              {SEVERITY_TITLES[sev]} <span className="count">({group.length})</span>
            </h3>
            <ul className="import-notes">
              {group.map((n, i) => (
                <li key={i}>
                  <span className="code-badge">{n.code}</span> <strong>{n.subject}</strong>:{' '}
                  {n.message}
                  {n.sample ? (
                    <span className="import-sample">
                      <span className="visually-hidden">Sample: </span>
                      <q>{n.sample}</q>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </>
  )
}

export function PacketImportScreen({ db }: { db: WorkspaceDb }) {
  const host = useHost()
  const actor = actorLabel(useActor())
  const [sources, setSources] = useState<PartnerSourceRecord[]>([])
  const [fileName, setFileName] = useState<string>()
  const [result, setResult] = useState<ReturnType<typeof importCnilPiaJson>>()
  const [sourceId, setSourceId] = useState('')
  const [title, setTitle] = useState('')
  const [roles, setRoles] = useState<string[]>([])
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const reportRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    listPartnerSources(db).then(setSources)
  }, [db])

  const choose = async () => {
    setError(undefined)
    const files = await host.openFiles({ kind: 'pia-export', multiple: false })
    const file = files[0]
    if (!file) return
    if (file.size > MAX_JSON_BYTES) {
      setError(`${file.name} is larger than 200 MB; that is not a PIA export.`)
      return
    }
    setBusy(true)
    try {
      const bytes = new Uint8Array(file.size)
      for (let at = 0; at < file.size; at += MAX_READ_BYTES) {
        bytes.set(await file.source.read(at, Math.min(MAX_READ_BYTES, file.size - at)), at)
      }
      const text = new TextDecoder('utf-8').decode(bytes)
      const r = importCnilPiaJson(text)
      setFileName(file.name)
      setResult(r)
      if (r.ok) {
        setTitle(r.title)
        setRoles(r.attachments.map((a) => a.suggestedRole))
      }
      requestAnimationFrame(() => reportRef.current?.focus())
    } catch (e) {
      setError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(false)
      await file.close()
    }
  }

  const create = async (r: CnilPiaImport) => {
    if (!title.trim()) return setError('Give the packet a title.')
    setBusy(true)
    setError(undefined)
    try {
      const now = new Date()
      const shas = await storeImportedAttachments(db, r.attachments, {
        by: actor,
        now,
        source: `CNIL PIA import: ${fileName ?? 'file'}`,
        partnerSourceId: sourceId || undefined,
      })
      const packet = createPacket(dpiaTemplate, {
        id: packetIdFor('dpia', title, randomSuffix()),
        title,
        partnerSourceId: sourceId || undefined,
        now,
        by: actor,
        fields: r.fields,
      })
      const paths: string[] = []
      packet.evidence = r.attachments.map((a, i) => {
        const path = evidencePathFor(a.fileName, paths)
        paths.push(path)
        return { sha256: shas[i]!, role: roles[i] ?? a.suggestedRole, path }
      })
      await insertPacket(
        db,
        packet,
        actor,
        r.revisionNote,
        now,
        packetCreatedEvent(packet, actor, 'Imported from CNIL PIA', now, {
          file: fileName ?? '',
          attachments: shas,
        }),
      )
      packetNotices.set(packet.id, {
        title: `Imported from ${fileName ?? 'the PIA export'}: ${r.counts.answers} answers, ${r.counts.measures} measures, ${r.counts.risks} risks, ${r.counts.actions} actions, ${r.counts.attachments} attachments. ${r.notes.filter((n) => n.severity === 'review').length} items need a check (listed in the import report).`,
      })
      window.location.hash = packetHrefs.packet(packet.id)
    } catch (e) {
      setError(`The packet could not be created: ${e instanceof Error ? e.message : String(e)}`)
      setBusy(false)
    }
  }

  return (
    <>
      <p className="back-link">
        <a href={packetHrefs.list()}>← All packets</a>
      </p>
      <h1 tabIndex={-1}>Import from CNIL PIA</h1>
      <p className="lede">
        Open a PIA exported as JSON from CNIL’s PIA software to start a DPIA packet with its
        answers, measures, risks, action plan and opinions. Its HTML becomes plain text: scripts,
        styles and remote content are never kept. You see a report of everything that could not be
        carried over before anything is saved.
      </p>
      <div className="packet-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void choose()}
          disabled={busy}
        >
          Choose PIA export (.json)…
        </button>
        {fileName ? <span className="muted">Chosen: {fileName}</span> : null}
      </div>
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <section className="panel" aria-labelledby="import-report-title">
          <h2 id="import-report-title" ref={reportRef} tabIndex={-1}>
            Import report{fileName ? `: ${fileName}` : ''}
          </h2>
          {result.ok ? (
            <p>
              Ready to import: {count(result.counts.answers, 'answer')},{' '}
              {count(result.counts.measures, 'measure')}, {count(result.counts.risks, 'risk')},{' '}
              {count(result.counts.actions, 'action-plan item')} and{' '}
              {count(result.counts.attachments, 'attachment')}.{' '}
              {count(
                result.notes.filter((n) => n.severity === 'dropped').length,
                'part was',
                'parts were',
              )}{' '}
              not imported and{' '}
              {count(
                result.notes.filter((n) => n.severity === 'review').length,
                'item needs',
                'items need',
              )}{' '}
              a check.
            </p>
          ) : (
            <p className="field-error">Nothing can be imported from this file.</p>
          )}
          <ImportReport notes={result.notes} />
        </section>
      ) : null}
      {result?.ok ? (
        <form
          className="panel new-packet"
          noValidate
          aria-labelledby="import-create-title"
          onSubmit={(e) => {
            e.preventDefault()
            void create(result)
          }}
        >
          <h2 id="import-create-title">Create the DPIA packet</h2>
          <div className="field">
            <label htmlFor="import-title">Title</label>
            <input
              id="import-title"
              type="text"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="import-source">Partner source</label>
            <select
              id="import-source"
              value={sourceId}
              onChange={(e) => setSourceId(e.target.value)}
            >
              <option value="">None</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {result.attachments.length > 0 ? (
            <fieldset className="field">
              <legend>Roles of the attachments</legend>
              {result.attachments.map((a, i) => (
                <div key={i} className="field field-inline">
                  <label htmlFor={`import-role-${i}`}>
                    {a.fileName}{' '}
                    <span className="muted small">
                      ({a.mimeType}, {a.bytes.length.toLocaleString('en-GB')} bytes)
                    </span>
                  </label>
                  <select
                    id={`import-role-${i}`}
                    value={roles[i] ?? ''}
                    onChange={(e) =>
                      setRoles((r) => r.map((x, j) => (j === i ? e.target.value : x)))
                    }
                  >
                    {dpiaTemplate.evidenceRoles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy}>
            Create DPIA packet
          </button>
        </form>
      ) : null}
    </>
  )
}
