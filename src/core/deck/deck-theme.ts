// The deck's colours. Every pair of text and background colour used on a slide is listed in
// TEXT_PAIRS and unit-tested to a contrast of at least 4.5:1 (WCAG AA for text), so pass and
// fail are readable in colour, and say the same in words.
import type { Rgb } from '../pdf/page-canvas'
import { hexColor } from './contrast'

export const DECK_COLORS = {
  paper: hexColor('#ffffff'),
  ink: hexColor('#1b2430'),
  muted: hexColor('#56606c'),
  rule: hexColor('#d5dae0'),
  panel: hexColor('#f3f5f8'),
  accent: hexColor('#0b4f85'),
  band: hexColor('#0a3a63'),
  onBand: hexColor('#ffffff'),
  onBandMuted: hexColor('#c9dbeb'),
  pass: hexColor('#17622f'),
  passFill: hexColor('#e3f3e7'),
  fail: hexColor('#a3201a'),
  failFill: hexColor('#fbe7e5'),
} as const satisfies Record<string, Rgb>

type Name = keyof typeof DECK_COLORS

/** [text, background, where]: every text colour on the background it is drawn on. */
export const TEXT_PAIRS: readonly [Name, Name, string][] = [
  ['ink', 'paper', 'body text'],
  ['muted', 'paper', 'captions, footers'],
  ['accent', 'paper', 'kickers, step numbers'],
  ['ink', 'panel', 'notes panel'],
  ['muted', 'panel', 'notes panel labels'],
  ['onBand', 'band', 'title slide title'],
  ['onBandMuted', 'band', 'title slide details and footer'],
  ['pass', 'passFill', 'KPI passed'],
  ['fail', 'failFill', 'KPI failed'],
  ['pass', 'paper', 'KPI passed, figures'],
  ['fail', 'paper', 'KPI failed, figures'],
]
