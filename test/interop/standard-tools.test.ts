// What we sign, others verify with standard tools: openssl, sha256sum, jq, minisign, unzip.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, removeScratchDirs, ROOT, signedDpiaWorkspace } from '../helpers/cli'

const RECIPE = join(ROOT, 'docs/recipes/verify-bundle.sh')
const tools = ['openssl', 'sha256sum', 'jq', 'minisign', 'unzip']
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0)
if (missing.length)
  throw new Error(`Interop tests need ${missing.join(', ')} (.ci/run installs them with apt-get).`)

let w: ReturnType<typeof signedDpiaWorkspace>
beforeAll(() => {
  ensureCliBuilt()
  w = signedDpiaWorkspace()
})
afterAll(() => removeScratchDirs())

const recipe = (bundle: string, ...roles: string[]) =>
  spawnSync('bash', [RECIPE, bundle, 'keyring.json', ...roles], { cwd: w.dir, encoding: 'utf8' })

describe('standard tools', () => {
  it('unzip -t accepts the bundle', () => {
    const out = execFileSync('unzip', ['-t', 'dpia.evb'], { cwd: w.dir, encoding: 'utf8' })
    expect(out).toMatch(/No errors detected/)
  })

  it('openssl reproduces the keyid from a public key PEM', () => {
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'dana.pem', '-outform', 'DER'], {
      cwd: w.dir,
    })
    const sha = execFileSync('sha256sum', { input: der, encoding: 'utf8' }).split(' ')[0]
    const ring = JSON.parse(readFileSync(join(w.dir, 'keyring.json'), 'utf8')) as {
      keys: { keyid: string; name: string }[]
    }
    expect(ring.keys.find((k) => k.name === 'Dana DPO')?.keyid).toBe(sha)
  })

  it('the documented openssl/sha256sum/jq/minisign recipe verifies the bundle', () => {
    const r = recipe('dpia.evb', 'dpo', 'legal', 'accountable-manager')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/VERIFIED \(standard tools\)/)
    expect(r.status).toBe(0)
  })

  it('the recipe rejects a changed file, an extra file and a missing role', () => {
    const bytes = readFileSync(join(w.dir, 'dpia.evb'))
    const name = Buffer.from(`files/${w.packet.evidence[0]!.path}`)
    const at = bytes.indexOf(name) + name.length + 10
    bytes[at] = bytes[at]! ^ 0x20
    writeFileSync(join(w.dir, 'flipped.evb'), bytes)
    expect(recipe('flipped.evb').status).toBe(1)
    execFileSync('cp', ['dpia.evb', 'extra.evb'], { cwd: w.dir })
    writeFileSync(join(w.dir, 'files-extra.txt'), 'unsigned')
    execFileSync(
      'sh',
      [
        '-c',
        'mkdir -p x/files && cp files-extra.txt x/files/extra.txt && cd x && zip -q ../extra.evb files/extra.txt',
      ],
      { cwd: w.dir },
    )
    const extra = recipe('extra.evb')
    expect(extra.status).toBe(1)
    expect(extra.stderr).toMatch(/files present differ/)
    const role = recipe('dpia.evb', 'ombuds')
    expect(role.status).toBe(1)
    expect(role.stderr).toMatch(/required role ombuds/)
  })

  it('minisign verifies SHA256SUMS with the key hint the bundle carries', () => {
    const d = join(w.dir, 'unz')
    execFileSync('unzip', ['-qq', '-o', 'dpia.evb', '-d', d], { cwd: w.dir })
    const pub = execFileSync('sh', ['-c', 'ls keys/*.minisign.pub'], {
      cwd: d,
      encoding: 'utf8',
    }).trim()
    const r = spawnSync('minisign', ['-Vm', 'SHA256SUMS', '-p', pub], { cwd: d, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Signature and comment signature verified/)
  })
})
