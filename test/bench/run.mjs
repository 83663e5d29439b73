// `npm run bench`: times `evw verify` (the built CLI, as a user runs it) against `sha256sum -c`
// over the same files in the same run, records evw's peak RSS, measures the crypto providers,
// prints the tables and refreshes the figures in docs/performance.md.
//
//   node test/bench/run.mjs [--quick] [--no-write] [--keep] [--runs N]
//                           [--only big,small,text,crypto,pdf,reviews,deck,a11y]
//
// reviews, deck and a11y run their own scripts (test/bench/access-review.mjs, deck-pdf.mjs,
// a11y-sweep.mjs) in child processes, each writing its own section of the doc.
//
// --quick shrinks the datasets (and never writes the doc); --keep leaves the temp folder for
// profiling (e.g. node --cpu-prof out/cli/evw.mjs). Needs sha256sum (coreutils); uses
// `openssl speed` and GNU time (for sha256sum's RSS) when present, and skips them otherwise.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const EVW = join(ROOT, 'bin/evw.js')
const ENTRY_OUT = join(ROOT, 'out/bench/bench-entry.mjs')
const DOC = join(ROOT, 'docs/performance.md')
const START = '<!-- bench:results:start -->'
const END = '<!-- bench:results:end -->'
const GiB = 1024 ** 3

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
  },
})
const only = new Set((opts.only ?? 'big,small,text,crypto,pdf,reviews,deck,a11y').split(','))
const writeDoc = !opts.quick && !opts['no-write'] && opts.only === undefined

const DATASETS = [
  {
    id: 'big',
    label: opts.quick ? '2,000 files, 64 MiB' : '2,000 files, 1 GiB',
    // Log-uniform sizes (many small files, some of several MiB), scaled to the total.
    spec: {
      files: 2000,
      totalBytes: opts.quick ? 64 * 1024 ** 2 : GiB,
      minSize: 4096,
      maxSize: 8 * 1024 ** 2,
      seed: 1,
    },
    runs: 3,
  },
  {
    id: 'small',
    label: opts.quick ? '1,000 files of 1–8 KiB' : '10,000 files of 1–8 KiB',
    spec: { files: opts.quick ? 1000 : 10_000, minSize: 1024, maxSize: 8192, seed: 2 },
    runs: 5,
  },
  {
    id: 'text',
    // Text evidence (CSV, JSON, logs) is deflated in bundles, so verifying it inflates too.
    label: opts.quick ? '1,000 JSON files of 1–8 KiB' : '10,000 JSON files of 1–8 KiB',
    spec: { files: opts.quick ? 1000 : 10_000, minSize: 1024, maxSize: 8192, seed: 3, ext: 'json' },
    runs: 5,
  },
].filter((d) => only.has(d.id))

function have(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const mb = (bytes) => bytes / 1e6
const fmt = (n, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits))
const int = (n) => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'))

/** Runs a command with stdout to /dev/null; returns wall seconds and the exit code. */
function timed(cmd, args, { cwd, env }) {
  return new Promise((resolveRun, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      resolveRun({ seconds, code, stderr })
    })
  })
}

