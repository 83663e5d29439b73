// The metadata edit form. Validation is core's (validateMetadata): on Save every problem is
// shown beside its field (aria-invalid + aria-describedby) and in a summary that takes focus,
// so keyboard and screen-reader users learn what to fix; nothing is saved until all is right.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import {
  draftFrom,
  validateMetadata,
  type EvidenceMetadata,
  type MetadataDraft,
  type MetadataField,
  type MetadataProblem,
} from '../../core/evidence/metadata'
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  type EvidenceRecord,
  type PartnerSourceRecord,
} from '../../core/workspace/records'

const LABELS: Record<MetadataField, string> = {
  title: 'Title',
  kind: 'Kind',
  source: 'Source',
  partnerSourceId: 'Partner source',
  collectedBy: 'Collected by',
  collectedAt: 'Collected at',
  effectiveDate: 'Effective date',
  expires: 'Expiry date',
  tags: 'Tags',
  classification: 'Classification',
}

const HINTS: Partial<Record<MetadataField, string>> = {
  source: 'Where it came from, e.g. a system, a URL or a person.',
  tags: 'Separate tags with commas.',
  expires: 'The last day the evidence counts.',
}

export interface EvidenceMetadataFormProps {
  record: EvidenceRecord
  partnerSources: readonly PartnerSourceRecord[]
  onSave: (metadata: EvidenceMetadata) => Promise<void>
}

export function EvidenceMetadataForm({
  record,
  partnerSources,
  onSave,
}: EvidenceMetadataFormProps) {
  const base = useId()
  const [draft, setDraft] = useState<MetadataDraft>(() => draftFrom(record))
  const [problems, setProblems] = useState<MetadataProblem[]>([])
  const [status, setStatus] = useState<string>('')
  const [saving, setSaving] = useState(false)
  const summary = useRef<HTMLDivElement>(null)

  const id = (f: MetadataField) => `${base}-${f}`
  const problemFor = (f: MetadataField) => problems.find((p) => p.field === f)
  const set = (f: MetadataField, v: string) => {
    setDraft((d) => ({ ...d, [f]: v }))
    setStatus('')
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const ids = new Set(partnerSources.map((p) => p.id))
    if (record.partnerSourceId) ids.add(record.partnerSourceId)
    const result = validateMetadata(draft, { partnerSourceIds: ids })
    if (!result.ok) {
      setProblems(result.problems)
      setStatus('')
      requestAnimationFrame(() => summary.current?.focus())
      return
    }
    setProblems([])
    setSaving(true)
    try {
      await onSave(result.value)
      setStatus('Saved.')
    } catch (err) {
      setStatus(`Not saved: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      setSaving(false)
    }
  }

  const field = (f: MetadataField, control: (props: FieldProps) => ReactNode) => {
    const problem = problemFor(f)
    const hint = HINTS[f]
    const described = [hint ? `${id(f)}-hint` : '', problem ? `${id(f)}-error` : '']
      .filter(Boolean)
      .join(' ')
    return (
      <div className={`field${problem ? ' has-error' : ''}`}>
        <label htmlFor={id(f)}>{LABELS[f]}</label>
        {control({
          id: id(f),
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': described || undefined,
        })}
        {hint ? (
          <span id={`${id(f)}-hint`} className="muted small">
            {hint}
          </span>
        ) : null}
        {problem ? (
          <span id={`${id(f)}-error`} className="field-error">
            {problem.message}
          </span>
        ) : null}
      </div>
    )
  }

  const partnerKnown =
    !draft.partnerSourceId || partnerSources.some((p) => p.id === draft.partnerSourceId)

  return (
    <form className="evidence-form" onSubmit={submit} noValidate aria-label="Evidence details">
      {problems.length > 0 ? (
        <div className="error-box" ref={summary} tabIndex={-1} role="alert">
          <p>
            <strong>
              {problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`}{' '}
              before saving:
            </strong>
          </p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}-${p.code}`}>
                <a
                  href={`#${id(p.field)}`}
                  onClick={(e) => {
                    e.preventDefault()
                    document.getElementById(id(p.field))?.focus()
                  }}
                >
                  {LABELS[p.field]}
                </a>
                : {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="evidence-form-grid">
        {field('title', (p) => (
          <input
            {...p}
            type="text"
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
          />
        ))}
        {field('kind', (p) => (
          <select {...p} value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        ))}
        {field('classification', (p) => (
          <select
            {...p}
            value={draft.classification}
            onChange={(e) => set('classification', e.target.value)}
          >
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ))}
        {field('partnerSourceId', (p) => (
          <select
            {...p}
            value={draft.partnerSourceId}
            onChange={(e) => set('partnerSourceId', e.target.value)}
          >
            <option value="">None</option>
            {partnerSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {partnerKnown ? null : (
              <option value={draft.partnerSourceId}>{draft.partnerSourceId}</option>
            )}
          </select>
        ))}
        {field('source', (p) => (
          <input
            {...p}
            type="text"
            value={draft.source}
            onChange={(e) => set('source', e.target.value)}
          />
        ))}
        {field('collectedBy', (p) => (
          <input
            {...p}
            type="text"
            autoComplete="name"
            value={draft.collectedBy}
            onChange={(e) => set('collectedBy', e.target.value)}
          />
        ))}
        {field('collectedAt', (p) => (
          <input
            {...p}
            type="datetime-local"
            value={draft.collectedAt}
            onChange={(e) => set('collectedAt', e.target.value)}
          />
        ))}
        {field('effectiveDate', (p) => (
          <input
            {...p}
            type="date"
            value={draft.effectiveDate}
            onChange={(e) => set('effectiveDate', e.target.value)}
          />
        ))}
        {field('expires', (p) => (
          <input
            {...p}
            type="date"
            value={draft.expires}
            onChange={(e) => set('expires', e.target.value)}
          />
        ))}
        {field('tags', (p) => (
          <input
            {...p}
            type="text"
            value={draft.tags}
            onChange={(e) => set('tags', e.target.value)}
          />
        ))}
      </div>
      <div className="evidence-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save details'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(draftFrom(record))
            setProblems([])
            setStatus('')
          }}
        >
          Undo changes
        </button>
        <span role="status" className="evidence-save-status">
          {status}
        </span>
      </div>
    </form>
  )
}

interface FieldProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}
