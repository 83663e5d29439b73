// The review of a sweep report: its status in words, a Pass/Fail decision (note required on
// Fail) for each element axe could not decide and each manual check of each page, and a
// "Waive…" dialog for each violation (rationale, approver role, expiry). Each decision shows who
// made it and when. Decisions are made as the acting identity; without one, it says where to
// choose one. The rules are the core's (core/a11y/review-model.ts).
import { useLiveQuery } from 'dexie-react-hooks'
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from 'react'
import {
  A11Y_STATUS_LABELS,
  addDays,
  reviewReport,
  WAIVER_APPROVER_ROLES,
  WAIVER_MAX_DAYS,
  WAIVER_RATIONALE_MIN,
  type A11yStatus,
  type EntryProblem,
  type ItemState,
  type ReviewItem,
} from '../../core/a11y/review-model'
import type { SweepReport } from '../../core/a11y/sweep-report'
import type { EvidenceRecord } from '../../core/workspace/records'
import { STATUS_LABELS } from '../../core/packets/packet-lifecycle'
import { localDate } from '../../core/evidence/expiry'
import { hrefs } from '../routing'
import { Icon } from '../components/Icon'
import { RadioChoice } from '../components/RadioChoice'
import { useActor, type Actor } from '../identity/actor'
import { roleLabel } from '../identity/known-roles'
import type { WorkspaceDb } from '../data/workspace-db'
import { packetsUsing } from '../evidence/evidence-store'
import { packetHrefs } from '../packets/packet-routes'
import {
  A11yReviewRefused,
  loadReviewLog,
  recordDecision,
  recordWaiver,
  saveReviewRecord,
  type SavedReview,
} from './a11y-review-store'
import '../packets/packets.css'

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

const STATUS_LOOK: Record<
  A11yStatus,
  { cls: string; icon: 'check' | 'cross' | 'info' | 'shield' }
> = {
  pass: { cls: 'tag-ok', icon: 'check' },
  waived: { cls: 'tag-ok', icon: 'shield' },
  'needs-review': { cls: 'tag-wait', icon: 'info' },
  fail: { cls: 'tag-bad', icon: 'cross' },
}

/** A tag: its look (tag-ok, tag-bad or tag-wait), an icon, and its words. */
function Tag({
  look,
  icon,
  children,
}: {
  look: string
  icon: ComponentProps<typeof Icon>['name']
  children: ReactNode
}) {
  return (
    <span className={`tag ${look}`}>
      <Icon name={icon} />
      {children}
    </span>
  )
}

export function A11yStatusTag({ status }: { status: A11yStatus }) {
  const look = STATUS_LOOK[status]
  return (
    <Tag look={look.cls} icon={look.icon}>
      {A11Y_STATUS_LABELS[status]}
    </Tag>
  )
}

/** "Name (key id)" of the person who decided. */
function Decider({ by }: { by: { name: string; keyid: string } }) {
  return (
    <>
      {by.name} <span className="mono">({by.keyid.slice(0, 16)})</span>
    </>
  )
}

function StateLine({ state }: { state: ItemState }) {
  const pass = state.state === 'pass'
  const waived = state.state === 'waived'
  switch (state.state) {
    case 'undecided':
      return (
        <p className="a11y-state">
          <Tag look="tag-wait" icon="info">
            Not decided
          </Tag>
        </p>
      )
    case 'pass':
    case 'fail':
      return (
        <p className="a11y-state">
          <Tag look={pass ? 'tag-ok' : 'tag-bad'} icon={pass ? 'check' : 'cross'}>
            {pass ? 'Passed' : 'Failed'}
          </Tag>{' '}
          by <Decider by={state.by} /> on {when(state.at)}
          {state.note ? <>: “{state.note}”</> : '.'}
        </p>
      )
    case 'waived':
    case 'waiver-expired':
      return (
        <p className="a11y-state">
          <Tag look={waived ? 'tag-ok' : 'tag-bad'} icon={waived ? 'shield' : 'cross'}>
            {waived ? `Waived until ${state.expires}` : `Waiver expired ${state.expires}`}
          </Tag>{' '}
          by <Decider by={state.by} /> as {roleLabel(state.approverRole)} on {when(state.at)}: “
          {state.rationale}”
        </p>
      )
  }
}