async function benchDataset(bench, tmp, d, gnuTime) {
  const dir = join(tmp, d.id)
  process.stdout.write(`\n[${d.id}] generating ${d.label} in ${dir} …\n`)
  const ds = await bench.prepareDataset(dir, d.spec)
  process.stdout.write(
    `[${d.id}] generated in ${fmt(ds.timings.generateMs / 1000, 1)} s, packed in ${fmt(ds.timings.packMs / 1000, 1)} s, ` +
      `signed off in ${fmt(ds.timings.signoffMs / 1000, 1)} s; bundle ${fmt(mb(ds.bundleBytes), 1)} MB; ` +
      `file sizes ${ds.sizes.min}…${ds.sizes.median}…${ds.sizes.max} bytes (min…median…max)\n`,
  )
  const rssFile = join(tmp, 'evw-rss.txt')
  const hook = join(tmp, 'rss-hook.mjs')
  const env = { ...process.env, EVW_HOME: join(tmp, 'home'), EVW_BENCH_RSS_FILE: rssFile }
  const evwArgs = ['--import', pathToFileURL(hook).href, EVW, 'verify', ds.bundle]
  evwArgs.push('--keyring', ds.keyring)
  const shaCmd = gnuTime ? '/usr/bin/time' : 'sha256sum'
  const shaRssFile = join(tmp, 'sha-rss.txt')
  const shaArgs = gnuTime
    ? ['-f', '%M', '-o', shaRssFile, 'sha256sum', '-c', 'SHA256SUMS']
    : ['-c', 'SHA256SUMS']

  // Warm-up (untimed): fills the page cache for both and checks that both succeed.
  const check = spawnSync(
    process.execPath,
    [EVW, 'verify', ds.bundle, '--keyring', ds.keyring, '--json'],
    {
      cwd: dir,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 ** 2,
    },
  )
  const report = JSON.parse(check.stdout)
  if (check.status !== 0 || report.verdict !== 'verified' || report.files !== d.spec.files) {
    const fails = report.items?.filter((i) => i.status === 'fail').slice(0, 5)
    throw new Error(`evw verify did not verify the bench bundle: ${JSON.stringify(fails)}`)
  }
  const warm = await timed(shaCmd, shaArgs, { cwd: ds.sumsDir, env })
  if (warm.code !== 0) throw new Error(`sha256sum -c failed: ${warm.stderr}`)

  const runs = Number(opts.runs ?? d.runs)
  const evwTimes = []
  const shaTimes = []
  const evwRss = []
  const shaRss = []
  for (let i = 0; i < runs; i++) {
    // Alternate the order so drift (thermal, other load) hits both alike.
    for (const which of i % 2 ? ['sha', 'evw'] : ['evw', 'sha']) {
      if (which === 'evw') {
        const r = await timed(process.execPath, evwArgs, { cwd: dir, env })
        if (r.code !== 0) throw new Error(`evw verify exited ${r.code}: ${r.stderr}`)
        evwTimes.push(r.seconds)
        evwRss.push(Number(readFileSync(rssFile, 'utf8')) * 1024)
      } else {
        const r = await timed(shaCmd, shaArgs, { cwd: ds.sumsDir, env })
        if (r.code !== 0) throw new Error(`sha256sum -c exited ${r.code}: ${r.stderr}`)
        shaTimes.push(r.seconds)
        if (gnuTime) shaRss.push(Number(readFileSync(shaRssFile, 'utf8').trim()) * 1024)
      }
    }
    process.stdout.write(
      `[${d.id}] run ${i + 1}/${runs}: evw ${fmt(evwTimes.at(-1), 3)} s, sha256sum ${fmt(shaTimes.at(-1), 3)} s\n`,
    )
  }
  const result = {
    id: d.id,
    label: d.label,
    files: ds.files,
    bytes: ds.bytes,
    bundleBytes: ds.bundleBytes,
    runs,
    evw: { median: median(evwTimes), best: Math.min(...evwTimes) },
    sha: { median: median(shaTimes), best: Math.min(...shaTimes) },
    evwRss: Math.max(...evwRss),
    shaRss: shaRss.length ? Math.max(...shaRss) : undefined,
  }
  result.ratio = result.evw.median / result.sha.median
  result.bestRatio = result.evw.best / result.sha.best
  if (!opts.keep) rmSync(dir, { recursive: true, force: true })
  return result
}

function opensslSpeed() {
  if (!have('openssl', ['version'])) return undefined
  const ed = have('openssl', ['speed', '-mr', '-seconds', '1', 'ed25519']) ?? ''
  const sha =
    have('openssl', ['speed', '-mr', '-seconds', '1', '-bytes', '1048576', '-evp', 'sha256']) ?? ''
  const edLine = ed.split('\n').find((l) => l.startsWith('+F6:') && l.includes('Ed25519'))
  const shaLine = sha.split('\n').find((l) => l.startsWith('+F:'))
  const [, , , , sign, verify] = edLine?.split(':') ?? []
  const shaBytesPerSec = shaLine ? Number(shaLine.split(':')[3]) : undefined
  return {
    provider: `openssl speed (${have('openssl', ['version']).trim().split(' ').slice(0, 2).join(' ')}, C baseline)`,
    ed25519SignPerSec: sign ? Number(sign) : undefined,
    ed25519VerifyPerSec: verify ? Number(verify) : undefined,
    sha256StreamMBps: shaBytesPerSec ? shaBytesPerSec / 1e6 : undefined,
    sha256OneShotMBps: undefined,
  }
}

function sha256sumSpeed(tmp) {
  // coreutils' own SHA-256 over 256 MiB from the page cache: the verify baseline's raw speed.
  const file = join(tmp, 'sha-speed.bin')
  writeFileSync(file, Buffer.alloc(256 * 1024 ** 2, 0x5a))
  spawnSync('sha256sum', [file])
  const start = process.hrtime.bigint()
  spawnSync('sha256sum', [file])
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  rmSync(file)
  return (256 * 1024 ** 2) / 1e6 / seconds
}

