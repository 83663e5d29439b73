// A new access-review campaign on one page: name, scope, owner, due date, review type,
// no-response default and reviewer rules; then the CSV files with their format and column
// mapping (suggested from the header, or remembered for the source). "Create campaign" imports
// every file with its mapping first: malformed rows are listed with their lines and the person
// creates the campaign without them (they stay in its import report) or goes back. Creating
// hashes each file with progress and Cancel, then stores files, items and audit entries at once.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react'
import { CancelledError, type Progress } from '../../core/bundle/byte-io'
import {
  checkMapping,
  FORMAT_FIELDS,
  suggestMapping,
  type NoResponseDefault,
  type ReviewerRule,
  type ReviewType,
  type SourceFormat,
} from '../../core/access-review'
import { ErrorSummary } from '../components/ErrorSummary'
import { Icon } from '../components/Icon'
import { SelectField, type SelectOption } from '../components/SelectField'
import { chooseFiles } from '../evidence/collect-files'
import { hashFiles } from '../evidence/hash-files'
import { HashCancelled } from '../evidence/hash-stream'
import { actorLabel, useActor } from '../identity/actor'
import { WorkProgress } from '../packets/WorkProgress'
import { useWorkspaceDb } from '../workspace/workspace-context'
import {
  analyseFiles,
  flagContextOf,
  FORMAT_LABELS,
  importedFiles,
  newCampaignId,
  stageFile,
  type Analysis,
  type StagedFile,
} from './import-files'
import { reviewHrefs } from './review-routes'
import { createCampaign, getMapping } from './review-store'
import { describeError, plural } from './review-text'
import { RadioChoice, type RadioOption } from '../components/RadioChoice'
import { FieldError, TextField } from './TextField'

type Field = 'name' | 'owner' | 'dueDate' | 'previous' | 'rules' | 'files'
const FIELD_IDS: Record<Field, string> = {
  name: 'ar-name',
  owner: 'ar-owner',
  dueDate: 'ar-due',
  previous: 'ar-previous',
  rules: 'ar-add-rule',
  files: 'ar-add-files',
}

