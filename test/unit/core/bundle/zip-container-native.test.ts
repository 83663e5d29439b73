// The container reader where the platform registers no inflater and DecompressionStream itself
// fails on data after the end of a deflate stream, as the Compression Streams standard requires
// and browsers do (Chromium: "Junk found after end of compressed data."). Node's own
// DecompressionStream does not, so it is replaced here by one that behaves like a browser's.
import { Duplex } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { openContainer, streamEntry } from '../../../../src/core/bundle/zip-container'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { buildZip, rawEntry, type RawEntry } from '../../../helpers/zip-surgery'

/** DecompressionStream('deflate-raw') as browsers implement it, over Node's zlib. */
class BrowserLikeDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>
  readonly writable: WritableStream<Uint8Array>
  constructor(format: string) {
    if (format !== 'deflate-raw') throw new TypeError(`Unsupported format: ${format}`)
    const engine = createInflateRaw()
    const pair = Duplex.toWeb(engine) as unknown as {
      readable: ReadableStream<Uint8Array>
      writable: WritableStream<Uint8Array>
    }
    let received = 0
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.length
        controller.enqueue(chunk)
      },
    })
    counter.readable.pipeTo(pair.writable).catch(() => undefined)
    this.writable = counter.writable
    this.readable = pair.readable.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          if (engine.bytesWritten !== received) {
            throw new TypeError('Junk found after end of compressed data.')
          }
        },
      }),
    )
  }
}

const small = utf8('small text entry\n'.repeat(200))
const large = new Uint8Array(1536 * 1024).map((_, i) => (i * 2654435761) >>> 24)
const EXTRA = new Uint8Array([0xfe, 0xca, 4, 0, 1, 2, 3, 4])
const withTail = (e: RawEntry): RawEntry => ({
  ...e,
  data: new Uint8Array([...e.data, ...utf8('hidden')]),
})

async function read(zip: Uint8Array, checkCrc: boolean): Promise<number> {
  const { entries, close } = await openContainer(bytesSource(zip))
  try {
    let length = 0
    await streamEntry(entries[0]!, (c) => void (length += c.length), {
      cap: entries[0]!.uncompressedSize,
      checkCrc,
    })
    return length
  } finally {
    await close()
  }
}

beforeAll(() => vi.stubGlobal('DecompressionStream', BrowserLikeDecompressionStream))
afterAll(() => vi.unstubAllGlobals())

describe('with a DecompressionStream that fails on trailing data', () => {
  const cases: [string, RawEntry][] = [
    ['a small deflated entry', rawEntry('a.txt', small)],
    ['a large deflated entry', rawEntry('a.bin', large)],
    ['a deflated entry zip.js reads', { ...rawEntry('a.txt', small), localExtra: EXTRA }],
  ]

  it.each(cases)('reads %s', async (_what, e) => {
    for (const checkCrc of [false, true]) {
      expect(await read(buildZip([e]), checkCrc)).toBe(e.uncompressedSize)
    }
  })

  it.each(cases)('refuses %s with data after its deflate stream', async (_what, e) => {
    for (const checkCrc of [false, true]) {
      await expect(read(buildZip([withTail(e)]), checkCrc)).rejects.toThrow()
    }
  })
})
