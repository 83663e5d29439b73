// `node test/bench/a11y-sweep.mjs [--pages N] [--no-write]`: sweeps N generated pages (200 by
// default; each with its own CSS and image, a third with a contrast failure, a third with a
// missing alt) with the built `evw a11y`, with and without screenshot crops, and, as the baseline
// in the same run, with the plain approach the e2e suite uses (one Chromium page, file:// URLs,
// axe injected, no isolation). Pages per second and the peak memory of the whole process tree
// (Node and every Chromium process, sampled every 50 ms from /proc); refreshes the sweep section
// of docs/performance.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DOC = join(ROOT, 'docs/performance.md')
const START = '<!-- bench:a11y:start -->'
const END = '<!-- bench:a11y:end -->'

const { values: opts } = parseArgs({
  options: {
    pages: { type: 'string', default: '200' },
    'no-write': { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
})

// Child mode: the baseline sweep of a folder, run in its own process so its memory is its own.
if (opts.baseline) {
  const { chromium } = await import('playwright-core')
  const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  let violations = 0
  for (const name of readdirSync(opts.baseline)
    .filter((n) => n.endsWith('.html'))
    .sort()) {
    await page.goto(`file://${join(opts.baseline, name)}`)
    await page.evaluate(axeSource)
    violations += await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations', 'incomplete'],
      })
      return r.violations.length
    })
  }
  await browser.close()
  process.stdout.write(JSON.stringify({ violations }))
  process.exit(0)
}

const N = Number(opts.pages)
const dir = mkdtempSync(join(tmpdir(), 'evw-a11y-bench-'))
const site = join(dir, 'site')
mkdirSync(site)
const png = readFileSync(join(ROOT, 'test/fixtures/a11y/clean/logo.png'))
for (let i = 0; i < N; i++) {
  const faint = i % 3 === 0
  const noAlt = i % 3 === 1
  writeFileSync(
    join(site, `page-${i}.css`),
    `body{font:16px/1.5 sans-serif;color:#111;background:#fff}.t{color:${faint ? '#bbb' : '#333'}}`,
  )
  writeFileSync(join(site, `logo-${i}.png`), png)
  const rows = Array.from(
    { length: 20 },
    (_, r) =>
      `<tr><td>Source ${i}-${r}</td><td>${r * 7} records</td><td><a href="#r${r}">Details for row ${r}</a></td></tr>`,
  ).join('')
  writeFileSync(
    join(site, `page-${i}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card ${i}</title><link rel="stylesheet" href="page-${i}.css"></head><body><main><h1>Partner source ${i}</h1><p class="t">Caveat: figures are estimates.</p><img src="logo-${i}.png" ${noAlt ? '' : 'alt="Partner logo"'} width="48" height="48"><table><caption>Coverage</caption><thead><tr><th scope="col">Source</th><th scope="col">Records</th><th scope="col">Link</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`,
  )
}

/** Sums VmRSS over a process and all its descendants. */
function treeRss(root) {
  const children = new Map()
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid).push(Number(p))
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0
  const stack = [root]
  while (stack.length) {
    const pid = stack.pop()
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) total += Number(m[1]) * 1024
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}

function measure(args) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let peak = 0
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 50)
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => {
      clearInterval(timer)
      const seconds = (performance.now() - started) / 1000
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${err}`))
      else resolvePromise({ seconds, peak, out })
    })
  })
}

const EVW = join(ROOT, 'bin/evw.js')
const results = {}
results.baseline = await measure([fileURLToPath(import.meta.url), '--baseline', site])
results.crops = await measure([EVW, 'a11y', site, '--out', join(dir, 'report.json')])
const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
results.noCrops = await measure([
  EVW,
  'a11y',
  site,
  '--no-crops',
  '--out',
  join(dir, 'report2.json'),
])
const reportBytes = readFileSync(join(dir, 'report.json')).length
rmSync(dir, { recursive: true, force: true })

const MiB = 1024 ** 2
const row = (label, r) =>
  `| ${label} | ${(N / r.seconds).toFixed(1)} | ${r.seconds.toFixed(1)} s | ${Math.round(r.peak / MiB)} MiB |`
const table = [
  `Run with \`node test/bench/a11y-sweep.mjs\` (${N} generated pages, each with its own CSS and`,
  `image; ${report.summary.violations} violations on ${report.summary.violationNodes} elements in all). Measured ${new Date().toISOString().slice(0, 10)}`,
  `on ${cpus().length} cores, headless Chromium ${report.browser.version}; times include starting Chromium. Peak memory is the whole process`,
  'tree (Node and every Chromium process). The baseline is the e2e way: one page, file:// URLs, axe',
  'injected, no isolation, no crops.',
  '',
  '| sweep | pages/s | total | peak memory |',
  '| --- | ---: | ---: | ---: |',
  row('`evw a11y` (isolated, crops)', results.crops),
  row('`evw a11y --no-crops` (isolated)', results.noCrops),
  row('baseline: one page, no isolation', results.baseline),
  '',
  `The report with crops was ${(reportBytes / MiB).toFixed(1)} MiB. Load average at the end of the run: ${loadavg()[0].toFixed(1)} (other work shares the machine; compare the rows, not the absolute figures). The isolated sweep opens a fresh browser context per page and intercepts every request; the baseline does neither.`,
].join('\n')
console.log(table)
if (!opts['no-write']) {
  const doc = readFileSync(DOC, 'utf8')
  const section = `${START}\n## Accessibility sweep: ${N} pages\n\n${table}\n${END}`
  const next = doc.includes(START)
    ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${doc.trimEnd()}\n\n${section}\n`
  writeFileSync(DOC, next)
}
