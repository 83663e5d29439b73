// `node test/bench/deck-pdf.mjs [--runs N] [--no-write]`: times the demo deck PDF (40
// screenshot slides, 40 PNG screenshots of 1440 × 900) against plain pdf-lib putting the same
// images on 40 pages, in the same run, each in a fresh Node process so peak RSS is its own;
// prints the table and refreshes the deck section of docs/performance.md.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const ENTRY_OUT = join(ROOT, 'out/bench/deck-bench-entry.mjs')
const DOC = join(ROOT, 'docs/performance.md')
const START = '<!-- bench:deck:start -->'
const END = '<!-- bench:deck:end -->'

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'no-write': { type: 'boolean', default: false },
  },
})
const runs = Number(opts.runs)

await build({
  entryPoints: [join(ROOT, 'test/bench/deck-bench-entry.ts')],
  outfile: ENTRY_OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __evwCreateRequire } from 'node:module'; const require = __evwCreateRequire(import.meta.url);",
  },
})

function measure(mode) {
  const script = `import(${JSON.stringify(pathToFileURL(ENTRY_OUT).href)}).then(async (m) => process.stdout.write(JSON.stringify(await m.run(${JSON.stringify(mode)}))))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1024 ** 2,
  })
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const results = { render: [], baseline: [] }
for (let i = 0; i < runs; i++) {
  for (const mode of ['baseline', 'render']) {
    const r = measure(mode)
    results[mode].push(r)
    process.stdout.write(
      `${mode} run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, ${r.pages} pages, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB\n`,
    )
  }
}
const sum = (mode) => {
  const rs = results[mode]
  return {
    s: median(rs.map((r) => r.ms)) / 1000,
    pages: rs[0].pages,
    mb: rs[0].bytes / 1e6,
    rss: median(rs.map((r) => r.maxRssKiB)) / 1024,
    images: rs[0].imageBytes / 1e6,
  }
}
const d = sum('render')
const b = sum('baseline')
const date = new Date().toISOString().slice(0, 10)
const table = [
  '| measure | deck renderer | baseline: plain pdf-lib, same images |',
  '| --- | ---: | ---: |',
  `| pages | ${d.pages} | ${b.pages} |`,
  `| time (median of ${runs}) | ${d.s.toFixed(2)} s | ${b.s.toFixed(2)} s |`,
  `| time per page | ${((d.s * 1000) / d.pages).toFixed(0)} ms | ${((b.s * 1000) / b.pages).toFixed(0)} ms |`,
  `| peak RSS of the process | ${d.rss.toFixed(0)} MiB | ${b.rss.toFixed(0)} MiB |`,
  `| PDF size | ${d.mb.toFixed(1)} MB | ${b.mb.toFixed(1)} MB |`,
].join('\n')
console.log(`\n${table}`)

if (!opts['no-write']) {
  const section = [
    START,
    '## Demo deck PDF: 40 screenshots',
    '',
    'Run with `node test/bench/deck-pdf.mjs`. A deck of 20 steps with two screenshots each (40',
    `PNG screenshots of 1440 × 900, ${d.images.toFixed(1)} MB in all; 45 slides with the title, agenda and caveats)`,
    'is rendered by `renderDeckPdf`; the baseline puts the same 40 images on 40 pages with plain',
    'pdf-lib (no text, layout or tagging). Each measurement runs in a fresh Node process, fonts and',
    'images loaded before the clock starts; peak RSS is the whole process. The deck beats the',
    'baseline because it copies RGB PNG data into the PDF as it is, where pdf-lib decodes and',
    're-compresses every image (docs/demo-decks.md, "Fast screenshots").',
    '',
    `Figures from the run of ${date} (${cpus().length} cores, machine shared with other work):`,
    '',
    table,
    END,
  ].join('\n')
  const doc = readFileSync(DOC, 'utf8')
  const next = doc.includes(START)
    ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${doc.trimEnd()}\n\n${section}\n`
  writeFileSync(DOC, next)
  console.log(`\nUpdated ${DOC}`)
}
