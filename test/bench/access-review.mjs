// Access-review benchmark: a campaign of 50,000 grants (25,000 CSV rows of two entitlements)
// imported through the column mapping, risk flags and reviewer rules, then the item list's
// filter and the gap report, against baselines in the same run on the same data: Papa Parse
// alone on the text, and a plain Array.filter over the items.
//
//   node test/bench/access-review.mjs [--rows N] [--runs N] [--no-write]
//
// Writes its figures into docs/performance.md between <!-- bench:access-review:start --> and
// <!-- bench:access-review:end --> unless --no-write or --rows differs from the default.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { build } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const ENTRY_OUT = join(ROOT, 'out/bench/access-review-entry.mjs')
const DOC = join(ROOT, 'docs/performance.md')
const START = '<!-- bench:access-review:start -->'
const END = '<!-- bench:access-review:end -->'

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '25000' },
    runs: { type: 'string', default: '7' },
    'no-write': { type: 'boolean', default: false },
  },
})
const ROWS = Number(opts.rows)
const RUNS = Number(opts.runs)
const WRITE = !opts['no-write'] && ROWS === 25_000

await build({
  entryPoints: [join(ROOT, 'test/bench/access-review-entry.ts')],
  outfile: ENTRY_OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
})
const b = await import(pathToFileURL(ENTRY_OUT).href)

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
function time(fn) {
  const ms = []
  let result
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.()
    const t = performance.now()
    result = fn()
    ms.push(performance.now() - t)
  }
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), result }
}
const fmt = (t) => `${t.median.toFixed(1)} ms (${t.min.toFixed(1)}–${t.max.toFixed(1)})`

const text = b.syntheticCsv(ROWS)
const imp = time(() => b.importCampaign(text))
const items = imp.result
const papa = time(() => b.papaBaseline(text))
const decisions = b.decideHalf(items)
const filter = time(() => b.filterCampaign(items, decisions))
const baseline = time(() => b.filterBaseline(items))
const gaps = time(() => b.gaps(items, decisions))

const rows = [
  ['import (parse, map, check, flag, assign)', fmt(imp), `Papa.parse alone ${fmt(papa)}`, '< 2 s'],
  [
    `filter: privileged, undecided, "admin" (${filter.result.length} hits)`,
    fmt(filter),
    `plain Array.filter ${fmt(baseline)}`,
    '< 100 ms',
  ],
  ['gap report (half decided)', fmt(gaps), '—', '< 1 s (on demand)'],
]
const table = [
  '| measure | result (median, min–max) | baseline in the same run | target |',
  '| --- | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n')
console.log(
  `${items.length} grants from ${ROWS} rows (${(text.length / 1024 / 1024).toFixed(1)} MiB), ${RUNS} runs\n`,
)
console.log(table)

if (WRITE) {
  const section = `${START}
## Access reviews: 50,000 grants

Run with \`node --expose-gc test/bench/access-review.mjs\` (also part of \`npm run bench\`). A
synthetic who-has-what CSV of ${ROWS.toLocaleString('en')} rows (${items.length.toLocaleString('en')} grants,
${(text.length / 1024 / 1024).toFixed(1)} MiB) goes through the same core functions as the
workbench (src/core/access-review); baselines run in the same process on the same data.
Figures from the run of ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.versions.node}):

${table}
${END}`
  const doc = readFileSync(DOC, 'utf8')
  const next = doc.includes(START)
    ? doc.slice(0, doc.indexOf(START)) + section + doc.slice(doc.indexOf(END) + END.length)
    : doc.trimEnd() + '\n\n' + section + '\n'
  writeFileSync(DOC, next)
  console.log(`\nwrote ${DOC}`)
}
