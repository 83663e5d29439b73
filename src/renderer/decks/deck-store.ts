// Demo decks kept in the workspace (the `decks` table). Every save, duplicate and delete is
// written in one Dexie transaction with its audit entry (`deck.saved`, `deck.deleted`), so the
// log records each change to a deck and no change lands without its entry. Drafts that do not
// validate yet are kept as they are; records are checked when read, and one that cannot be
// opened is listed as damaged with its id rather than breaking the list.
import type { AuditEvent } from '../../core/audit/audit-event'
import { validateDeck, type DeckModel, type DeckProblem } from '../../core/deck/deck-model'
import { deckRecordProblem, type DeckRecord } from '../../core/deck/deck-records'
import { logEvent } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'

/** How a save came about, as the audit entry records it. */
export type DeckSaveKind = 'manual' | 'autosave' | 'duplicate' | 'packet'

export type StoredDeck =
  | { ok: true; record: DeckRecord; problems: DeckProblem[] }
  | { ok: false; id: string; problem: string; updatedAt?: string }

const MAX_TITLE = 140

/** A new, unique deck id, e.g. "deck-20261127-3fa9c2d1". */
export function newDeckId(now: Date = new Date()): string {
  const hex = [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  return `deck-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${hex}`
}

/** A stored value checked: a record the builder can open (with its deck's problems) or not. */
export function checkStoredDeck(value: unknown): StoredDeck {
  const problem = deckRecordProblem(value)
  if (problem === null) {
    const record = value as DeckRecord
    return { ok: true, record, problems: validateDeck(record.deck) }
  }
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  return {
    ok: false,
    id: typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : '(no id)',
    problem,
    ...(typeof v.updatedAt === 'string' ? { updatedAt: v.updatedAt } : {}),
  }
}

const updatedOf = (d: StoredDeck) => (d.ok ? d.record.updatedAt : (d.updatedAt ?? ''))

/** Every deck in the workspace, most recently updated first, each checked. */
export async function listDecks(db: WorkspaceDb): Promise<StoredDeck[]> {
  const rows: unknown[] = await db.decks.toArray()
  return rows.map(checkStoredDeck).sort((a, b) => (updatedOf(a) < updatedOf(b) ? 1 : -1))
}

/** One deck, checked; undefined when there is no record with that id. */
export async function getDeck(db: WorkspaceDb, id: string): Promise<StoredDeck | undefined> {
  const row: unknown = await db.decks.get(id)
  return row === undefined ? undefined : checkStoredDeck(row)
}

const sameDeck = (a: DeckModel, b: DeckModel) => JSON.stringify(a) === JSON.stringify(b)

function savedEvent(
  record: DeckRecord,
  actor: string,
  how: DeckSaveKind,
  created: boolean,
  extra: Record<string, string> = {},
): AuditEvent {
  return {
    action: 'deck.saved',
    actor,
    time: record.updatedAt,
    ...(how === 'packet' && record.packetId ? { packetId: record.packetId } : {}),
    subject: record.id,
    details: {
      title: record.deck.title,
      steps: record.deck.steps.length,
      problems: validateDeck(record.deck).length,
      how,
      created,
      ...(record.packetId ? { linkedPacket: record.packetId } : {}),
      ...extra,
    },
  }
}

/**
 * Saves a deck (new or existing) with its audit entry and returns the stored record. The
 * creation time and the linked packet of an existing record are kept unless `packetId` is
 * given. Nothing is written when the deck and link are unchanged (`changed: false`).
 * Refuses to overwrite a damaged record: that one can only be deleted.
 */
export async function saveDeck(
  db: WorkspaceDb,
  input: { id: string; deck: DeckModel; packetId?: string },
  actor: string,
  how: DeckSaveKind,
  now: Date = new Date(),
): Promise<{ record: DeckRecord; changed: boolean }> {
  return db.transaction('rw', db.decks, db.auditEntries, async () => {
    const row: unknown = await db.decks.get(input.id)
    const existing = row === undefined ? undefined : checkStoredDeck(row)
    if (existing && !existing.ok)
      throw new Error(
        `The stored deck ${existing.id} is damaged (${existing.problem}); it cannot be overwritten. Delete it, or save this deck as a new one.`,
      )
    const before = existing?.ok ? existing.record : undefined
    const packetId = input.packetId ?? before?.packetId
    if (before && sameDeck(before.deck, input.deck) && before.packetId === packetId)
      return { record: before, changed: false }
    const record: DeckRecord = {
      id: input.id,
      deck: input.deck,
      createdAt: before?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      ...(packetId ? { packetId } : {}),
    }
    await db.decks.put(record)
    await logEvent(db, savedEvent(record, actor, how, !before))
    return { record, changed: true }
  })
}

/** A copy of a saved deck under a new id ("Copy of …"), without the packet link. */
export async function duplicateDeck(
  db: WorkspaceDb,
  id: string,
  actor: string,
  now: Date = new Date(),
): Promise<DeckRecord> {
  return db.transaction('rw', db.decks, db.auditEntries, async () => {
    const found = await getDeck(db, id)
    if (!found) throw new Error(`There is no saved deck ${id}; it may have been deleted.`)
    if (!found.ok)
      throw new Error(`The stored deck ${id} is damaged (${found.problem}); it cannot be copied.`)
    const deck = structuredClone(found.record.deck)
    deck.title = `Copy of ${deck.title}`.slice(0, MAX_TITLE)
    const record: DeckRecord = {
      id: newDeckId(now),
      deck,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    }
    await db.decks.add(record)
    await logEvent(db, savedEvent(record, actor, 'duplicate', true, { copiedFrom: id }))
    return record
  })
}

/** Deletes a saved deck (a damaged one too) with its audit entry. */
export async function deleteDeck(
  db: WorkspaceDb,
  id: string,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', db.decks, db.auditEntries, async () => {
    const found = await getDeck(db, id)
    if (!found) throw new Error(`There is no saved deck ${id}; it may have been deleted already.`)
    await db.decks.delete(id)
    await logEvent(db, {
      action: 'deck.deleted',
      actor,
      time: now.toISOString(),
      subject: id,
      details: found.ok
        ? {
            title: found.record.deck.title,
            steps: found.record.deck.steps.length,
            ...(found.record.packetId ? { linkedPacket: found.record.packetId } : {}),
          }
        : { damaged: found.problem },
    })
  })
}