interface Target {
  db: WorkspaceDb
  reportSha256: string
  reportTitle: string
}

/** What a decision or waiver is about: the report and the item. */
const subjectOf = (target: Target, item: ReviewItem) => ({
  reportSha256: target.reportSha256,
  reportTitle: target.reportTitle,
  item,
})

/** "1 element" or "N elements". */
const elementCount = (n: number | undefined) => (n === 1 ? '1 element' : `${n} elements`)

/**
 * The state of a form that records a decision or a waiver: one attempt at a time; a refusal's
 * problems are kept by field (the first refused field takes focus through `focusFirst`) and any
 * other failure is said as "Not recorded: …".
 */
function useRecording() {
  const [problems, setProblems] = useState<EntryProblem[]>([])
  const [busy, setBusy] = useState(false)
  const problem = (f: EntryProblem['field']) => problems.find((p) => p.field === f)?.message
  const attempt = async (
    record: () => Promise<void>,
    focusFirst: (problems: EntryProblem[]) => void,
  ) => {
    if (busy) return
    setBusy(true)
    try {
      await record()
      setProblems([])
    } catch (err) {
      if (!(err instanceof A11yReviewRefused)) {
        setProblems([{ field: 'item', message: `Not recorded: ${(err as Error).message}` }])
      } else {
        setProblems(err.problems)
        focusFirst(err.problems)
      }
    } finally {
      setBusy(false)
    }
  }
  return { problems, problem, busy, attempt }
}

/** A field's problem, said under its label (the field points at it with aria-describedby). */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null
}

/** Problems that belong to no field, announced at once. */
function ErrorBox({ message }: { message: string }) {
  return message ? (
    <p className="error-box" role="alert">
      {message}
    </p>
  ) : null
}

const fieldClass = (problem: string | undefined) => `field${problem ? ' has-error' : ''}`

const OUTCOMES = [
  { value: 'pass', label: 'Pass' },
  { value: 'fail', label: 'Fail' },
] as const

function DecisionForm({ target, item, actor }: { target: Target; item: ReviewItem; actor: Actor }) {
  const { db } = target
  const uid = useId()
  const [outcome, setOutcome] = useState<'pass' | 'fail'>()
  const [note, setNote] = useState('')
  const [status, setStatus] = useState('')
  const { problems, problem, busy, attempt } = useRecording()
  const passRef = useRef<HTMLInputElement>(null)
  const noteRef = useRef<HTMLTextAreaElement>(null)
  const other = problems.filter((p) => p.field !== 'outcome' && p.field !== 'note')
  const what = `${item.title}${item.target ? `, ${item.target}` : ''}, ${item.pageLabel}`

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setStatus('')
    await attempt(
      async () => {
        await recordDecision(db, subjectOf(target, item), { outcome, note }, actor)
        setOutcome(undefined)
        setNote('')
        setStatus(`Recorded: ${outcome === 'pass' ? 'passed' : 'failed'}.`)
      },
      (refused) => {
        if (refused.some((p) => p.field === 'outcome')) passRef.current?.focus()
        else if (refused.some((p) => p.field === 'note')) noteRef.current?.focus()
      },
    )
  }

  return (
    <form className="a11y-decision" onSubmit={(e) => void submit(e)} noValidate>
      <RadioChoice
        legend={
          <>
            Decision<span className="visually-hidden"> on {what}</span>
          </>
        }
        idPrefix={`${uid}-outcome`}
        inline
        options={OUTCOMES}
        value={outcome}
        onChange={setOutcome}
        describedBy={problem('outcome') ? `${uid}-outcome-error` : undefined}
        firstInputRef={passRef}
      >
        <FieldError id={`${uid}-outcome-error`} message={problem('outcome')} />
      </RadioChoice>
      <div className={fieldClass(problem('note'))}>
        <label htmlFor={`${uid}-note`}>
          {outcome === 'fail' ? 'What fails' : 'Note'}
          <span className="visually-hidden"> on {what}</span>
          {outcome === 'fail' ? ' (required)' : ' (optional; required for Fail)'}
        </label>
        <FieldError id={`${uid}-note-error`} message={problem('note')} />
        <textarea
          id={`${uid}-note`}
          ref={noteRef}
          rows={2}
          value={note}
          aria-invalid={problem('note') ? true : undefined}
          aria-describedby={problem('note') ? `${uid}-note-error` : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <ErrorBox message={other.map((p) => p.message).join(' ')} />
      <div className="a11y-decision-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Record decision<span className="visually-hidden"> on {what}</span>
        </button>
        <span aria-live="polite" className="small">
          {status}
        </span>
      </div>
    </form>
  )
}

