// evw a11y: sweeps HTML pages (a file, a folder, a zip) with axe-core in headless Chromium, each
// page isolated (docs/a11y-sweep.md), and prints the violations by WCAG criterion.
import { existsSync } from 'node:fs'
import { pageLabel, type SweepReport } from '../../core/a11y/sweep-report'
import {
  groupByCriterion,
  howToFix,
  levelOfRule,
  targetLabel,
  whyItFails,
} from '../../core/a11y/wcag'
import { writeBytesAtomic } from '../../node/bundle/file-source'
import { ChromiumError, sweep } from '../../node/a11y/sweep'
import { SweepInputError } from '../../node/a11y/sweep-inputs'
import { parse } from '../args'
import { UsageError } from '../cli-error'
import { stderrProgress } from '../progress'

const USAGE =
  'evw a11y PATH… [--json] [--out REPORT.json] [--force] [--chromium PATH] [--no-crops] [--progress]'

declare const __EVW_VERSION__: string | undefined

/** Exit 0 no violation on any page, 1 violations (or a page that could not be swept), 2 usage. */
export async function a11y(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      json: { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      chromium: { type: 'string' },
      'no-crops': { type: 'boolean' },
      progress: { type: 'boolean' },
    },
    USAGE,
  )
  if (positionals.length === 0) throw new UsageError(`missing PATH\nusage: ${USAGE}`)
  if (values.out && existsSync(values.out) && !values.force)
    throw new UsageError(`${values.out} already exists; pass --force to replace it.`)
  if (values.chromium && !existsSync(values.chromium))
    throw new UsageError(`${values.chromium} does not exist; pass the path of a Chromium binary.`)
  const progress = stderrProgress(values.progress)
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  let report: SweepReport
  try {
    report = await sweep({
      paths: positionals,
      ...(values.chromium ? { chromium: values.chromium } : {}),
      crops: !values['no-crops'],
      signal: controller.signal,
      toolVersion: typeof __EVW_VERSION__ === 'string' ? __EVW_VERSION__ : '0.0.0',
      ...(progress.listener ? { onProgress: progress.listener } : {}),
    })
  } catch (e) {
    if (e instanceof SweepInputError || e instanceof ChromiumError) throw new UsageError(e.message)
    throw e
  } finally {
    progress.end()
    process.removeListener('SIGINT', onSigint)
  }
  if (values.out) {
    await writeBytesAtomic(values.out, new TextEncoder().encode(JSON.stringify(report, null, 2)))
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else process.stdout.write(formatSweep(report))
  if (values.out) process.stderr.write(`Wrote ${values.out}.\n`)
  const s = report.summary
  return s.violations === 0 && s.failedPages === 0 ? 0 : 1
}

export function formatSweep(report: SweepReport): string {
  const lines: string[] = []
  const s = report.summary
  lines.push(
    `axe-core ${report.axe.version} (${report.axe.tags.join(', ')}), Chromium ${report.browser.version}, viewport ${report.viewport.width}×${report.viewport.height}`,
  )
  for (const page of report.pages) {
    const label = pageLabel(report, page)
    const v = page.axe?.violations ?? []
    const head =
      page.status === 'failed'
        ? `NOT SWEPT  ${label}: ${page.error}`
        : v.length === 0
          ? `PASS  ${label}`
          : `FAIL  ${label}: ${v.length} rule${v.length === 1 ? '' : 's'} violated`
    lines.push('', head, `  sha256 ${page.sha256}`)
    for (const g of groupByCriterion(v)) {
      lines.push(`  ${g.criterion.label}`)
      for (const rule of g.rules) {
        const level = levelOfRule(rule)
        lines.push(
          `    [${rule.impact ?? 'unknown'}${level ? `, level ${level}` : ''}] ${rule.id}: ${rule.help}`,
        )
        for (const node of rule.nodes) {
          lines.push(`      ${targetLabel(node)}`, `        why: ${whyItFails(node)}`)
        }
        lines.push(`      fix: ${howToFix(rule)}`)
      }
    }
    const incomplete = page.axe?.incomplete ?? []
    if (incomplete.length > 0)
      lines.push(
        `  needs review (axe could not decide): ${incomplete.map((r) => `${r.id} (${r.nodes.length})`).join(', ')}`,
      )
    for (const b of page.blocked) lines.push(`  blocked ${b.resourceType} ${b.url}: ${b.reason}`)
    if (page.popupsClosed > 0) lines.push(`  popups closed: ${page.popupsClosed}`)
  }
  lines.push(
    '',
    `${s.pages} page${s.pages === 1 ? '' : 's'}: ${s.violations} violation${s.violations === 1 ? '' : 's'} on ${s.violationNodes} element${s.violationNodes === 1 ? '' : 's'}, ${s.incomplete} to review, ${s.blockedRequests} request${s.blockedRequests === 1 ? '' : 's'} blocked${s.failedPages ? `, ${s.failedPages} not swept` : ''}.`,
  )
  return `${lines.join('\n')}\n`
}
