import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, signedDpiaWorkspace } from '../helpers/cli'

const hasPdfinfo = spawnSync('sh', ['-c', 'command -v pdfinfo']).status === 0

let w: ReturnType<typeof signedDpiaWorkspace>
beforeAll(() => {
  ensureCliBuilt()
  w = signedDpiaWorkspace()
})

describe('evw pdf', () => {
  it('verifies with a keyring, says so, and writes the PDF', () => {
    const r = w.evw(['pdf', 'dpia.evb', '--out', 'dpia.pdf', '--keyring', 'keyring.json'])
    expect(r.stderr).toMatch(/^VERIFIED {2}dpia\.evb: every check passed against keyring\.json\./)
    expect(r.stderr).toMatch(/Wrote dpia\.pdf \(\d+ bytes\)/)
    expect(r.status).toBe(0)
    const pdf = readFileSync(w.path('dpia.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    if (hasPdfinfo) {
      const text = spawnSync('pdftotext', [w.path('dpia.pdf'), '-'], { encoding: 'utf8' }).stdout
      expect(text).toContain('Verified')
      expect(text).toContain('Every check passed against the keyring keyring.json')
    }
  })

  it('renders the same bytes twice, and refuses to overwrite without --force', () => {
    const first = readFileSync(w.path('dpia.pdf'))
    expect(
      w.evw(['pdf', 'dpia.evb', '--out', 'dpia.pdf', '--keyring', 'keyring.json']).status,
    ).toBe(2)
    const r = w.evw([
      'pdf',
      'dpia.evb',
      '--out',
      'dpia.pdf',
      '--keyring',
      'keyring.json',
      '--force',
    ])
    expect(r.status).toBe(0)
    expect(readFileSync(w.path('dpia.pdf')).equals(first)).toBe(true)
  })

  it('without a keyring, says the PDF shows what the bundle claims', () => {
    const r = w.evw(['pdf', 'dpia.evb', '--out', 'claims.pdf'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^Unverified: the PDF shows what dpia\.evb claims/)
    if (hasPdfinfo) {
      const text = spawnSync('pdftotext', [w.path('claims.pdf'), '-'], { encoding: 'utf8' }).stdout
      expect(text).toContain('This document shows what the bundle claims')
    }
  })

  it('exits 1 for a tampered bundle, still writing a PDF that says it is not verified', () => {
    const bytes = readFileSync(w.path('dpia.evb'))
    const name = Buffer.from(`files/${w.packet.evidence[0]!.path}`)
    const at = bytes.indexOf(name) + name.length + 10
    bytes[at] = bytes[at]! ^ 0x20
    writeFileSync(w.path('tampered.evb'), bytes)
    const r = w.evw(['pdf', 'tampered.evb', '--out', 'tampered.pdf', '--keyring', 'keyring.json'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/NOT VERIFIED {2}tampered\.evb: .*DIGEST_MISMATCH/)
    expect(r.stderr).toMatch(
      /not attached: files\/.* \((its bytes do not match|cannot be read intact)/,
    )
    if (hasPdfinfo) {
      const text = spawnSync('pdftotext', [w.path('tampered.pdf'), '-'], {
        encoding: 'utf8',
      }).stdout
      expect(text).toContain('Not verified')
    }
  })

  it('exits 2 for usage errors and unreadable input, 1 for a file that is not a bundle', () => {
    expect(w.evw(['pdf', 'dpia.evb']).status).toBe(2)
    expect(w.evw(['pdf', 'nope.evb', '--out', 'x.pdf']).status).toBe(2)
    expect(w.evw(['pdf', 'dpia.evb', '--out', 'y.pdf', '--keyring', 'nope.json']).status).toBe(2)
    w.write('junk.evb', 'not a zip')
    const r = w.evw(['pdf', 'junk.evb', '--out', 'junk.pdf'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/cannot be rendered/)
  })
})
