// The demo deck and release notes as independent tools see them: qpdf checks the structure,
// pdftotext (page by page) finds every slide's footer tracing it to evidence and packets,
// pdfinfo the page size and tagging.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { deckPacketIds, type DeckModel } from '../../src/core/deck/deck-model'
import { releaseNotesMarkdown, releaseNotesPdf } from '../../src/core/deck/release-notes'
import {
  DeckInputError,
  renderDeckPdf,
  shortHash,
  type DeckImage,
} from '../../src/core/deck/render-deck-pdf'
import type { PdfFontFiles } from '../../src/core/pdf/pdf-fonts'
import { loadPdfFonts } from '../../src/node/pdf/font-files'
import { sampleDeck, sampleReleaseNotes } from '../helpers/deck-fixture'

const tools = ['qpdf', 'pdftotext', 'pdfinfo']
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0)
if (missing.length)
  console.warn(`SKIPPED deck PDF tool checks: ${missing.join(', ')} not installed.`)

const dir = mkdtempSync(join(tmpdir(), 'evw-deck-'))
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8' })
const pageText = (file: string, n: number) =>
  run('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-']).replace(
    /\s+/g,
    ' ',
  )

let fonts: PdfFontFiles
let deck: DeckModel
let images: Map<string, DeckImage>
let bytes: Uint8Array
beforeAll(async () => {
  fonts = await loadPdfFonts()
  ;({ deck, images } = sampleDeck())
  bytes = await renderDeckPdf({ deck, images, fonts })
  writeFileSync(join(dir, 'deck.pdf'), bytes)
}, 60_000)

describe('renderDeckPdf', () => {
  it('gives the same bytes for the same input', async () => {
    const again = await renderDeckPdf({ deck, images, fonts })
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true)
  })

  it('makes 16:9 slides: title, agenda, one per screenshot (at least one per step), caveats', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    const steps = deck.steps.reduce((n, s) => n + Math.max(1, s.screenshots.length), 0)
    expect(doc.getPageCount()).toBe(1 + 1 + steps + 1)
    const { width, height } = doc.getPage(0).getSize()
    expect(width / height).toBeCloseTo(16 / 9, 3)
    expect(doc.getTitle()).toBe(deck.title)
  })

  it('reports progress per slide and stops when cancelled', async () => {
    const seen: number[] = []
    await renderDeckPdf({ deck, images, fonts, onProgress: (d) => seen.push(d) })
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1))
    const controller = new AbortController()
    const cancelled = renderDeckPdf({
      deck,
      images,
      fonts,
      signal: controller.signal,
      onProgress: (d) => d === 2 && controller.abort(),
    })
    await expect(cancelled).rejects.toThrow(/cancelled/)
  })

  it('refuses a screenshot that is missing or does not hash to its digest', async () => {
    const sha = deck.steps[0]!.screenshots[0]!.sha256
    const without = new Map(images)
    without.delete(sha)
    await expect(renderDeckPdf({ deck, images: without, fonts })).rejects.toThrow(
      new RegExp(`${shortHash(sha)} \\(step 1\\) is not in the evidence library`),
    )
    const changed = new Map(images)
    changed.set(sha, { title: 'x.png', bytes: new Uint8Array([1, 2, 3]) })
    await expect(renderDeckPdf({ deck, images: changed, fonts })).rejects.toThrow(DeckInputError)
    await expect(renderDeckPdf({ deck: { ...deck, steps: [] }, images, fonts })).rejects.toThrow(
      /no steps/,
    )
  })
})

