// The fonts a packet PDF embeds, and their embedding as subsets. The caller supplies the font
// files' bytes (Node reads resources/fonts/, the app loads them as assets), so this module
// stays platform-free. Every face is a TrueType (or CFF) font read with fontkit; only the
// glyphs a document uses are embedded, as a CIDFontType2 (or CIDFontType0) font under
// Identity-H with a ToUnicode map, so text can be searched and copied.
import fontkit from '@pdf-lib/fontkit'
import { sha256 } from '@noble/hashes/sha2.js'
import { PDFArray, PDFNumber, PDFString, type PDFContext, type PDFRef } from 'pdf-lib'

/** The font files, by role. `fallbacks` are tried in order for characters `regular` lacks. */
export interface PdfFontFiles {
  regular: Uint8Array
  bold: Uint8Array
  fallbacks: { name: string; regular: Uint8Array; bold?: Uint8Array }[]
}

/** File names under resources/fonts/, in the roles PdfFontFiles gives them. */
export const PDF_FONT_FILE_NAMES = {
  regular: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  fallbacks: [
    { name: 'hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
    { name: 'arabic', regular: 'NotoSansArabic-Regular.ttf' },
    { name: 'cjk', regular: 'WenQuanYiMicroHei.ttf' },
  ],
} as const

// The parts of fontkit's API used here (its bundled typings omit layout's script and
// direction arguments).
interface FkGlyph {
  id: number
  codePoints: number[]
  advanceWidth: number
}
interface FkPosition {
  xAdvance: number
  xOffset: number
  yOffset: number
}
interface FkSubset {
  includeGlyph(glyph: number | FkGlyph): number
  encodeStream(): {
    on(event: 'data' | 'end' | 'error', cb: (data: Uint8Array) => void): unknown
  }
}
interface FkFont {
  postscriptName: string | null
  unitsPerEm: number
  ascent: number
  descent: number
  capHeight: number
  xHeight: number
  italicAngle: number
  bbox: { minX: number; minY: number; maxX: number; maxY: number }
  cff?: unknown
  'OS/2'?: { sFamilyClass: number }
  post?: { isFixedPitch: boolean }
  head?: { macStyle: { italic: boolean } }
  hasGlyphForCodePoint(codePoint: number): boolean
  layout(
    text: string,
    features: string[],
    script?: string,
    language?: string | null,
    direction?: 'ltr' | 'rtl',
  ): { glyphs: FkGlyph[]; positions: FkPosition[] }
  createSubset(): FkSubset
}

export interface ShapedGlyph {
  /** The glyph id in the original font. */
  id: number
  codePoints: number[]
  /** In font units. */
  xAdvance: number
  xOffset: number
  yOffset: number
  /** The glyph's own advance width (what the PDF's /W array says), in font units. */
  advanceWidth: number
}

/**
 * One font file, read with fontkit, that records the glyphs a document draws with it so that
 * only those are embedded.
 */
export class PdfFontFace {
  readonly font: FkFont
  readonly unitsPerEm: number
  /** PDF resource name, e.g. F1; set when first used on a page. */
  resourceName = ''
  private subset: FkSubset | undefined
  private readonly subsetIds = new Map<number, number>()
  private readonly used = new Map<number, { codePoints: number[]; width: number }>()
  private readonly coverage = new Map<number, boolean>()

  constructor(
    readonly key: string,
    bytes: Uint8Array,
  ) {
    this.font = fontkit.create(bytes) as unknown as FkFont
    this.unitsPerEm = this.font.unitsPerEm
  }

  has(codePoint: number): boolean {
    let v = this.coverage.get(codePoint)
    if (v === undefined) {
      v = this.font.hasGlyphForCodePoint(codePoint)
      this.coverage.set(codePoint, v)
    }
    return v
  }

  /** Shapes one run of text: glyphs in visual order (reversed for right-to-left). */
  shape(text: string, script: string, direction: 'ltr' | 'rtl'): ShapedGlyph[] {
    const run = this.font.layout(text, [], script, null, direction)
    return run.glyphs.map((g, i) => {
      const p = run.positions[i]!
      return {
        id: g.id,
        codePoints: g.codePoints,
        xAdvance: p.xAdvance,
        xOffset: p.xOffset,
        yOffset: p.yOffset,
        advanceWidth: g.advanceWidth,
      }
    })
  }

  /** The glyph's id in the embedded subset, recording it for the subset and ToUnicode map. */
  use(glyph: ShapedGlyph): number {
    const known = this.subsetIds.get(glyph.id)
    if (known !== undefined) return known
    this.subset ??= evenGlyphRecords(this.font.createSubset())
    const id = this.subset.includeGlyph(glyph.id)
    this.subsetIds.set(glyph.id, id)
    this.used.set(id, { codePoints: glyph.codePoints, width: glyph.advanceWidth })
    return id
  }

  get isUsed(): boolean {
    return this.subset !== undefined
  }

  /** Writes the subset font and its dictionaries; returns the Type0 font dictionary's ref. */
  async embed(context: PDFContext): Promise<PDFRef> {
    const subset = this.subset ?? evenGlyphRecords(this.font.createSubset())
    const fontBytes = await encodeSubset(subset)
    const cff = Boolean(this.font.cff)
    const scale = 1000 / this.unitsPerEm
    const baseFont = `${subsetTag(this.key, [...this.subsetIds.keys()])}+${(this.font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '')}`
    const fontFile = context.flateStream(fontBytes, cff ? { Subtype: 'CIDFontType0C' } : {})
    const f = this.font
    const descriptor = context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: fontFlags(f),
      FontBBox: [f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY].map((n) =>
        Math.round(n * scale),
      ),
      ItalicAngle: f.italicAngle,
      Ascent: Math.round(f.ascent * scale),
      Descent: Math.round(f.descent * scale),
      CapHeight: Math.round((f.capHeight || f.ascent) * scale),
      XHeight: Math.round((f.xHeight || 0) * scale),
      StemV: 80,
      [cff ? 'FontFile3' : 'FontFile2']: context.register(fontFile),
    })
    const cidFont = context.obj({
      Type: 'Font',
      Subtype: cff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: {
        Registry: PDFString.of('Adobe'),
        Ordering: PDFString.of('Identity'),
        Supplement: 0,
      },
      FontDescriptor: context.register(descriptor),
      W: this.widths(context, scale),
      ...(cff ? {} : { CIDToGIDMap: 'Identity' }),
    })
    const toUnicode = context.flateStream(this.toUnicodeCMap())
    const type0 = context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [context.register(cidFont)],
      ToUnicode: context.register(toUnicode),
    })
    return context.register(type0)
  }

  private widths(context: PDFContext, scale: number): PDFArray {
    const ids = [...this.used.keys()].sort((a, b) => a - b)
    const out = PDFArray.withContext(context)
    let i = 0
    while (i < ids.length) {
      const start = ids[i]!
      const run = PDFArray.withContext(context)
      let next = start
      while (i < ids.length && ids[i] === next) {
        run.push(PDFNumber.of(Math.round(this.used.get(next)!.width * scale)))
        next++
        i++
      }
      out.push(PDFNumber.of(start))
      out.push(run)
    }
    return out
  }

  private toUnicodeCMap(): string {
    const entries = [...this.used.entries()]
      .filter(([, u]) => u.codePoints.length > 0)
      .sort((a, b) => a[0] - b[0])
    const hex4 = (n: number) => n.toString(16).padStart(4, '0')
    const utf16 = (cps: number[]) =>
      cps
        .map((cp) =>
          cp > 0xffff
            ? hex4(0xd800 + ((cp - 0x10000) >> 10)) + hex4(0xdc00 + ((cp - 0x10000) & 0x3ff))
            : hex4(cp),
        )
        .join('')
    const lines = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <ffff>',
      'endcodespacerange',
    ]
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100)
      lines.push(`${chunk.length} beginbfchar`)
      for (const [id, u] of chunk) lines.push(`<${hex4(id)}> <${utf16(u.codePoints)}>`)
      lines.push('endbfchar')
    }
    lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end')
    return `${lines.join('\n')}\n`
  }
}