/**
 * The decision form, open for an item still undecided and folded away under "Change the
 * decision" for one already decided. It stays open after a decision made here, so focus and the
 * confirmation stay where they were.
 */
function DecisionArea({
  target,
  item,
  actor,
  undecided,
}: {
  target: Target
  item: ReviewItem
  actor: Actor
  undecided: boolean
}) {
  const [open, setOpen] = useState(undecided)
  return (
    <details
      className="a11y-decision-area"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{undecided ? 'Decide' : 'Change the decision'}</summary>
      <DecisionForm target={target} item={item} actor={actor} />
    </details>
  )
}

function WaiveDialog({
  target,
  item,
  actor,
  roles,
  onClose,
}: {
  target: Target
  item: ReviewItem
  actor: Actor
  roles: readonly string[]
  onClose: (done: boolean) => void
}) {
  const { db } = target
  const uid = useId()
  const ref = useRef<HTMLDialogElement>(null)
  const rationaleRef = useRef<HTMLTextAreaElement>(null)
  const roleRef = useRef<HTMLSelectElement>(null)
  const expiresRef = useRef<HTMLInputElement>(null)
  const today = localDate()
  const held = WAIVER_APPROVER_ROLES.find((r) => roles.includes(r.role))
  const [rationale, setRationale] = useState('')
  const [approverRole, setApproverRole] = useState<string>(held?.role ?? '')
  const [expires, setExpires] = useState(addDays(today, 90))
  const { problems, problem, busy, attempt } = useRecording()
  const other = problems.filter(
    (p) => p.field !== 'rationale' && p.field !== 'approverRole' && p.field !== 'expires',
  )

  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    rationaleRef.current?.focus()
  }, [])

  // Closing the modal first makes the rest of the page focusable again before it goes away.
  const finish = (done: boolean) => {
    if (ref.current?.open) ref.current.close()
    onClose(done)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await attempt(
      async () => {
        const entry = { rationale, approverRole, expires }
        await recordWaiver(db, subjectOf(target, item), entry, actor, today)
        finish(true)
      },
      (refused) => {
        const first = refused[0]?.field
        if (first === 'rationale') rationaleRef.current?.focus()
        else if (first === 'approverRole') roleRef.current?.focus()
        else if (first === 'expires') expiresRef.current?.focus()
      },
    )
  }
  /** A field's id, and its help and problem wired to it. */
  const wiring = (f: EntryProblem['field']) => ({
    id: `${uid}-${f}`,
    'aria-invalid': problem(f) ? true : undefined,
    'aria-describedby': `${uid}-${f}-help${problem(f) ? ` ${uid}-${f}-error` : ''}`,
  })

  return (
    <dialog
      ref={ref}
      className="picker-dialog a11y-waive-dialog"
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault()
        finish(false)
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${uid}-title`}>Waive a violation</h2>
        <p>
          <strong>{item.title}</strong> <code>({item.ruleId})</code> on {item.pageLabel},{' '}
          {elementCount(item.elements)}. A waiver lets the report pass the pre-sync gate until it
          expires; it does not fix the page.
        </p>
        <div className={fieldClass(problem('rationale'))}>
          <label htmlFor={`${uid}-rationale`}>Rationale (required)</label>
          <p className="field-help" id={`${uid}-rationale-help`}>
            Why the violation may stay for now, and what will fix it. At least{' '}
            {WAIVER_RATIONALE_MIN} characters.
          </p>
          <FieldError id={`${uid}-rationale-error`} message={problem('rationale')} />
          <textarea
            {...wiring('rationale')}
            ref={rationaleRef}
            rows={3}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
          />
        </div>
        <div className={fieldClass(problem('approverRole'))}>
          <label htmlFor={`${uid}-approverRole`}>Approver role</label>
          <p className="field-help" id={`${uid}-approverRole-help`}>
            You approve as {actor.name}; the workspace keyring must give you this role.
          </p>
          <FieldError id={`${uid}-approverRole-error`} message={problem('approverRole')} />
          <select
            {...wiring('approverRole')}
            ref={roleRef}
            value={approverRole}
            onChange={(e) => setApproverRole(e.target.value)}
          >
            {held ? null : <option value="">Choose a role</option>}
            {WAIVER_APPROVER_ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
                {roles.includes(r.role) ? ' (you hold it)' : ' (you do not hold it)'}
              </option>
            ))}
          </select>
        </div>
        <div className={fieldClass(problem('expires'))}>
          <label htmlFor={`${uid}-expires`}>Expires on</label>
          <p className="field-help" id={`${uid}-expires-help`}>
            After this day the waiver no longer counts. At most {WAIVER_MAX_DAYS} days from today (
            {addDays(today, WAIVER_MAX_DAYS)}).
          </p>
          <FieldError id={`${uid}-expires-error`} message={problem('expires')} />
          <input
            {...wiring('expires')}
            ref={expiresRef}
            type="date"
            value={expires}
            min={addDays(today, 1)}
            max={addDays(today, WAIVER_MAX_DAYS)}
            onChange={(e) => setExpires(e.target.value)}
          />
        </div>
        <ErrorBox message={other.map((p) => p.message).join(' ')} />
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
            Waive
          </button>
          <button type="button" className="button" onClick={() => finish(false)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}

function ViolationRow({
  target,
  item,
  state,
  actor,
  roles,
}: {
  target: Target
  item: ReviewItem
  state: ItemState
  actor: Actor
  roles: readonly string[] | undefined
}) {
  const [open, setOpen] = useState(false)
  const [notice, setNotice] = useState('')
  const opener = useRef<HTMLButtonElement>(null)
  // Focus returns to "Waive…" once the dialog is gone (after the commit that removes it).
  const [closed, setClosed] = useState(0)
  useEffect(() => {
    if (closed > 0) opener.current?.focus()
  }, [closed])
  return (
    <li className="a11y-review-item" data-item-id={item.id}>
      <p>
        <strong>{item.title}</strong> <code>({item.ruleId})</code>, {elementCount(item.elements)}
      </p>
      {state.state === 'undecided' ? (
        <p className="a11y-state">
          <Tag look="tag-bad" icon="cross">
            Not waived
          </Tag>{' '}
          Fix the page and sweep again, or waive it.
        </p>
      ) : (
        <StateLine state={state} />
      )}
      {roles ? (
        <p className="a11y-decision-actions">
          <button
            ref={opener}
            type="button"
            className="button"
            aria-label={`${state.state === 'undecided' ? 'Waive…' : 'Waive again…'} ${item.title} (${item.ruleId}), ${item.pageLabel}`}
            onClick={() => {
              setNotice('')
              setOpen(true)
            }}
          >
            {state.state === 'undecided' ? 'Waive…' : 'Waive again…'}
          </button>
          <span aria-live="polite" className="small">
            {notice}
          </span>
        </p>
      ) : null}
      {open && roles ? (
        <WaiveDialog
          target={target}
          item={item}
          actor={actor}
          roles={roles}
          onClose={(done) => {
            setOpen(false)
            if (done) setNotice('Waiver recorded.')
            setClosed((n) => n + 1)
          }}
        />
      ) : null}
    </li>
  )
}

/**
 * "Add the review to the evidence library": the review as it stands becomes an evidence item
 * (evw-a11y-review/1), which the packets carrying the report attach beside it, so the review
 * travels inside their signed bundles. Lists those packets, with a link to each.
 */
function SaveReview({
  db,
  report,
  reportSha256,
  onListed,
}: {
  db: WorkspaceDb
  report: SweepReport
  reportSha256: string
  onListed?: (record: EvidenceRecord) => void
}) {
  const actor = useActor()
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<SavedReview>()
  const [error, setError] = useState('')
  const packets = useLiveQuery(() => packetsUsing(db, reportSha256), [db, reportSha256])
  const save = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    setSaved(undefined)
    try {
      const result = await saveReviewRecord(db, { report, reportSha256 }, actor, localDate())
      setSaved(result)
      if (result.added) onListed?.(result.record)
    } catch (e) {
      setError(`The review was not added: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="a11y-review-save" aria-labelledby="a11y-review-save-title">
      <h4 id="a11y-review-save-title">Keep the review as evidence</h4>
      <p className="small">
        A packet’s signed bundle carries the review only as an evidence item: add the review as it
        stands to the evidence library, then attach it with “Attach evidence…” to each packet that
        carries this report. The pre-sync check wants the current review beside the report; after
        new decisions or waivers, add it again and attach the new one in place of the old.
      </p>
      <p className="a11y-decision-actions">
        <button
          type="button"
          className="button"
          aria-disabled={busy || undefined}
          onClick={() => void save()}
        >
          Add the review to the evidence library
        </button>
      </p>
      <div aria-live="polite" data-testid="a11y-review-saved">
        {saved ? (
          <p className="notice notice-ok">
            <Icon name="check" />{' '}
            {saved.added ? 'Added to the evidence library: ' : 'Already in the evidence library: '}
            <strong>{saved.record.title}</strong> ({saved.record.fileName}, SHA-256{' '}
            <code className="break">{saved.record.sha256}</code>).
          </p>
        ) : null}
      </div>
      <ErrorBox message={error} />
      {packets && packets.length > 0 ? (
        <>
          <p className="small">Packets carrying this report:</p>
          <ul className="plain-list">
            {packets.map((p) => (
              <li key={p.id}>
                <a href={packetHrefs.packet(p.id)}>{p.title}</a> (revision {p.revision},{' '}
                {STATUS_LABELS[p.status].toLowerCase()})
              </li>
            ))}
          </ul>
        </>
      ) : packets ? (
        <p className="small muted">No packet carries this report yet.</p>
      ) : null}
    </section>
  )
}

