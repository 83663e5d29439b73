import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureCliBuilt,
  EVW,
  removeScratchDirs,
  scratch,
  signedDpiaWorkspace,
} from '../helpers/cli'
import { entry, unpack } from '../helpers/zip-surgery'

beforeAll(() => ensureCliBuilt())
afterAll(() => removeScratchDirs())

describe('scratch folders', () => {
  it('are removed by removeScratchDirs, and nothing else is', () => {
    const other = mkdtempSync(join(tmpdir(), 'evw-cli-'))
    try {
      const s = scratch()
      s.write('bundle.evb', 'x')
      const t = scratch()
      removeScratchDirs()
      expect(existsSync(s.dir)).toBe(false)
      expect(existsSync(t.dir)).toBe(false)
      expect(existsSync(other)).toBe(true)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })
})

describe('evw templates', () => {
  it('lists templates with their required roles, as text and JSON', () => {
    const s = scratch()
    const text = s.evw(['templates'])
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(/dpia@1\.0\.0.*dpo/)
    const json = JSON.parse(s.evw(['templates', '--json']).stdout) as {
      id: string
      requiredRoles: string[]
    }[]
    expect(json.map((t) => t.id)).toEqual(expect.arrayContaining(['dpia', 'license']))
    expect(json.find((t) => t.id === 'license')?.requiredRoles).toContain('legal')
  })

  it('stops quietly when the reader of its output has gone', () => {
    // `true` exits at once, long before evw has started, so every write meets a closed pipe.
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${EVW}" templates | true; exit \${PIPESTATUS[0]}`],
      { encoding: 'utf8' },
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('prints an example packet that validates when packed', () => {
    const s = scratch()
    const ex = JSON.parse(s.evw(['template', 'show', 'license', '--example']).stdout)
    expect(ex.template.id).toBe('license')
  })
})

describe('pack, sign off and verify', () => {
  let w: ReturnType<typeof signedDpiaWorkspace>
  beforeAll(() => {
    w = signedDpiaWorkspace()
  })

  it('verifies a bundle signed off by every required role (exit 0)', () => {
    const r = w.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^VERIFIED {2}dpia\.evb/)
    expect(r.status).toBe(0)
  })

  it('packs packet.pdf as a signed subject and says so when verifying', async () => {
    const r = w.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json'])
    expect(r.stdout).toContain(
      'PDF:        packet.pdf: the PDF you read is the one that was signed',
    )
    const report = JSON.parse(
      w.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json', '--json']).stdout,
    )
    expect(report.items).toContainEqual(
      expect.objectContaining({ check: 'files', status: 'pass', subject: 'packet.pdf' }),
    )
    const pdf = entry(await unpack(readFileSync(w.path('dpia.evb'))), 'packet.pdf').data
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    // The PDF shows the statement's evidence digests (it was rendered from them).
    expect(report.statementSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives a stable JSON report', () => {
    const r = w.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json', '--json'])
    const report = JSON.parse(r.stdout)
    expect(report.verdict).toBe('verified')
    expect(report.signoffs.map((s: { role: string }) => s.role).sort()).toEqual([
      'accountable-manager',
      'dpo',
      'legal',
    ])
  })

  it('exits 1 and names the file when one evidence byte changes', () => {
    const bytes = readFileSync(w.path('dpia.evb'))
    const name = Buffer.from(`files/${w.packet.evidence[0]!.path}`)
    const at = bytes.indexOf(name) + name.length + 10 // inside the stored data after the local header
    bytes[at] = bytes[at]! ^ 0x20
    writeFileSync(w.path('tampered.evb'), bytes)
    const r = w.evw(['verify', 'tampered.evb', '--keyring', 'keyring.json'])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('NOT VERIFIED')
    expect(r.stdout).toContain(`[DIGEST_MISMATCH] files/${w.packet.evidence[0]!.path}`)
  })

  it('exits 1 for a missing role and a rejected sign-off', () => {
    const fresh = signedDpiaWorkspace({ signoffs: false })
    const missing = fresh.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json'])
    expect(missing.status).toBe(1)
    expect(missing.stdout).toContain('[ROLE_MISSING]')
    const rej = fresh.evw([
      'signoff',
      'dpia.evb',
      '--key',
      'lee.key',
      '--role',
      'legal',
      '--decision',
      'reject',
      '--comment',
      'Retention period is missing',
    ])
    expect(rej.status).toBe(0)
    const r = fresh.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json'])
    expect(r.stdout).toContain('[SIGNOFF_REJECTED]')
    expect(r.stdout).toContain('Retention period is missing')
  })

  it('exits 1 for a revoked signer and 2 for unreadable input or usage errors', () => {
    const s = signedDpiaWorkspace()
    const keyid = s.evw(['keyring', 'list', 'keyring.json', '--json'])
    const legal = (JSON.parse(keyid.stdout) as { keyid: string; name: string }[]).find(
      (k) => k.name === 'Lee Legal',
    )!
    expect(
      s.evw(['keyring', 'revoke', 'keyring.json', legal.keyid.slice(0, 12), '--reason', 'key lost'])
        .status,
    ).toBe(0)
    const r = s.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json'])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('[KEY_REVOKED]')
    const missing = s.evw(['verify', 'nope.evb', '--keyring', 'keyring.json'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('The bundle nope.evb does not exist; check the path.')
    // A folder is unreadable input (exit 2) with a sentence, for every command that reads one.
    for (const args of [
      ['verify', '.', '--keyring', 'keyring.json'],
      ['inspect', '.'],
      ['pdf', '.', '--out', 'x.pdf'],
      ['signoff', '.', '--key', 'k.key', '--role', 'dpo', '--decision', 'approve'],
    ]) {
      const folder = s.evw(args)
      expect(folder.status, args.join(' ')).toBe(2)
      expect(folder.stderr).toContain('. is a folder; give the bundle file itself.')
    }
    expect(s.evw(['verify', 'dpia.evb']).status).toBe(2)
    expect(s.evw(['verify', 'dpia.evb', '--keyring', 'keyring.json', '--bogus']).status).toBe(2)
    expect(s.evw(['frobnicate']).status).toBe(2)
  })

  it('rejects a wrong passphrase clearly and leaves the bundle untouched', () => {
    const before = readFileSync(w.path('dpia.evb'))
    const r = w.evw(
      ['signoff', 'dpia.evb', '--key', 'dana.key', '--role', 'dpo', '--decision', 'approve'],
      { EVW_PASSPHRASE: 'wrong' },
    )
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/Wrong passphrase/)
    expect(readFileSync(w.path('dpia.evb')).equals(before)).toBe(true)
  })

  it('refuses to sign off a tampered bundle', () => {
    const r = w.evw([
      'signoff',
      'tampered.evb',
      '--key',
      'dana.key',
      '--role',
      'dpo',
      '--decision',
      'approve',
    ])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/not intact.*\n.*DIGEST_MISMATCH/)
  })

  it('requires a reason to reject', () => {
    const r = w.evw([
      'signoff',
      'dpia.evb',
      '--key',
      'dana.key',
      '--role',
      'dpo',
      '--decision',
      'reject',
    ])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/needs a reason/)
  })

  it('inspects a bundle without judging it', () => {
    const r = w.evw(['inspect', 'dpia.evb'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('claims only')
    expect(r.stdout).toContain(w.packet.evidence[0]!.path)
    const json = JSON.parse(w.evw(['inspect', 'dpia.evb', '--json']).stdout)
    expect(json.signoffs).toHaveLength(3)
  })

  it('writes secret keys readable by the owner only and never overwrites them', () => {
    expect(statSync(w.path('priya.key')).mode & 0o777).toBe(0o600)
    const r = w.evw(['keygen', '--name', 'X', '--out', 'priya.key'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/already exists/)
  })

  it('refuses to pack an incomplete packet, listing what is missing', () => {
    const s = scratch()
    const ex = JSON.parse(s.evw(['template', 'show', 'dpia', '--example']).stdout)
    delete ex.fields[Object.keys(ex.fields)[0]!]
    s.write('packet.json', JSON.stringify(ex))
    s.evw(['keygen', '--name', 'P', '--out', 'p.key'])
    const r = s.evw(['pack', '.', '--packet', 'packet.json', '--key', 'p.key', '--out', 'x.evb'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/FIELD_REQUIRED/)
  })

  it('refuses evidence paths that leave the folder', () => {
    const s = scratch()
    const ex = JSON.parse(s.evw(['template', 'show', 'dpia', '--example']).stdout)
    ex.evidence[0].path = '../outside.png'
    s.write('packet.json', JSON.stringify(ex))
    s.evw(['keygen', '--name', 'P', '--out', 'p.key'])
    const r = s.evw(['pack', '.', '--packet', 'packet.json', '--key', 'p.key', '--out', 'x.evb'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/\.\./)
  })
})
