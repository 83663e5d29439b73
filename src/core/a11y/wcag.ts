// Reading an axe result for people: which WCAG success criterion a rule checks, why a node
// fails (with the measured figures axe records, such as a contrast ratio) and how to fix it.
import type { AxeCheck, AxeNode, AxeRule } from './sweep-report'

/** WCAG 2.2 success criteria axe-core's WCAG A/AA rules map to. */
const CRITERIA: Record<string, string> = {
  '1.1.1': 'Non-text Content',
  '1.2.1': 'Audio-only and Video-only',
  '1.2.2': 'Captions (Prerecorded)',
  '1.3.1': 'Info and Relationships',
  '1.3.4': 'Orientation',
  '1.3.5': 'Identify Input Purpose',
  '1.4.1': 'Use of Color',
  '1.4.2': 'Audio Control',
  '1.4.3': 'Contrast (Minimum)',
  '1.4.4': 'Resize Text',
  '1.4.10': 'Reflow',
  '1.4.11': 'Non-text Contrast',
  '1.4.12': 'Text Spacing',
  '2.1.1': 'Keyboard',
  '2.2.1': 'Timing Adjustable',
  '2.2.2': 'Pause, Stop, Hide',
  '2.4.1': 'Bypass Blocks',
  '2.4.2': 'Page Titled',
  '2.4.4': 'Link Purpose (In Context)',
  '2.5.3': 'Label in Name',
  '2.5.8': 'Target Size (Minimum)',
  '3.1.1': 'Language of Page',
  '3.1.2': 'Language of Parts',
  '3.3.2': 'Labels or Instructions',
  '4.1.1': 'Parsing',
  '4.1.2': 'Name, Role, Value',
}

/** 'wcag143' → '1.4.3'; undefined for tags that are not criteria ('wcag2aa', 'wcag22aa'). */
export function criterionOfTag(tag: string): string | undefined {
  const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(tag)
  return m ? `${m[1]}.${m[2]}.${m[3]}` : undefined
}

/** The level a rule's tags give it ('A', 'AA'), or undefined for best-practice rules. */
export function levelOfRule(rule: Pick<AxeRule, 'tags'>): 'A' | 'AA' | undefined {
  if (rule.tags.some((t) => /^wcag2\d?aa$/.test(t))) return 'AA'
  if (rule.tags.some((t) => /^wcag2\d?a$/.test(t))) return 'A'
  return undefined
}

export interface Criterion {
  /** '1.4.3', or 'other' for rules with no WCAG criterion tag. */
  id: string
  label: string
}

export function criteriaOfRule(rule: Pick<AxeRule, 'tags'>): Criterion[] {
  const ids = [...new Set(rule.tags.map(criterionOfTag).filter((c): c is string => !!c))]
  if (ids.length === 0) return [{ id: 'other', label: 'Other checks (no single WCAG criterion)' }]
  return ids.map((id) => ({ id, label: `${id} ${CRITERIA[id] ?? 'WCAG success criterion'}` }))
}

const IMPACT_ORDER = ['critical', 'serious', 'moderate', 'minor']

export function impactRank(impact: string | null | undefined): number {
  const i = IMPACT_ORDER.indexOf(impact ?? '')
  return i < 0 ? IMPACT_ORDER.length : i
}

