import { describe, expect, it } from 'vitest'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { utf8 } from '../../../../src/core/encoding/bytes'
import {
  AuditLog,
  AuditLogError,
  MemoryAuditLogStore,
  verifyLog,
  type AuditProgress,
} from '../../../../src/core/audit/audit-log'
import {
  AuditEventError,
  decodeAuditEvent,
  encodeAuditEvent,
  type AuditEvent,
} from '../../../../src/core/audit/audit-event'
import { leafHash, rootHash } from '../../../../src/core/audit/merkle'
import { createNoteVerifier } from '../../../../src/core/audit/signed-note'
import { verifyTlogProof } from '../../../../src/core/audit/tlog-proof'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const crypto = nodeCrypto
const ORIGIN = 'workbench.example/audit/ws-1'
const seed = new Uint8Array(32).fill(1)
const otherSeed = new Uint8Array(32).fill(2)

const event = (i: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  action: 'packet.edited',
  actor: 'alice@example.org',
  time: '2026-05-01T09:30:00.000Z',
  packetId: 'pkt-7',
  details: { revision: i },
  ...extra,
})

async function keyFor(s: Uint8Array): Promise<string> {
  return (await createNoteVerifier(ORIGIN, await crypto.ed25519PublicKey(s), crypto)).key
}

/** A store holding `n` events with a signed checkpoint after each size in `checkpointAt`. */
async function buildLog(n: number, checkpointAt: number[]) {
  const store = new MemoryAuditLogStore()
  const log = await AuditLog.open(store, crypto)
  for (let i = 0; i < n; i++) {
    await log.append(event(i))
    if (checkpointAt.includes(i + 1)) await log.signCheckpoint({ origin: ORIGIN, seed })
  }
  return {
    store,
    log,
    entries: await store.loadEntries(),
    checkpoints: await store.listCheckpoints(),
  }
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code)

describe('audit events', () => {
  it('encode as canonical JSON and decode back', () => {
    const e = event(1, { subject: 'files/a.pdf' })
    const bytes = encodeAuditEvent(e)
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"action":"packet.edited","actor":"alice@example.org","details":{"revision":1},"packetId":"pkt-7","subject":"files/a.pdf","time":"2026-05-01T09:30:00.000Z"}',
    )
    expect(decodeAuditEvent(bytes)).toEqual({ ok: true, event: e })
  })

  it.each([
    ['unknown action', { action: 'packet.deleted' }],
    ['empty actor', { actor: '' }],
    ['local time', { time: '2026-05-01T09:30:00+02:00' }],
    ['impossible date', { time: '2026-02-30T09:30:00Z' }],
    ['array details', { details: [1] }],
    ['unknown field', { colour: 'red' }],
    ['unsafe integer', { details: { n: 2 ** 60 } }],
  ])('refuses an event with %s', (_why, patch) => {
    expect(() => encodeAuditEvent({ ...event(0), ...patch } as AuditEvent)).toThrow(AuditEventError)
  })

  it('decodes only canonical bytes', () => {
    expect(
      decodeAuditEvent(utf8('{"time":"2026-05-01T09:30:00Z","actor":"a","action":"key.created"}')),
    ).toMatchObject({
      ok: false,
      code: 'LOG_ENTRY_MALFORMED',
    })
    expect(decodeAuditEvent(utf8('not json'))).toMatchObject({ code: 'LOG_ENTRY_MALFORMED' })
    expect(
      decodeAuditEvent(
        utf8(
          '{"action":"key.created","action":"key.created","actor":"a","time":"2026-05-01T09:30:00Z"}',
        ),
      ),
    ).toMatchObject({ code: 'LOG_ENTRY_MALFORMED' })
  })
})