/**
 * fontkit's TrueType subsetter copies each glyph record as it is and may then write a short
 * loca table, which stores offsets halved: a font whose glyph records have odd lengths (Droid
 * Sans Fallback has thousands) comes out with every later glyph misplaced. This pads each copied
 * record to an even length, which the format allows.
 */
function evenGlyphRecords(subset: FkSubset): FkSubset {
  const s = subset as FkSubset & {
    _addGlyph?: (gid: number) => number
    glyf?: Uint8Array[]
    offset?: number
  }
  const add = s._addGlyph
  if (typeof add !== 'function') return subset
  s._addGlyph = function (this: typeof s, gid: number) {
    const id = add.call(this, gid)
    const glyf = this.glyf
    const last = glyf?.[glyf.length - 1]
    if (glyf && last && last.length % 2 === 1) {
      // Keep fontkit's own buffer type (Node's Buffer or its browser stand-in).
      const padded = (last.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(
        last.length + 1,
      )
      padded.set(last)
      glyf[glyf.length - 1] = padded
      this.offset = (this.offset ?? 0) + 1
    }
    return id
  }
  return subset
}

function encodeSubset(subset: FkSubset): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = []
    const stream = subset.encodeStream()
    stream.on('data', (b) => parts.push(b))
    stream.on('error', (e) => reject(e as unknown as Error))
    stream.on('end', () => {
      const total = parts.reduce((n, p) => n + p.length, 0)
      const out = new Uint8Array(total)
      let at = 0
      for (const p of parts) {
        out.set(p, at)
        at += p.length
      }
      resolve(out)
    })
  })
}

