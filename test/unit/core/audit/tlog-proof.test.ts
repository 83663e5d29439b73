import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fromBase64, toBase64, utf8 } from '../../../../src/core/encoding/bytes'
import { AuditLog, MemoryAuditLogStore } from '../../../../src/core/audit/audit-log'
import { encodeAuditEvent, type AuditEvent } from '../../../../src/core/audit/audit-event'
import { signCheckpoint } from '../../../../src/core/audit/checkpoint'
import { MerkleTree, leafHash } from '../../../../src/core/audit/merkle'
import { createNoteVerifier } from '../../../../src/core/audit/signed-note'
import {
  TLOG_PROOF_HEADER,
  TLOG_PROOF_MAX_BYTES,
  formatTlogProof,
  parseTlogProof,
  verifyTlogProof,
} from '../../../../src/core/audit/tlog-proof'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const crypto = nodeCrypto
const ORIGIN = 'workbench.example/audit/ws-1'
const seed = new Uint8Array(32).fill(1)
const otherSeed = new Uint8Array(32).fill(2)

const event = (i: number): AuditEvent => ({
  action: i % 2 ? 'packet.edited' : 'evidence.added',
  actor: 'alice@example.org',
  time: `2026-05-0${1 + (i % 9)}T09:30:00.000Z`,
  packetId: `pkt-${i}`,
  subject: `files/capture-${i}.png`,
  details: { n: i },
})

async function keyFor(s: Uint8Array, name = ORIGIN): Promise<string> {
  return (await createNoteVerifier(name, await crypto.ed25519PublicKey(s), crypto)).key
}

async function logWith(n: number): Promise<AuditLog> {
  const log = await AuditLog.open(new MemoryAuditLogStore(), crypto)
  for (let i = 0; i < n; i++) await log.append(event(i))
  return log
}

