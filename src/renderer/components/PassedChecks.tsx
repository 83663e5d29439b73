// Checks that passed, grouped by kind, folded away by default: the verdict and the problems
// come first, the evidence for a clean verdict is one click away.
import type { VerificationReport } from '../../core/bundle/report'
import { groupPasses, passesOf } from '../verify/report-view'
import { Icon } from './Icon'

/** Above this many passed file checks, the rest are summarised as a count. */
const FILE_LIST_LIMIT = 50

export function PassedChecks({ report }: { report: VerificationReport }) {
  const total = passesOf(report).length
  if (total === 0) return null
  return (
    <section className="panel" aria-labelledby="passed-title">
      <h2 id="passed-title">Passed checks</h2>
      <details className="passed">
        <summary>
          Show {total} passed {total === 1 ? 'check' : 'checks'}
        </summary>
        {groupPasses(report).map((g) => (
          <div key={g.check} className="pass-group">
            <h3>
              {g.label} <span className="count">({g.items.length})</span>
            </h3>
            <ul className="pass-list">
              {g.items.slice(0, FILE_LIST_LIMIT).map((item, i) => (
                <li key={i}>
                  <Icon name="check" className="pass-icon" />
                  <span>{item.message}</span>
                </li>
              ))}
              {g.items.length > FILE_LIST_LIMIT ? (
                <li>
                  <Icon name="check" className="pass-icon" />
                  <span>…and {g.items.length - FILE_LIST_LIMIT} more, all passed.</span>
                </li>
              ) : null}
            </ul>
          </div>
        ))}
      </details>
    </section>
  )
}
