// A small flow layout for documents: a cursor moving down pages, paragraphs that continue on
// the next page, headings kept with what follows, and tables whose rows split across pages
// with the header row repeated. Everything drawn is tagged: content is linked to a structure
// element, decoration and repeated headers are artifacts.
import { PageCanvas, type Rgb } from './page-canvas'
import type { PdfFontFace } from './pdf-fonts'
import type { OutlineItem, StructNode, StructureTree } from './structure-tree'
import type { TextLayout, TextLine, TextStyle } from './text-layout'

export interface PageGeometry {
  width: number
  height: number
  marginTop: number
  marginBottom: number
  marginLeft: number
  marginRight: number
}

/** A4 portrait with 20 mm side margins, room above and below for the running header and footer. */
export const A4: PageGeometry = {
  width: 595.28,
  height: 841.89,
  marginTop: 74,
  marginBottom: 70,
  marginLeft: 56.7,
  marginRight: 56.7,
}

export const COLORS = {
  ink: [0.11, 0.13, 0.16],
  muted: [0.36, 0.4, 0.45],
  faint: [0.55, 0.58, 0.62],
  rule: [0.8, 0.82, 0.85],
  headerFill: [0.93, 0.945, 0.96],
  zebra: [0.975, 0.98, 0.985],
  accent: [0.04, 0.31, 0.52],
  good: [0.09, 0.45, 0.24],
  goodFill: [0.91, 0.96, 0.92],
  bad: [0.67, 0.13, 0.1],
  badFill: [0.99, 0.92, 0.91],
  neutralFill: [0.99, 0.96, 0.88],
  neutral: [0.55, 0.38, 0.02],
} as const satisfies Record<string, Rgb>

export const lineHeightOf = (style: TextStyle): number => style.size * 1.42

/** Styled text in one cell or block: paragraphs, each with its own style. */
export interface Block {
  text: string
  style: TextStyle
  /** Space before this paragraph, in points. */
  before?: number
}

export interface LaidBlock {
  lines: { line: TextLine; style: TextStyle; height: number; before: number }[]
  height: number
}

export interface TableColumn {
  header: string
  /** Width in points. */
  width: number
}

export interface TableOptions {
  parent: StructNode
  headerStyle: TextStyle
  /** Draw the header row (default true); without it, `columns[].header` is unused. */
  columnHeaders?: boolean
  /** The first cell of each row heads that row (tagged TH with scope Row). */
  rowHeaders?: boolean
  /** Start on a new page unless the whole table fits (when it fits on one page at all). */
  keepTogether?: boolean
  /** Shade every other row. */
  zebra?: boolean
  /** Cell padding, in points. */
  padding?: number
}

export class FlowDocument {
  readonly pages: PageCanvas[] = []
  readonly outline: OutlineItem[] = []
  y = 0
  private readonly fontNames = new Map<PdfFontFace, string>()

  constructor(
    readonly layout: TextLayout,
    readonly struct: StructureTree,
    readonly geometry: PageGeometry = A4,
  ) {}

  get page(): PageCanvas {
    return this.pages[this.pages.length - 1]!
  }

  get left(): number {
    return this.geometry.marginLeft
  }

  get contentWidth(): number {
    return this.geometry.width - this.geometry.marginLeft - this.geometry.marginRight
  }

  get bottom(): number {
    return this.geometry.height - this.geometry.marginBottom
  }

  /** The resource name of a face, the same on every page. */
  fontName = (face: PdfFontFace): string => {
    let name = this.fontNames.get(face)
    if (!name) {
      name = `F${this.fontNames.size + 1}`
      this.fontNames.set(face, name)
    }
    return name
  }

  addPage(): PageCanvas {
    const page = new PageCanvas(
      this.pages.length,
      this.geometry.width,
      this.geometry.height,
      this.fontName,
    )
    this.pages.push(page)
    this.y = this.geometry.marginTop
    return page
  }

