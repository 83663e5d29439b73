// Every failed check: its stable code, the file, key or role it concerns, what happened (the
// verifier's sentence, naming the file and digests), what it means and what to do. The last two
// are the code's entry in FAILURE_GUIDE, the one source of that text (docs repeat it).
import { FAILURE_GUIDE, type ReportItem } from '../../core/bundle/report'
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
          const guide = p.code ? FAILURE_GUIDE[p.code] : undefined
          const advice = p.advice ?? guide?.action
          return (
            <li key={i} className="problem">
              <div className="problem-head">
                <Icon name="cross" className="problem-icon" />
                <code className="code-badge">{p.code}</code>
                <span className="muted">{CHECK_LABELS[p.check]}</span>
              </div>
              {p.subject !== undefined && kind ? (
                <p className="problem-subject">
                  {kind}: <span className="mono break">{p.subject}</span>
                </p>
              ) : null}
              <p className="problem-message">{p.message}</p>
              {guide ? (
                <p className="problem-meaning">
                  <strong>What it means:</strong> {guide.meaning}
                </p>
              ) : null}
              {advice ? (
                <p className="problem-advice">
                  <strong>What to do:</strong> {advice}
                </p>
              ) : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
