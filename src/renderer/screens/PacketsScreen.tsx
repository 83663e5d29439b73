// Packets (#/packets): every packet in the workspace with filters (template, partner source,
// status), "New packet" (#/packets/new?template=&source= prefills it), and "Import from CNIL
// PIA…". Filters live in the address, so a filtered list can be linked to and reloaded.
import { useEffect, useMemo, useState } from 'react'
import {
  createPacket,
  packetIdFor,
  STATUS_LABELS,
  suggestedTitle,
} from '../../core/packets/packet-lifecycle'
import { TemplateRegistry } from '../../core/templates/registry'
import {
  PACKET_STATUSES,
  type PacketRecord,
  type PartnerSourceRecord,
} from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { PacketStatusTag } from '../packets/PacketStatusTag'
import { packetHrefs } from '../packets/packet-routes'
import { insertPacket, listPackets, listPartnerSources } from '../packets/packet-store'
import { actorLabel, useActor } from '../identity/actor'
import { SelectField } from '../components/SelectField'

const registry = new TemplateRegistry()

function randomSuffix(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

export function PacketsScreen({
  db,
  filters,
}: {
  db: WorkspaceDb
  filters: { template?: string; source?: string; status?: string }
}) {
  const [packets, setPackets] = useState<PacketRecord[]>()
  const [sources, setSources] = useState<PartnerSourceRecord[]>([])
  const templates = registry.listLatest()

  useEffect(() => {
    let live = true
    Promise.all([listPackets(db), listPartnerSources(db)]).then(([p, s]) => {
      if (!live) return
      setPackets(p)
      setSources(s)
    })
    return () => {
      live = false
    }
  }, [db])

  const shown = useMemo(
    () =>
      (packets ?? []).filter(
        (p) =>
          (!filters.template || p.templateId === filters.template) &&
          (!filters.source || p.partnerSourceId === filters.source) &&
          (!filters.status || p.status === filters.status),
      ),
    [packets, filters.template, filters.source, filters.status],
  )
  const sourceName = (id?: string) => sources.find((s) => s.id === id)?.name
  const templateTitle = (id: string) => registry.latest(id)?.title ?? id
  const setFilter = (key: 'template' | 'source' | 'status', value: string) => {
    window.location.hash = packetHrefs.list({ ...filters, [key]: value || undefined })
  }

  return (
    <>
      <h1 tabIndex={-1}>Packets</h1>
      <p className="lede">
        Evidence packets filled in from templates, per partner source. A packet is edited while it
        is a draft, submitted for review, and frozen once signed.
      </p>
      <div className="packet-actions">
        <a
          className="button button-primary"
          href={packetHrefs.new(filters.template, filters.source)}
        >
          New packet
        </a>
        <a className="button" href={packetHrefs.import}>
          Import from CNIL PIA…
        </a>
      </div>
      <form className="filters" aria-label="Filter packets" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          className="field field-inline"
          id="filter-template"
          label="Template"
          value={filters.template ?? ''}
          onChange={(v) => setFilter('template', v)}
          options={[
            { value: '', label: 'All templates' },
            ...templates.map((t) => ({ value: t.id, label: t.title })),
          ]}
        />
        <SelectField
          className="field field-inline"
          id="filter-source"
          label="Partner source"
          value={filters.source ?? ''}
          onChange={(v) => setFilter('source', v)}
          options={[
            { value: '', label: 'All sources' },
            ...sources.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SelectField
          className="field field-inline"
          id="filter-status"
          label="Status"
          value={filters.status ?? ''}
          onChange={(v) => setFilter('status', v)}
          options={[
            { value: '', label: 'All statuses' },
            ...PACKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
        />
      </form>
      <p className="muted" role="status">
        {packets === undefined
          ? 'Loading packets…'
          : `${shown.length} of ${packets.length} ${packets.length === 1 ? 'packet' : 'packets'}`}
      </p>
      {shown.length > 0 ? (
        <div className="table-scroll panel">
          <table>
            <caption className="visually-hidden">Packets</caption>
            <thead>
              <tr>
                <th scope="col">Packet</th>
                <th scope="col">Template</th>
                <th scope="col">Partner source</th>
                <th scope="col">Status</th>
                <th scope="col">Revision</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={packetHrefs.packet(p.id)}>{p.title}</a>
                  </th>
                  <td>{templateTitle(p.templateId)}</td>
                  <td>{sourceName(p.partnerSourceId) ?? '—'}</td>
                  <td>
                    <PacketStatusTag status={p.status} received={p.receivedFrom !== undefined} />
                  </td>
                  <td>{p.revision}</td>
                  <td className="packet-list-date">{p.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}

export function PacketNewScreen({
  db,
  template: initialTemplate,
  source: initialSource,
}: {
  db: WorkspaceDb
  template?: string
  source?: string
}) {
  const templates = registry.listLatest()
  const actor = actorLabel(useActor())
  const [sources, setSources] = useState<PartnerSourceRecord[]>([])
  const [templateId, setTemplateId] = useState(
    initialTemplate && registry.latest(initialTemplate) ? initialTemplate : '',
  )
  const [sourceId, setSourceId] = useState(initialSource ?? '')
  const [title, setTitle] = useState('')
  const [titleEdited, setTitleEdited] = useState(false)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    listPartnerSources(db).then(setSources)
  }, [db])

  const template = templateId ? registry.latest(templateId) : undefined
  const source = sources.find((s) => s.id === sourceId)
  useEffect(() => {
    if (!titleEdited && template) setTitle(suggestedTitle(template, source?.name, new Date()))
  }, [template, source, titleEdited])

  const create = async () => {
    if (!template) return setError('Choose a template.')
    if (!title.trim()) return setError('Give the packet a title.')
    setBusy(true)
    try {
      const packet = createPacket(template, {
        id: packetIdFor(template.id, title, randomSuffix()),
        title,
        partnerSourceId: sourceId || undefined,
        now: new Date(),
        by: actor,
      })
      await insertPacket(db, packet, actor, 'Created')
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
      <h1 tabIndex={-1}>New packet</h1>
      <form
        className="panel new-packet"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <div className="field">
          <label htmlFor="new-template">
            Template<span className="visually-hidden"> (required)</span>
          </label>
          <select
            id="new-template"
            value={templateId}
            onChange={(e) => setTemplateId(e.target.value)}
            aria-describedby="new-template-help"
          >
            <option value="">Choose…</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          <p className="field-help" id="new-template-help">
            {template ? template.description : 'What kind of packet this is.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-source">Partner source</label>
          <select id="new-source" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            <option value="">None</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-title">
            Title<span className="visually-hidden"> (required)</span>
          </label>
          <input
            id="new-title"
            type="text"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value)
              setTitleEdited(true)
            }}
          />
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          Create packet
        </button>
      </form>
    </>
  )
}
