// The demo deck as a 16:9 PDF: a title slide, the agenda, one or more slides per demo step
// (screenshots scaled to fit and captioned, KPIs as target vs actual with pass or fail in
// words and colour, the presenter's notes and the packets behind the step) and a caveats slide.
// Every slide's footer traces it to evidence: the short SHA-256 of the screenshots it shows
// and the packet ids it draws on. Built on the packet PDF's modules (fonts with fallback, bidi
// text layout, tagged structure, outline, deterministic writer): same input, same bytes.
// Layout and limits: docs/demo-decks.md.
import { sha256 } from '@noble/hashes/sha2.js'
import { toHex, utf8 } from '../encoding/bytes'
import { canonicalBytes, type JsonValue } from '../json/canonical-json'
import { writePdf, type DocumentInfo } from '../pdf/assemble-pdf'
import { FlowDocument, lineHeightOf, type PageGeometry } from '../pdf/flow-layout'
import type { PageImage, Rgb } from '../pdf/page-canvas'
import { FontSet, type PdfFontFiles } from '../pdf/pdf-fonts'
import { StructureTree, type StructNode } from '../pdf/structure-tree'
import { TextLayout, type TextStyle } from '../pdf/text-layout'
import {
  assertValidDeck,
  deckEvidenceShas,
  deckPacketIds,
  kpiActualText,
  kpiPasses,
  kpiTargetText,
  type DeckKpi,
  type DeckModel,
  type DeckStep,
} from './deck-model'
import { DECK_COLORS as C } from './deck-theme'
import { imageInfo, type ImageInfo } from './image-info'

/** An image evidence file a slide shows, looked up by its SHA-256. */
export interface DeckImage {
  /** The evidence's title or file name, the caption when the step gives none. */
  title: string
  bytes: Uint8Array
}

