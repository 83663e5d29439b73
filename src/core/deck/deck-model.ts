// A demo deck as plain data: a title, the demo steps (each with the packets it draws on, the
// screenshots shown, the KPIs claimed) and the caveats. The renderer (render-deck-pdf.ts) turns
// it into a 16:9 PDF; the builder screen edits it. Validation names every problem with where
// it is and what to do, so a bad deck is never rendered half right.

export const KPI_COMPARATORS = ['<=', '<', '>=', '>', '='] as const
export type KpiComparator = (typeof KPI_COMPARATORS)[number]

export interface DeckKpi {
  /** What is measured, e.g. "Search p95". */
  label: string
  target: number
  actual: number
  /** Unit shown after both numbers, e.g. "s", "%", "ms"; may be empty. */
  unit: string
  /** How `actual` must compare with `target` to pass. */
  comparator: KpiComparator
}

export interface DeckScreenshot {
  /** SHA-256 (64 lower-case hex digits) of the image evidence. */
  sha256: string
  /** Caption under the picture; the evidence's title when left empty. */
  caption: string
}

export interface DeckStep {
  title: string
  /** What the presenter shows and says; printed on the step's first slide. */
  notes: string
  /** Packet ids the step draws on (at least one, so each claim traces to a packet). */
  packetIds: string[]
  screenshots: DeckScreenshot[]
  kpis: DeckKpi[]
}

export interface DeckModel {
  title: string
  /** e.g. "Sprint 34 demo". */
  event: string
  /** YYYY-MM-DD: the demo's date, also the PDF's creation date (so the bytes are stable). */
  date: string
  presenter: string
  steps: DeckStep[]
  caveats: string[]
}

export const COMPARATOR_SYMBOL: Record<KpiComparator, string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  '=': '=',
}

export const COMPARATOR_WORDS: Record<KpiComparator, string> = {
  '<=': 'at most',
  '<': 'below',
  '>=': 'at least',
  '>': 'above',
  '=': 'exactly',
}

export function kpiPasses(k: DeckKpi): boolean {
  switch (k.comparator) {
    case '<=':
      return k.actual <= k.target
    case '<':
      return k.actual < k.target
    case '>=':
      return k.actual >= k.target
    case '>':
      return k.actual > k.target
    case '=':
      return k.actual === k.target
  }
}

/** A number as written in a deck: no exponent, no trailing zeros beyond what was given. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US')
  return String(Math.round(n * 1e6) / 1e6)
}

const withUnit = (n: number, unit: string): string => {
  const u = unit.trim()
  if (!u) return formatNumber(n)
  return u === '%' ? `${formatNumber(n)}%` : `${formatNumber(n)} ${u}`
}

/** The KPI's target, e.g. "≤ 1.25 s". */
export const kpiTargetText = (k: DeckKpi): string =>
  `${COMPARATOR_SYMBOL[k.comparator]} ${withUnit(k.target, k.unit)}`
export const kpiActualText = (k: DeckKpi): string => withUnit(k.actual, k.unit)
/** One line, as said in a demo: "p95 ≤ 1.25 s: 1.08 s ✓ pass". */
export const kpiLine = (k: DeckKpi): string =>
  `${k.label} ${kpiTargetText(k)}: ${kpiActualText(k)} ${kpiPasses(k) ? '✓ pass' : '× fail'}`

export interface DeckProblem {
  /** Where, e.g. "steps[2].kpis[0].target". */
  path: string
  /** What is wrong and what to do. */
  message: string
}

export const SHA256_HEX = /^[0-9a-f]{64}$/
export const PACKET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
export const MAX_STEPS = 60
export const MAX_SCREENSHOTS_PER_STEP = 12
export const MAX_KPIS_PER_STEP = 8

/** The human name of a step for messages: "Step 3 (“Metering”)". */
const stepName = (i: number, s: { title?: unknown }) =>
  typeof s.title === 'string' && s.title.trim()
    ? `Step ${i + 1} (“${s.title.trim()}”)`
    : `Step ${i + 1}`

/**
 * Every problem with a deck, or none. Takes `unknown` so data read from storage or a file is
 * checked the same way as data from the builder.
 */
