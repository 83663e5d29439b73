// Turns text in any script into positioned glyph lines: the Unicode bidirectional algorithm
// (bidi-js) gives each character an embedding level; each character gets the first font that
// has it (so Hebrew, Arabic or CJK text falls back to its own font mid-line); each run of one
// font, direction and script is shaped with fontkit (contextual Arabic forms, ligatures, mark
// positioning, kerning); lines are broken greedily at spaces and between CJK characters (a
// word longer than a line breaks after a hyphen or slash, else between characters), and each
// line's runs are put in visual order (rule L2 of UAX #9).
import bidiFactory from 'bidi-js'
import type { FaceChoice, PdfFontFace, FontSet, ShapedGlyph } from './pdf-fonts'

export interface TextStyle {
  size: number
  bold?: boolean
  /** RGB, each 0–1. */
  color?: readonly [number, number, number]
}

/** Glyphs of one font and direction, in visual order, ready to draw. */
export interface GlyphRun {
  face: PdfFontFace
  fauxBold: boolean
  glyphs: ShapedGlyph[]
  /** Advance of the run in points. */
  width: number
  size: number
  rtl: boolean
  /** True when the run holds a character no font has (drawn as a box). */
  missing: boolean
}

export interface TextLine {
  /** Runs in visual order, left to right. */
  runs: GlyphRun[]
  width: number
  /** The paragraph's direction: right-to-left lines align to the right. */
  rtl: boolean
  /** The line's text in logical (reading) order, for ActualText. */
  text: string
  /** Whether drawn order differs from reading order or glyphs cannot map back to text. */
  needsActualText: boolean
}

const bidi = bidiFactory()

// Control characters are dropped; explicit bidi formatting takes part in the bidi algorithm
// but is not drawn.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]/g
const BIDI_FORMAT = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const SPACE = /^[\s\u3000]$/u
const COMBINING = /^[\p{M}\ufe00-\ufe0f]$/u
/** Combining marks, variation selectors and joiners: they stay with the character before. */
const isMark = (ch: string): boolean => COMBINING.test(ch) || ch === '\u200c' || ch === '\u200d'
const CJK =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc]$/u
/** May not start a line (closing punctuation, small kana, prolonged sound mark). */
const NO_BREAK_BEFORE =
  /^[)\]}.,;:!?%\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff09\u300d\u300f\u3011\u3015\u3009\u300b\u30fc\u2026\u2025\u30fb\u309d\u309e\u30fd\u30fe\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6]$/u