function machine() {
  const cpu = cpus()
  const shaVersion = (have('sha256sum', ['--version']) ?? '').split('\n')[0]
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / GiB)} GiB`,
    node: `Node ${process.version} (OpenSSL ${process.versions.openssl})`,
    sha256sum: shaVersion,
  }
}

function markdown(m, results, crypto) {
  const lines = [`Measured ${m.date} on ${m.cpu}; ${m.node}; baseline ${m.sha256sum}.`, '']
  if (results.length) {
    lines.push(
      '| Bundle | Bundle size | `evw verify` (median) | `sha256sum -c` (median) | Ratio (median) | Ratio (best) | evw peak RSS | Target |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    )
    for (const r of results) {
      const target = `${r.ratio <= 1.3 ? 'time met' : '**time missed**'}, ${mb(r.evwRss) < 200 ? 'memory met' : '**memory missed**'}`
      lines.push(
        `| ${r.label} | ${fmt(mb(r.bundleBytes), 1)} MB | ${fmt(r.evw.median, 3)} s (${fmt(mb(r.bytes) / r.evw.median, 0)} MB/s) | ${fmt(r.sha.median, 3)} s (${fmt(mb(r.bytes) / r.sha.median, 0)} MB/s) | ${fmt(r.ratio)}× | ${fmt(r.bestRatio)}× | ${fmt(mb(r.evwRss), 0)} MB | ${target} |`,
      )
    }
    lines.push(
      '',
      `Median of ${[...new Set(results.map((r) => r.runs))].join(' or ')} runs each, page cache warm for both, evw and sha256sum alternated.` +
        (results.some((r) => r.shaRss !== undefined)
          ? ` sha256sum peak RSS: ${results.map((r) => `${fmt(mb(r.shaRss ?? 0), 0)} MB`).join(', ')}.`
          : ''),
      '',
    )
  }
  if (crypto) {
    lines.push(
      '| Provider | Ed25519 sign/s | Ed25519 verify/s | SHA-256 streamed, 1 MiB updates | SHA-256 one call, 16 MiB |',
      '| --- | ---: | ---: | ---: | ---: |',
    )
    for (const c of crypto.rows) {
      lines.push(
        `| ${c.provider} | ${int(c.ed25519SignPerSec)} | ${int(c.ed25519VerifyPerSec)} | ${c.sha256StreamMBps === undefined ? 'n/a' : `${int(c.sha256StreamMBps)} MB/s`} | ${c.sha256OneShotMBps === undefined ? 'n/a' : `${int(c.sha256OneShotMBps)} MB/s`} |`,
      )
    }
    if (crypto.sha256sumMBps)
      lines.push(`| \`sha256sum\` (coreutils) | | | ${int(crypto.sha256sumMBps)} MB/s | |`)
    lines.push(
      '',
      'WebCrypto has no incremental SHA-256, so its streamed figure is that of @noble/hashes, ' +
        'which the WebCrypto provider streams with. The node:crypto provider imports the private ' +
        'key for every signature, keeping no seed between calls (a bundle needs a handful), hence ' +
        'the gap to `openssl speed`; it keeps the 64 public keys it verified with most recently.',
    )
    const node = crypto.rows[0]
    const portable = crypto.rows.find((c) => c.provider.startsWith('portable'))
    if (node && portable) {
      lines.push(
        '',
        `node:crypto against the portable provider: sign ${fmt(node.ed25519SignPerSec / portable.ed25519SignPerSec, 0)}×, ` +
          `verify ${fmt(node.ed25519VerifyPerSec / portable.ed25519VerifyPerSec, 0)}×, ` +
          `SHA-256 ${fmt(node.sha256StreamMBps / portable.sha256StreamMBps, 1)}×.`,
      )
    }
    lines.push('')
  }
  return lines.join('\n')
}

function printTable(results, crypto) {
  if (results.length) {
    console.log('\nverify: evw vs sha256sum -c (median seconds)')
    console.table(
      results.map((r) => ({
        bundle: r.label,
        'evw s': Number(fmt(r.evw.median, 3)),
        'sha256sum s': Number(fmt(r.sha.median, 3)),
        ratio: Number(fmt(r.ratio)),
        'best ratio': Number(fmt(r.bestRatio)),
        'evw RSS MB': Number(fmt(mb(r.evwRss), 0)),
        time: r.ratio <= 1.3 ? 'met' : 'MISSED',
        memory: mb(r.evwRss) < 200 ? 'met' : 'MISSED',
      })),
    )
  }
  if (crypto) {
    console.log('crypto providers')
    console.table(
      crypto.rows.map((c) => ({
        provider: c.provider,
        'sign/s': c.ed25519SignPerSec && Math.round(c.ed25519SignPerSec),
        'verify/s': c.ed25519VerifyPerSec && Math.round(c.ed25519VerifyPerSec),
        'sha256 stream MB/s': c.sha256StreamMBps && Math.round(c.sha256StreamMBps),
        'sha256 one-shot MB/s': c.sha256OneShotMBps && Math.round(c.sha256OneShotMBps),
      })),
    )
    if (crypto.sha256sumMBps) console.log(`sha256sum: ${Math.round(crypto.sha256sumMBps)} MB/s`)
  }
}