describe.skipIf(missing.length > 0)('the deck as tools see it', () => {
  it('passes qpdf --check', () => {
    expect(run('qpdf', ['--check', 'deck.pdf'])).toMatch(/No syntax or stream encoding errors/)
  })

  it('is tagged, with slides of 960 × 540 pt', () => {
    const info = run('pdfinfo', ['deck.pdf'])
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/Page size:\s+960 x 540 pts/)
  })

  it('traces every slide to evidence in its footer', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    const n = doc.getPageCount()
    const shown: string[] = []
    for (let p = 1; p <= n; p++) {
      const t = pageText('deck.pdf', p)
      expect(t, `slide ${p}`).toMatch(/Evidence sha256:[0-9a-f]{12}|No screenshot/)
      expect(t, `slide ${p}`).toMatch(/Packets? [A-Za-z0-9]/)
      expect(t, `slide ${p}`).toContain(`${p} / ${n}`)
      shown.push(t)
    }
    // Each step slide names its own packets, and the screenshot it shows by its short hash.
    deck.steps.forEach((step, i) => {
      const slides = shown.filter((t) => t.includes(`STEP ${i + 1} OF ${deck.steps.length}`))
      expect(slides.length, `step ${i + 1}`).toBe(Math.max(1, step.screenshots.length))
      for (const t of slides) for (const id of step.packetIds) expect(t).toContain(id)
      step.screenshots.forEach((s, k) =>
        expect(slides[k]).toContain(`Evidence sha256:${shortHash(s.sha256)}`),
      )
    })
    expect(shown[1]).toContain('What we will show')
    expect(shown[n - 1]).toContain(deck.caveats[0]!.slice(0, 40))
    expect(deckPacketIds(deck).every((id) => shown[1]!.includes(id))).toBe(true)
  })

  it('names the statement digest of a packed packet on slides without a screenshot', async () => {
    const digest = 'ab'.repeat(32)
    const pdf = await renderDeckPdf({
      deck,
      images,
      fonts,
      packetDigests: new Map([['pkt-sprint34-demo', digest]]),
    })
    writeFileSync(join(dir, 'digests.pdf'), pdf)
    // Slide 5 is step 2: no screenshot, packet pkt-sprint34-demo.
    const t = pageText('digests.pdf', 5)
    expect(t).toContain('STEP 2 OF 7')
    expect(t).toContain(
      `No screenshot · Packet pkt-sprint34-demo (statement sha256:${shortHash(digest)})`,
    )
  })

  it('shows KPI target, actual and result in words', () => {
    const t = pageText('deck.pdf', 3)
    expect(t).toContain('Blended search p95')
    expect(t).toContain('Target ≤ 1.25 s · Actual 1.08 s')
    expect(t).toContain('✓ Pass')
    expect(t).toContain('× Fail')
  })
})

describe.skipIf(missing.length > 0)('release notes', () => {
  it('writes Markdown with every packet, signer, digest and change', () => {
    const md = releaseNotesMarkdown(sampleReleaseNotes())
    expect(md).toContain('## DPIA: Northwind Weather API')
    expect(md).toContain('- Template: DPIA 1.0.0')
    expect(md).toContain('Dana Whitfield (Product manager): Approved')
    expect(md).toMatch(/Statement digest: `sha256:[0-9a-f]{64}`/)
    expect(md).toContain('### Changes since revision 1')
    expect(md).toContain('Context › Purpose: Forecasts → Forecasts and alerts')
    expect(md).toContain('Statement digest: not packed yet')
  })

  it('writes a PDF that qpdf accepts and pdftotext reads, the same bytes twice', async () => {
    const input = sampleReleaseNotes()
    const pdf = await releaseNotesPdf(input, fonts)
    expect(Buffer.from(await releaseNotesPdf(input, fonts)).equals(Buffer.from(pdf))).toBe(true)
    writeFileSync(join(dir, 'notes.pdf'), pdf)
    expect(run('qpdf', ['--check', 'notes.pdf'])).toMatch(/No syntax or stream encoding errors/)
    const t = run('pdftotext', ['-enc', 'UTF-8', 'notes.pdf', '-']).replace(/\s+/g, ' ')
    expect(t).toContain('DPIA: Northwind Weather API')
    expect(t).toContain('Product manager')
    expect(t).toContain('Changes since revision 1')
    expect(t).toContain(input.packets[0]!.statementDigest!.slice(0, 32))
  })
})