export interface DeckPdfInput {
  deck: DeckModel
  /** SHA-256 (hex) → image; each must hash to its key. */
  images: ReadonlyMap<string, DeckImage>
  fonts: PdfFontFiles
  /**
   * Packet id → SHA-256 of the statement of its latest signed bundle, shown (shortened) next to
   * the packet id in footers, so a slide without a screenshot still names a hash to check.
   */
  packetDigests?: ReadonlyMap<string, string>
  /** Creation date; defaults to the deck's date at 00:00 UTC. */
  now?: Date
  /** Called after each slide is laid out: (done, total). */
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** 16:9 at 960 × 540 points (13.33 × 7.5 in, the common widescreen slide size). */
export const SLIDE: PageGeometry = {
  width: 960,
  height: 540,
  marginTop: 40,
  marginBottom: 56,
  marginLeft: 48,
  marginRight: 48,
}

const S = {
  kicker: { size: 12, bold: true, color: C.accent },
  title: { size: 30, bold: true, color: C.ink },
  coverTitle: { size: 44, bold: true, color: C.onBand },
  coverSub: { size: 18, color: C.onBandMuted },
  coverFacts: { size: 13, color: C.onBandMuted },
  body: { size: 16, color: C.ink },
  bodyBold: { size: 16, bold: true, color: C.ink },
  notes: { size: 14, color: C.ink },
  lead: { size: 22, color: C.ink },
  label: { size: 11, bold: true, color: C.muted },
  caption: { size: 11, color: C.muted },
  agendaNumber: { size: 18, bold: true, color: C.accent },
  agendaItem: { size: 18, color: C.ink },
  agendaMeta: { size: 11, color: C.muted },
  kpiLabel: { size: 13, bold: true, color: C.ink },
  kpiFigures: { size: 12, color: C.muted },
  pass: { size: 13, bold: true, color: C.pass },
  fail: { size: 13, bold: true, color: C.fail },
  th: { size: 11, bold: true, color: C.muted },
  cell: { size: 14, color: C.ink },
  footer: { size: 9.5, color: C.muted },
  footerOnBand: { size: 9.5, color: C.onBandMuted },
} satisfies Record<string, TextStyle>

export const shortHash = (sha: string): string => sha.slice(0, 12)

export class DeckInputError extends Error {}

/** Renders the deck PDF. Throws DeckInputError naming what is wrong with the input. */
export async function renderDeckPdf(input: DeckPdfInput): Promise<Uint8Array> {
  try {
    assertValidDeck(input.deck)
  } catch (e) {
    throw new DeckInputError((e as Error).message)
  }
  const images = checkImages(input.deck, input.images)
  const fonts = new FontSet(input.fonts)
  const layout = new TextLayout(fonts)
  const struct = new StructureTree()
  const flow = new FlowDocument(layout, struct, SLIDE)
  const r = new DeckRenderer(input, images, flow, struct)
  await r.render()
  const now = input.now ?? new Date(`${input.deck.date}T00:00:00.000Z`)
  return writePdf(flow, struct, fonts, documentInfo(input.deck, images, now))
}

interface CheckedImage extends DeckImage, ImageInfo {
  sha256: string
  resource: string
}

function checkImages(deck: DeckModel, images: ReadonlyMap<string, DeckImage>) {
  const out = new Map<string, CheckedImage>()
  for (const sha of deckEvidenceShas(deck)) {
    const img = images.get(sha)
    const where = deck.steps
      .map((s, i) => (s.screenshots.some((x) => x.sha256 === sha) ? `step ${i + 1}` : ''))
      .filter(Boolean)
      .join(', ')
    if (!img)
      throw new DeckInputError(
        `The screenshot ${shortHash(sha)} (${where}) is not in the evidence library; add it there or remove it from the step.`,
      )
    if (toHex(sha256(img.bytes)) !== sha)
      throw new DeckInputError(
        `The screenshot “${img.title}” (${where}) does not hash to ${shortHash(sha)}; the file changed, so pick it again.`,
      )
    const info = imageInfo(img.bytes)
    if (!info)
      throw new DeckInputError(
        `“${img.title}” (${where}) is not a PNG or JPEG image; only PNG and JPEG screenshots can go on a slide.`,
      )
    out.set(sha, { ...img, ...info, sha256: sha, resource: `Im${out.size + 1}` })
  }
  return out
}

function documentInfo(deck: DeckModel, images: Map<string, CheckedImage>, now: Date): DocumentInfo {
  const model = canonicalBytes(deck as unknown as JsonValue)
  const first = sha256(utf8(`evw-deck:${deck.title}:${deck.date}`)).subarray(0, 16)
  const second = sha256(new Uint8Array([...model, ...utf8([...images.keys()].join(','))])).subarray(
    0,
    16,
  )
  return {
    title: deck.title,
    lang: 'en',
    author: deck.presenter || 'Evidence Workbench',
    subject: `${deck.event || 'Demo deck'}, ${deck.date}: ${deck.steps.length} steps tracing to packets ${deckPacketIds(deck).join(', ')}`,
    keywords: ['demo deck', ...deckPacketIds(deck)],
    now,
    attachments: [],
    id: [first, second],
  }
}

interface SlideTrace {
  evidence: string[]
  packets: string[]
}

/** A slide to draw: its outline title, its footer's trace and how to draw it. */
interface SlidePlan {
  outline: string
  trace: SlideTrace
  draw: (sect: StructNode) => void
}

class DeckRenderer {
  private readonly doc: StructNode
  private readonly deck: DeckModel
  private readonly deckDigest: string

  constructor(
    private readonly input: DeckPdfInput,
    private readonly images: Map<string, CheckedImage>,
    private readonly flow: FlowDocument,
    private readonly struct: StructureTree,
  ) {
    this.doc = struct.root
    this.deck = input.deck
    this.deckDigest = toHex(sha256(canonicalBytes(input.deck as unknown as JsonValue)))
  }