function refreshDoc(text) {
  const doc = readFileSync(DOC, 'utf8')
  const a = doc.indexOf(START)
  const b = doc.indexOf(END)
  if (a < 0 || b < a) throw new Error(`${DOC} lacks the ${START} … ${END} markers`)
  writeFileSync(DOC, `${doc.slice(0, a + START.length)}\n${text}\n${doc.slice(b)}`)
  console.log(`\nRefreshed the figures in ${DOC}`)
}

async function main() {
  if (!existsSync(join(ROOT, 'out/cli/evw.mjs'))) {
    throw new Error('out/cli/evw.mjs is missing: run "node scripts/build-cli.mjs" first')
  }
  if (!have('sha256sum', ['--version'])) throw new Error('sha256sum (coreutils) is required')
  const gnuTime = have('/usr/bin/time', ['-f', '%M', 'true']) !== undefined
  await build({
    entryPoints: [join(ROOT, 'test/bench/bench-entry.ts')],
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
  const bench = await import(pathToFileURL(ENTRY_OUT).href)
  const tmp = mkdtempSync(join(tmpdir(), 'evw-bench-'))
  // Reports evw's peak RSS (KiB on Linux) as the process exits; loaded with --import.
  writeFileSync(
    join(tmp, 'rss-hook.mjs'),
    "import { writeFileSync } from 'node:fs'\n" +
      "process.on('exit', () => writeFileSync(process.env.EVW_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n",
  )
  const m = machine()
  console.log(`${m.date}: ${m.cpu}; ${m.node}; ${m.sha256sum}; temp ${tmp}`)
  const results = []
  let crypto
  try {
    for (const d of DATASETS) results.push(await benchDataset(bench, tmp, d, gnuTime))
    if (only.has('crypto')) {
      process.stdout.write('\n[crypto] measuring providers …\n')
      const rows = await bench.cryptoBench(opts.quick ? 300 : 1000)
      const openssl = opensslSpeed()
      if (openssl) rows.push(openssl)
      crypto = { rows, sha256sumMBps: sha256sumSpeed(tmp) }
    }
  } finally {
    if (opts.keep) console.log(`kept ${tmp}`)
    else rmSync(tmp, { recursive: true, force: true })
  }
  printTable(results, crypto)
  if (only.has('pdf')) {
    // The packet PDF: 200 pages, 50 attachments (its own section of docs/performance.md).
    const { benchPacketPdf } = await import('./packet-pdf.mjs')
    await benchPacketPdf({
      quick: opts.quick,
      write: !opts.quick && !opts['no-write'],
      ...(opts.runs ? { runs: Number(opts.runs) } : {}),
    })
  }
  // The other benchmarks, each in its own process so its peak memory is its own. --quick shrinks
  // them; the doc is written only by a full run, as above.
  const noWrite = writeDoc ? [] : ['--no-write']
  const scripts = [
    ['reviews', 'access-review.mjs', opts.quick ? ['--rows', '2500', '--runs', '3'] : []],
    ['deck', 'deck-pdf.mjs', opts.quick ? ['--runs', '1'] : []],
    ['a11y', 'a11y-sweep.mjs', opts.quick ? ['--pages', '10'] : []],
  ]
  for (const [id, file, args] of scripts) {
    if (!only.has(id)) continue
    process.stdout.write(`\n[${id}] node test/bench/${file} …\n`)
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(new URL(file, import.meta.url)), ...args, ...noWrite],
      { stdio: 'inherit' },
    )
    if (r.status !== 0) console.log(`[${id}] exited with ${r.status ?? r.signal}`)
  }
  if (writeDoc) refreshDoc(markdown(m, results, crypto))
  else console.log('\n(docs/performance.md not written: --quick, --no-write or --only)')
  const missed = results.filter((r) => r.ratio > 1.3 || mb(r.evwRss) >= 200)
  // Reported, not asserted: timings depend on the machine (docs/performance.md).
  if (missed.length) console.log(`\nTarget missed for: ${missed.map((r) => r.label).join(', ')}`)
}

await main()
