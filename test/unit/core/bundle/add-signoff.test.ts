// Adding a sign-off copies every entry into a new zip. A read error partway through an entry
// must fail the whole operation as one rejected promise, never as a stray unhandled rejection,
// and with the CLI's atomic write the original bundle stays as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addSignoff } from '../../../../src/core/bundle/add-signoff'
import {
  bytesSource,
  MemorySink,
  type ByteSink,
  type RandomAccessSource,
} from '../../../../src/core/bundle/byte-io'
import { openContainer } from '../../../../src/core/bundle/zip-container'
import { identitySigner } from '../../../../src/core/keys/key-signer'
import { openFileSource, writeFileAtomic } from '../../../../src/node/bundle/file-source'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { fullySignedDpia, NOW, verifyBytes } from '../../../helpers/bundle-fixture'

const MiB = 1024 * 1024

/** Deterministic bytes that do not compress, so the entry is stored and read in blocks. */
function noise(length: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = 2463534242
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

let good: Awaited<ReturnType<typeof fullySignedDpia>>
/** An offset inside the large entry's data, past its first two 1 MiB blocks. */
let failAt: number

beforeAll(async () => {
  const first = (await fullySignedDpia()).packet.evidence[0]!.path
  good = await fullySignedDpia({
    evidence: (p) => (p === first ? noise(4 * MiB) : utf8(`evidence for ${p}\n`.repeat(50))),
  })
  const { entries, close } = await openContainer(bytesSource(good.bundle))
  const big = entries.find((e) => e.name === `files/${first}`)!
  await close()
  expect(big.compressionMethod).toBe(0)
  failAt = big.offset + Math.floor(2.5 * MiB)
})

class ReadError extends Error {}

/** `source`, except that any read covering `failAt` fails. */
const failingAt = (source: RandomAccessSource, at: number): RandomAccessSource => ({
  size: source.size,
  read: async (offset, length) => {
    if (offset <= at && at < offset + length) throw new ReadError('the disk went away')
    return source.read(offset, length)
  },
})

/** `sink`, taking its time as a busy disk does: a reader that does not wait for it runs ahead. */
const slow = (sink: ByteSink): ByteSink => ({
  write: async (chunk) => {
    await new Promise((resolve) => setTimeout(resolve, 2))
    await sink.write(chunk)
  },
})

/** Runs `f`, collecting the unhandled rejections seen while it runs and shortly after. */
async function unhandledDuring(f: () => Promise<unknown>): Promise<unknown[]> {
  const seen: unknown[] = []
  const listener = (reason: unknown) => void seen.push(reason)
  process.on('unhandledRejection', listener)
  try {
    await f()
    await new Promise((resolve) => setTimeout(resolve, 100))
  } finally {
    process.off('unhandledRejection', listener)
  }
  return seen
}

const options = () => ({
  crypto: nodeCrypto,
  signer: identitySigner(nodeCrypto, good.parties.legal.identity),
  role: 'legal',
  decision: 'approve' as const,
  now: NOW,
})

describe('addSignoff', () => {
  it('copies a multi-block entry intact when nothing fails', async () => {
    const sink = new MemorySink()
    await addSignoff(bytesSource(good.bundle), sink, options())
    expect((await verifyBytes(sink.bytes(), good.keyring)).verdict).toBe('verified')
  })

  it('rejects with the read error, and nothing else, when a read fails partway', async () => {
    let error: unknown
    const unhandled = await unhandledDuring(async () => {
      const sink = slow(new MemorySink())
      error = await addSignoff(failingAt(bytesSource(good.bundle), failAt), sink, options()).then(
        () => undefined,
        (e: unknown) => e,
      )
    })
    expect(error).toBeInstanceOf(ReadError)
    expect(unhandled).toEqual([])
  })

  describe('through the atomic file write evw signoff uses', () => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'evw-signoff-'))
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('leaves the original bundle untouched and no temporary file behind', async () => {
      const path = join(dir, 'dpia.evb')
      writeFileSync(path, good.bundle)
      const file = await openFileSource(path)
      let error: unknown
      try {
        const unhandled = await unhandledDuring(async () => {
          error = await writeFileAtomic(path, async (sink) => {
            await addSignoff(failingAt(file, failAt), slow(sink), options())
          }).then(
            () => undefined,
            (e: unknown) => e,
          )
        })
        expect(unhandled).toEqual([])
      } finally {
        await file.close()
      }
      expect(error).toBeInstanceOf(ReadError)
      expect(Buffer.from(readFileSync(path)).equals(Buffer.from(good.bundle))).toBe(true)
      expect(readdirSync(dir)).toEqual(['dpia.evb'])
    })
  })
})
