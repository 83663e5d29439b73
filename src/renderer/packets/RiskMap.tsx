// The risk map: a table of severity (rows, 4 at the top) by likelihood (columns), with each
// risk shown where it stands before its measures ("R1 before", dashed) and after them
// ("R1 after", solid). Positions are words, not colours: the zone shading is only a hint. A
// list under the table reads each risk's move in full.
import { riskMapCells, type RiskDraft } from '../../core/packets/field-values'
import { riskLevels, type RiskCategory } from '../../core/templates/template-model'

const levelLabel = (n: number | undefined) =>
  n ? `${n} ${riskLevels.find((l) => l.value === n)?.label ?? ''}` : 'not rated'

function zone(severity: number, likelihood: number): 'low' | 'medium' | 'high' {
  const sum = severity + likelihood
  return sum >= 7 || (severity >= 3 && likelihood >= 3) ? 'high' : sum >= 5 ? 'medium' : 'low'
}

export function RiskMap({
  risks,
  categories,
}: {
  risks: readonly RiskDraft[]
  categories: readonly RiskCategory[]
}) {
  const cells = riskMapCells(risks)
  const cat = (id: string) => categories.find((c) => c.id === id)?.label ?? id
  return (
    <section className="risk-map" aria-labelledby="risk-map-title">
      <h3 id="risk-map-title">Risk map</h3>
      <p className="field-help">
        Each risk appears where it stands before its measures (dashed, “before”) and after them
        (solid, “after”). Rows are severity, columns likelihood.
      </p>
      <div className="table-scroll">
        <table className="risk-map-table">
          <caption className="visually-hidden">
            Risk map: severity by likelihood, before and after the measures
          </caption>
          <thead>
            <tr>
              <th scope="col">Severity \ likelihood</th>
              {riskLevels.map((l) => (
                <th key={l.value} scope="col">
                  {l.value} {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cells.map((row) => (
              <tr key={row[0]!.severity}>
                <th scope="row">{levelLabel(row[0]!.severity)}</th>
                {row.map((c) => (
                  <td key={c.likelihood} className={`zone-${zone(c.severity, c.likelihood)}`}>
                    <ul className="risk-map-marks">
                      {c.before.map((m) => (
                        <li key={`b${m.index}`} className="mark mark-before">
                          {m.label} before
                        </li>
                      ))}
                      {c.after.map((m) => (
                        <li key={`a${m.index}`} className="mark mark-after">
                          {m.label} after
                        </li>
                      ))}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {risks.length > 0 ? (
        <ul className="risk-moves">
          {risks.map((r, i) => (
            <li key={i}>
              <strong>R{i + 1}</strong> {r.title || '(untitled)'} ({cat(r.category)}): severity{' '}
              {levelLabel(r.before.severity)} → {levelLabel(r.after.severity)}, likelihood{' '}
              {levelLabel(r.before.likelihood)} → {levelLabel(r.after.likelihood)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No risks on the map yet.</p>
      )}
    </section>
  )
}