export function validateDeck(value: unknown): DeckProblem[] {
  const out: DeckProblem[] = []
  const add = (path: string, message: string) => out.push({ path, message })
  if (!isRecord(value)) return [{ path: '', message: 'The deck is not an object.' }]
  const text = (path: string, v: unknown, label: string, max: number, required = true) => {
    if (typeof v !== 'string') return add(path, `${label} is missing; give it as text.`)
    if (required && !v.trim()) add(path, `${label} is empty; fill it in.`)
    if (v.length > max) add(path, `${label} is ${v.length} characters long; shorten it to ${max}.`)
  }
  text('title', value.title, 'The deck title', 140)
  text('event', value.event, 'The event', 140, false)
  text('presenter', value.presenter, 'The presenter', 140, false)
  if (typeof value.date !== 'string' || !DATE.test(value.date) || isNaN(Date.parse(value.date)))
    add('date', 'The date is not a date; give it as YYYY-MM-DD, e.g. 2026-11-26.')

  if (!Array.isArray(value.steps)) add('steps', 'The steps are missing; add at least one step.')
  else {
    if (value.steps.length === 0) add('steps', 'The deck has no steps; add at least one step.')
    if (value.steps.length > MAX_STEPS)
      add('steps', `The deck has ${value.steps.length} steps; keep it to ${MAX_STEPS}.`)
    value.steps.forEach((s: unknown, i: number) => {
      const at = `steps[${i}]`
      if (!isRecord(s)) return add(at, `Step ${i + 1} is not an object.`)
      const name = stepName(i, s)
      text(`${at}.title`, s.title, `${name}: the title`, 120)
      text(`${at}.notes`, s.notes, `${name}: the notes`, 2000, false)
      if (!Array.isArray(s.packetIds) || s.packetIds.length === 0)
        add(`${at}.packetIds`, `${name} names no packet; pick the signed packet it draws on.`)
      else
        s.packetIds.forEach((p: unknown, j: number) => {
          if (typeof p !== 'string' || !PACKET_ID.test(p))
            add(
              `${at}.packetIds[${j}]`,
              `${name}: “${String(p)}” is not a packet id (letters, digits, . _ : -).`,
            )
        })
      if (!Array.isArray(s.screenshots)) add(`${at}.screenshots`, `${name}: screenshots missing.`)
      else {
        if (s.screenshots.length > MAX_SCREENSHOTS_PER_STEP)
          add(
            `${at}.screenshots`,
            `${name} has ${s.screenshots.length} screenshots; keep it to ${MAX_SCREENSHOTS_PER_STEP}.`,
          )
        s.screenshots.forEach((sh: unknown, j: number) => {
          const p = `${at}.screenshots[${j}]`
          if (!isRecord(sh)) return add(p, `${name}: screenshot ${j + 1} is not an object.`)
          if (typeof sh.sha256 !== 'string' || !SHA256_HEX.test(sh.sha256))
            add(`${p}.sha256`, `${name}: screenshot ${j + 1} has no valid SHA-256; pick it again.`)
          text(
            `${p}.caption`,
            sh.caption,
            `${name}: the caption of screenshot ${j + 1}`,
            200,
            false,
          )
        })
      }
      if (!Array.isArray(s.kpis)) add(`${at}.kpis`, `${name}: KPIs missing.`)
      else {
        if (s.kpis.length > MAX_KPIS_PER_STEP)
          add(`${at}.kpis`, `${name} has ${s.kpis.length} KPIs; keep it to ${MAX_KPIS_PER_STEP}.`)
        s.kpis.forEach((k: unknown, j: number) => {
          const p = `${at}.kpis[${j}]`
          if (!isRecord(k)) return add(p, `${name}: KPI ${j + 1} is not an object.`)
          const kName = `${name}, KPI ${j + 1}${typeof k.label === 'string' && k.label.trim() ? ` (“${k.label.trim()}”)` : ''}`
          text(`${p}.label`, k.label, `${kName}: the label`, 80)
          for (const f of ['target', 'actual'] as const)
            if (typeof k[f] !== 'number' || !Number.isFinite(k[f]))
              add(`${p}.${f}`, `${kName}: the ${f} is not a number; give a number such as 1.25.`)
          if (typeof k.unit !== 'string' || k.unit.length > 12)
            add(`${p}.unit`, `${kName}: the unit must be text of at most 12 characters, e.g. “s”.`)
          if (!KPI_COMPARATORS.includes(k.comparator as KpiComparator))
            add(
              `${p}.comparator`,
              `${kName}: the comparison must be one of ${KPI_COMPARATORS.join(' ')}.`,
            )
        })
      }
    })
  }
  if (!Array.isArray(value.caveats)) add('caveats', 'The caveats are missing; give a list.')
  else
    value.caveats.forEach((c: unknown, i: number) =>
      text(`caveats[${i}]`, c, `Caveat ${i + 1}`, 600),
    )
  return out
}

/** Throws one error listing every problem, for callers that cannot show a list. */
export function assertValidDeck(value: unknown): asserts value is DeckModel {
  const problems = validateDeck(value)
  if (problems.length)
    throw new Error(
      `The deck cannot be rendered:\n${problems.map((p) => `- ${p.message}`).join('\n')}`,
    )
}

/** Every packet id in the deck, in first-use order. */
export function deckPacketIds(deck: DeckModel): string[] {
  return [...new Set(deck.steps.flatMap((s) => s.packetIds))]
}

/** Every screenshot digest in the deck, in first-use order. */
export function deckEvidenceShas(deck: DeckModel): string[] {
  return [...new Set(deck.steps.flatMap((s) => s.screenshots.map((x) => x.sha256)))]
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
