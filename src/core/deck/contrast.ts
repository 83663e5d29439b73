// WCAG 2.x contrast: relative luminance of sRGB colours and the ratio between two of them
// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). Used to check that the deck's pass/fail
// and body colours are readable (at least 4.5:1 for text) — unit-tested, not assumed.
import type { Rgb } from '../pdf/page-canvas'

const channel = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)

/** Relative luminance of a colour whose channels are 0–1. */
export function relativeLuminance(c: Rgb): number {
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/** Contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a)
  const lb = relativeLuminance(b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/** A colour from #rrggbb. */
export function hexColor(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) throw new Error(`${hex} is not a #rrggbb colour`)
  return [parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255]
}
