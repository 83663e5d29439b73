// A sweep report (from `evw a11y --out`) read as evidence: each page's violations grouped by
// WCAG criterion and impact, each failing element with its outlined screenshot crop, why it
// fails (axe's measured figures) and how to fix it; then what axe could not decide, the
// requests the isolation blocked, and the run's provenance (engine, browser, viewport, CSP,
// input hashes). Everything in the report is untrusted text and is shown as text.
import {
  pageLabel,
  type AxeRule,
  type SweepReport,
  type SweptPage,
} from '../../core/a11y/sweep-report'
import {
  groupByCriterion,
  howToFix,
  levelOfRule,
  targetLabel,
  whyItFails,
} from '../../core/a11y/wcag'
import type { EvidenceRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'
import { A11yReviewPanel, A11yReviewStatusLine } from './A11yReviewPanel'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function Crop({
  page,
  rule,
  node,
  list,
}: {
  page: SweptPage
  rule: AxeRule
  node: number
  list: 'violations' | 'incomplete'
}) {
  const crop = page.crops.find((c) => c.ruleId === rule.id && c.node === node && c.list === list)
  if (!crop) return <p className="muted small">No screenshot of this element.</p>
  return (
    <img
      className="a11y-crop"
      src={`data:image/png;base64,${crop.pngBase64}`}
      width={crop.width}
      height={crop.height}
      alt={`Screenshot of the element ${targetLabel(rule.nodes[node]!)}, outlined in red`}
    />
  )
}

function RuleNodes({
  page,
  rule,
  list,
}: {
  page: SweptPage
  rule: AxeRule
  list: 'violations' | 'incomplete'
}) {
  return (
    <ol className="a11y-nodes">
      {rule.nodes.map((n, i) => (
        <li key={i} className="a11y-node">
          <p>
            Element: <code className="break">{targetLabel(n)}</code>
          </p>
          <Crop page={page} rule={rule} node={i} list={list} />
          <p>
            <strong>Why: </strong>
            {whyItFails(n)}
          </p>
          <details>
            <summary>HTML of the element</summary>
            <pre className="evidence-text a11y-html">{n.html}</pre>
          </details>
        </li>
      ))}
    </ol>
  )
}

function PageReport({
  report,
  page,
  index,
}: {
  report: SweepReport
  page: SweptPage
  index: number
}) {
  const label = pageLabel(report, page)
  const violations = page.axe?.violations ?? []
  const incomplete = page.axe?.incomplete ?? []
  const headingId = `a11y-page-${index}`
  const verdict =
    page.status === 'failed'
      ? { cls: 'tag-bad', text: 'Not swept' }
      : violations.length === 0
        ? { cls: 'tag-ok', text: 'No violations' }
        : { cls: 'tag-bad', text: plural(violations.length, 'rule') + ' violated' }
  return (
    <section className="a11y-page" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className="break">{label}</span>{' '}
        <span className={`tag ${verdict.cls}`}>{verdict.text}</span>
      </h4>
      <p className="small">
        SHA-256 <code className="break">{page.sha256}</code>
        {page.title ? <> · title “{page.title}”</> : null}
      </p>
      {page.status === 'failed' ? <p className="field-error">Not swept: {page.error}</p> : null}
      {groupByCriterion(violations).map((g) => (
        <section
          key={g.criterion.id}
          className="a11y-criterion"
          aria-label={`${label}: ${g.criterion.label}`}
        >
          <h5>{g.criterion.label}</h5>
          {g.rules.map((rule) => {
            const level = levelOfRule(rule)
            return (
              <div key={rule.id} className="a11y-rule">
                <p>
                  <span className="tag tag-bad">Impact: {rule.impact ?? 'unknown'}</span>{' '}
                  {level ? <span className="tag">Level {level}</span> : null}{' '}
                  <strong>{rule.help}</strong> <code>({rule.id})</code>
                </p>
                <p>
                  <strong>How to fix: </strong>
                  {howToFix(rule)}
                </p>
                <RuleNodes page={page} rule={rule} list="violations" />
              </div>
            )
          })}
        </section>
      ))}
      {incomplete.length > 0 ? (
        <details className="a11y-incomplete">
          <summary>
            Needs a person’s review: {plural(incomplete.length, 'rule')} axe could not decide
          </summary>
          {incomplete.map((rule) => (
            <div key={rule.id} className="a11y-rule">
              <p>
                <strong>{rule.help}</strong> <code>({rule.id})</code>
              </p>
              <RuleNodes page={page} rule={rule} list="incomplete" />
            </div>
          ))}
        </details>
      ) : null}
      {page.blocked.length > 0 ? (
        <details>
          <summary>{plural(page.blocked.length, 'request')} blocked by the isolation</summary>
          <ul className="a11y-blocked">
            {page.blocked.map((b, i) => (
              <li key={i}>
                {b.resourceType} <code className="break">{b.url}</code>: {b.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}

/** Where the report is kept, so its review (decisions and waivers) can be shown and recorded. */
export interface A11yReportSource {
  db: WorkspaceDb
  sha256: string
  title: string
  /** Called with the review record when the review is added to the evidence library. */
  onListed?: (record: EvidenceRecord) => void
}

export function A11yReportView({
  report,
  source,
}: {
  report: SweepReport
  source?: A11yReportSource
}) {
  const s = report.summary
  const ok = s.violations === 0 && s.failedPages === 0
  return (
    <div className="a11y-report">
      <p className={`verdict-line ${ok ? 'ok' : 'bad'}`} role="status">
        <span className={`tag ${ok ? 'tag-ok' : 'tag-bad'}`}>{ok ? 'Pass' : 'Fail'}</span>{' '}
        Accessibility sweep of {plural(s.pages, 'page')}: {plural(s.violations, 'violation')} on{' '}
        {plural(s.violationNodes, 'element')}, {plural(s.incomplete, 'rule')} needing review
        {s.failedPages ? `, ${plural(s.failedPages, 'page')} not swept` : ''}.
      </p>
      {source ? (
        <A11yReviewStatusLine db={source.db} report={report} reportSha256={source.sha256} />
      ) : null}
      <details className="a11y-provenance">
        <summary>How it was swept: engine, browser, viewport, inputs and policy</summary>
        <dl className="facts">
          <dt>Engine</dt>
          <dd>
            axe-core {report.axe.version} ({report.axe.tags.join(', ')})
          </dd>
          <dt>Browser</dt>
          <dd>
            {report.browser.name} {report.browser.version}
          </dd>
          <dt>Viewport</dt>
          <dd>
            {report.viewport.width} × {report.viewport.height} CSS pixels
          </dd>
          <dt>Swept</dt>
          <dd>
            {report.startedAt} to {report.finishedAt} by {report.tool.name} {report.tool.version}
          </dd>
          <dt>Inputs</dt>
          <dd>
            <ul className="plain-list">
              {report.inputs.map((i, n) => (
                <li key={n}>
                  {i.kind} <span className="break">{i.path}</span>
                  {i.sha256 ? (
                    <>
                      {' '}
                      SHA-256 <code className="break">{i.sha256}</code>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Content-Security-Policy</dt>
          <dd>
            <code className="break">{report.isolation.csp}</code>
          </dd>
        </dl>
      </details>
      {report.pages.map((p, i) => (
        <PageReport key={i} report={report} page={p} index={i} />
      ))}
      {source ? (
        <A11yReviewPanel
          db={source.db}
          report={report}
          reportSha256={source.sha256}
          reportTitle={source.title}
          onListed={source.onListed}
        />
      ) : null}
    </div>
  )
}