/** May not end a line (opening brackets). */
const NO_BREAK_AFTER = /^[([{\uff08\u300c\u300e\u3010\u3014\u3008\u300a]$/u

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'arab'],
  [/\p{Script=Hebrew}/u, 'hebr'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'kana'],
  [/\p{Script=Han}/u, 'hani'],
  [/\p{Script=Hangul}/u, 'hang'],
  [/\p{Script=Greek}/u, 'grek'],
  [/\p{Script=Cyrillic}/u, 'cyrl'],
  [/\p{Script=Latin}/u, 'latn'],
]

/** A character's OpenType script tag; undefined for common ones (digits, punctuation). */
function scriptOf(ch: string): string | undefined {
  for (const [re, tag] of SCRIPTS) if (re.test(ch)) return tag
  return /[\p{L}]/u.test(ch) ? 'DFLT' : undefined
}

interface Token {
  start: number
  end: number
  space: boolean
  /** May the line break before this token? */
  breakBefore: boolean
}

/** Splits a paragraph into tokens between which a line may break. */
function tokenize(chars: string[]): Token[] {
  const tokens: Token[] = []
  let i = 0
  let at = 0 // UTF-16 offset of chars[i]
  const offsets: number[] = []
  for (const c of chars) {
    offsets.push(at)
    at += c.length
  }
  offsets.push(at)
  while (i < chars.length) {
    const c = chars[i]!
    const start = i
    if (SPACE.test(c)) {
      while (i < chars.length && SPACE.test(chars[i]!)) i++
      tokens.push({ start: offsets[start]!, end: offsets[i]!, space: true, breakBefore: false })
      continue
    }
    if (CJK.test(c)) {
      i++
      // Keep marks and closing punctuation with it; an opening bracket keeps the next one.
      let opening = NO_BREAK_AFTER.test(c)
      while (
        i < chars.length &&
        (isMark(chars[i]!) ||
          NO_BREAK_BEFORE.test(chars[i]!) ||
          (opening && !SPACE.test(chars[i]!)))
      ) {
        opening = NO_BREAK_AFTER.test(chars[i]!)
        i++
      }
    } else {
      while (i < chars.length) {
        const d = chars[i]!
        if (SPACE.test(d)) break
        if (i > start && CJK.test(d) && !NO_BREAK_BEFORE.test(d)) break
        i++
      }
    }
    const prev = tokens[tokens.length - 1]
    tokens.push({
      start: offsets[start]!,
      end: offsets[i]!,
      space: false,
      breakBefore: !(prev && !prev.space && NO_BREAK_BEFORE.test(c)),
    })
  }
  return tokens
}

interface Piece {
  run: GlyphRun
  level: number
  /** UTF-16 range in the paragraph. */
  start: number
  end: number
  space: boolean
}

export class TextLayout {
  private readonly cache = new Map<string, ShapedGlyph[]>()

  constructor(private readonly fonts: FontSet) {}

  /** The width in points of text on one line. */
  width(text: string, style: TextStyle): number {
    return this.lines(text, style, Infinity).reduce((w, l) => Math.max(w, l.width), 0)
  }

  /** Lays out text (paragraphs separated by newlines) into lines at most `maxWidth` wide. */
  lines(text: string, style: TextStyle, maxWidth: number): TextLine[] {
    const clean = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')
    const out: TextLine[] = []
    for (const paragraph of clean.split('\n')) this.paragraph(paragraph, style, maxWidth, out)
    return out
  }

  private paragraph(raw: string, style: TextStyle, maxWidth: number, out: TextLine[]): void {
    const para = raw.replace(CONTROL, '')
    if (para.trim() === '') {
      out.push({ runs: [], width: 0, rtl: false, text: '', needsActualText: false })
      return
    }
    const levels = bidi.getEmbeddingLevels(para, 'auto')
    const baseLevel = levels.paragraphs[0]?.level ?? 0
    const chars = Array.from(para)
    const tokens = tokenize(chars)
    // Spaces take the font of the word before them, so a run of one script stays in one font.
    let previous: FaceChoice | undefined
    const shaped = tokens.map((t) => {
      const pieces = this.shapeToken(para, t, levels.levels, style, t.space ? previous : undefined)
      const last = pieces[pieces.length - 1]
      if (last && !t.space) previous = { face: last.run.face, fauxBold: last.run.fauxBold }
      return pieces
    })

    let line: { pieces: Piece[]; width: number } = { pieces: [], width: 0 }
    const flush = () => {
      while (line.pieces.length && line.pieces[line.pieces.length - 1]!.space) line.pieces.pop()
      if (line.pieces.length) out.push(this.finishLine(para, line.pieces, baseLevel))
      line = { pieces: [], width: 0 }
    }
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!
      let pieces = shaped[k]!
      const w = pieces.reduce((n, p) => n + p.run.width, 0)
      if (token.space) {
        if (line.pieces.length === 0) continue
        line.pieces.push(...pieces)
        line.width += w
        continue
      }
      const trailing = trailingSpaceWidth(line.pieces)
      if (line.pieces.length && token.breakBefore && line.width - trailing + w > maxWidth) flush()
      if (w > maxWidth) {
        // A word longer than the line: break it between characters.
        for (const chunk of this.splitLong(
          para,
          token,
          levels.levels,
          style,
          maxWidth - line.width,
          maxWidth,
        )) {
          if (line.pieces.length && line.width + chunk.width > maxWidth) flush()
          line.pieces.push(...chunk.pieces)
          line.width += chunk.width
        }
        continue
      }
      pieces = pieces.slice()
      line.pieces.push(...pieces)
      line.width += w
    }
    flush()
  }

  private splitLong(
    para: string,
    token: Token,
    levels: Uint8Array,
    style: TextStyle,
    firstWidth: number,
    maxWidth: number,
  ): { pieces: Piece[]; width: number }[] {
    const chunks: { pieces: Piece[]; width: number }[] = []
    let start = token.start
    let room = firstWidth > maxWidth * 0.25 ? firstWidth : maxWidth
    while (start < token.end) {
      // Grow the chunk one character (with its marks) at a time while it fits.
      // Prefer to end a chunk after a hyphen or slash, else after any character.
      let end = start
      let best: { pieces: Piece[]; width: number; end: number } | undefined
      let afterHyphen: typeof best
      while (end < token.end) {
        let next = end + (para.codePointAt(end)! > 0xffff ? 2 : 1)
        while (next < token.end && isMark(String.fromCodePoint(para.codePointAt(next)!))) {
          next += para.codePointAt(next)! > 0xffff ? 2 : 1
        }
        const pieces = this.shapeToken(
          para,
          { start, end: next, space: false, breakBefore: true },
          levels,
          style,
        )
        const width = pieces.reduce((n, p) => n + p.run.width, 0)
        if (width > room && best) break
        best = { pieces, width, end: next }
        if (/[-/]/.test(para[next - 1]!) && next < token.end) afterHyphen = best
        end = next
        if (width > room) break
      }
      const chunk = best!.end < token.end && afterHyphen ? afterHyphen : best!
      chunks.push({ pieces: chunk.pieces, width: chunk.width })
      start = chunk.end
      room = maxWidth
    }
    return chunks
  }

  /** Itemises a token into runs of one face, level and script, and shapes each. */
  private shapeToken(
    para: string,
    token: Token,
    levels: Uint8Array,
    style: TextStyle,
    prefer?: FaceChoice,
  ): Piece[] {
    const pieces: Piece[] = []
    let runStart = token.start
    let runFace: FaceChoice | undefined
    let runLevel = -1
    let runScript: string | undefined
    let missing = false
    const emit = (end: number) => {
      if (end <= runStart) return
      const face = runFace ?? {
        face: style.bold ? this.fonts.bold : this.fonts.regular,
        fauxBold: false,
      }
      pieces.push(
        this.shapeRun(
          para,
          runStart,
          end,
          face,
          runLevel,
          runScript ?? 'latn',
          style,
          missing,
          token.space,
        ),
      )
    }
    for (let i = token.start; i < token.end;) {
      const cp = para.codePointAt(i)!
      const ch = String.fromCodePoint(cp)
      const len = ch.length
      const level = levels[i] ?? 0
      const mark = isMark(ch)
      const script = mark ? undefined : scriptOf(ch)
      let choice =
        mark && runFace && runFace.face.has(cp)
          ? runFace
          : !script && prefer && prefer.face.has(cp)
            ? prefer
            : this.fonts.faceFor(cp, !!style.bold)
      // Common characters (spaces, digits, punctuation) stay in the current run's font.
      if (!script && runFace && runFace.face.has(cp) && level === runLevel) choice = runFace
      const charMissing = choice === undefined
      const sameRun =
        i > runStart &&
        level === runLevel &&
        (choice?.face ?? undefined) === (runFace?.face ?? undefined) &&
        (choice?.fauxBold ?? false) === (runFace?.fauxBold ?? false) &&
        (!script || !runScript || script === runScript || mark)
      if (!sameRun && i > runStart) {
        emit(i)
        runStart = i
        missing = false
        runScript = undefined
      }
      if (!sameRun) {
        runFace = choice
        runLevel = level
      }
      if (script && !runScript) runScript = script
      if (charMissing) missing = true
      i += len
    }
    emit(token.end)
    return pieces
  }

  private shapeRun(
    para: string,
    start: number,
    end: number,
    choice: { face: PdfFontFace; fauxBold: boolean },
    level: number,
    script: string,
    style: TextStyle,
    missing: boolean,
    space: boolean,
  ): Piece {
    const rtl = level % 2 === 1
    let text = para.slice(start, end)
    if (rtl) {
      text = Array.from(text, (c) => bidi.getMirroredCharacter(c) ?? c).join('')
    }
    // Bidi formatting characters take part in the levels but are not drawn.
    text = text.replace(BIDI_FORMAT, '')
    const key = `${choice.face.key}|${script}|${rtl ? 'r' : 'l'}|${text}`
    let glyphs = this.cache.get(key)
    if (!glyphs) {
      glyphs = text ? choice.face.shape(text, script, rtl ? 'rtl' : 'ltr') : []
      this.cache.set(key, glyphs)
    }
    const scale = style.size / choice.face.unitsPerEm
    const width = glyphs.reduce((n, g) => n + g.xAdvance, 0) * scale
    return {
      run: {
        face: choice.face,
        fauxBold: choice.fauxBold,
        glyphs,
        width,
        size: style.size,
        rtl,
        missing: missing || glyphs.some((g) => g.id === 0),
      },
      level,
      start,
      end,
      space,
    }
  }

  private finishLine(para: string, logical: Piece[], baseLevel: number): TextLine {
    const pieces = logical.slice()
    // Rule L2: from the highest level down to the lowest odd one, reverse every maximal
    // sequence at that level or above. Each run is already in visual order internally.
    const maxLevel = Math.max(...pieces.map((p) => p.level))
    const minOdd = Math.min(...pieces.map((p) => (p.level % 2 ? p.level : p.level + 1)))
    for (let lvl = maxLevel; lvl >= minOdd; lvl--) {
      for (let i = 0; i < pieces.length;) {
        if (pieces[i]!.level < lvl) {
          i++
          continue
        }
        let j = i
        while (j < pieces.length && pieces[j]!.level >= lvl) j++
        const rev = pieces.slice(i, j).reverse()
        pieces.splice(i, j - i, ...rev)
        i = j
      }
    }
    const first = logical[0]!
    const last = logical[logical.length - 1]!
    // Neighbouring runs of one font, size and direction draw as one.
    const runs: GlyphRun[] = []
    for (const { run } of pieces) {
      const prev = runs[runs.length - 1]
      if (
        prev &&
        prev.face === run.face &&
        prev.fauxBold === run.fauxBold &&
        prev.size === run.size &&
        prev.rtl === run.rtl
      ) {
        runs[runs.length - 1] = {
          ...prev,
          glyphs: [...prev.glyphs, ...run.glyphs],
          width: prev.width + run.width,
          missing: prev.missing || run.missing,
        }
      } else {
        runs.push(run)
      }
    }
    return {
      runs,
      width: runs.reduce((n, r) => n + r.width, 0),
      rtl: baseLevel % 2 === 1,
      text: para.slice(first.start, last.end),
      needsActualText: runs.some((r) => r.missing),
    }
  }
}

function trailingSpaceWidth(pieces: Piece[]): number {
  let w = 0
  for (let i = pieces.length - 1; i >= 0 && pieces[i]!.space; i--) w += pieces[i]!.run.width
  return w
}