const TYPE_LABELS: Record<ReviewType, { label: string; hint: string }> = {
  snapshot: { label: 'Snapshot', hint: 'Every grant in the files.' },
  differential: {
    label: 'Differential',
    hint: 'Only grants that were not in a previous campaign.',
  },
  exit: {
    label: 'Exit',
    hint: 'Only grants of accounts with no current employee in the HR roster.',
  },
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
/** ISO time → the value of a datetime-local input (local time, minutes). */
const toLocalInput = (iso: string) => {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

const TYPE_CHOICES: RadioOption<ReviewType>[] = (Object.keys(TYPE_LABELS) as ReviewType[]).map(
  (t) => ({ value: t, ...TYPE_LABELS[t] }),
)
const DEFAULT_CHOICES: RadioOption<NoResponseDefault>[] = [
  { value: 'revoke', label: 'Revoke' },
  { value: 'keep', label: 'Keep' },
]
const RULE_BY: SelectOption[] = [
  { value: 'application', label: 'Application' },
  { value: 'manager', label: 'Manager' },
]
const FORMAT_CHOICES: SelectOption[] = (Object.keys(FORMAT_LABELS) as SourceFormat[]).map((f) => ({
  value: f,
  label: FORMAT_LABELS[f],
}))

/** Malformed rows listed on the page; every one of them is kept in the import report. */
const SHOWN_PROBLEMS = 500

type Phase =
  | { step: 'edit' }
  | { step: 'confirm-rows'; analysis: Analysis }
  | { step: 'working'; progress: Progress; controller: AbortController }
  | { step: 'failed'; message: string }

export function NewCampaignForm() {
  const db = useWorkspaceDb()
  const actor = useActor()
  const actorName = actorLabel(actor)
  const [name, setName] = useState('')
  const [scope, setScope] = useState('')
  const [owner, setOwner] = useState(actor.keyid ? actor.name : '')
  const [dueDate, setDueDate] = useState(() => inDays(14))
  const [type, setType] = useState<ReviewType>('snapshot')
  const [previousId, setPreviousId] = useState('')
  const [noResponse, setNoResponse] = useState<NoResponseDefault>('revoke')
  const [rules, setRules] = useState<ReviewerRule[]>([])
  const [files, setFiles] = useState<StagedFile[]>([])
  const [issues, setIssues] = useState<{ field: Field; message: string }[]>([])
  const [attempt, setAttempt] = useState(0)
  const [phase, setPhase] = useState<Phase>({ step: 'edit' })
  const [reading, setReading] = useState<string>()
  const [over, setOver] = useState(false)
  const nextKey = useRef(0)
  const confirmRef = useRef<HTMLHeadingElement>(null)
  const ruleFocus = useRef<number | undefined>(undefined)

  const campaigns = useLiveQuery(() => db.reviewCampaigns.orderBy('createdAt').toArray(), [db])

  useEffect(() => {
    if (phase.step === 'confirm-rows') confirmRef.current?.focus()
  }, [phase.step])

  // The identities load after the first render: the owner defaults to the acting person.
  const actingName = actor.keyid ? actor.name : ''
  useEffect(() => {
    if (actingName) setOwner((o) => o || actingName)
  }, [actingName])

  useEffect(() => {
    if (ruleFocus.current === undefined) return
    document.getElementById(`ar-rule-${ruleFocus.current}-match`)?.focus()
    ruleFocus.current = undefined
  }, [rules.length])

  const remembered = (format: SourceFormat, source: string) => getMapping(db, format, source)

  const addFiles = async (chosen: File[]) => {
    if (chosen.length === 0) return
    setReading(`Reading ${plural(chosen.length, 'file')}…`)
    try {
      const staged: StagedFile[] = []
      for (const f of chosen) {
        const text = await f.text()
        staged.push(
          await stageFile(`f${nextKey.current++}`, f.name, f, text, f.lastModified, remembered),
        )
      }
      setFiles((list) => [...list, ...staged])
      setPhase({ step: 'edit' })
      setReading(
        `Added ${staged.map((s) => `${s.fileName} (${FORMAT_LABELS[s.format]})`).join(', ')}.`,
      )
    } catch (e) {
      setReading(`The files could not be read: ${describeError(e)}`)
    }
  }

  const updateFile = (key: string, change: Partial<StagedFile>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)))

  const changeFormat = async (f: StagedFile, format: SourceFormat) => {
    const kept = await remembered(format, f.source)
    updateFile(f.key, {
      format,
      mapping: suggestMapping(format, f.header, kept),
      remembered: kept !== undefined,
    })
  }

  const changeSource = async (f: StagedFile, source: string) => {
    updateFile(f.key, { source })
    const kept = await remembered(f.format, source)
    if (kept)
      updateFile(f.key, {
        source,
        mapping: suggestMapping(f.format, f.header, kept),
        remembered: true,
      })
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void addFiles([...e.dataTransfer.files])
  }

  const check = (): { field: Field; message: string }[] => {
    const found: { field: Field; message: string }[] = []
    if (name.trim() === '') found.push({ field: 'name', message: 'Give the campaign a name.' })
    if (owner.trim() === '')
      found.push({ field: 'owner', message: 'Name the campaign owner (the person accountable).' })
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate))
      found.push({ field: 'dueDate', message: 'Choose a due date (YYYY-MM-DD).' })
    if (type === 'differential' && previousId === '')
      found.push({
        field: 'previous',
        message: 'Choose the previous campaign a differential review compares with.',
      })
    const incomplete = rules.findIndex((r) => r.match.trim() === '' || r.reviewer.trim() === '')
    if (incomplete >= 0)
      found.push({
        field: 'rules',
        message: `Reviewer rule ${incomplete + 1} needs both the ${rules[incomplete]!.by} and the reviewer; complete or remove it.`,
      })
    if (files.length === 0)
      found.push({ field: 'files', message: 'Add at least one who-has-what CSV file.' })
    return found
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const found = check()
    let analysis: Analysis | undefined
    if (found.length === 0) {
      analysis = analyseFiles(files, type)
      for (const message of analysis.blocking) found.push({ field: 'files', message })
    }
    setIssues(found)
    if (found.length > 0 || !analysis) {
      setAttempt((n) => n + 1)
      return
    }
    if (analysis.rowProblems > 0) setPhase({ step: 'confirm-rows', analysis })
    else void create(analysis)
  }

  const create = async (analysis: Analysis) => {
    const controller = new AbortController()
    const bytesTotal = files.reduce((n, f) => n + f.file.size, 0)
    const progress = (done: number, bytesDone: number): Progress => ({
      phase: 'computing the SHA-256 of the files',
      done,
      total: files.length,
      bytesDone,
      bytesTotal,
    })
    setPhase({ step: 'working', controller, progress: progress(0, 0) })
    try {
      const digests = await hashFiles({
        files: files.map((f) => f.file),
        signal: controller.signal,
        onProgress: (p) =>
          setPhase((s) =>
            s.step === 'working' ? { ...s, progress: progress(p.filesDone, p.bytesDone) } : s,
          ),
      })
      if (controller.signal.aborted) throw new HashCancelled()
      // One transaction from here: it completes, or stores nothing when cancelled.
      const record = await createCampaign(
        db,
        {
          id: newCampaignId(),
          name,
          type,
          scope,
          owner,
          dueDate,
          noResponseDefault: noResponse,
          reviewerRules: rules.map((r) => ({
            ...r,
            match: r.match.trim(),
            reviewer: r.reviewer.trim(),
          })),
          ...(type === 'differential' ? { previousCampaignId: previousId } : {}),
          grants: analysis.grants,
          flagContext: flagContextOf(analysis),
          files: importedFiles(files, analysis, digests),
        },
        actorName,
        new Date(),
        {
          signal: controller.signal,
          onProgress: (p) => setPhase((s) => (s.step === 'working' ? { ...s, progress: p } : s)),
        },
      )
      window.location.hash = reviewHrefs.campaign(record.id)
    } catch (e) {
      if (e instanceof HashCancelled || e instanceof CancelledError)
        setPhase({
          step: 'failed',
          message: 'Creating the campaign was cancelled; nothing was stored.',
        })
      else
        setPhase({ step: 'failed', message: `The campaign was not created: ${describeError(e)}` })
    }
  }

  const working = phase.step === 'working'
  const issueOf = (f: Field) => issues.find((i) => i.field === f)
  const fieldError = (f: Field) => <FieldError id={FIELD_IDS[f]} message={issueOf(f)?.message} />
  const textField = (f: 'name' | 'owner' | 'dueDate') => ({
    id: FIELD_IDS[f],
    error: issueOf(f)?.message,
    required: true,
  })
  const describedBy = (f: Field, hint?: string) =>
    [hint, issueOf(f) ? `${FIELD_IDS[f]}-error` : ''].filter(Boolean).join(' ') || undefined

  if (!actor.keyid)
    return (
      <div className="panel ar-notice" role="note">
        <p>
          Campaigns, decisions and their audit entries name the person acting. Choose who you are
          first: create or pick an identity under <a href="#/identities">Keys</a> and choose “Work
          as”, then come back here.
        </p>
      </div>
    )

  return (
    <form className="ar-form" onSubmit={submit} noValidate aria-busy={working}>
      <ErrorSummary issues={issues} fieldIds={FIELD_IDS} attempt={attempt} headingLevel={2} />
      <fieldset className="panel ar-fieldset" disabled={working}>
        <legend>Campaign</legend>
        <TextField {...textField('name')} label="Campaign name" value={name} onChange={setName} />
        <TextField
          id="ar-scope"
          label="Scope"
          hint="What the review covers, e.g. “Production AWS accounts and the finance apps”."
          value={scope}
          onChange={setScope}
        />
        <TextField
          {...textField('owner')}
          label="Owner"
          hint={`The person accountable for the campaign; only they apply the no-response default. You work as ${actor.name}.`}
          value={owner}
          onChange={setOwner}
        />
        <TextField
          {...textField('dueDate')}
          type="date"
          label="Due date"
          value={dueDate}
          onChange={setDueDate}
        />
        <RadioChoice
          legend="Review type"
          idPrefix="ar-type"
          options={TYPE_CHOICES}
          value={type}
          onChange={setType}
        />
        {type === 'differential' ? (
          <SelectField
            id={FIELD_IDS.previous}
            className="ws-field ar-field"
            label="Previous campaign"
            error={issueOf('previous')?.message}
            value={previousId}
            onChange={setPreviousId}
            options={[
              {
                value: '',
                label: campaigns?.length ? 'Choose a campaign' : 'No campaign yet to compare with',
              },
              ...(campaigns ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} (due ${c.dueDate}, ${plural(c.itemCount, 'item')})`,
              })),
            ]}
          />
        ) : null}
        <RadioChoice
          legend="No-response default"
          idPrefix="ar-default"
          options={DEFAULT_CHOICES}
          value={noResponse}
          onChange={setNoResponse}
        >
          <p className="ws-hint">
            What the owner may apply, explicitly, to items nobody decided by the due date. A keep
            default never covers privileged or stale access.
          </p>
        </RadioChoice>
      </fieldset>

      <fieldset className="panel ar-fieldset" disabled={working}>
        <legend>Reviewer rules</legend>
        <p className="ws-hint">
          Each item goes to the reviewer of the first rule for its application, else of the first
          rule for its manager, else to the owner.
        </p>
        {fieldError('rules')}
        {rules.length === 0 ? <p>No rules: the owner reviews every item.</p> : null}
        <ol className="ar-rules">
          {rules.map((r, i) => {
            const n = i + 1
            const set = (change: Partial<ReviewerRule>) =>
              setRules((list) => list.map((x, k) => (k === i ? { ...x, ...change } : x)))
            return (
              <li key={i} className="ar-rule">
                <SelectField
                  id={`ar-rule-${i}-by`}
                  className="ws-field ar-field"
                  label={`Rule ${n} matches by`}
                  value={r.by}
                  onChange={(v) => set({ by: v as ReviewerRule['by'] })}
                  options={RULE_BY}
                />
                <TextField
                  id={`ar-rule-${i}-match`}
                  label={`Rule ${n} application or manager`}
                  value={r.match}
                  onChange={(v) => set({ match: v })}
                />
                <TextField
                  id={`ar-rule-${i}-reviewer`}
                  label={`Rule ${n} reviewer`}
                  value={r.reviewer}
                  onChange={(v) => set({ reviewer: v })}
                />
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setRules((list) => list.filter((_, k) => k !== i))
                    requestAnimationFrame(() => document.getElementById(FIELD_IDS.rules)?.focus())
                  }}
                >
                  Remove rule {n}
                </button>
              </li>
            )
          })}
        </ol>
        <button
          id={FIELD_IDS.rules}
          type="button"
          className="button"
          onClick={() => {
            ruleFocus.current = rules.length
            setRules((list) => [...list, { by: 'application', match: '', reviewer: '' }])
          }}
        >
          Add reviewer rule
        </button>
      </fieldset>

      <fieldset
        className={`panel ar-fieldset ar-drop${over ? ' is-over' : ''}`}
        disabled={working}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <legend>Who-has-what files</legend>
        <p className="ws-hint" id="ar-files-hint">
          CSV files: a generic export (login, entitlements separated by |, application, …), the AWS
          IAM credential report, and for exit reviews or orphan checks the HR roster. Choose several
          at once, or drop them here. Each file is kept as evidence with its SHA-256.
        </p>
        {fieldError('files')}
        <button
          id={FIELD_IDS.files}
          type="button"
          className="button"
          aria-describedby={describedBy('files', 'ar-files-hint')}
          onClick={() => void chooseFiles().then((list) => addFiles(list.map((f) => f.file)))}
        >
          <Icon name="upload" />
          Add CSV files…
        </button>
        <p role="status" className="ws-hint">
          {reading ?? ''}
        </p>
        {files.map((f) => (
          <StagedFileView
            key={f.key}
            file={f}
            problems={
              phase.step === 'confirm-rows'
                ? phase.analysis.files.find((a) => a.key === f.key)
                : undefined
            }
            onFormat={(format) => void changeFormat(f, format)}
            onSource={(source) => void changeSource(f, source)}
            onMapping={(field, column) =>
              updateFile(f.key, { mapping: { ...f.mapping, [field]: column }, remembered: false })
            }
            onExtracted={(iso) => updateFile(f.key, { extractedAt: iso })}
            onRemove={() => {
              setFiles((list) => list.filter((x) => x.key !== f.key))
              setPhase({ step: 'edit' })
              requestAnimationFrame(() => document.getElementById(FIELD_IDS.files)?.focus())
            }}
          />
        ))}
      </fieldset>

      {phase.step === 'confirm-rows' ? (
        <section className="panel ar-confirm" role="alert" aria-labelledby="ar-confirm-title">
          <h2 id="ar-confirm-title" tabIndex={-1} ref={confirmRef}>
            Rows that will not be imported
          </h2>
          <p>
            {plural(phase.analysis.rowProblems, 'row')} cannot be imported (listed under each file
            above, and here). The campaign can start without them: they stay listed in its import
            report. Or go back, fix the files and add them again.
          </p>
          <ul className="ar-row-problems">
            {phase.analysis.files
              .flatMap((a) => a.problems.map((p, i) => ({ key: `${a.key}-${i}`, a, p })))
              .slice(0, SHOWN_PROBLEMS)
              .map(({ key, a, p }) => (
                <li key={key}>
                  <span className="mono">{a.fileName}</span>: {p.message}
                </li>
              ))}
          </ul>
          {phase.analysis.rowProblems > SHOWN_PROBLEMS ? (
            <p>
              The first {SHOWN_PROBLEMS} are shown; all{' '}
              {phase.analysis.rowProblems.toLocaleString('en-GB')} are kept in the campaign’s import
              report.
            </p>
          ) : null}
          <p>{plural(phase.analysis.grants.length, 'grant')} will be imported.</p>
          <div className="ar-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void create(phase.analysis)}
            >
              Create without these rows
            </button>
            <button type="button" className="button" onClick={() => setPhase({ step: 'edit' })}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}

      {phase.step === 'working' ? (
        <WorkProgress
          id="ar-create-progress"
          label="Campaign creation progress"
          progress={phase.progress}
          starting="Starting…"
          cancelling={phase.controller.signal.aborted}
          onCancel={() => phase.controller.abort()}
          focusCancel
        />
      ) : null}
      {phase.step === 'failed' ? (
        <p className="error-box" role="alert">
          {phase.message}
        </p>
      ) : null}
      {phase.step !== 'confirm-rows' ? (
        <div className="ar-actions">
          <button type="submit" className="button button-primary" disabled={working}>
            Create campaign
          </button>
          <a href={reviewHrefs.list}>Back to the campaigns</a>
        </div>
      ) : null}
    </form>
  )
}

function StagedFileView({
  file,
  problems,
  onFormat,
  onSource,
  onMapping,
  onExtracted,
  onRemove,
}: {
  file: StagedFile
  problems: Analysis['files'][number] | undefined
  onFormat: (format: SourceFormat) => void
  onSource: (source: string) => void
  onMapping: (field: string, column: string) => void
  onExtracted: (iso: string) => void
  onRemove: () => void
}) {
  const id = `ar-${file.key}`
  const mappingProblems = checkMapping(file.format, file.header, file.mapping)
  const problemOf = (field: string) => mappingProblems.filter((p) => p.field === field)
  const aws = file.format === 'aws-iam-credential-report'
  return (
    <section className="ar-file" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="ar-file-title">
        {file.fileName}
      </h3>
      <p className="ws-hint">
        Header ({plural(file.header.length, 'column')}):{' '}
        <span className="mono">{file.header.join(', ') || '(empty)'}</span>
      </p>
      <div className="ar-file-meta">
        <SelectField
          id={`${id}-format`}
          className="ws-field ar-field"
          label="Format"
          value={file.format}
          onChange={(v) => onFormat(v as SourceFormat)}
          options={FORMAT_CHOICES}
        />
        <div className="ws-field ar-field">
          <label htmlFor={`${id}-source`}>Source name</label>
          <input
            id={`${id}-source`}
            type="text"
            autoComplete="off"
            aria-describedby={`${id}-source-hint`}
            value={file.source}
            onChange={(e) => onSource(e.target.value)}
          />
          <span className="ws-hint" id={`${id}-source-hint`}>
            The mapping is remembered under this name for the next import.
          </span>
        </div>
        <div className="ws-field ar-field">
          <label htmlFor={`${id}-extracted`}>Extraction time</label>
          <input
            id={`${id}-extracted`}
            type="datetime-local"
            aria-describedby={`${id}-extracted-hint`}
            value={toLocalInput(file.extractedAt)}
            onChange={(e) => {
              const t = Date.parse(e.target.value)
              if (!Number.isNaN(t)) onExtracted(new Date(t).toISOString())
            }}
          />
          <span className="ws-hint" id={`${id}-extracted-hint`}>
            When the file was taken from its system (your local time); the file’s date by default.
          </span>
        </div>
      </div>
      {aws ? (
        mappingProblems.length === 0 ? (
          <p>
            All {FORMAT_FIELDS[file.format].length} columns of the credential report are present.
          </p>
        ) : (
          <ul className="field-error ar-mapping-problems">
            {mappingProblems.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        )
      ) : (
        <fieldset className="ar-mapping">
          <legend>Column mapping</legend>
          {file.remembered ? (
            <p className="ws-hint">Pre-filled from the mapping remembered for “{file.source}”.</p>
          ) : (
            <p className="ws-hint">Suggested from the header; check each field.</p>
          )}
          {FORMAT_FIELDS[file.format].map((field) => {
            const fieldProblems = problemOf(field.id)
            const fid = `${id}-map-${field.id}`
            return (
              <div key={field.id} className="ws-field ar-field ar-map-field">
                <label htmlFor={fid}>
                  {field.label}
                  {field.required ? ' (required)' : ''}
                </label>
                <select
                  id={fid}
                  value={file.mapping[field.id] ?? ''}
                  aria-invalid={fieldProblems.length > 0 ? true : undefined}
                  aria-describedby={fieldProblems.length > 0 ? `${fid}-error` : undefined}
                  onChange={(e) => onMapping(field.id, e.target.value)}
                >
                  <option value="">Not mapped</option>
                  {file.header.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
                {fieldProblems.length > 0 ? (
                  <p className="field-error" id={`${fid}-error`}>
                    {fieldProblems.map((p) => p.message).join(' ')}
                  </p>
                ) : null}
              </div>
            )
          })}
        </fieldset>
      )}
      {problems ? (
        <div className="ar-file-report">
          <p>
            {plural(problems.rowCount, 'row')} read,{' '}
            {problems.format === 'hr-roster'
              ? 'used as the roster'
              : `${plural(problems.grantCount, 'grant')} imported`}
            {problems.problems.length > 0
              ? `; ${plural(problems.problems.length, 'row')} not imported (listed below).`
              : '.'}
          </p>
        </div>
      ) : null}
      <button type="button" className="button" onClick={onRemove}>
        Remove {file.fileName}
      </button>
    </section>
  )
}
