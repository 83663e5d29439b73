// What was checked: the verifier's eight checks in order, each passed, failed (with how many
// problems) or not reached, as a word and an icon shape, never colour alone.
import type { VerificationReport } from '../../core/bundle/report'
import { checkOverview, type CheckState } from '../verify/report-view'
import { Icon } from './Icon'

const WORD: Record<CheckState, string> = {
  passed: 'Passed',
  failed: 'Failed',
  'not-checked': 'Not checked',
}

const ICON = { passed: 'check', failed: 'cross', 'not-checked': 'info' } as const

export function CheckSummary({ report }: { report: VerificationReport }) {
  return (
    <section className="panel" aria-labelledby="checked-title">
      <h2 id="checked-title">What was checked</h2>
      <ul className="check-summary">
        {checkOverview(report).map((c) => (
          <li key={c.check} className={`check-row check-${c.state}`} data-check={c.check}>
            <span
              className={`tag check-tag tag-${c.state === 'passed' ? 'ok' : c.state === 'failed' ? 'bad' : 'none'}`}
            >
              <Icon name={ICON[c.state]} />
              {WORD[c.state]}
            </span>
            <span className="check-label">{c.label}</span>
            <span className="check-note muted">{c.note}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