describe('AuditLog', () => {
  it('appends in order and hashes entries as RFC 9162 leaves of their canonical JSON', async () => {
    const { log, entries } = await buildLog(5, [])
    expect(log.size).toBe(5)
    const leaves = await Promise.all(entries.map((e) => leafHash(e, crypto)))
    expect(await log.rootHash()).toEqual(await rootHash(leaves, crypto))
    expect(entries[3]).toEqual(encodeAuditEvent(event(3)))
  })

  it('serialises concurrent appends', async () => {
    const store = new MemoryAuditLogStore()
    const log = await AuditLog.open(store, crypto)
    const indices = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(event(i))))
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    const reopened = await AuditLog.open(store, crypto)
    expect(await reopened.rootHash()).toEqual(await log.rootHash())
  })

  it('catches up with entries another writer appended to the store', async () => {
    const store = new MemoryAuditLogStore()
    const log = await AuditLog.open(store, crypto)
    await log.append(event(0))
    await store.appendEntry(1, encodeAuditEvent(event(99))) // someone else wrote entry 1
    expect(await log.append(event(1))).toBe(2)
    await store.appendEntry(3, encodeAuditEvent(event(98)))
    expect(await log.refresh()).toBe(4)
    const reopened = await AuditLog.open(store, crypto)
    expect(await log.rootHash()).toEqual(await reopened.rootHash())
    expect(await log.extends(await reopened.checkpoint('o', 3))).toBe(true)
    expect(await log.extends({ ...(await reopened.checkpoint('o', 3)), size: 5 })).toBe(false)
  })

  it('re-reads everything when the store holds fewer entries than the log', async () => {
    const entries = [0, 1, 2].map((i) => encodeAuditEvent(event(i)))
    const log = await AuditLog.open(new MemoryAuditLogStore({ entries }), crypto)
    const shorter = new MemoryAuditLogStore({ entries: entries.slice(0, 2) })
    // Same log object, store rolled back underneath it (as a database restored from a backup).
    Object.assign(log, { store: shorter })
    expect(await log.refresh()).toBe(2)
    expect(await log.rootHash()).toEqual(await (await AuditLog.open(shorter, crypto)).rootHash())
  })

  it('keeps going after a store refuses an append', async () => {
    const store = new MemoryAuditLogStore()
    const log = await AuditLog.open(store, crypto)
    await log.append(event(0))
    const append = store.appendEntry.bind(store)
    store.appendEntry = () => Promise.reject(new Error('append refused'))
    await expect(log.append(event(1))).rejects.toThrow(/refused/)
    expect(log.size).toBe(1)
    store.appendEntry = append
    expect(await log.append(event(1))).toBe(1)
  })

  it('reopens from the store with the same root and issues proofs against stored checkpoints', async () => {
    const { store, log } = await buildLog(6, [4, 6])
    const reopened = await AuditLog.open(store, crypto)
    expect(await reopened.rootHash()).toEqual(await log.rootHash())
    const proof = await verifyTlogProof(await reopened.proofFile(5), [await keyFor(seed)], crypto)
    expect(proof).toMatchObject({ ok: true, index: 5, entry: event(5) })
    expect(proof.ok && proof.checkpoint.size).toBe(6)
    // An older checkpoint can be asked for explicitly.
    const [older] = await store.listCheckpoints()
    const early = await verifyTlogProof(
      await reopened.proofFile(1, older),
      [await keyFor(seed)],
      crypto,
    )
    expect(early.ok && early.checkpoint.size).toBe(4)
  })

  it('refuses to prove an entry no checkpoint covers', async () => {
    const { log } = await buildLog(3, [2])
    await expect(log.proofFile(2)).rejects.toMatchObject({ code: 'LOG_NO_CHECKPOINT' })
    await expect(log.proofFile(3)).rejects.toBeInstanceOf(AuditLogError)
  })
})

