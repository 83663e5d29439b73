// The packet PDF as independent tools see it: qpdf checks its structure, poppler extracts its
// text and attachments, reads its metadata and outline, and renders its pages.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PacketPdfInput } from '../../src/core/pdf/packet-pdf-input'
import { renderPacketPdf } from '../../src/core/pdf/render-packet-pdf'
import {
  dpiaPdfInput,
  longDpiaPdfInput,
  MULTILINGUAL,
  multilingualPdfInput,
} from '../helpers/packet-pdf-fixture'

const tools = ['qpdf', 'pdftotext', 'pdfinfo', 'pdfdetach', 'pdftoppm']
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0)
if (missing.length) {
  console.warn(
    `SKIPPED packet PDF tool checks: ${missing.join(', ')} not installed (apt-get install qpdf poppler-utils).`,
  )
}

const dir = mkdtempSync(join(tmpdir(), 'evw-pdf-'))
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8' })
/** pdftotext output with whitespace collapsed and bidi embedding marks removed. */
const text = (file: string) =>
  run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    .replace(/[\u202a-\u202e]/g, '')
    .replace(/\s+/g, ' ')

let dpia: PacketPdfInput
beforeAll(async () => {
  if (missing.length) return
  dpia = await dpiaPdfInput()
  writeFileSync(join(dir, 'dpia.pdf'), await renderPacketPdf(dpia))
  writeFileSync(join(dir, 'long.pdf'), await renderPacketPdf(await longDpiaPdfInput()))
  writeFileSync(join(dir, 'multi.pdf'), await renderPacketPdf(await multilingualPdfInput()))
})

describe.skipIf(missing.length > 0)('packet PDF under qpdf and poppler', () => {
  it('passes qpdf --check', () => {
    for (const f of ['dpia.pdf', 'long.pdf', 'multi.pdf']) {
      const r = spawnSync('qpdf', ['--check', f], { cwd: dir, encoding: 'utf8' })
      expect(r.stdout).toMatch(/No syntax or stream encoding errors found/)
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
    }
  })

  it('has searchable text: the fields, the evidence index and the statement digest', () => {
    const t = text('dpia.pdf')
    const f = dpia.predicate.packet.fields
    for (const s of [
      'DPIA: Northwind Weather API',
      String(f.controller),
      String(f.dpoOpinion),
      String(f.processingOverview),
      'Legitimate interests',
      'Northwind request logs read by an attacker',
      'Risk map',
      'files/dpia/data-flow.png',
      dpia.statementSha256!,
      'bundle.exported',
      'Page 1 of',
    ]) {
      expect(t).toContain(s)
    }
    for (const e of dpia.predicate.evidence) {
      expect(t).toContain(e.sha256.slice(0, 8))
    }
  })

  it('paginates long text over many pages, with every step in reading order', () => {
    const info = run('pdfinfo', ['long.pdf'])
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
    expect(pages).toBeGreaterThanOrEqual(10)
    const t = text('long.pdf')
    let at = 0
    for (let i = 1; i <= 14; i++) {
      const next = t.indexOf(`Step ${i}.`, at)
      expect(next).toBeGreaterThan(at)
      at = next
    }
    expect(t).toContain(`Page ${pages} of ${pages}`)
  })

  it('renders and extracts accented, CJK, Hebrew and Arabic text', () => {
    const t = text('multi.pdf')
    expect(t).toContain(MULTILINGUAL.accents)
    expect(t).toContain('個人情報の保護に関する法律に基づき')
    expect(t).toContain('개인정보 보호')
    expect(t).toContain(MULTILINGUAL.hebrew)
    expect(t).toContain(MULTILINGUAL.arabic)
    expect(run('pdfinfo', ['-meta', 'multi.pdf'])).toContain(
      '<rdf:li xml:lang="x-default">Évaluation d’impact — 影響評価 — הערכת השפעה</rdf:li>',
    )
    expect(run('pdfinfo', ['multi.pdf'])).toContain('Évaluation d’impact — 影響評価 — הערכת השפעה')
    const fonts = run('pdffonts', ['multi.pdf'])
    for (const name of ['NotoSans-Regular', 'NotoSansHebrew', 'NotoSansArabic', 'WenQuanYi']) {
      expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${name}.*yes yes yes`))
    }
  })

  it('attaches the evidence byte for byte', () => {
    const list = run('pdfdetach', ['-list', 'dpia.pdf'])
    expect(list).toMatch(new RegExp(`^${dpia.predicate.evidence.length} embedded files`))
    expect(list).toContain('data-flow.png')
    const out = join(dir, 'detached')
    execFileSync('mkdir', ['-p', out])
    run('pdfdetach', ['-saveall', '-o', out, 'dpia.pdf'])
    const digests = readdirSync(out)
      .map((n) =>
        createHash('sha256')
          .update(readFileSync(join(out, n)))
          .digest('hex'),
      )
      .sort()
    expect(digests).toEqual(dpia.predicate.evidence.map((e) => e.sha256).sort())
  })

  it('carries title, language, tags and an outline of the sections', () => {
    const info = run('pdfinfo', ['dpia.pdf'])
    expect(info).toMatch(/Title:\s+DPIA: Northwind Weather API/)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/CreationDate:\s+Fri Nov 20 10:00:00 2026 UTC/)
    const struct = run('pdfinfo', ['-struct', 'dpia.pdf'])
    expect(struct).toMatch(/^Document/)
    for (const tag of ['H1', 'H2', 'P', 'Table', 'TH', 'TD', 'TOC']) expect(struct).toContain(tag)
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', 'dpia.pdf'])) as {
      outlines: { title: string; kids: { title: string }[] }[]
    }
    const titles = json.outlines.map((o) => o.title)
    expect(titles).toContain('1  Context')
    expect(titles).toContain('8  Evidence index')
    expect(titles).toContain('9  Sign-off')
    expect(json.outlines.find((o) => o.title === '5  Risks')?.kids.map((k) => k.title)).toEqual([
      'Risk map',
    ])
    const meta = run('pdfinfo', ['-meta', 'dpia.pdf'])
    expect(meta).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li>')
  })

  it('renders pages to images', () => {
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', 'multi.pdf', 'page'])
    const pngs = readdirSync(dir).filter((n) => /^page-\d+\.png$/.test(n))
    expect(pngs).toHaveLength(2)
    for (const p of pngs) expect(statSync(join(dir, p)).size).toBeGreaterThan(10_000)
  })
})
