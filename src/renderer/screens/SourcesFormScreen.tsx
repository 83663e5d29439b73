// Add or edit a partner source: an accessible form with labels, hints, and on submit an
// error summary (focused, linking to each field) plus messages beside the fields.
import { useState, type FormEvent } from 'react'
import {
  draftOf,
  emptyDraft,
  MAX_SOURCE_NOTES,
  SLA_TIER_LABELS,
  SOURCE_STATUS_LABELS,
  type DraftField,
  type DraftIssue,
  type PartnerSourceDraft,
} from '../../core/workspace/partner-source'
import { SLA_TIERS, SOURCE_STATUSES } from '../../core/workspace/records'
import { savePartnerSource } from '../data/partner-sources'
import { usePartnerSource } from '../data/workspace-hooks'
import { actorLabel, useActor } from '../identity/actor'
import { setFlash } from '../workspace/flash'
import { useWorkspaceDb } from '../workspace/workspace-context'
import { sourcesHrefs } from './SourcesScreen'
import '../workspace/workspace.css'
import { ErrorSummary } from '../components/ErrorSummary'

const FIELD_IDS: Record<DraftField, string> = {
  name: 'source-name',
  owner: 'source-owner',
  slaTier: 'source-sla',
  status: 'source-status',
  notes: 'source-notes',
}

function SourceForm({ initial, id }: { initial: PartnerSourceDraft; id?: string }) {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const [draft, setDraft] = useState(initial)
  const [issues, setIssues] = useState<DraftIssue[]>([])
  const [saving, setSaving] = useState(false)
  const [attempt, setAttempt] = useState(0)

  const issueFor = (f: DraftField) => issues.find((i) => i.field === f)
  const set = (f: DraftField) => (value: string) => setDraft((d) => ({ ...d, [f]: value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSaving(true)
    try {
      const result = await savePartnerSource(db, draft, id, actor)
      if (result.ok) {
        setFlash(`${id ? 'Saved' : 'Added'} ${result.source.name}.`)
        window.location.hash = sourcesHrefs.list
      } else {
        setIssues(result.issues)
        setAttempt((n) => n + 1)
      }
    } finally {
      setSaving(false)
    }
  }

  const describedBy = (f: DraftField, hint: boolean) =>
    [hint ? `${FIELD_IDS[f]}-hint` : '', issueFor(f) ? `${FIELD_IDS[f]}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined

  const errorOf = (f: DraftField) => {
    const issue = issueFor(f)
    return issue ? (
      <p className="field-error" id={`${FIELD_IDS[f]}-error`}>
        {issue.message}
      </p>
    ) : null
  }

  return (
    <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary issues={issues} fieldIds={FIELD_IDS} attempt={attempt} headingLevel={2} />
      <div className="ws-field">
        <label htmlFor={FIELD_IDS.name}>Name</label>
        <p className="ws-hint" id={`${FIELD_IDS.name}-hint`}>
          As the partner names the source, e.g. “Northwind Weather API”.
        </p>
        {errorOf('name')}
        <input
          id={FIELD_IDS.name}
          type="text"
          autoComplete="off"
          required
          aria-invalid={issueFor('name') ? true : undefined}
          aria-describedby={describedBy('name', true)}
          value={draft.name}
          onChange={(e) => set('name')(e.target.value)}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={FIELD_IDS.owner}>Owner</label>
        <p className="ws-hint" id={`${FIELD_IDS.owner}-hint`}>
          The person or team accountable for this source’s packets.
        </p>
        {errorOf('owner')}
        <input
          id={FIELD_IDS.owner}
          type="text"
          autoComplete="off"
          required
          aria-invalid={issueFor('owner') ? true : undefined}
          aria-describedby={describedBy('owner', true)}
          value={draft.owner}
          onChange={(e) => set('owner')(e.target.value)}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={FIELD_IDS.slaTier}>SLA tier</label>
        {errorOf('slaTier')}
        <select
          id={FIELD_IDS.slaTier}
          aria-invalid={issueFor('slaTier') ? true : undefined}
          aria-describedby={describedBy('slaTier', false)}
          value={draft.slaTier}
          onChange={(e) => set('slaTier')(e.target.value)}
        >
          {SLA_TIERS.map((t) => (
            <option key={t} value={t}>
              {SLA_TIER_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-field">
        <label htmlFor={FIELD_IDS.status}>Status</label>
        {errorOf('status')}
        <select
          id={FIELD_IDS.status}
          aria-invalid={issueFor('status') ? true : undefined}
          aria-describedby={describedBy('status', false)}
          value={draft.status}
          onChange={(e) => set('status')(e.target.value)}
        >
          {SOURCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-field">
        <label htmlFor={FIELD_IDS.notes}>Notes (optional)</label>
        <p className="ws-hint" id={`${FIELD_IDS.notes}-hint`}>
          Up to {MAX_SOURCE_NOTES} characters.
        </p>
        {errorOf('notes')}
        <textarea
          id={FIELD_IDS.notes}
          aria-invalid={issueFor('notes') ? true : undefined}
          aria-describedby={describedBy('notes', true)}
          value={draft.notes}
          onChange={(e) => set('notes')(e.target.value)}
        />
      </div>
      <div className="ws-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {id ? 'Save changes' : 'Add source'}
        </button>
        <a href={sourcesHrefs.list}>Cancel</a>
      </div>
    </form>
  )
}

export function SourcesFormScreen({ id }: { id?: string }) {
  const existing = usePartnerSource(id ?? '')
  // One heading element throughout, so focus placed on it by a screen change stays there
  // while the record loads.
  const title = !id
    ? 'Add a partner source'
    : existing === undefined
      ? 'Loading partner source…'
      : existing === null
        ? 'Partner source not found'
        : `Edit ${existing.name}`
  return (
    <>
      <p className="back-link">
        <a href={sourcesHrefs.list}>← Partner sources</a>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      {!id ? (
        <SourceForm initial={emptyDraft()} />
      ) : existing === null ? (
        <p>
          There is no partner source <span className="mono">{id}</span> in this workspace.
        </p>
      ) : existing ? (
        <SourceForm key={existing.id} initial={draftOf(existing)} id={existing.id} />
      ) : null}
    </>
  )
}