  private get W() {
    return SLIDE.width
  }
  private get H() {
    return SLIDE.height
  }

  async render(): Promise<void> {
    const plans = this.plan()
    const total = plans.length
    for (const [i, plan] of plans.entries()) {
      if (this.input.signal?.aborted) throw abortError()
      this.flow.addPage()
      this.flow.y = 0
      this.flow.bookmark(plan.outline)
      const sect = this.doc.add('Sect', { title: plan.outline })
      plan.draw(sect)
      this.footer(plan.trace, i + 1, total, i === 0)
      this.input.onProgress?.(i + 1, total)
      // Let the page breathe between slides (progress repaint, Cancel).
      if (i % 4 === 3) await Promise.resolve()
    }
  }

  private plan(): SlidePlan[] {
    const all: SlideTrace = {
      evidence: deckEvidenceShas(this.deck),
      packets: deckPacketIds(this.deck),
    }
    const plans: SlidePlan[] = [
      { outline: this.deck.title, trace: all, draw: (s) => this.titleSlide(s) },
    ]
    const perAgenda = 8
    const agendaPages = Math.ceil(this.deck.steps.length / perAgenda)
    for (let p = 0; p < agendaPages; p++) {
      plans.push({
        outline: agendaPages > 1 ? `Agenda (${p + 1} of ${agendaPages})` : 'Agenda',
        trace: all,
        draw: (s) => this.agendaSlide(s, p * perAgenda, perAgenda, p, agendaPages),
      })
    }
    this.deck.steps.forEach((step, i) => {
      const shots = step.screenshots
      const slides = Math.max(1, shots.length)
      for (let k = 0; k < slides; k++) {
        const shot = shots[k]
        plans.push({
          outline:
            slides > 1
              ? `${i + 1}. ${step.title} (${k + 1} of ${slides})`
              : `${i + 1}. ${step.title}`,
          trace: { evidence: shot ? [shot.sha256] : [], packets: step.packetIds },
          draw: (s) => this.stepSlide(s, step, i, k, slides),
        })
      }
    })
    plans.push({ outline: 'Caveats', trace: all, draw: (s) => this.caveatsSlide(s) })
    return plans
  }

  // ---- drawing helpers ----------------------------------------------------------------------

  /** Draws text (wrapped to `width`) as one tagged element; returns the y below it. */
  private text(
    node: StructNode,
    tag: string,
    text: string,
    style: TextStyle,
    x: number,
    top: number,
    width: number,
    maxLines = Infinity,
  ): number {
    const lines = this.flow.layout.lines(text, style, width)
    const shown = lines.slice(0, maxLines)
    if (lines.length > maxLines && shown.length) {
      // Cut the last shown line and mark the cut with an ellipsis.
      const last = shown[shown.length - 1]!
      let t = last.text
      while (t.length > 1 && this.flow.layout.width(`${t}…`, style) > width) t = t.slice(0, -1)
      shown[shown.length - 1] = this.flow.layout.lines(`${t.trimEnd()}…`, style, Infinity)[0]!
    }
    const page = this.flow.page
    this.struct.link(node, page.index, page.beginTagged(tag))
    let y = top
    const h = lineHeightOf(style)
    for (const line of shown) {
      this.flow.drawLine({ line, style, height: h, before: 0 }, x, y, width)
      y += h
    }
    page.end()
    return y
  }

  private decoration(draw: () => void): void {
    this.flow.page.beginArtifact()
    draw()
    this.flow.page.end()
  }

  /** Slide title with a kicker above it; returns the y where the body starts. */
  private heading(sect: StructNode, kicker: string, title: string): number {
    const x = SLIDE.marginLeft
    const w = this.W - SLIDE.marginLeft - SLIDE.marginRight
    this.decoration(() => this.flow.page.fillRect(0, 0, this.W, 6, C.accent))
    const y = this.text(sect.add('P'), 'P', kicker.toUpperCase(), S.kicker, x, 30, w, 1)
    const end = this.text(sect.add('H1'), 'H1', title, S.title, x, y + 2, w, 2)
    this.decoration(() =>
      this.flow.page.line(x, end + 8, this.W - SLIDE.marginRight, end + 8, C.rule, 1),
    )
    return end + 24
  }

