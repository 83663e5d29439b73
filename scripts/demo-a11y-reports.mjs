// Regenerates the demo workspace's accessibility sweep reports
// (resources/demo/*-accessibility.json) from the partner pages in resources/demo/a11y, with the
// built CLI: `npm run build:cli` first, then `node scripts/demo-a11y-reports.mjs`. Each page folder is swept on its own, so each partner
// source has its own report. A report with violations makes `evw a11y` exit 1: that is expected
// for the pages that carry a problem on purpose (EXPECT below); any other outcome stops here,
// and so does a report whose findings the demo's review entries do not fit. Then run
// `npx vitest run test/unit/core/workspace/demo-a11y.test.ts`.
// The reports' bytes change with every run (times, browser version): the demo hashes them when
// it is seeded, and its review entries name items by page, rule and element, not by position.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'

const root = fileURLToPath(new URL('..', import.meta.url))
const DIR = 'resources/demo/a11y'
/** Page folder → the exit code `evw a11y` must give (0 no violation, 1 violations). */
const EXPECT = { 'fabrikam-traffic': 0, 'litware-reviews': 1 }

if (!existsSync(`${root}out/cli/evw.mjs`)) {
  console.error('The CLI is not built: run "npm run build:cli" first.')
  process.exit(2)
}
for (const [folder, expected] of Object.entries(EXPECT)) {
  const out = `resources/demo/${folder}-accessibility.json`
  // Relative paths, so the report names the pages the same way on every machine.
  const run = spawnSync(
    process.execPath,
    ['bin/evw.js', 'a11y', `${DIR}/${folder}`, '--out', out, '--force', ...process.argv.slice(2)],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (run.status !== expected) {
    console.error(`evw a11y ${folder}: exit ${run.status}, expected ${expected}.`)
    process.exit(1)
  }
  // The demo's review entries decide every manual check and waive exactly this violation: a
  // report with results axe could not decide, or other violations, needs its review redone
  // (src/core/workspace/demo-a11y.ts) rather than seeding a demo that no longer fits it.
  const written = readFileSync(`${root}${out}`, 'utf8')
  const report = JSON.parse(written)
  const found = report.pages.flatMap((p) => [
    ...(p.axe?.incomplete ?? []).map((r) => `needs review: ${r.id}`),
    ...(p.axe?.violations ?? []).map((r) => `violation: ${r.id}`),
  ])
  const wanted = expected === 1 ? ['violation: color-contrast'] : []
  if (JSON.stringify(found) !== JSON.stringify(wanted)) {
    console.error(`${out}: found [${found.join(', ')}], the demo's review expects [${wanted}].`)
    process.exit(1)
  }
  // Formatted as the repository's other files are (`npm run lint` checks them): whitespace only.
  const options = { ...(await resolveConfig(`${root}${out}`)), filepath: `${root}${out}` }
  writeFileSync(`${root}${out}`, await format(written, options))
  console.log(`${out}: ${Math.round(statSync(`${root}${out}`).size / 1024)} KiB`)
}
