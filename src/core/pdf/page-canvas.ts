// One page's content stream, written operator by operator. Coordinates are in points from the
// page's top-left corner (y grows downwards) and are turned into PDF space here. Text is drawn
// glyph by glyph from shaped lines (Identity-H, two bytes per glyph id), so what fontkit
// positioned is exactly what the page shows.
import type { PdfFontFace } from './pdf-fonts'
import type { TextLine } from './text-layout'

export type Rgb = readonly [number, number, number]

/** A raster image drawn on a page (PNG or JPEG bytes), embedded once per document by name. */
export interface PageImage {
  bytes: Uint8Array
  format: 'png' | 'jpeg'
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000
  return Object.is(r, -0) ? '0' : String(r)
}
const rgb = (c: Rgb) => c.map(num).join(' ')

/** A PDF text string for a marked-content property list (UTF-16BE, hex). */
export function pdfTextHex(text: string): string {
  let hex = 'feff'
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0')
  return `<${hex}>`
}

export class PageCanvas {
  readonly ops: string[] = []
  /** Resource name → face, for the page's /Font resources. */
  readonly fonts = new Map<string, PdfFontFace>()
  /** Resource name → image, for the page's /XObject resources. */
  readonly images = new Map<string, PageImage>()
  private mcid = 0

  constructor(
    readonly index: number,
    readonly width: number,
    readonly height: number,
    private readonly fontName: (face: PdfFontFace) => string,
  ) {}

  /** Starts tagged content; returns its marked-content id on this page. */
  beginTagged(tag: string): number {
    const id = this.mcid++
    this.ops.push(`/${tag} <</MCID ${id}>> BDC`)
    return id
  }

  beginArtifact(kind: 'Pagination' | 'Layout' = 'Layout'): void {
    this.ops.push(`/Artifact <</Type /${kind}>> BDC`)
  }

  end(): void {
    this.ops.push('EMC')
  }

  get nextMcid(): number {
    return this.mcid
  }

  fillRect(x: number, top: number, w: number, h: number, color: Rgb): void {
    this.ops.push(
      `q ${rgb(color)} rg ${num(x)} ${num(this.height - top - h)} ${num(w)} ${num(h)} re f Q`,
    )
  }

  strokeRect(x: number, top: number, w: number, h: number, color: Rgb, lineWidth = 0.5): void {
    this.ops.push(
      `q ${rgb(color)} RG ${num(lineWidth)} w ${num(x)} ${num(this.height - top - h)} ${num(w)} ${num(h)} re S Q`,
    )
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb, lineWidth = 0.5): void {
    this.ops.push(
      `q ${rgb(color)} RG ${num(lineWidth)} w ${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l S Q`,
    )
  }

  /** Draws an image (resource `name`) into the box with top-left corner (x, top). */
  image(name: string, image: PageImage, x: number, top: number, w: number, h: number): void {
    this.images.set(name, image)
    this.ops.push(
      `q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(this.height - top - h)} cm /${name} Do Q`,
    )
  }

  /**
   * Draws a shaped line with its left edge at `x` and its baseline at `baseline` (from the
   * top). Lines whose drawn order differs from reading order carry their text as ActualText.
   */
  text(line: TextLine, x: number, baseline: number, color: Rgb): void {
    if (line.runs.length === 0) return
    if (line.needsActualText) this.ops.push(`/Span <</ActualText ${pdfTextHex(line.text)}>> BDC`)
    const y = this.height - baseline
    const out: string[] = ['BT', `${rgb(color)} rg`]
    let pen = x
    let currentFont = ''
    let fauxBold = false
    for (const run of line.runs) {
      const name = this.fontName(run.face)
      this.fonts.set(name, run.face)
      const fontOp = `/${name} ${num(run.size)} Tf`
      if (fontOp !== currentFont) {
        out.push(fontOp)
        currentFont = fontOp
      }
      if (run.fauxBold !== fauxBold) {
        fauxBold = run.fauxBold
        out.push(fauxBold ? `2 Tr ${rgb(color)} RG ${num(run.size * 0.035)} w` : '0 Tr')
      }
      const scale = run.size / run.face.unitsPerEm
      let segment: string[] = []
      const flush = () => {
        if (segment.length) out.push(`[${segment.join('')}] TJ`)
        segment = []
      }
      let segmentOpen = false
      for (const g of run.glyphs) {
        const id = run.face.use(g)
        const hex = `<${id.toString(16).padStart(4, '0')}>`
        if (g.xOffset !== 0 || g.yOffset !== 0) {
          flush()
          out.push(`1 0 0 1 ${num(pen + g.xOffset * scale)} ${num(y + g.yOffset * scale)} Tm`)
          out.push(`[${hex}] TJ`)
          segmentOpen = false
        } else {
          if (!segmentOpen) {
            flush()
            out.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`)
            segmentOpen = true
          }
          segment.push(hex)
          const adjust = g.xAdvance - g.advanceWidth
          if (adjust !== 0) segment.push(` ${num((-adjust * 1000) / run.face.unitsPerEm)} `)
        }
        pen += g.xAdvance * scale
      }
      flush()
    }
    if (fauxBold) out.push('0 Tr')
    out.push('ET')
    this.ops.push(out.join('\n'))
    if (line.needsActualText) this.ops.push('EMC')
  }

  content(): string {
    return `${this.ops.join('\n')}\n`
  }
}