  private footer(trace: SlideTrace, n: number, total: number, onBand: boolean): void {
    const style = onBand ? S.footerOnBand : S.footer
    const x = SLIDE.marginLeft
    const right = this.W - SLIDE.marginRight
    const top = this.H - 34
    const pageText = `${this.deck.title} · ${n} / ${total}`
    const pageWidth = this.flow.layout.width(pageText, style)
    const room = right - x - pageWidth - 24
    const traceText = this.traceText(trace, style, room)
    this.decoration(() => {
      if (!onBand) this.flow.page.line(x, top - 8, right, top - 8, C.rule, 0.75)
    })
    this.flow.page.beginArtifact('Pagination')
    const h = lineHeightOf(style)
    const draw = (text: string, lx: number, width: number, align: 'start' | 'end') => {
      const line = this.flow.layout.lines(text, style, Infinity)[0]
      if (line) this.flow.drawLine({ line, style, height: h, before: 0 }, lx, top, width, align)
    }
    draw(traceText, x, room, 'start')
    draw(pageText, right - pageWidth, pageWidth, 'start')
    this.flow.page.end()
  }

  /** "Evidence sha256:… · Packets …", shortened with "+n more" to fit `room`. */
  private traceText(trace: SlideTrace, style: TextStyle, room: number): string {
    const digests = this.input.packetDigests
    const packet = (id: string) => {
      const d = digests?.get(id)
      return d ? `${id} (statement sha256:${shortHash(d)})` : id
    }
    const build = (ev: number, pk: number) => {
      const evidence = trace.evidence.length
        ? `Evidence ${trace.evidence
            .slice(0, ev)
            .map((s) => `sha256:${shortHash(s)}`)
            .join(', ')}${trace.evidence.length > ev ? ` +${trace.evidence.length - ev} more` : ''}`
        : 'No screenshot'
      const packets = trace.packets.length
        ? `${trace.packets.length === 1 ? 'Packet' : 'Packets'} ${trace.packets.slice(0, pk).map(packet).join(', ')}${trace.packets.length > pk ? ` +${trace.packets.length - pk} more` : ''}`
        : 'Packets: none named'
      return `${evidence} · ${packets} · Deck ${this.deckDigest.slice(0, 12)}`
    }
    let ev = trace.evidence.length
    let pk = trace.packets.length
    let t = build(ev, pk)
    while (this.flow.layout.width(t, style) > room && (ev > 1 || pk > 1)) {
      if (ev >= pk && ev > 1) ev--
      else pk--
      t = build(ev, pk)
    }
    return t
  }

  // ---- slides -------------------------------------------------------------------------------

  private titleSlide(sect: StructNode): void {
    const d = this.deck
    this.decoration(() => {
      this.flow.page.fillRect(0, 0, this.W, this.H, C.band)
      this.flow.page.fillRect(SLIDE.marginLeft, 150, 64, 6, C.onBandMuted)
    })
    const x = SLIDE.marginLeft
    const w = this.W - 2 * SLIDE.marginLeft
    let y = this.text(sect.add('H1'), 'H1', d.title, S.coverTitle, x, 176, w, 2)
    const sub = [d.event, d.date, d.presenter].filter((s) => s.trim()).join(' · ')
    if (sub) y = this.text(sect.add('P'), 'P', sub, S.coverSub, x, y + 10, w, 2)
    const shots = deckEvidenceShas(d).length
    const packets = deckPacketIds(d).length
    const facts = `${plural(d.steps.length, 'step')} · ${plural(packets, 'signed packet')} · ${plural(shots, 'screenshot')} · every slide names the evidence it shows`
    this.text(sect.add('P'), 'P', facts, S.coverFacts, x, y + 30, w, 2)
  }

