// A review record (evw-a11y-review/1) read as evidence: the report it reviews, the status as
// computed on its day, and per page each item with its state and its trail of decisions and
// waivers (who, key id, when, note or rationale, approver role, expiry). The file may come from
// anyone: every value is shown as text.
import { A11Y_STATUS_LABELS, MANUAL_CHECKS } from '../../core/a11y/review-model'
import type {
  A11yReviewDocument,
  ReviewDocumentItem,
  ReviewHistoryEntry,
  ReviewItemState,
} from '../../core/a11y/review-record-file'
import { roleLabel } from '../identity/known-roles'
import { A11yStatusTag } from './A11yReviewPanel'

const STATE_LOOK: Record<ReviewItemState, { cls: string; text: string }> = {
  undecided: { cls: 'tag-wait', text: 'Not decided' },
  pass: { cls: 'tag-ok', text: 'Passed' },
  fail: { cls: 'tag-bad', text: 'Failed' },
  waived: { cls: 'tag-ok', text: 'Waived' },
  'waiver-expired': { cls: 'tag-bad', text: 'Waiver expired' },
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')

function Entry({ e }: { e: ReviewHistoryEntry }) {
  const who = (
    <>
      {e.reviewer.name} <span className="mono">({e.reviewer.keyid.slice(0, 16)})</span> on{' '}
      {when(e.at)}
    </>
  )
  if (e.kind === 'decision')
    return (
      <li>
        {e.outcome === 'pass' ? 'Passed' : 'Failed'} by {who}
        {e.note ? <>: “{e.note}”</> : '.'}
      </li>
    )
  return (
    <li>
      Waived until {e.expires} by {who} as {roleLabel(e.approverRole)}: “{e.rationale}”
    </li>
  )
}

function Item({ item }: { item: ReviewDocumentItem }) {
  const look = STATE_LOOK[item.state]
  const check = MANUAL_CHECKS.find((c) => c.id === item.check)
  return (
    <li className="a11y-review-item" data-item-id={item.id}>
      <p>
        <strong>{item.title}</strong>{' '}
        {item.kind === 'incomplete' ? (
          <span className="muted">(axe could not decide, {item.ruleId})</span>
        ) : item.kind === 'manual' ? (
          <span className="muted">(manual check{check ? `, WCAG ${check.criteria}` : ''})</span>
        ) : (
          <>
            <code>({item.ruleId})</code>
            {item.elements !== undefined
              ? `, ${item.elements === 1 ? '1 element' : `${item.elements} elements`}`
              : ''}
          </>
        )}
      </p>
      {item.target ? (
        <p>
          Element: <code className="break">{item.target}</code>
        </p>
      ) : null}
      <p className="a11y-state">
        <span className={`tag ${look.cls}`}>{look.text}</span>
      </p>
      {item.history.length > 0 ? (
        <ol className="a11y-trail" aria-label={`Decisions on ${item.title}, oldest first`}>
          {item.history.map((e, i) => (
            <Entry key={i} e={e} />
          ))}
        </ol>
      ) : (
        <p className="small muted">No decision or waiver recorded.</p>
      )}
    </li>
  )
}

export function A11yReviewRecordView({ doc }: { doc: A11yReviewDocument }) {
  const pages = [...new Set(doc.items.map((i) => i.page))]
  return (
    <div className="a11y-report a11y-review-record">
      <p className="verdict-line" role="status">
        <A11yStatusTag status={doc.status} /> Accessibility review, computed on {doc.computedOn}:{' '}
        {doc.summary}
      </p>
      <p className="small">
        Review of the sweep report with SHA-256 <code className="break">{doc.report.sha256}</code>
        {doc.report.failedPages
          ? `; ${doc.report.failedPages} of its pages could not be swept`
          : ''}
        . {A11Y_STATUS_LABELS[doc.status]} as of {doc.computedOn}: a waiver in force then may have
        expired since; the pre-sync check judges it again on the day it runs.
      </p>
      {pages.map((p) => {
        const ofPage = doc.items.filter((i) => i.page === p)
        const label = ofPage[0]!.pageLabel
        return (
          <section
            key={p}
            className="a11y-page"
            aria-labelledby={`a11y-record-page-${p}`}
            data-page={label}
          >
            <h4 id={`a11y-record-page-${p}`}>
              <span className="break">{label}</span>
            </h4>
            <ol className="a11y-review-list">
              {ofPage.map((item) => (
                <Item key={item.id} item={item} />
              ))}
            </ol>
          </section>
        )
      })}
    </div>
  )
}
