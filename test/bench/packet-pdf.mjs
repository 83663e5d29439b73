// The packet-PDF benchmark (issue 5, item 5): `evw pdf` renders a DPIA whose long-text fields
// run to about 200 pages and which attaches 50 evidence files, timed as a user runs the built
// CLI, with its peak RSS; in the same run, `qpdf --linearize` reads and rewrites the very PDF
// evw made (every object and attachment stream), as a baseline of what a mature C++ PDF tool
// takes to process the same document. Run by `npm run bench` (test/bench/run.mjs) or alone:
//
//   node test/bench/packet-pdf.mjs [--quick] [--no-write] [--runs N]
//
// Writes its table into docs/performance.md between <!-- bench:packet-pdf:start --> and
// <!-- bench:packet-pdf:end --> (not with --quick or --no-write).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const EVW = join(ROOT, 'bin/evw.js')
const ENTRY_OUT = join(ROOT, 'out/bench/packet-pdf-entry.mjs')
const DOC = join(ROOT, 'docs/performance.md')
const START = '<!-- bench:packet-pdf:start -->'
const END = '<!-- bench:packet-pdf:end -->'

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const have = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0

function timed(cmd, args, env) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => {
      if (code !== 0) fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`))
      else ok(Number(process.hrtime.bigint() - t0) / 1e9)
    })
  })
}

function pageCount(pdf) {
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const m = info.status === 0 ? /Pages:\s+(\d+)/.exec(info.stdout) : null
  if (m) return Number(m[1])
  // Without poppler: the page tree's root /Count (the largest one in the file).
  const counts = [...readFileSync(pdf, 'latin1').matchAll(/\/Count (\d+)/g)].map((x) => +x[1])
  return Math.max(...counts)
}

export async function benchPacketPdf({ quick = false, write = false, runs = quick ? 1 : 3 } = {}) {
  await build({
    entryPoints: [join(ROOT, 'test/bench/packet-pdf-entry.ts')],
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
  const entry = await import(pathToFileURL(ENTRY_OUT).href)
  const tmp = mkdtempSync(join(tmpdir(), 'evw-bench-pdf-'))
  try {
    const spec = quick
      ? { textChars: 90_000, files: 10, fileBytes: 64 * 1024 }
      : { textChars: 780_000, files: 50, fileBytes: 256 * 1024 }
    process.stdout.write(`\n[pdf] writing the packet bundle in ${tmp} …\n`)
    const ds = await entry.preparePdfBundle(tmp, spec)
    const out = join(tmp, 'packet.pdf')
    const lin = join(tmp, 'linearized.pdf')
    const hook = join(tmp, 'rss-hook.mjs')
    const rssFile = join(tmp, 'evw-rss.txt')
    writeFileSync(
      hook,
      "import { writeFileSync } from 'node:fs'\n" +
        "process.on('exit', () => writeFileSync(process.env.EVW_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n",
    )
    const env = { ...process.env, EVW_HOME: join(tmp, 'home'), EVW_BENCH_RSS_FILE: rssFile }
    const evwArgs = ['--import', pathToFileURL(hook).href, EVW, 'pdf', ds.bundle]
    evwArgs.push('--out', out, '--force')
    const qpdf = have('qpdf', ['--version'])
    const gnuTime = have('/usr/bin/time', ['-f', '%M', 'true'])
    const qRss = join(tmp, 'qpdf-rss.txt')
    const qCmd = gnuTime ? '/usr/bin/time' : 'qpdf'
    const qArgs = [...(gnuTime ? ['-f', '%M', '-o', qRss, 'qpdf'] : []), '--linearize', out, lin]

    await timed(process.execPath, evwArgs, env) // warm-up: page cache, and a PDF for qpdf
    const pages = pageCount(out)
    const pdfBytes = readFileSync(out).length
    const evwT = []
    const evwRss = []
    const qT = []
    const qRssK = []
    for (let i = 0; i < runs; i++) {
      for (const which of i % 2 ? ['qpdf', 'evw'] : ['evw', 'qpdf']) {
        if (which === 'evw') {
          evwT.push(await timed(process.execPath, evwArgs, env))
          evwRss.push(Number(readFileSync(rssFile, 'utf8')) * 1024)
        } else if (qpdf) {
          qT.push(await timed(qCmd, qArgs, env))
          if (gnuTime) qRssK.push(Number(readFileSync(qRss, 'utf8').trim()) * 1024)
        }
      }
    }
    const r = {
      pages,
      files: spec.files,
      evidenceMB: ds.evidenceBytes / 1e6,
      pdfMB: pdfBytes / 1e6,
      evwS: median(evwT),
      evwRssMB: Math.max(...evwRss) / 1e6,
      qpdfS: qT.length ? median(qT) : undefined,
      qpdfRssMB: qRssK.length ? Math.max(...qRssK) / 1e6 : undefined,
      runs,
    }
    const md = markdown(r)
    console.log(`\n${md}`)
    if (write) {
      const doc = readFileSync(DOC, 'utf8')
      const a = doc.indexOf(START)
      const b = doc.indexOf(END)
      if (a < 0 || b < a) throw new Error(`${DOC} lacks the ${START} … ${END} markers`)
      writeFileSync(DOC, `${doc.slice(0, a + START.length)}\n${md}\n${doc.slice(b)}`)
      console.log(`Refreshed the packet-PDF figures in ${DOC}`)
    }
    return r
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

function markdown(r) {
  const f = (n, d = 2) => (n === undefined ? 'n/a' : n.toFixed(d))
  const date = new Date().toISOString().slice(0, 10)
  return [
    `Measured ${date} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}; median of ${r.runs} run${r.runs === 1 ? '' : 's'}, peak RSS the largest.`,
    '',
    '| document | tool | time (s) | time per page (ms) | peak RSS (MB) |',
    '| --- | --- | ---: | ---: | ---: |',
    `| ${r.pages} pages, ${r.files} attachments (${f(r.evidenceMB, 1)} MB), PDF ${f(r.pdfMB, 1)} MB | \`evw pdf\` (read bundle, render, embed, write) | ${f(r.evwS)} | ${f((r.evwS * 1000) / r.pages, 1)} | ${f(r.evwRssMB, 0)} |`,
    `| the same PDF | \`qpdf --linearize\` (baseline: parse and rewrite) | ${f(r.qpdfS)} | ${r.qpdfS === undefined ? 'n/a' : f((r.qpdfS * 1000) / r.pages, 1)} | ${f(r.qpdfRssMB, 0)} |`,
  ].join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      runs: { type: 'string' },
    },
  })
  await benchPacketPdf({
    quick: values.quick,
    write: !values.quick && !values['no-write'],
    ...(values.runs ? { runs: Number(values.runs) } : {}),
  })
}
