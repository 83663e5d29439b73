// Every failed check: its stable code, the file or signer it concerns, a plain sentence and
// what to do about it.
import type { ReportItem } from '../../core/bundle/report'
import { CHECK_LABELS, subjectKind } from '../verify/report-view'
import { Icon } from './Icon'

export function ProblemList({ problems }: { problems: ReportItem[] }) {
  return (
    <section className="panel problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <span className="count">({problems.length})</span>
      </h2>
      <ol className="problem-list">
        {problems.map((p, i) => {
          const kind = subjectKind(p)
          return (
            <li key={i} className="problem">
              <div className="problem-head">
                <Icon name="cross" className="problem-icon" />
                <code className="code-badge">{p.code}</code>
                <span className="muted">{CHECK_LABELS[p.check]}</span>
              </div>
              {p.subject !== undefined && kind ? (
                <p className="problem-subject">
                  {kind}: <span className="mono">{p.subject}</span>
                </p>
              ) : null}
              <p className="problem-message">{p.message}</p>
              {p.advice ? (
                <p className="problem-advice">
                  <strong>What to do:</strong> {p.advice}
                </p>
              ) : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