/** Compares criterion ids numerically ('1.4.3' before '1.4.11'), 'other' last. */
export function compareCriteria(a: string, b: string): number {
  if (a === b) return 0
  if (a === 'other') return 1
  if (b === 'other') return -1
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

export interface GroupedRule<R extends Pick<AxeRule, 'tags' | 'impact'>> {
  criterion: Criterion
  rules: R[]
}

/**
 * Groups rules by WCAG criterion (a rule under each criterion it checks), criteria in WCAG
 * order, and within a criterion the most severe impact first.
 */
export function groupByCriterion<R extends Pick<AxeRule, 'tags' | 'impact'>>(
  rules: readonly R[],
): GroupedRule<R>[] {
  const groups = new Map<string, GroupedRule<R>>()
  for (const r of rules) {
    for (const c of criteriaOfRule(r)) {
      const g = groups.get(c.id) ?? { criterion: c, rules: [] }
      g.rules.push(r)
      groups.set(c.id, g)
    }
  }
  return [...groups.values()]
    .sort((a, b) => compareCriteria(a.criterion.id, b.criterion.id))
    .map((g) => ({
      ...g,
      rules: g.rules.sort((a, b) => impactRank(a.impact) - impactRank(b.impact)),
    }))
}

interface ContrastData {
  fgColor?: string
  bgColor?: string
  contrastRatio?: number
  expectedContrastRatio?: string
  fontSize?: string
  fontWeight?: string
}

function ratio(n: number): string {
  return `${Number(n.toFixed(2))}:1`
}

/** Why a node fails, in a sentence or two, with axe's measured figures where it has them. */
export function whyItFails(node: AxeNode): string {
  const checks: AxeCheck[] = [...node.any, ...node.all, ...node.none]
  const contrast = checks.find(
    (c) => c.id === 'color-contrast' || c.id === 'color-contrast-enhanced',
  )
  const d = contrast?.data as ContrastData | undefined
  if (d && typeof d.contrastRatio === 'number' && d.contrastRatio > 0 && d.expectedContrastRatio) {
    const colours = d.fgColor && d.bgColor ? ` (text ${d.fgColor} on ${d.bgColor}` : ' ('
    const font = d.fontSize
      ? `${colours.length > 2 ? ', ' : ''}${d.fontSize} ${d.fontWeight ?? ''}`.trimEnd()
      : ''
    const detail = colours.length > 2 || font ? `${colours}${font})` : ''
    return `Contrast ${ratio(d.contrastRatio)}, needs ${d.expectedContrastRatio}${detail}.`
  }
  const messages = [
    ...new Set(checks.map((c) => c.message.trim().replace(/\.$/, '')).filter((m) => m)),
  ]
  if (messages.length > 0) return `${messages.join('; ')}.`
  return node.failureSummary?.trim() || 'axe reported this element without a reason.'
}

const FIXES: Record<string, string> = {
  'color-contrast':
    'Darken the text or lighten its background (or the reverse) until the ratio reaches the figure needed: 4.5:1 for normal text, 3:1 for large text (18.66px bold or 24px).',
  'image-alt':
    'Give the image an alt attribute that says what it shows or does; use alt="" only when it is purely decorative.',
  'input-image-alt': 'Give the image button an alt attribute naming its action.',
  'area-alt': 'Give every image-map area an alt attribute naming its link.',
  'target-size':
    'Make the target at least 24 by 24 CSS pixels, or space it so that a 24px circle centred on it touches no other target.',
  'link-name': 'Give the link text (or an aria-label) that says where it goes.',
  'button-name': 'Give the button visible text, or an aria-label naming what it does.',
  label: 'Associate a <label> with the field (for/id), or give it an aria-label.',
  'html-has-lang': 'Add a lang attribute to the <html> element, e.g. lang="en".',
  'html-lang-valid': 'Use a valid language code in the lang attribute, e.g. "en" or "fr-CA".',
  'document-title': 'Add a <title> that says what the page is.',
  'frame-title': 'Give the frame a title attribute describing its content.',
  list: 'Put only <li> (or script/template) elements directly inside <ul> and <ol>.',
  listitem: 'Put <li> elements inside a <ul> or <ol>.',
  'aria-allowed-attr': 'Remove ARIA attributes the element’s role does not support.',
  'aria-required-attr': 'Add the ARIA attributes the role requires.',
  'aria-valid-attr-value': 'Correct the ARIA attribute’s value.',
  'select-name': 'Associate a <label> with the select, or give it an aria-label.',
  'meta-viewport': 'Remove user-scalable=no and maximum-scale below 2 from the viewport meta tag.',
  'duplicate-id-aria': 'Give every element referenced by ARIA a unique id.',
  'link-in-text-block':
    'Distinguish links in text by more than colour: underline them, or give them 3:1 contrast with the text and a non-colour cue on focus and hover.',
}

/** How to fix a rule's failures; falls back to axe's own one-line help. */
export function howToFix(rule: Pick<AxeRule, 'id' | 'help'>): string {
  return FIXES[rule.id] ?? `${rule.help}.`
}

/** A node's CSS selector path as one string (iframes and shadow roots joined by " ▸ "). */
export function targetLabel(node: Pick<AxeNode, 'target'>): string {
  return node.target.map((t) => (Array.isArray(t) ? t.join(' ▸ ') : String(t))).join(' ▸ ')
}