  remaining(): number {
    return this.bottom - this.y
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.pages.length === 0 || this.y + height > this.bottom) this.addPage()
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom)
  }

  /** Adds a bookmark for the current position. */
  bookmark(title: string, parent?: OutlineItem): OutlineItem {
    const item: OutlineItem = { title, page: this.pages.length - 1, top: this.y, children: [] }
    ;(parent ? parent.children : this.outline).push(item)
    return item
  }

  lay(blocks: Block[], width: number): LaidBlock {
    const lines: LaidBlock['lines'] = []
    let height = 0
    for (const b of blocks) {
      const laid = this.layout.lines(b.text, b.style, width)
      laid.forEach((line, i) => {
        const before = i === 0 ? (b.before ?? 0) : 0
        const h = lineHeightOf(b.style)
        lines.push({ line, style: b.style, height: h, before })
        height += h + before
      })
    }
    return { lines, height }
  }

  /** Draws one laid line with its top at `top`; right-to-left lines align right within `width`. */
  drawLine(
    entry: LaidBlock['lines'][number],
    x: number,
    top: number,
    width: number,
    align: 'start' | 'end' = 'start',
  ): void {
    const { line, style } = entry
    const right = line.rtl ? align === 'start' : align === 'end'
    const lx = right ? x + width - line.width : x
    const baseline = top + entry.before + style.size * 1.06
    this.page.text(line, lx, baseline, style.color ?? COLORS.ink)
  }

  /**
   * Draws text blocks as one structure element (`node`), continuing on new pages as needed.
   */
  flow(
    blocks: Block[],
    node: StructNode,
    options: { x?: number; width?: number; tag?: string; align?: 'start' | 'end' } = {},
  ): void {
    const x = options.x ?? this.left
    const width = options.width ?? this.contentWidth
    const laid = this.lay(blocks, width)
    const tag = options.tag ?? node.type
    let open = false
    for (const entry of laid.lines) {
      if (this.pages.length === 0 || this.y + entry.before + entry.height > this.bottom) {
        if (open) this.page.end()
        open = false
        this.addPage()
      }
      if (!open) {
        this.struct.link(node, this.page.index, this.page.beginTagged(tag))
        open = true
      }
      this.drawLine(entry, x, this.y, width, options.align)
      this.y += entry.before + entry.height
    }
    if (open) this.page.end()
  }

  /**
   * A table: a header row of column titles, then rows of cells, each cell a list of blocks.
   * A row that does not fit moves to the next page, or splits line by line when it is taller
   * than a page; the header row repeats (as an artifact) at the top of each continued page.
   */
  table(columns: TableColumn[], rows: Block[][][], options: TableOptions): StructNode {
    const pad = options.padding ?? 4
    const table = options.parent.add('Table')
    const xs: number[] = []
    let acc = this.left
    for (const c of columns) {
      xs.push(acc)
      acc += c.width
    }
    const totalWidth = acc - this.left
    const headerLaid = columns.map((c) =>
      this.lay([{ text: c.header, style: options.headerStyle }], c.width - 2 * pad),
    )
    const withHeader = options.columnHeaders !== false
    const headerHeight = withHeader ? Math.max(...headerLaid.map((l) => l.height)) + 2 * pad : 0

    const drawHeader = (repeat: boolean) => {
      if (!withHeader) return
      const top = this.y
      this.page.beginArtifact()
      this.page.fillRect(this.left, top, totalWidth, headerHeight, COLORS.headerFill)
      this.page.line(
        this.left,
        top + headerHeight,
        this.left + totalWidth,
        top + headerHeight,
        COLORS.faint,
        0.6,
      )
      this.page.end()
      const tr = repeat ? undefined : table.add('TR')
      columns.forEach((_, i) => {
        const th = tr?.add('TH', { attributes: { O: 'Table', Scope: 'Column' } })
        if (th) this.struct.link(th, this.page.index, this.page.beginTagged('TH'))
        else this.page.beginArtifact('Pagination')
        let ly = top + pad
        for (const entry of headerLaid[i]!.lines) {
          this.drawLine(entry, xs[i]! + pad, ly, columns[i]!.width - 2 * pad)
          ly += entry.before + entry.height
        }
        this.page.end()
      })
      this.y = top + headerHeight
    }

    const laidRows = rows.map((row) =>
      row.map((cell, i) => this.lay(cell, columns[i]!.width - 2 * pad)),
    )
    const rowHeight = (r: LaidBlock[]) => Math.max(...r.map((c) => c.height)) + 2 * pad
    const whole = headerHeight + laidRows.reduce((n, r) => n + rowHeight(r), 0)
    if (options.keepTogether && whole <= this.bottom - this.geometry.marginTop) this.ensure(whole)
    else this.ensure(headerHeight + Math.min(laidRows[0] ? rowHeight(laidRows[0]) : 0, 4 * 14))
    drawHeader(false)
    rows.forEach((row, rowIndex) => {
      const laid = laidRows[rowIndex]!
      const tr = table.add('TR')
      const tds = row.map((_, i) =>
        i === 0 && options.rowHeaders
          ? tr.add('TH', { attributes: { O: 'Table', Scope: 'Row' } })
          : tr.add('TD'),
      )
      const next = laid.map(() => 0) // next line to draw, per cell
      const full = Math.max(...laid.map((l) => l.height)) + 2 * pad
      const pageRoom = this.bottom - this.geometry.marginTop - headerHeight
      if (full > this.remaining() && full <= pageRoom) {
        this.addPage()
        drawHeader(true)
      }
      while (next.some((n, i) => n < laid[i]!.lines.length)) {
        if (this.remaining() < 2 * pad + 14) {
          this.addPage()
          drawHeader(true)
        }
        const room = this.remaining() - 2 * pad
        const top = this.y
        // How many lines of each cell fit in the room left on this page.
        const take = laid.map((l, i) => {
          let h = 0
          let k = next[i]!
          while (k < l.lines.length && h + l.lines[k]!.before + l.lines[k]!.height <= room) {
            h += l.lines[k]!.before + l.lines[k]!.height
            k++
          }
          return { end: k, height: h }
        })
        const drawnHeight = Math.max(...take.map((t) => t.height)) + 2 * pad
        if (options.zebra && rowIndex % 2 === 1) {
          this.page.beginArtifact()
          this.page.fillRect(this.left, top, totalWidth, drawnHeight, COLORS.zebra)
          this.page.end()
        }
        laid.forEach((l, i) => {
          const t = take[i]!
          if (t.end === next[i]) return
          this.struct.link(tds[i]!, this.page.index, this.page.beginTagged(tds[i]!.type))
          let ly = top + pad
          for (let k = next[i]!; k < t.end; k++) {
            const entry = l.lines[k]!
            this.drawLine(entry, xs[i]! + pad, ly, columns[i]!.width - 2 * pad)
            ly += entry.before + entry.height
          }
          this.page.end()
          next[i] = t.end
        })
        this.page.beginArtifact()
        this.page.line(
          this.left,
          top + drawnHeight,
          this.left + totalWidth,
          top + drawnHeight,
          COLORS.rule,
          0.5,
        )
        this.page.end()
        this.y = top + drawnHeight
        if (next.some((n, i) => n < laid[i]!.lines.length)) {
          this.addPage()
          drawHeader(true)
        }
      }
    })
    return table
  }
}
