// The container reader on zips no honest writer makes: every byte of an entry's data must be
// part of what the entry yields. A deflated entry whose data goes on past the end of its
// deflate stream, or a stored entry whose sizes disagree, is refused on every read path: the
// synchronous inflater for small entries, the streaming one for large entries, and zip.js for
// headers the direct path leaves to it.
import { deflateRawSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import {
  openContainer,
  setInflateRawStream,
  setInflateRawSync,
  streamEntry,
} from '../../../../src/core/bundle/zip-container'
// Importing the Node inflaters registers them, as `evw` does.
import { nodeInflateRawStream, nodeInflateRawSync } from '../../../../src/node/bundle/file-source'
import { concatBytes, utf8 } from '../../../../src/core/encoding/bytes'
import { failureCodes, fullySignedDpia, verifyBytes } from '../../../helpers/bundle-fixture'
import { buildZip, rawEntry, unpack, type RawEntry } from '../../../helpers/zip-surgery'

/** Deterministic bytes that do not compress, so a large entry stays large when deflated. */
function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

const HIDDEN = utf8('hidden bytes that no digest covers')
/** A local extra field the direct path does not interpret, so zip.js reads the entry. */
const EXTRA = new Uint8Array([0xfe, 0xca, 4, 0, 1, 2, 3, 4])

const small = utf8('small text entry\n'.repeat(200))
const large = noise(1536 * 1024)
/** Tails of one byte, a few, and several read blocks' worth. */
const TAILS = [new Uint8Array(1), HIDDEN, noise(3 * 1024 * 1024, 7)]

/** `e` with `tail` appended to its compressed data: the deflate stream ends before the data. */
const withTail = (e: RawEntry, tail: Uint8Array = HIDDEN): RawEntry => ({
  ...e,
  data: concatBytes(e.data, tail),
})

async function read(zip: Uint8Array, checkCrc: boolean): Promise<Uint8Array> {
  const { entries, close } = await openContainer(bytesSource(zip))
  try {
    const chunks: Uint8Array[] = []
    await streamEntry(entries[0]!, (c) => void chunks.push(c.slice()), {
      cap: entries[0]!.uncompressedSize,
      checkCrc,
    })
    return concatBytes(...chunks)
  } finally {
    await close()
  }
}

const PATHS: [string, RawEntry][] = [
  ['a small deflated entry (inflated in one call)', rawEntry('a.txt', small)],
  ['a large deflated entry (inflated as a stream)', rawEntry('a.bin', large)],
  [
    'a deflated entry with a header zip.js reads',
    { ...rawEntry('a.txt', small), localExtra: EXTRA },
  ],
]

afterEach(() => {
  setInflateRawSync(nodeInflateRawSync)
  setInflateRawStream(nodeInflateRawStream)
})

describe('deflated entries', () => {
  it.each(PATHS)('reads %s intact', async (_what, e) => {
    const expected = e.uncompressedSize === small.length ? small : large
    for (const checkCrc of [false, true]) {
      expect(Buffer.from(await read(buildZip([e]), checkCrc)).equals(expected)).toBe(true)
    }
  })

  it.each(PATHS)(
    'refuses %s whose data goes on past the end of its deflate stream',
    async (_what, e) => {
      for (const checkCrc of [false, true]) {
        for (const tail of TAILS) {
          await expect(read(buildZip([withTail(e, tail)]), checkCrc)).rejects.toThrow()
        }
      }
    },
  )

  it('refuses a second gzip member hidden inside the deflate data', async () => {
    // An empty deflate stream, an empty gzip member's trailer, then a gzip header carrying a
    // comment and the real content: a gzip inflater that reads on across members would yield
    // exactly the content, with the comment covered by nothing.
    const header = concatBytes(
      new Uint8Array([0x1f, 0x8b, 8, 0x10, 0, 0, 0, 0, 0, 0xff]),
      HIDDEN,
      new Uint8Array([0]),
    )
    const e = rawEntry('a.txt', small)
    const data = concatBytes(
      new Uint8Array([3, 0]),
      new Uint8Array(8),
      header,
      new Uint8Array(deflateRawSync(small)),
    )
    for (const checkCrc of [false, true]) {
      await expect(read(buildZip([{ ...e, data }]), checkCrc)).rejects.toThrow()
    }
  })

  it('refuses deflated entries, and only those, where the inflater cannot tell where a stream ends', async () => {
    // Node's own DecompressionStream ignores bytes after the end of a deflate stream; without
    // an inflater that reports what it used, deflated entries cannot be checked.
    setInflateRawSync(undefined)
    setInflateRawStream(undefined)
    const e = rawEntry('a.txt', small)
    await expect(read(buildZip([e]), false)).rejects.toThrow(/end of a deflate stream/)
    await expect(read(buildZip([{ ...e, localExtra: EXTRA }]), true)).rejects.toThrow(
      /end of a deflate stream/,
    )
    const stored = await read(buildZip([rawEntry('a.txt', small, 0)]), true)
    expect(Buffer.from(stored).equals(small)).toBe(true)
  })
})

describe('stored entries', () => {
  it('refuses a stored entry whose compressed size is not its size', async () => {
    const e = rawEntry('a.txt', small, 0)
    for (const lie of [
      // More data than the entry yields: the extra bytes would be covered by nothing.
      { ...e, data: concatBytes(e.data, HIDDEN) },
      // Less data than declared.
      { ...e, data: e.data.subarray(0, 100), uncompressedSize: small.length },
    ]) {
      for (const checkCrc of [false, true]) {
        await expect(read(buildZip([lie]), checkCrc)).rejects.toThrow()
      }
    }
  })
})

describe('the verifier', () => {
  let good: Awaited<ReturnType<typeof fullySignedDpia>>
  let bigName: string
  beforeAll(async () => {
    const bigPath = (await fullySignedDpia()).packet.evidence[0]!.path
    bigName = `files/${bigPath}`
    good = await fullySignedDpia({
      evidence: (p) => (p === bigPath ? large : utf8(`evidence for ${p}\n`.repeat(50))),
    })
  })

  const rebuilt = async (change: (e: RawEntry) => RawEntry = (e) => e) =>
    buildZip((await unpack(good.bundle)).map((e) => change(rawEntry(e.name, e.data))))

  it('verifies the bundle rebuilt entry by entry', async () => {
    expect(failureCodes(await verifyBytes(await rebuilt(), good.keyring))).toEqual([])
  })

  it.each([
    ['a small evidence file', 'small'],
    ['a large evidence file', 'large'],
    ['the statement', 'statement'],
    ['SHA256SUMS, read by zip.js', 'sums'],
  ])('refuses %s with bytes after its deflate stream (ENTRY_CORRUPT)', async (_what, which) => {
    const smallName = `files/${good.packet.evidence[1]!.path}`
    const target = {
      small: smallName,
      large: bigName,
      statement: 'statement.dsse.json',
      sums: 'SHA256SUMS',
    }[which]!
    const bytes = await rebuilt((e) =>
      e.name !== target
        ? e
        : which === 'sums'
          ? { ...withTail(e), localExtra: EXTRA }
          : withTail(e),
    )
    const report = await verifyBytes(bytes, good.keyring)
    expect(report.verdict).toBe('not-verified')
    const item = report.items.find((i) => i.code === 'ENTRY_CORRUPT')
    expect(item?.subject).toBe(target)
    expect(item?.message).toMatch(/past the end of (its|the) deflate stream/)
  })
})