/** Six capital letters naming a subset, derived from its glyphs: equal input, equal name. */
function subsetTag(key: string, glyphIds: number[]): string {
  const digest = sha256(new TextEncoder().encode(`${key}:${glyphIds.join(',')}`))
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('')
}

/** PDF font descriptor flags (ISO 32000-1, 9.8.2): symbolic, plus fixed pitch and serif hints. */
function fontFlags(f: FkFont): number {
  const familyClass = (f['OS/2']?.sFamilyClass ?? 0) >> 8
  let flags = 4 // Symbolic: glyphs are addressed by id, not by a standard encoding.
  if (f.post?.isFixedPitch) flags |= 1
  if (familyClass >= 1 && familyClass <= 7) flags |= 2
  if (f.head?.macStyle.italic) flags |= 64
  return flags
}

/** A face chosen for a character; `fauxBold` when a regular face stands in for a bold one. */
export interface FaceChoice {
  face: PdfFontFace
  fauxBold: boolean
}

/** The faces of one document: a regular and a bold main face, then the fallbacks. */
export class FontSet {
  readonly regular: PdfFontFace
  readonly bold: PdfFontFace
  private readonly fallbacks: { regular: () => PdfFontFace; bold?: () => PdfFontFace }[]
  private readonly faces: PdfFontFace[] = []

  constructor(files: PdfFontFiles) {
    this.regular = this.add('regular', files.regular)
    this.bold = this.add('bold', files.bold)
    this.fallbacks = files.fallbacks.map((f) => ({
      regular: this.lazy(f.name, f.regular),
      ...(f.bold ? { bold: this.lazy(`${f.name}-bold`, f.bold) } : {}),
    }))
  }

  private add(key: string, bytes: Uint8Array): PdfFontFace {
    const face = new PdfFontFace(key, bytes)
    this.faces.push(face)
    return face
  }

  /** Fallback fonts are parsed only when a character needs them. */
  private lazy(key: string, bytes: Uint8Array): () => PdfFontFace {
    let face: PdfFontFace | undefined
    return () => (face ??= this.add(key, bytes))
  }

  /**
   * The face that draws `codePoint`: the main face of that weight, else the first fallback that
   * has it (its bold face, or its regular one emboldened). Undefined when no face has it.
   */
  faceFor(codePoint: number, bold: boolean): FaceChoice | undefined {
    const main = bold ? this.bold : this.regular
    if (main.has(codePoint)) return { face: main, fauxBold: false }
    for (const f of this.fallbacks) {
      const regular = f.regular()
      if (!regular.has(codePoint)) continue
      if (!bold) return { face: regular, fauxBold: false }
      return f.bold ? { face: f.bold(), fauxBold: false } : { face: regular, fauxBold: true }
    }
    return undefined
  }

  /** Faces that drew at least one glyph, in the order they were first needed. */
  usedFaces(): PdfFontFace[] {
    return this.faces.filter((f) => f.isUsed)
  }
}