  private agendaSlide(sect: StructNode, from: number, count: number, p: number, pages: number) {
    const top = this.heading(
      sect,
      pages > 1 ? `Agenda · ${p + 1} of ${pages}` : 'Agenda',
      'What we will show',
    )
    const list = sect.add('L')
    const x = SLIDE.marginLeft
    const w = this.W - SLIDE.marginLeft - SLIDE.marginRight
    const steps = this.deck.steps.slice(from, from + count)
    const rowH = Math.min(48, (this.H - SLIDE.marginBottom - top) / Math.max(steps.length, 1))
    steps.forEach((step, k) => {
      const i = from + k
      const y = top + k * rowH
      const li = list.add('LI')
      this.text(li.add('Lbl'), 'Lbl', `${i + 1}`, S.agendaNumber, x, y, 36, 1)
      const body = li.add('LBody')
      this.text(body, 'Span', step.title, S.agendaItem, x + 44, y, w * 0.55 - 44, 1)
      const meta = [
        step.packetIds.length ? step.packetIds.join(', ') : 'no packet named yet',
        step.screenshots.length ? plural(step.screenshots.length, 'screenshot') : '',
        step.kpis.length ? plural(step.kpis.length, 'KPI') : '',
      ]
        .filter(Boolean)
        .join(' · ')
      this.text(body, 'Span', meta, S.agendaMeta, x + w * 0.58, y + 5, w * 0.42, 1)
    })
  }

  private stepSlide(sect: StructNode, step: DeckStep, i: number, k: number, slides: number) {
    const kicker = `Step ${i + 1} of ${this.deck.steps.length}${slides > 1 ? ` · slide ${k + 1} of ${slides}` : ''}`
    const top = this.heading(sect, kicker, step.title)
    const x = SLIDE.marginLeft
    const right = this.W - SLIDE.marginRight
    const bottom = this.H - SLIDE.marginBottom - 4
    const shot = step.screenshots[k]
    const first = k === 0
    // The first slide of a step carries its KPIs, notes and packets beside the screenshot.
    const hasSide = first
    if (shot) {
      const img = this.images.get(shot.sha256)!
      const sideW = hasSide ? 300 : 0
      const boxW = right - x - (hasSide ? sideW + 28 : 0)
      this.figure(sect, img, shot.caption, x, top, boxW, bottom - top, i, k)
      if (hasSide) this.sidePanel(sect, step, right - sideW, top, sideW, bottom)
    } else {
      this.fullPanel(sect, step, x, top, right - x, bottom)
    }
  }

  /** The screenshot, scaled to fit the box keeping its aspect, with a caption below. */
  private figure(
    sect: StructNode,
    img: CheckedImage,
    caption: string,
    x: number,
    top: number,
    w: number,
    h: number,
    step: number,
    k: number,
  ): void {
    const text = `Figure ${step + 1}.${k + 1}: ${caption.trim() || img.title} · sha256:${shortHash(img.sha256)}`
    const capLines = this.flow.layout.lines(text, S.caption, w).slice(0, 2)
    const capH = capLines.length * lineHeightOf(S.caption) + 8
    const scale = Math.min(w / img.width, (h - capH) / img.height)
    const iw = img.width * scale
    const ih = img.height * scale
    const ix = x + (w - iw) / 2
    const fig = sect.add('Figure', { alt: `Screenshot: ${caption.trim() || img.title}` })
    const page = this.flow.page
    this.struct.link(fig, page.index, page.beginTagged('Figure'))
    const image: PageImage = { bytes: img.bytes, format: img.format }
    page.image(img.resource, image, ix, top, iw, ih)
    page.end()
    this.decoration(() => page.strokeRect(ix, top, iw, ih, C.rule, 0.75))
    this.text(fig.add('Caption'), 'Caption', text, S.caption, x, top + ih + 8, w, 2)
  }