describe('tlog-proof files', () => {
  it('round-trip: format, parse, verify for every entry', async () => {
    const log = await logWith(7)
    await log.signCheckpoint({ origin: ORIGIN, seed })
    const keys = [await keyFor(seed)]
    for (let i = 0; i < 7; i++) {
      const file = await log.proofFile(i)
      expect(file.startsWith(`${TLOG_PROOF_HEADER}\nextra `)).toBe(true)
      const parsed = parseTlogProof(utf8(file))
      expect(parsed.ok).toBe(true)
      if (!parsed.ok) return
      expect(formatTlogProof(parsed.proof)).toBe(file)
      const verified = await verifyTlogProof(file, keys, crypto, { origin: ORIGIN })
      expect(verified).toMatchObject({ ok: true, index: i, entry: event(i) })
      expect(verified.ok && verified.checkpoint.size).toBe(7)
      // A parsed object verifies the same as the file.
      expect((await verifyTlogProof(parsed.proof, keys, crypto)).ok).toBe(true)
    }
  })

  it('writes the exact C2SP layout', async () => {
    const log = await logWith(3)
    const { note } = await log.signCheckpoint({ origin: ORIGIN, seed })
    const file = await log.proofFile(2)
    const proof = await log.inclusionProof(2)
    expect(file).toBe(
      [
        TLOG_PROOF_HEADER,
        `extra ${toBase64(log.entry(2))}`,
        'index 2',
        ...proof.map(toBase64),
        '',
        note,
      ].join('\n'),
    )
  })

  it('names what is wrong with a tampered proof', async () => {
    const log = await logWith(5)
    await log.signCheckpoint({ origin: ORIGIN, seed })
    const keys = [await keyFor(seed)]
    const file = await log.proofFile(3)
    const good = parseTlogProof(file)
    if (!good.ok) throw new Error('setup')
    const p = good.proof
    const code = async (x: Parameters<typeof verifyTlogProof>[0], k = keys, origin?: string) => {
      const r = await verifyTlogProof(x, k, crypto, origin ? { origin } : {})
      return r.ok ? 'ok' : r.code
    }
    const otherEntry = encodeAuditEvent(event(4))
    expect(await code({ ...p, entry: otherEntry })).toBe('LOG_INCLUSION_INVALID')
    expect(await code({ ...p, index: 2 })).toBe('LOG_INCLUSION_INVALID')
    expect(await code({ ...p, index: 5 })).toBe('LOG_INCLUSION_INVALID')
    expect(await code({ ...p, proof: p.proof.slice(1) })).toBe('LOG_INCLUSION_INVALID')
    const flipped = p.proof.map((h, i) => (i === 0 ? h.map((b, j) => (j ? b : b ^ 1)) : h))
    expect(await code({ ...p, proof: flipped })).toBe('LOG_INCLUSION_INVALID')
    expect(await code({ ...p, entry: undefined })).toBe('LOG_PROOF_MALFORMED')
    expect(await code(file, [await keyFor(otherSeed)])).toBe('LOG_CHECKPOINT_UNTRUSTED_KEY')
    expect(await code(file, keys, 'another.example/log')).toBe('LOG_CHECKPOINT_ORIGIN_MISMATCH')
    expect(await code(file.replace(/\n5\n/, '\n6\n'))).toBe('LOG_CHECKPOINT_SIGNATURE_INVALID')
    expect(await code(file, ['junk'])).toBe('LOG_VERIFIER_KEY_INVALID')

    // The proof of another, correctly signed checkpoint does not fit this one.
    const bigger = await logWith(9)
    await bigger.signCheckpoint({ origin: ORIGIN, seed })
    const otherFile = parseTlogProof(await bigger.proofFile(3))
    if (!otherFile.ok) throw new Error('setup')
    expect(await code({ ...p, checkpoint: otherFile.proof.checkpoint })).toBe(
      'LOG_INCLUSION_INVALID',
    )
  })

  it('reports a logged entry that is not a canonical audit event', async () => {
    const entries = [utf8('{"b":1, "a":2}'), utf8('{"action":"x"}')]
    const tree = new MerkleTree(crypto)
    for (const e of entries) tree.append(await leafHash(e, crypto))
    const checkpoint = await signCheckpoint(
      { origin: ORIGIN, size: 2, rootHash: await tree.rootHash(), extensions: [] },
      { seed },
      crypto,
    )
    for (const index of [0, 1]) {
      const file = formatTlogProof({
        index,
        entry: entries[index]!,
        proof: await tree.inclusionProof(index),
        checkpoint,
      })
      expect(await verifyTlogProof(file, [await keyFor(seed)], crypto)).toMatchObject({
        ok: false,
        code: 'LOG_ENTRY_MALFORMED',
      })
    }
  })

  it('refuses malformed files with LOG_PROOF_MALFORMED or LOG_CHECKPOINT_MALFORMED', async () => {
    const log = await logWith(3)
    await log.signCheckpoint({ origin: ORIGIN, seed })
    const file = await log.proofFile(1)
    const lines = file.split('\n')
    const bad: [string, string][] = [
      ['', 'LOG_PROOF_MALFORMED'],
      ['garbage', 'LOG_PROOF_MALFORMED'],
      [file.replace(TLOG_PROOF_HEADER, 'c2sp.org/tlog-proof@v2'), 'LOG_PROOF_MALFORMED'],
      [file.replace('index 1', 'index 01'), 'LOG_PROOF_MALFORMED'],
      [file.replace('index 1', 'index -1'), 'LOG_PROOF_MALFORMED'],
      [file.replace('index 1', 'index 99999999999999999999'), 'LOG_PROOF_MALFORMED'],
      [file.replace('index 1', 'index  1'), 'LOG_PROOF_MALFORMED'],
      [file.replace('\nextra ', '\nextra !'), 'LOG_PROOF_MALFORMED'],
      [file.replaceAll('\n', '\r\n'), 'LOG_PROOF_MALFORMED'],
      [[...lines.slice(0, 3), 'AAAA', ...lines.slice(3)].join('\n'), 'LOG_PROOF_MALFORMED'],
      [
        [...lines.slice(0, 3), ...Array(65).fill(lines[3]), ...lines.slice(4)].join('\n'),
        'LOG_PROOF_MALFORMED',
      ],
      [lines.slice(0, 5).join('\n'), 'LOG_PROOF_MALFORMED'],
      [lines.slice(0, 6).join('\n') + '\n', 'LOG_CHECKPOINT_MALFORMED'],
      [file + 'trailing line\n', 'LOG_CHECKPOINT_MALFORMED'],
    ]
    for (const [text, code] of bad) {
      expect(parseTlogProof(text), JSON.stringify(text.slice(0, 80))).toMatchObject({
        ok: false,
        code,
      })
    }
    expect(parseTlogProof(new Uint8Array([0xff, 0xfe]))).toMatchObject({
      code: 'LOG_PROOF_MALFORMED',
    })
    expect(parseTlogProof(null as unknown as string)).toMatchObject({ code: 'LOG_PROOF_MALFORMED' })
  })

  it('every truncation of a valid file fails with a code, never an exception', async () => {
    const log = await logWith(6)
    await log.signCheckpoint({ origin: ORIGIN, seed })
    const bytes = utf8(await log.proofFile(4))
    const keys = [await keyFor(seed)]
    for (let n = 0; n < bytes.length; n++) {
      const r = await verifyTlogProof(bytes.subarray(0, n), keys, crypto)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.code).toMatch(/^LOG_/)
    }
  })

  it('refuses a huge file at once', async () => {
    const huge = TLOG_PROOF_HEADER + '\n' + 'A'.repeat(TLOG_PROOF_MAX_BYTES + 1)
    const started = Date.now()
    expect(await verifyTlogProof(huge, [], crypto)).toMatchObject({ code: 'LOG_PROOF_MALFORMED' })
    expect(await verifyTlogProof(utf8(huge), [], crypto)).toMatchObject({
      code: 'LOG_PROOF_MALFORMED',
    })
    const longExtra = `${TLOG_PROOF_HEADER}\nextra ${'A'.repeat(200_000)}\nindex 0\n\n`
    expect(parseTlogProof(longExtra)).toMatchObject({ code: 'LOG_PROOF_MALFORMED' })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('never throws on random or mutated input (fast-check)', async () => {
    const log = await logWith(4)
    await log.signCheckpoint({ origin: ORIGIN, seed })
    const file = await log.proofFile(2)
    const keys = [await keyFor(seed)]
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        expect((await verifyTlogProof(bytes, keys, crypto)).ok).toBe(false)
      }),
      { numRuns: 200 },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: file.length - 1 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
        async (at, junk) => {
          const mutated = file.slice(0, at) + junk + file.slice(at + junk.length)
          const r = await verifyTlogProof(mutated, keys, crypto)
          if (r.ok) {
            // Only a change that leaves the meaningful bytes intact may still verify.
            expect(r.entryBytes).toEqual(fromBase64(file.split('\n')[1]!.slice(6)))
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