/** The report's review as it stands: items, states and status, kept live from the log. */
export function useReportReview(db: WorkspaceDb, report: SweepReport, reportSha256: string) {
  const log = useLiveQuery(() => loadReviewLog(db, reportSha256), [db, reportSha256])
  return useMemo(() => (log ? reviewReport(report, log, localDate()) : undefined), [report, log])
}

/** One line for the top of the report: the review status in words, with a link to the review. */
export function A11yReviewStatusLine({
  db,
  report,
  reportSha256,
}: {
  db: WorkspaceDb
  report: SweepReport
  reportSha256: string
}) {
  const reviewed = useReportReview(db, report, reportSha256)
  if (!reviewed) return null
  return (
    <p className="a11y-review-status" data-testid="a11y-review-summary">
      <strong>Review status:</strong> <A11yStatusTag status={reviewed.review.status} />{' '}
      {reviewed.review.summary}{' '}
      <a
        href="#a11y-review-title"
        onClick={(e) => {
          e.preventDefault()
          const h = document.getElementById('a11y-review-title')
          h?.scrollIntoView({ block: 'start' })
          h?.focus()
        }}
      >
        Go to the review
      </a>
    </p>
  )
}

export function A11yReviewPanel({
  db,
  report,
  reportSha256,
  reportTitle,
  onListed,
}: {
  db: WorkspaceDb
  report: SweepReport
  reportSha256: string
  reportTitle: string
  onListed?: (record: EvidenceRecord) => void
}) {
  const actor = useActor()
  const reviewed = useReportReview(db, report, reportSha256)
  const keyEntry = useLiveQuery(
    async () => (actor.keyid ? ((await db.keyring.get(actor.keyid)) ?? null) : null),
    [db, actor.keyid],
  )
  if (!reviewed || keyEntry === undefined) return <p className="muted">Loading the review…</p>
  const { items, states, review } = reviewed
  const target = { db, reportSha256, reportTitle }
  const canAct = !!actor.keyid
  const roles = canAct ? (keyEntry?.roles ?? []) : undefined
  const pages = [...new Set(items.map((i) => i.page))]

  return (
    <section className="a11y-review" aria-labelledby="a11y-review-title">
      <h3 id="a11y-review-title" tabIndex={-1}>
        Review: decisions and waivers
      </h3>
      <p className="a11y-review-status" data-testid="a11y-review-status">
        <A11yStatusTag status={review.status} /> {review.summary}
      </p>
      {canAct ? (
        <p className="small">
          You decide as <strong>{actor.name}</strong>{' '}
          <span className="mono">({actor.keyid!.slice(0, 16)})</span>
          {roles && roles.length > 0
            ? `, holding ${roles.map(roleLabel).join(', ')}.`
            : ', holding no role in this workspace’s keyring.'}
        </p>
      ) : (
        <p className="notice notice-info">
          <Icon name="key" /> Decisions and waivers need a named reviewer. Create or choose the
          identity you act as on the <a href={hrefs.identities}>Keys</a> screen, then come back.
        </p>
      )}
      {pages.map((p) => {
        const ofPage = items.filter((i) => i.page === p)
        const toDecide = ofPage.filter((i) => i.kind !== 'violation')
        const violations = ofPage.filter((i) => i.kind === 'violation')
        const label = ofPage[0]!.pageLabel
        return (
          <section
            key={p}
            className="a11y-review-page"
            aria-label={`Review of ${label}`}
            data-page={label}
          >
            <h4>
              Review of <span className="break">{label}</span>
            </h4>
            <h5>To decide ({toDecide.length})</h5>
            <ol className="a11y-review-list">
              {toDecide.map((item) => (
                <li key={item.id} className="a11y-review-item" data-item-id={item.id}>
                  <p>
                    <strong>{item.title}</strong>{' '}
                    {item.kind === 'incomplete' ? (
                      <>
                        <span className="muted">(axe could not decide, {item.ruleId})</span>
                        <br />
                        Element: <code className="break">{item.target}</code>
                      </>
                    ) : (
                      <span className="muted">(manual check)</span>
                    )}
                  </p>
                  {item.guide ? <p className="small">How to check: {item.guide}</p> : null}
                  <StateLine state={states.get(item.id)!} />
                  {canAct ? (
                    <DecisionArea
                      target={target}
                      item={item}
                      actor={actor}
                      undecided={states.get(item.id)!.state === 'undecided'}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
            {violations.length > 0 ? (
              <>
                <h5>Violations ({violations.length})</h5>
                <ol className="a11y-review-list">
                  {violations.map((item) => (
                    <ViolationRow
                      key={item.id}
                      target={target}
                      item={item}
                      state={states.get(item.id)!}
                      actor={actor}
                      roles={roles}
                    />
                  ))}
                </ol>
              </>
            ) : null}
          </section>
        )
      })}
      <SaveReview db={db} report={report} reportSha256={reportSha256} onListed={onListed} />
    </section>
  )
}
