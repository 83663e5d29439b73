// The exported log formats (docs/audit-log.md, "Export formats"), checked the way someone
// without the app checks them: the whole log re-verified from its entries and checkpoints, a
// packet's trail proof by proof, and `evw log verify` on both. Trust comes only from the keys
// given, never from the keys listed in the file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuditEvent } from '../../../../src/core/audit/audit-event'
import { AuditLog, MemoryAuditLogStore } from '../../../../src/core/audit/audit-log'
import {
  formatAuditLogExport,
  formatPacketTrail,
  LogExportError,
  parseAuditLogExport,
  verifyAuditLogExport,
  verifyPacketTrail,
} from '../../../../src/core/audit/log-export'
import { createNoteVerifier } from '../../../../src/core/audit/signed-note'
import { fromUtf8, utf8 } from '../../../../src/core/encoding/bytes'
import { log as logCommand } from '../../../../src/cli/commands/log'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const crypto = nodeCrypto
const ORIGIN = 'evidence-workbench/workspace/test'
const seed = new Uint8Array(32).fill(7)
const strangerSeed = new Uint8Array(32).fill(9)

const event = (i: number, packetId = i % 2 ? 'p-odd' : 'p-even'): AuditEvent => ({
  action: 'packet.edited',
  actor: 'Dana',
  time: `2026-05-01T09:00:0${i}.000Z`,
  packetId,
  subject: `edit ${i}`,
})

async function keyOf(s: Uint8Array, name = 'evw-device-0123456789abcdef'): Promise<string> {
  return (await createNoteVerifier(name, await crypto.ed25519PublicKey(s), crypto)).key
}

async function buildLog() {
  const store = new MemoryAuditLogStore()
  const log = await AuditLog.open(store, crypto)
  const signer = { origin: ORIGIN, keyName: 'evw-device-0123456789abcdef', seed }
  for (let i = 0; i < 6; i++) {
    await log.append(event(i))
    if (i % 2 === 1) await log.signCheckpoint(signer)
  }
  return { store, log, signer }
}

async function wholeLog(): Promise<Uint8Array> {
  const { store } = await buildLog()
  return formatAuditLogExport({
    origin: ORIGIN,
    exportedAt: '2026-05-01T10:00:00.000Z',
    verifierKeys: [await keyOf(seed)],
    entries: await store.loadEntries(),
    checkpoints: await store.listCheckpoints(),
  })
}

async function trail(): Promise<Uint8Array> {
  const { log, signer } = await buildLog()
  const { note } = await log.signCheckpoint(signer)
  const entries = []
  for (const index of [1, 3, 5]) {
    entries.push({ index, event: event(index), proof: await log.proofFile(index, note) })
  }
  return formatPacketTrail({
    origin: ORIGIN,
    packetId: 'p-odd',
    exportedAt: '2026-05-01T10:00:00.000Z',
    verifierKeys: [await keyOf(seed)],
    checkpoint: note,
    entries,
  })
}

describe('the whole-log export', () => {
  it('round-trips and verifies with the device key', async () => {
    const bytes = await wholeLog()
    const parsed = parseAuditLogExport(bytes)
    expect(parsed.entries).toHaveLength(6)
    expect(parsed.checkpoints).toHaveLength(3)
    const report = await verifyAuditLogExport(bytes, [await keyOf(seed)], crypto)
    expect(report).toMatchObject({ ok: true, origin: ORIGIN, coveredEntries: 6 })
  })

  it('reports an edited entry and untrusted signers', async () => {
    const file = JSON.parse(fromUtf8(await wholeLog())) as { entries: string[] }
    file.entries[4] = Buffer.from(
      Buffer.from(file.entries[4]!, 'base64').toString().replace('edit 4', 'edit X'),
    ).toString('base64')
    const edited = await verifyAuditLogExport(
      utf8(JSON.stringify(file)),
      [await keyOf(seed)],
      crypto,
    )
    expect(edited.issues).toEqual([expect.objectContaining({ code: 'LOG_EDITED', index: 4 })])
    const stranger = await verifyAuditLogExport(
      await wholeLog(),
      [await keyOf(strangerSeed)],
      crypto,
    )
    expect(stranger.issues.map((i) => i.code)).toEqual([
      'LOG_CHECKPOINT_UNTRUSTED_KEY',
      'LOG_CHECKPOINT_UNTRUSTED_KEY',
      'LOG_CHECKPOINT_UNTRUSTED_KEY',
    ])
  })

  it('refuses a file that is not an exported log', () => {
    expect(() => parseAuditLogExport(utf8('{"type":"something-else","version":1}'))).toThrow(
      LogExportError,
    )
    expect(() => parseAuditLogExport(utf8('not json'))).toThrow(/not valid JSON/)
  })
})

describe("a packet's trail", () => {
  it('verifies proof by proof', async () => {
    const report = await verifyPacketTrail(await trail(), [await keyOf(seed)], crypto)
    expect(report).toEqual({
      ok: true,
      origin: ORIGIN,
      packetId: 'p-odd',
      entries: 3,
      problems: [],
    })
  })

  it('catches a changed event, a moved index and an untrusted checkpoint', async () => {
    const file = JSON.parse(fromUtf8(await trail())) as {
      entries: { index: number; event: AuditEvent }[]
    }
    file.entries[0]!.event.subject = 'edit 7'
    file.entries[1]!.index = 4
    const report = await verifyPacketTrail(utf8(JSON.stringify(file)), [await keyOf(seed)], crypto)
    expect(report.problems.map((p) => [p.code, p.index])).toEqual([
      ['LOG_TRAIL_MISMATCH', 1],
      ['LOG_TRAIL_MISMATCH', 4],
    ])
    const stranger = await verifyPacketTrail(await trail(), [await keyOf(strangerSeed)], crypto)
    expect(stranger.problems.every((p) => p.code === 'LOG_CHECKPOINT_UNTRUSTED_KEY')).toBe(true)
  })
})

describe('evw log verify', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'evw-log-verify-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function run(argv: string[]): Promise<{ status: number; out: string }> {
    let out = ''
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk)
      return true
    })
    try {
      return { status: await logCommand(argv), out }
    } finally {
      spy.mockRestore()
    }
  }

  it('verifies both kinds of export with a trusted key, and not with another', async () => {
    const whole = path.join(dir, 'log.json')
    const packet = path.join(dir, 'trail.json')
    await writeFile(whole, await wholeLog())
    await writeFile(packet, await trail())
    const key = await keyOf(seed)
    expect(await run(['verify', whole, '--key', key])).toMatchObject({
      status: 0,
      out: expect.stringMatching(/^VERIFIED: log evidence-workbench\/workspace\/test, 6 entries/),
    })
    expect(await run(['verify', packet, '--key', key])).toMatchObject({
      status: 0,
      out: expect.stringMatching(/^VERIFIED: the trail of packet p-odd \(3 entries\)/),
    })
    const other = await run(['verify', whole, '--key', await keyOf(strangerSeed)])
    expect(other.status).toBe(1)
    expect(other.out).toMatch(/LOG_CHECKPOINT_UNTRUSTED_KEY/)
    await expect(run(['verify', whole])).rejects.toThrow(/give --key or --keyring/)
  })
})
