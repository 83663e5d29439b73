// What a sweep run by the app must agree on with `evw a11y` on the same pages, each as a sorted
// list of lines, and the built CLI's own report to compare with.
import path from 'node:path'
import { expect } from 'vitest'
import type { SweepReport } from '../../src/core/a11y/sweep-report'
import { ROOT, scratch } from './cli'

/** A path inside the sweep fixtures, test/fixtures/a11y/. */
export const a11yFixture = (p: string): string => path.join(ROOT, 'test/fixtures/a11y', p)

/** Each violation as page + rule + element. */
export const sweepViolations = (r: SweepReport): string[] =>
  r.pages
    .flatMap((p) =>
      (p.axe?.violations ?? []).flatMap((v) =>
        v.nodes.map((n) => `${p.path} ${v.id} ${JSON.stringify(n.target)}`),
      ),
    )
    .sort()

/**
 * The blocked requests, except a denied navigation: the fixture's meta refresh fires after one
 * second, so whether it is listed depends on how long that sweep took, not on the runner. The
 * source location Chromium gives for a CSP refusal ("at index.html:29") is left out too: the
 * same engine reports it for one run and not the next.
 */
export const sweepBlocked = (r: SweepReport): string[] =>
  r.pages
    .flatMap((p) =>
      p.blocked
        .filter((b) => b.reason !== 'navigation denied')
        .map((b) => `${p.path} ${b.resourceType} ${b.url} ${b.reason.replace(/ at \S+$/, '')}`),
    )
    .sort()

/**
 * `evw a11y <dir> --json` run by the built CLI in a scratch folder (exit 0 or 1: swept, with or
 * without violations). The caller removes the scratch folders (removeScratchDirs).
 */
export function cliSweep(dir: string): SweepReport {
  const r = scratch().evw(['a11y', dir, '--json'])
  expect([0, 1], r.stderr).toContain(r.status)
  return JSON.parse(r.stdout) as SweepReport
}
