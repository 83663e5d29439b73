// Demo decks kept in the workspace database (fake-indexeddb): save, update, duplicate and
// delete each write one audit entry in the same transaction; a draft with problems is kept as
// it is; a damaged record is listed with its id and why, can be deleted, and is never
// overwritten; the Demo deck packet links back to the saved deck.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeAuditEvent, type AuditEvent } from '../../../../src/core/audit/audit-event'
import type { DeckModel } from '../../../../src/core/deck/deck-model'
import { deckRecordProblem } from '../../../../src/core/deck/deck-records'
import { deckFromDemoScript } from '../../../../src/core/deck/demo-script'
import { WorkspaceDb } from '../../../../src/renderer/data/workspace-db'
import { createDeckPacket } from '../../../../src/renderer/decks/deck-packet-store'
import {
  deleteDeck,
  duplicateDeck,
  getDeck,
  listDecks,
  newDeckId,
  saveDeck,
} from '../../../../src/renderer/decks/deck-store'

let db: WorkspaceDb
let n = 0
beforeEach(async () => {
  db = new WorkspaceDb(`evw-deck-store-${++n}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const events = async (): Promise<AuditEvent[]> =>
  (await db.auditEntries.orderBy('index').toArray()).map((r) => {
    const d = decodeAuditEvent(r.entry)
    if (!d.ok) throw new Error(d.message)
    return d.event
  })

const t = (s: string) => new Date(`2026-11-26T${s}Z`)

const validDeck = (): DeckModel => {
  const deck = deckFromDemoScript('2026-11-26', 'Ana')
  deck.steps = deck.steps.slice(0, 1).map((s) => ({ ...s, packetIds: ['dpia-demo-1'] }))
  return deck
}

describe('deck store', () => {
  it('saves a new deck, then updates it, each with one deck.saved entry', async () => {
    const id = newDeckId(t('09:00:00'))
    expect(id).toMatch(/^deck-20261126-[0-9a-f]{8}$/)
    // A draft straight from the demo script has problems (no packets) and is kept anyway.
    const draft = deckFromDemoScript('2026-11-26')
    const first = await saveDeck(db, { id, deck: draft }, 'Ana', 'autosave', t('09:00:00'))
    expect(first.changed).toBe(true)
    expect(first.record).toMatchObject({
      id,
      createdAt: '2026-11-26T09:00:00.000Z',
      updatedAt: '2026-11-26T09:00:00.000Z',
    })
    const listed = await listDecks(db)
    expect(listed).toHaveLength(1)
    expect(listed[0]!.ok).toBe(true)
    if (listed[0]!.ok) expect(listed[0]!.problems.length).toBe(7)

    // Saving the same deck again writes nothing.
    const same = await saveDeck(db, { id, deck: draft }, 'Ana', 'autosave', t('09:00:05'))
    expect(same.changed).toBe(false)
    expect(await events()).toHaveLength(1)

    const second = await saveDeck(db, { id, deck: validDeck() }, 'Ana', 'manual', t('09:05:00'))
    expect(second.record.createdAt).toBe('2026-11-26T09:00:00.000Z')
    expect(second.record.updatedAt).toBe('2026-11-26T09:05:00.000Z')
    const log = await events()
    expect(log.map((e) => e.action)).toEqual(['deck.saved', 'deck.saved'])
    expect(log[0]).toMatchObject({
      actor: 'Ana',
      subject: id,
      details: { title: 'Sprint 34 demo', steps: 7, problems: 7, how: 'autosave', created: true },
    })
    expect(log[1]).toMatchObject({
      details: { steps: 1, problems: 0, how: 'manual', created: false },
    })
    const got = await getDeck(db, id)
    expect(got?.ok && got.record.deck.steps[0]!.packetIds).toEqual(['dpia-demo-1'])
  })

  it('keeps a KPI that is not a number yet, and lists decks newest first', async () => {
    const deck = validDeck()
    deck.steps[0]!.kpis = [{ label: 'p95', target: 1.25, actual: NaN, unit: 's', comparator: '<=' }]
    await saveDeck(db, { id: 'deck-a', deck }, 'Ana', 'autosave', t('09:00:00'))
    await saveDeck(db, { id: 'deck-b', deck: validDeck() }, 'Ana', 'manual', t('10:00:00'))
    const listed = await listDecks(db)
    expect(listed.map((d) => (d.ok ? d.record.id : d.id))).toEqual(['deck-b', 'deck-a'])
    const a = listed[1]!
    expect(a.ok).toBe(true)
    if (a.ok) {
      expect(Number.isNaN(a.record.deck.steps[0]!.kpis[0]!.actual)).toBe(true)
      expect(a.problems.map((p) => p.path)).toEqual(['steps[0].kpis[0].actual'])
    }
  })

  it('duplicates a deck under a new id without its packet link', async () => {
    await saveDeck(
      db,
      { id: 'deck-a', deck: validDeck(), packetId: 'demo-deck-x' },
      'Ana',
      'packet',
      t('09:00:00'),
    )
    const copy = await duplicateDeck(db, 'deck-a', 'Ben', t('11:00:00'))
    expect(copy.id).not.toBe('deck-a')
    expect(copy.deck.title).toBe('Copy of Sprint 34 demo')
    expect(copy.packetId).toBeUndefined()
    const log = await events()
    expect(log[0]).toMatchObject({ packetId: 'demo-deck-x', details: { how: 'packet' } })
    expect(log[1]).toMatchObject({
      action: 'deck.saved',
      actor: 'Ben',
      subject: copy.id,
      details: { how: 'duplicate', created: true, copiedFrom: 'deck-a' },
    })
    // The original is unchanged.
    const original = await getDeck(db, 'deck-a')
    expect(original?.ok && original.record.packetId).toBe('demo-deck-x')
    await expect(duplicateDeck(db, 'nope', 'Ben')).rejects.toThrow(/no saved deck nope/)
  })

  it('deletes a deck with one deck.deleted entry', async () => {
    await saveDeck(db, { id: 'deck-a', deck: validDeck() }, 'Ana', 'manual', t('09:00:00'))
    await deleteDeck(db, 'deck-a', 'Ana', t('09:30:00'))
    expect(await db.decks.count()).toBe(0)
    const log = await events()
    expect(log.map((e) => e.action)).toEqual(['deck.saved', 'deck.deleted'])
    expect(log[1]).toMatchObject({
      subject: 'deck-a',
      time: '2026-11-26T09:30:00.000Z',
      details: { title: 'Sprint 34 demo', steps: 1 },
    })
    await expect(deleteDeck(db, 'deck-a', 'Ana')).rejects.toThrow(/no saved deck deck-a/)
    expect(await events()).toHaveLength(2)
  })

  it('lists a damaged record with its id and why, never overwrites it, and deletes it', async () => {
    await saveDeck(db, { id: 'deck-ok', deck: validDeck() }, 'Ana', 'manual', t('09:00:00'))
    const damaged = {
      id: 'deck-bad',
      deck: { ...validDeck(), steps: 'not a list' },
      createdAt: '2026-11-26T08:00:00.000Z',
      updatedAt: '2026-11-26T08:00:00.000Z',
    }
    await db.decks.put(damaged as never)
    await db.decks.put({ id: 'deck-worse', deck: 42 } as never)
    const listed = await listDecks(db)
    expect(listed.map((d) => (d.ok ? `ok ${d.record.id}` : `bad ${d.id}: ${d.problem}`))).toEqual(
      expect.arrayContaining([
        'ok deck-ok',
        'bad deck-bad: the steps are not a list',
        'bad deck-worse: the record has no valid creation or update time',
      ]),
    )
    await expect(
      saveDeck(db, { id: 'deck-bad', deck: validDeck() }, 'Ana', 'autosave'),
    ).rejects.toThrow(/deck-bad is damaged \(the steps are not a list\)/)
    await expect(duplicateDeck(db, 'deck-bad', 'Ana')).rejects.toThrow(/damaged/)
    await deleteDeck(db, 'deck-bad', 'Ana', t('10:00:00'))
    const log = await events()
    expect(log.at(-1)).toMatchObject({
      action: 'deck.deleted',
      subject: 'deck-bad',
      details: { damaged: 'the steps are not a list' },
    })
    expect(await db.decks.get('deck-bad')).toBeUndefined()
  })

  it('checks the shape of a record field by field', () => {
    const ok = {
      id: 'd',
      deck: validDeck(),
      createdAt: '2026-11-26T08:00:00.000Z',
      updatedAt: '2026-11-26T08:00:00.000Z',
    }
    expect(deckRecordProblem(ok)).toBeNull()
    expect(deckRecordProblem(null)).toBe('the record is not an object')
    expect(deckRecordProblem({ ...ok, packetId: '' })).toBe('the linked packet id is not text')
    const badKpi = structuredClone(ok)
    ;(badKpi.deck.steps[0]!.kpis as unknown[]) = [{ label: 'x' }]
    expect(deckRecordProblem(badKpi)).toMatch(/^step 1: the KPIs are not a list/)
    const badCaveats = { ...ok, deck: { ...ok.deck, caveats: [1] } }
    expect(deckRecordProblem(badCaveats)).toBe('the caveats are not a list of text')
  })

  it('links the Demo deck packet to the saved deck in the packet’s transaction', async () => {
    const deck = validDeck()
    await saveDeck(db, { id: 'deck-a', deck }, 'Ana', 'manual', t('09:00:00'))
    const packet = await createDeckPacket(
      db,
      deck,
      {
        pdf: new TextEncoder().encode('%PDF-1.7 test'),
        fileName: 'sprint-34-demo.pdf',
        releaseNotesMarkdown: '# Notes',
        actor: 'Ana',
        deckId: 'deck-a',
      },
      t('09:10:00'),
    )
    const got = await getDeck(db, 'deck-a')
    expect(got?.ok && got.record.packetId).toBe(packet.id)
    const log = await events()
    expect(log.map((e) => e.action)).toEqual([
      'deck.saved',
      'evidence.added',
      'packet.created',
      'deck.saved',
    ])
    expect(log.at(-1)).toMatchObject({
      packetId: packet.id,
      subject: 'deck-a',
      details: { how: 'packet', linkedPacket: packet.id, created: false },
    })
  })
})
