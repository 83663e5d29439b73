// A demo deck kept in the workspace so a PM can come back to it (schema version 5). A record
// may hold a draft that does not validate yet (a step with no packet, a KPI still being typed):
// work is kept as it is and validateDeck names what is missing when the deck is rendered. What
// a record must have is the deck's shape, so the builder can open it; a record without it is
// damaged (written by another tool, or corrupted) and is listed as such, never opened.
import type { DeckModel } from './deck-model'

export interface DeckRecord {
  /** Stable id chosen when the deck is first saved. */
  id: string
  deck: DeckModel
  createdAt: string
  updatedAt: string
  /** The Demo deck packet last created from this deck, if any. */
  packetId?: string
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown): v is string => typeof v === 'string'
const isTime = (v: unknown): v is string => isString(v) && !Number.isNaN(Date.parse(v))

/**
 * Why `deck` cannot be opened in the builder (a field of the wrong type, a list that is not a
 * list), or null when it can. Values the builder can show and fix (an empty title, a step with
 * no packet, a KPI that is not a number yet) are not problems here: validateDeck reports them.
 */
export function deckShapeProblem(deck: unknown): string | null {
  if (!isObject(deck)) return 'the deck is not an object'
  for (const f of ['title', 'event', 'date', 'presenter'] as const)
    if (!isString(deck[f])) return `the deck's ${f} is not text`
  if (!Array.isArray(deck.steps)) return 'the steps are not a list'
  for (const [i, s] of deck.steps.entries()) {
    const at = `step ${i + 1}`
    if (!isObject(s)) return `${at} is not an object`
    if (!isString(s.title) || !isString(s.notes)) return `${at}: the title or notes are not text`
    if (!Array.isArray(s.packetIds) || !s.packetIds.every(isString))
      return `${at}: the packets are not a list of ids`
    if (
      !Array.isArray(s.screenshots) ||
      !s.screenshots.every((x) => isObject(x) && isString(x.sha256) && isString(x.caption))
    )
      return `${at}: the screenshots are not a list of digests with captions`
    if (
      !Array.isArray(s.kpis) ||
      !s.kpis.every(
        (k) =>
          isObject(k) &&
          isString(k.label) &&
          typeof k.target === 'number' &&
          typeof k.actual === 'number' &&
          isString(k.unit) &&
          isString(k.comparator),
      )
    )
      return `${at}: the KPIs are not a list of label, target, actual, unit and comparison`
  }
  if (!Array.isArray(deck.caveats) || !deck.caveats.every(isString))
    return 'the caveats are not a list of text'
  return null
}

/** Why a stored value is not a usable DeckRecord, or null when it is one. */
export function deckRecordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the record is not an object'
  if (!isString(value.id) || value.id === '') return 'the record has no id'
  if (!isTime(value.createdAt) || !isTime(value.updatedAt))
    return 'the record has no valid creation or update time'
  if (value.packetId !== undefined && (!isString(value.packetId) || value.packetId === ''))
    return 'the linked packet id is not text'
  return deckShapeProblem(value.deck)
}
