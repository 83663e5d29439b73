// Files as the core's byte ports: random-access reads for verifying, streams for packing,
// and atomic writes (temp file + fsync + rename) so a crash leaves the previous file intact.
import { createReadStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Duplex, Readable } from 'node:stream'
import { randomBytes } from 'node:crypto'
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import type { ByteSink, ContentSource, RandomAccessSource } from '../../core/bundle/byte-io'
import {
  setCrc32Update,
  type Crc32Update,
  setInflateRawStream,
  setInflateRawSync,
  type InflateRawStream,
  type InflateRawSync,
} from '../../core/bundle/zip-container'

// Deflated entries inflate with zlib, which reports how much input a deflate stream took up, so
// that the reader can refuse data after its end (Node's DecompressionStream, the same zlib,
// ignores such data silently; see zip-container.ts). Small entries inflate synchronously,
// without a thread-pool round trip each.
export const nodeInflateRawSync: InflateRawSync = (data, maxOutputLength) => {
  // With `info`, zlib returns its engine too, whose bytesWritten counts the input it used.
  const { buffer, engine } = inflateRawSync(data, { maxOutputLength, info: true }) as unknown as {
    buffer: Buffer
    engine: { bytesWritten: number }
  }
  return { output: buffer, inputUsed: engine.bytesWritten }
}

export const nodeInflateRawStream = (): InflateRawStream => {
  const engine = createInflateRaw()
  // The same adapter Node's DecompressionStream uses, with its backpressure.
  const { readable, writable } = Duplex.toWeb(engine) as unknown as {
    readable: ReadableStream<Uint8Array>
    writable: WritableStream<Uint8Array>
  }
  return { readable, writable, inputUsed: () => engine.bytesWritten }
}

setInflateRawSync(nodeInflateRawSync)
setInflateRawStream(nodeInflateRawStream)

/** zlib's CRC-32 (Node 20.15 and 22.2 on, so every Node this project supports). */
export const nodeCrc32Update: Crc32Update = (crc, bytes) => crc32(bytes, crc)
setCrc32Update(nodeCrc32Update)

/** A path that names a folder, a device or a pipe where a file is expected. */
export class NotAFileError extends Error {
  readonly code: 'EISDIR' | 'ENOTFILE'
  constructor(path: string, folder: boolean) {
    super(`${path} is ${folder ? 'a folder' : 'not a regular file'}`)
    this.name = 'NotAFileError'
    this.code = folder ? 'EISDIR' : 'ENOTFILE'
  }
}

export async function openFileSource(
  path: string,
): Promise<RandomAccessSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r')
  const stats = await handle.stat()
  if (!stats.isFile()) {
    await handle.close()
    throw new NotAFileError(path, stats.isDirectory())
  }
  const { size } = stats
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length)
      const buf = Buffer.allocUnsafe(Math.max(0, end - offset))
      let got = 0
      while (got < buf.length) {
        const { bytesRead } = await handle.read(buf, got, buf.length - got, offset + got)
        if (bytesRead === 0) break
        got += bytesRead
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got)
    },
    close: () => handle.close(),
  }
}

export async function fileContent(path: string): Promise<ContentSource> {
  const { size } = await stat(path)
  return {
    size,
    stream: () =>
      Readable.toWeb(
        createReadStream(path, { highWaterMark: 1024 * 1024 }),
      ) as ReadableStream<Uint8Array>,
  }
}

/**
 * Writes `path` atomically: `produce` writes into a temporary sibling which replaces `path`
 * only once complete and flushed. On failure or cancellation the temporary file is removed and
 * any existing `path` is untouched.
 */
export async function writeFileAtomic(
  path: string,
  produce: (sink: ByteSink) => Promise<void>,
  mode = 0o644,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(tmp, 'wx', mode)
  let pending: Buffer[] = []
  let pendingBytes = 0
  const flush = async () => {
    if (pendingBytes === 0) return
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    await handle.write(buf)
  }
  try {
    await produce({
      async write(chunk) {
        // Coalesce the many small writes a zip writer makes into ~1 MiB system calls.
        pending.push(Buffer.from(chunk))
        pendingBytes += chunk.length
        if (pendingBytes >= 1024 * 1024) await flush()
      },
    })
    await flush()
    await handle.sync()
    await handle.close()
    await rename(tmp, path)
  } catch (e) {
    await handle.close().catch(() => undefined)
    await rm(tmp, { force: true })
    throw e
  }
}

export const writeBytesAtomic = (path: string, bytes: Uint8Array, mode = 0o644): Promise<void> =>
  writeFileAtomic(path, (sink) => sink.write(bytes), mode)
