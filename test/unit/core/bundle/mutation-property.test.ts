// Property: no mutation of a valid bundle is ever "verified" unless every entry still holds
// exactly the original bytes (a change to zip metadata such as a timestamp is harmless).
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { fullySignedDpia, verifyBytes } from '../../../helpers/bundle-fixture'
import { repack, unpack, type LooseEntry } from '../../../helpers/zip-surgery'

// A fixed seed keeps CI reproducible; set FC_SEED to explore other mutations locally.
const seed = Number(process.env.FC_SEED ?? 20261126)

let good: Awaited<ReturnType<typeof fullySignedDpia>>
let original: Map<string, string>

const digest = (entries: LooseEntry[]) =>
  new Map(entries.map((e) => [e.name, Buffer.from(e.data).toString('hex')]))

async function sameContent(bytes: Uint8Array): Promise<boolean> {
  let entries: LooseEntry[]
  try {
    entries = await unpack(bytes)
  } catch {
    return false
  }
  const got = digest(entries)
  if (got.size !== original.size || entries.length !== original.size) return false
  for (const [k, v] of original) if (got.get(k) !== v) return false
  return true
}

async function assertNoFalseVerified(bytes: Uint8Array): Promise<void> {
  const report = await verifyBytes(bytes, good.keyring)
  if (report.verdict === 'verified') expect(await sameContent(bytes)).toBe(true)
  else expect(report.items.some((i) => i.status === 'fail')).toBe(true)
}

beforeAll(async () => {
  good = await fullySignedDpia()
  original = digest(await unpack(good.bundle))
})

describe('random mutations of a valid bundle', () => {
  it('byte flips, truncations and insertions are never falsely verified', async () => {
    const n = () => good.bundle.length
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      }),
      fc.record({
        kind: fc.constant('overwrite' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        let b = good.bundle.slice()
        for (const m of ms) {
          const at = m.at % n()
          if (m.kind === 'flip') b[at] = b[at]! ^ (1 << m.bit)
          else if (m.kind === 'truncate') b = b.slice(0, at)
          else if (m.kind === 'insert')
            b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)])
          else b.set(m.bytes.subarray(0, Math.max(0, b.length - at)), Math.min(at, b.length))
        }
        await assertNoFalseVerified(b)
      }),
      { numRuns: 300, seed },
    )
  })

  it('entry removals, duplications, swaps, renames and edits are never verified', async () => {
    const entries = await unpack(good.bundle)
    const idx = fc.nat({ max: entries.length - 1 })
    const op = fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), i: idx }),
      fc.record({
        kind: fc.constant('copy-as-new' as const),
        i: idx,
        name: fc.constantFrom(
          'files/x.bin',
          'signoffs/x.dsse.json',
          'keys/x.pem',
          'other.txt',
          'log/x.tlog-proof',
        ),
      }),
      fc.record({ kind: fc.constant('swap-data' as const), i: idx, j: idx }),
      fc.record({ kind: fc.constant('rename' as const), i: idx, j: idx }),
      fc.record({
        kind: fc.constant('append-byte' as const),
        i: idx,
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('empty' as const), i: idx }),
    )
    await fc.assert(
      fc.asyncProperty(op, async (o) => {
        const es = entries.map((e) => ({ ...e }))
        const a = es[o.i]!
        if (o.kind === 'remove') es.splice(o.i, 1)
        else if (o.kind === 'copy-as-new') es.push({ ...a, name: o.name })
        else if (o.kind === 'swap-data') {
          const b = es[o.j]!
          if (Buffer.from(a.data).equals(Buffer.from(b.data))) return
          ;[a.data, b.data] = [b.data, a.data]
        } else if (o.kind === 'rename') {
          if (o.i === o.j) return
          a.name = `${es[o.j]!.name}.renamed`
        } else if (o.kind === 'append-byte') a.data = new Uint8Array([...a.data, o.byte])
        else {
          if (a.data.length === 0) return
          a.data = new Uint8Array(0)
        }
        const report = await verifyBytes(await repack(es), good.keyring)
        // A key hint is optional (it is never trusted), so removing one is no failure; any
        // other change, including to a hint, must fail.
        if (o.kind === 'remove' && entries[o.i]!.name.startsWith('keys/')) return
        expect(report.verdict).toBe('not-verified')
      }),
      { numRuns: 200, seed },
    )
  })
})