  /** KPIs as cards, then notes and packets, in a column beside the screenshot. */
  private sidePanel(
    sect: StructNode,
    step: DeckStep,
    x: number,
    top: number,
    w: number,
    bottom: number,
  ) {
    let y = top
    if (step.kpis.length) {
      y = this.text(sect.add('H2'), 'H2', 'KPIs', S.label, x, y, w, 1) + 4
      const table = sect.add('Table')
      for (const kpi of step.kpis) {
        if (y + 52 > bottom) break
        y = this.kpiCard(table, kpi, x, y, w) + 8
      }
    }
    if (y + 40 < bottom) y = this.notesBlock(sect, step, x, y + 6, w, bottom)
  }

  private kpiCard(table: StructNode, kpi: DeckKpi, x: number, top: number, w: number): number {
    const pass = kpiPasses(kpi)
    const tr = table.add('TR')
    const pad = 8
    const verdict = pass ? '✓ Pass' : '× Fail'
    const vStyle = pass ? S.pass : S.fail
    const vw = this.flow.layout.width(verdict, vStyle) + 16
    const labelLines = this.flow.layout.lines(kpi.label, S.kpiLabel, w - vw - 3 * pad).slice(0, 2)
    const h = labelLines.length * lineHeightOf(S.kpiLabel) + lineHeightOf(S.kpiFigures) + 2 * pad
    const fill: Rgb = pass ? C.passFill : C.failFill
    const edge: Rgb = pass ? C.pass : C.fail
    this.decoration(() => {
      this.flow.page.fillRect(x, top, w, h, C.panel)
      this.flow.page.fillRect(x, top, 4, h, edge)
      this.flow.page.fillRect(x + w - vw - pad, top + pad - 2, vw, lineHeightOf(vStyle) + 4, fill)
    })
    const y = this.text(
      tr.add('TH', { attributes: { O: 'Table', Scope: 'Row' } }),
      'TH',
      kpi.label,
      S.kpiLabel,
      x + pad + 4,
      top + pad,
      w - vw - 3 * pad,
      2,
    )
    this.text(
      tr.add('TD'),
      'TD',
      `Target ${kpiTargetText(kpi)} · Actual ${kpiActualText(kpi)}`,
      S.kpiFigures,
      x + pad + 4,
      y,
      w - 2 * pad,
      1,
    )
    this.text(tr.add('TD'), 'TD', verdict, vStyle, x + w - vw - pad + 8, top + pad, vw - 8, 1)
    return top + h
  }

  private notesBlock(
    sect: StructNode,
    step: DeckStep,
    x: number,
    top: number,
    w: number,
    bottom: number,
    style: TextStyle = S.notes,
  ): number {
    let y = top
    if (step.notes.trim()) {
      y = this.text(sect.add('H2'), 'H2', 'Notes', S.label, x, y, w, 1) + 2
      const room = Math.floor((bottom - y - 44) / lineHeightOf(style))
      if (room > 0) y = this.text(sect.add('P'), 'P', step.notes, style, x, y, w, room) + 14
    }
    if (y + 36 <= bottom) {
      const label = step.packetIds.length > 1 ? 'Signed packets' : 'Signed packet'
      y = this.text(sect.add('H2'), 'H2', label, S.label, x, y, w, 1) + 2
      y = this.text(sect.add('P'), 'P', step.packetIds.join(', '), S.notes, x, y, w, 2)
    }
    return y
  }