describe('verifyLog', () => {
  it('passes an untouched log and says how much of it is signed', async () => {
    const { entries, checkpoints, log } = await buildLog(9, [1, 4, 8])
    const report = await verifyLog(entries, checkpoints, [await keyFor(seed)], crypto, {
      origin: ORIGIN,
    })
    expect(report).toEqual({
      ok: true,
      entries: 9,
      checkpoints: 3,
      verifiedCheckpoints: 3,
      coveredEntries: 8,
      issues: [],
    })
    expect((await log.verify([await keyFor(seed)])).ok).toBe(true)
  })

  it('works with the portable provider too', async () => {
    const { entries, checkpoints } = await buildLog(5, [5])
    const report = await verifyLog(entries, checkpoints, [await keyFor(seed)], portableCrypto)
    expect(report.ok).toBe(true)
  })

  it('detects an edited entry: LOG_EDITED at every checkpoint after it', async () => {
    const { entries, checkpoints } = await buildLog(8, [2, 5, 8])
    const edited = [...entries]
    edited[3] = encodeAuditEvent(event(3, { actor: 'mallory@example.org' }))
    const report = await verifyLog(edited, checkpoints, [await keyFor(seed)], crypto)
    expect(report.ok).toBe(false)
    expect(codes(report.issues)).toEqual(['LOG_EDITED', 'LOG_EDITED'])
    expect(report.issues.map((i) => i.size)).toEqual([5, 8])
    expect(report.issues[0]!.message).toMatch(/between index 2 and 4/)
    expect(report.verifiedCheckpoints).toBe(1)
    expect(report.coveredEntries).toBe(2)
  })

  it('detects a dropped tail: LOG_TRUNCATED', async () => {
    const { entries, checkpoints } = await buildLog(6, [3, 6])
    const report = await verifyLog(entries.slice(0, 4), checkpoints, [await keyFor(seed)], crypto)
    expect(codes(report.issues)).toEqual(['LOG_TRUNCATED'])
    expect(report.issues[0]).toMatchObject({ checkpoint: 1, size: 6 })
    expect(report.coveredEntries).toBe(3)
  })

  it('detects a fork: two signed checkpoints of one size with different roots', async () => {
    const a = await buildLog(4, [4])
    const b = await AuditLog.open(new MemoryAuditLogStore(), crypto)
    for (let i = 0; i < 4; i++) await b.append(i === 2 ? event(2, { subject: 'other' }) : event(i))
    const { note: forked } = await b.signCheckpoint({ origin: ORIGIN, seed })
    const report = await verifyLog(
      a.entries,
      [...a.checkpoints, forked],
      [await keyFor(seed)],
      crypto,
    )
    expect(codes(report.issues)).toContain('LOG_FORKED')
    // And the local entries tell which of the two views they match.
    expect(report.issues.find((i) => i.code === 'LOG_EDITED')).toMatchObject({ checkpoint: 1 })
  })

  it('reports bad, untrusted and malformed checkpoints by position', async () => {
    const { entries, checkpoints } = await buildLog(4, [2, 4])
    const b = await AuditLog.open(new MemoryAuditLogStore(), crypto)
    for (let i = 0; i < 3; i++) await b.append(event(i))
    const { note: foreign } = await b.signCheckpoint({ origin: ORIGIN, seed: otherSeed })
    const tampered = checkpoints[1]!.replace(`\n4\n`, `\n3\n`)
    const report = await verifyLog(
      entries,
      [checkpoints[0]!, tampered, foreign, 'not a note'],
      [await keyFor(seed)],
      crypto,
    )
    expect(report.issues.map((i) => [i.code, i.checkpoint])).toEqual([
      ['LOG_CHECKPOINT_SIGNATURE_INVALID', 1],
      ['LOG_CHECKPOINT_UNTRUSTED_KEY', 2],
      ['LOG_CHECKPOINT_MALFORMED', 3],
    ])
    const wrongOrigin = await verifyLog(entries, checkpoints, [await keyFor(seed)], crypto, {
      origin: 'other.example/log',
    })
    expect(codes(wrongOrigin.issues)).toEqual([
      'LOG_CHECKPOINT_ORIGIN_MISMATCH',
      'LOG_CHECKPOINT_ORIGIN_MISMATCH',
    ])
    const badKey = await verifyLog(entries, checkpoints, ['nonsense'], crypto)
    expect(codes(badKey.issues)).toEqual(['LOG_VERIFIER_KEY_INVALID'])
  })

  it('flags a stored entry that is not a canonical audit event', async () => {
    const { entries } = await buildLog(3, [])
    const report = await verifyLog([...entries, utf8('{"x":1}')], [], [], crypto)
    expect(report.issues).toEqual([
      expect.objectContaining({ code: 'LOG_ENTRY_MALFORMED', index: 3 }),
    ])
  })

  it('reports progress and can be cancelled', async () => {
    const { entries, checkpoints } = await buildLog(5000, [2500, 5000])
    const seen: AuditProgress[] = []
    await verifyLog(entries, checkpoints, [await keyFor(seed)], crypto, {
      onProgress: (p) => seen.push(p),
    })
    const hashing = seen.filter((p) => p.phase === 'entries')
    expect(hashing.length).toBeGreaterThan(2)
    expect(hashing.at(-1)).toEqual({ phase: 'entries', done: 5000, total: 5000 })
    expect(seen.at(-1)).toEqual({ phase: 'checkpoints', done: 2, total: 2 })

    const aborted = new AbortController()
    aborted.abort()
    await expect(
      verifyLog(entries, checkpoints, [], crypto, { signal: aborted.signal }),
    ).rejects.toThrow()

    // Cancelled half-way, from another task, while hashing.
    const controller = new AbortController()
    let calls = 0
    const run = verifyLog(entries, checkpoints, [], crypto, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'entries' && ++calls === 1) setTimeout(() => controller.abort(), 0)
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
  })
})
