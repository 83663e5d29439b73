import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { FontSet } from '../../../../src/core/pdf/pdf-fonts'
import { TextLayout, type TextLine } from '../../../../src/core/pdf/text-layout'
import { loadPdfFonts } from '../../../../src/node/pdf/font-files'

let fonts: FontSet
let layout: TextLayout
beforeAll(async () => {
  fonts = new FontSet(await loadPdfFonts())
  layout = new TextLayout(fonts)
})

const style = { size: 10 }
/** The code points each glyph of a line stands for, in drawing (visual) order. */
const drawn = (line: TextLine) =>
  line.runs.flatMap((r) => r.glyphs.map((g) => String.fromCodePoint(...g.codePoints))).join('')
const faces = (line: TextLine) => line.runs.map((r) => r.face.key)

describe('text layout', () => {
  it('wraps at spaces within the width and keeps every word', () => {
    const text = 'The marketplace rounds each location to a one-kilometre grid cell. '.repeat(5)
    const lines = layout.lines(text, style, 200)
    expect(lines.length).toBeGreaterThan(3)
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(200.01)
    expect(lines.map((l) => l.text).join(' ')).toBe(text.trim())
  })

  it('keeps hard line breaks and breaks a word longer than the line', () => {
    const lines = layout.lines(`first\n\nthird ${'f'.repeat(64)}`, style, 80)
    expect(lines[0]!.text).toBe('first')
    expect(lines[1]!.runs).toEqual([])
    expect(lines.slice(2).every((l) => l.width <= 80.01)).toBe(true)
    expect(
      lines
        .slice(2)
        .map((l) => l.text)
        .join(''),
    ).toBe(`third${'f'.repeat(64)}`)
  })

  it('breaks CJK text between characters and draws it with the CJK fallback font', () => {
    const text = '個人情報の保護に関する法律に基づき、位置情報は丸められます。'
    const lines = layout.lines(text, style, 60)
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.map((l) => l.text).join('')).toBe(text)
    expect(faces(lines[0]!)).toEqual(['cjk'])
    expect(lines[0]!.runs).toHaveLength(1)
    // No line starts with closing punctuation.
    for (const l of lines.slice(1)) expect(l.text[0]).not.toMatch(/[、。]/)
    expect(lines.flatMap((l) => l.runs).every((r) => !r.missing)).toBe(true)
  })

  it('draws Hebrew right to left, right-aligned, with the Hebrew font', () => {
    const [line] = layout.lines('שלום עולם', style, 400)
    expect(line!.rtl).toBe(true)
    expect(drawn(line!)).toBe('םלוע םולש')
    expect(new Set(faces(line!))).toEqual(new Set(['hebrew']))
  })

  it('shapes Arabic into joined forms and a lam-alef ligature', () => {
    const text = 'لا سلام'
    const [line] = layout.lines(text, style, 400)
    const glyphs = line!.runs.flatMap((r) => r.glyphs)
    // The ligature is one glyph standing for two letters; fewer glyphs than characters.
    expect(glyphs.length).toBeLessThan(Array.from(text).length)
    expect(glyphs.some((g) => g.codePoints.length === 2)).toBe(true)
    // Initial, medial and final forms are other glyphs than the isolated letters.
    const isolated = fonts.faceFor(0x0633, false)!.face.shape('س', 'arab', 'rtl')[0]!.id
    expect(glyphs.find((g) => g.codePoints[0] === 0x0633)!.id).not.toBe(isolated)
    expect(line!.rtl).toBe(true)
  })

  it('orders mixed-direction text by the bidi algorithm, mirroring brackets', () => {
    const [line] = layout.lines('DPA (עברית) 2026', style, 400)
    expect(line!.rtl).toBe(false)
    expect(drawn(line!)).toBe('DPA (תירבע) 2026')
    const [rtl] = layout.lines('נספח (DPA 2026) סוף', style, 400)
    expect(rtl!.rtl).toBe(true)
    expect(drawn(rtl!)).toBe('ףוס (DPA 2026) חפסנ')
  })

  it('uses the bold face for bold text and a regular fallback drawn emboldened', () => {
    const [line] = layout.lines('Bold 太字', { size: 10, bold: true }, 400)
    expect(line!.runs[0]!.face.key).toBe('bold')
    const cjk = line!.runs.find((r) => r.face.key === 'cjk')!
    expect(cjk.fauxBold).toBe(true)
  })

  it('marks characters no font has, and carries their text for extraction', () => {
    const [line] = layout.lines('clef 𝄞', style, 400)
    expect(line!.runs.some((r) => r.missing)).toBe(true)
    expect(line!.needsActualText).toBe(true)
    expect(line!.text).toBe('clef 𝄞')
  })
})

describe('text layout on arbitrary input', () => {
  it('never throws, keeps lines within the width and loses no drawable character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.boolean(), (text, bold) => {
        const lines = layout.lines(text, { size: 9, bold }, 90)
        for (const l of lines) expect(l.width).toBeLessThanOrEqual(90.01)
        const kept = lines
          .map((l) => l.text)
          .join('')
          .replace(/\s/g, '')
        const input = text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\ufeff\s]/g, '') // eslint-disable-line no-control-regex
        expect(kept).toBe(input)
      }),
      { numRuns: 150 },
    )
  })
})