  /** A step without a screenshot: the KPI table across the slide, then notes and packets. */
  private fullPanel(
    sect: StructNode,
    step: DeckStep,
    x: number,
    top: number,
    w: number,
    bottom: number,
  ) {
    let y = top
    if (step.kpis.length) {
      const cols = [
        { header: 'KPI', width: w * 0.4 },
        { header: 'Target', width: w * 0.18 },
        { header: 'Actual', width: w * 0.18 },
        { header: 'Result', width: w * 0.24 },
      ]
      const table = sect.add('Table')
      const rowH = 34
      const head = table.add('TR')
      this.decoration(() => this.flow.page.fillRect(x, y, w, 26, C.panel))
      let cx = x
      for (const c of cols) {
        this.text(
          head.add('TH', { attributes: { O: 'Table', Scope: 'Column' } }),
          'TH',
          c.header,
          S.th,
          cx + 10,
          y + 6,
          c.width - 20,
          1,
        )
        cx += c.width
      }
      y += 26
      for (const kpi of step.kpis) {
        if (y + rowH > bottom - 60) break
        const pass = kpiPasses(kpi)
        const tr = table.add('TR')
        const cells: [string, TextStyle][] = [
          [kpi.label, S.bodyBold],
          [kpiTargetText(kpi), S.cell],
          [kpiActualText(kpi), { ...S.cell, bold: true, color: pass ? C.pass : C.fail }],
          [pass ? '✓ Pass' : '× Fail', pass ? S.pass : S.fail],
        ]
        const resultX = x + cols[0]!.width + cols[1]!.width + cols[2]!.width
        this.decoration(() => {
          this.flow.page.fillRect(
            resultX + 6,
            y + 5,
            cols[3]!.width - 12,
            rowH - 10,
            pass ? C.passFill : C.failFill,
          )
          this.flow.page.fillRect(resultX + 6, y + 5, 4, rowH - 10, pass ? C.pass : C.fail)
          this.flow.page.line(x, y + rowH, x + w, y + rowH, C.rule, 0.75)
        })
        cx = x
        cells.forEach(([t, st], ci) => {
          const node =
            ci === 0 ? tr.add('TH', { attributes: { O: 'Table', Scope: 'Row' } }) : tr.add('TD')
          this.text(
            node,
            node.type,
            t,
            st,
            cx + (ci === 3 ? 18 : 10),
            y + (rowH - lineHeightOf(st)) / 2,
            cols[ci]!.width - 24,
            1,
          )
          cx += cols[ci]!.width
        })
        y += rowH
      }
      y += 18
    }
    // Without KPIs the notes are what the slide says: set them large.
    this.notesBlock(sect, step, x, y, w, bottom, step.kpis.length ? S.notes : S.lead)
  }

  private caveatsSlide(sect: StructNode): void {
    const top = this.heading(sect, 'Caveats', 'What this demo does not show')
    const x = SLIDE.marginLeft
    const w = this.W - SLIDE.marginLeft - SLIDE.marginRight
    const bottom = this.H - SLIDE.marginBottom
    const caveats = this.deck.caveats.filter((c) => c.trim())
    if (caveats.length === 0) {
      this.text(sect.add('P'), 'P', 'No caveats were recorded for this demo.', S.body, x, top, w)
      return
    }
    const list = sect.add('L')
    let y = top
    for (const [i, c] of caveats.entries()) {
      const lines = Math.max(1, Math.floor((bottom - y) / lineHeightOf(S.body)))
      if (lines < 1 || y + lineHeightOf(S.body) > bottom) {
        this.text(
          sect.add('P'),
          'P',
          `… and ${caveats.length - i} more caveats, listed in the release notes.`,
          S.caption,
          x,
          bottom - 18,
          w,
          1,
        )
        break
      }
      const li = list.add('LI')
      this.text(li.add('Lbl'), 'Lbl', '•', S.agendaNumber, x, y - 2, 20, 1)
      y = this.text(li.add('LBody'), 'LBody', c, S.body, x + 24, y, w - 24, Math.min(lines, 4)) + 10
    }
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function abortError(): Error {
  const e = new Error('Making the deck PDF was cancelled.')
  e.name = 'AbortError'
  return e
}
