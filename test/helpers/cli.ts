// Runs the built `evw` CLI the way a user does, in a scratch folder with its own EVW_HOME. The
// folders are removed by removeScratchDirs(), which each test file calls in afterAll.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const EVW = join(ROOT, 'bin/evw.js')

/**
 * Builds the CLI unless this test run has built it already. The global setup builds it once
 * before any file runs (EVW_CLI_BUILT), so that no two test files rebuild it at once: a build
 * rewrites the files a running evw loads.
 */
export function ensureCliBuilt(): void {
  if (process.env.EVW_CLI_BUILT === '1' && existsSync(join(ROOT, 'out/cli/evw.mjs'))) return
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  process.env.EVW_CLI_BUILT = '1'
}

export interface Run {
  status: number
  stdout: string
  stderr: string
}

/** Scratch folders made and not yet removed. */
const scratchDirs = new Set<string>()

/**
 * Removes every scratch folder made so far (each holds a workspace, keys and bundles). A test
 * file that uses scratch() or signedDpiaWorkspace() calls this in afterAll.
 */
export function removeScratchDirs(): void {
  for (const dir of scratchDirs) {
    rmSync(dir, { recursive: true, force: true })
    scratchDirs.delete(dir)
  }
}

export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'evw-cli-'))
  scratchDirs.add(dir)
  const env = {
    ...process.env,
    EVW_HOME: join(dir, 'home'),
    EVW_PASSPHRASE: 'correct horse battery',
  }
  const evw = (args: string[], extraEnv: Record<string, string | undefined> = {}): Run => {
    const r = spawnSync(process.execPath, [EVW, ...args], {
      cwd: dir,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      input: '',
    })
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }
  const write = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data)
  return { dir, evw, write, path: (name: string) => join(dir, name) }
}

/** Creates four people, a shared keyring and a DPIA bundle packed and signed off by all. */
export function signedDpiaWorkspace(options: { signoffs?: boolean } = {}) {
  const s = scratch()
  const people = [
    ['priya', 'Priya Product-Ops', 'product-ops'],
    ['dana', 'Dana DPO', 'dpo'],
    ['lee', 'Lee Legal', 'legal'],
    ['max', 'Max Manager', 'accountable-manager'],
  ] as const
  for (const [id, name, role] of people) {
    const k = s.evw(['keygen', '--name', name, '--out', `${id}.key`, '--public-out', `${id}.pem`])
    if (k.status !== 0) throw new Error(k.stderr)
    const a = s.evw(['keyring', 'add', 'keyring.json', `${id}.pem`, '--name', name, '--role', role])
    if (a.status !== 0) throw new Error(a.stderr)
  }
  const example = s.evw(['template', 'show', 'dpia', '--example'])
  const packet = JSON.parse(example.stdout) as { evidence: { path: string }[] }
  for (const e of packet.evidence) {
    const parts = e.path.split('/')
    if (parts.length > 1)
      execFileSync('mkdir', ['-p', s.path(join('evidence', ...parts.slice(0, -1)))])
    else execFileSync('mkdir', ['-p', s.path('evidence')])
    s.write(join('evidence', ...parts), `bytes of ${e.path}\n`.repeat(100))
  }
  s.write('packet.json', example.stdout)
  const p = s.evw([
    'pack',
    'evidence',
    '--packet',
    'packet.json',
    '--key',
    'priya.key',
    '--out',
    'dpia.evb',
  ])
  if (p.status !== 0) throw new Error(p.stderr)
  if (options.signoffs !== false) {
    for (const [id, , role] of people.slice(1)) {
      const r = s.evw([
        'signoff',
        'dpia.evb',
        '--key',
        `${id}.key`,
        '--role',
        role,
        '--decision',
        'approve',
      ])
      if (r.status !== 0) throw new Error(r.stderr)
    }
  }
  return { ...s, packet }
}
