// The zip container, through zip.js (works unchanged in Node, browsers and workers). This module
// lists entries with the facts the verifier needs to refuse hostile archives, and streams an
// entry's bytes with a hard cap so a lying header cannot make us inflate without bound.
import {
  configure,
  Reader,
  Writer,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js'
import type { ByteSink, ContentSource, RandomAccessSource } from './byte-io'
import { throwIfAborted } from './byte-io'

configure({ useWebWorkers: false, chunkSize: 1024 * 1024 })

export interface ContainerLimits {
  maxEntries: number
  maxTotalUncompressed: number
  maxEntryUncompressed: number
  /** Largest uncompressed/compressed ratio accepted for a compressed entry. */
  maxRatio: number
  /** Largest JSON/text entry read into memory (statement, sign-offs, sums, proofs, keys). */
  maxMetadataBytes: number
}

export const DEFAULT_LIMITS: ContainerLimits = {
  maxEntries: 100_000,
  maxTotalUncompressed: 64 * 1024 ** 3,
  maxEntryUncompressed: 16 * 1024 ** 3,
  maxRatio: 200,
  maxMetadataBytes: 64 * 1024 ** 2,
}

export interface ContainerEntry {
  /** Name decoded strictly as UTF-8 from the central directory, or undefined if it is not UTF-8. */
  name: string | undefined
  rawName: Uint8Array
  offset: number
  compressedSize: number
  uncompressedSize: number
  compressionMethod: number
  /** From the Unix mode bits where present; only 'file' entries may be bundle files. */
  fileType: 'file' | 'directory' | 'symlink' | 'other'
  encrypted: boolean
  entry: Entry
}

class SourceReader extends Reader<RandomAccessSource> {
  constructor(private readonly source: RandomAccessSource) {
    super(source)
  }
  override async init(): Promise<void> {
    await super.init?.()
    this.size = this.source.size
  }
  override readUint8Array(offset: number, length: number): Promise<Uint8Array> {
    return this.source.read(offset, length)
  }
}

const S_IFMT = 0o170000
const S_IFLNK = 0o120000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

function fileTypeOf(e: Entry, unixType: number): ContainerEntry['fileType'] {
  if (e.symlink || unixType === S_IFLNK) return 'symlink'
  if (e.directory || unixType === S_IFDIR) return 'directory'
  return unixType === 0 || unixType === S_IFREG ? 'file' : 'other'
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

export async function openContainer(source: RandomAccessSource): Promise<{
  entries: ContainerEntry[]
  close: () => Promise<void>
}> {
  // Strict: ambiguous archives (duplicate names, local headers that disagree with the central
  // directory, several end records) are errors. Names are checked by the verifier, which
  // reports each unsafe one by name, so zip.js's own filename check is relaxed.
  const reader = new ZipReader(new SourceReader(source), {
    strictness: 'strict',
    filenameValidation: 'tolerant',
  })
  const raw = await reader.getEntries()
  const entries = raw.map((e): ContainerEntry => {
    let name: string | undefined
    try {
      name = utf8Strict.decode(e.rawFilename)
    } catch {
      name = undefined
    }
    const unixType = (e.externalFileAttributes >>> 16) & S_IFMT
    return {
      name,
      rawName: e.rawFilename,
      offset: e.offset,
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
      compressionMethod: e.compressionMethod,
      fileType: fileTypeOf(e, unixType),
      encrypted: e.encrypted,
      entry: e,
    }
  })
  return { entries, close: () => reader.close() }
}

/** True when the central-directory ranges of two entries' data overlap (a classic zip bomb). */
export function overlappingEntries(entries: ContainerEntry[]): ContainerEntry[] {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset)
  const overlapping: ContainerEntry[] = []
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    const cur = sorted[i]!
    // A local header is at least 30 bytes; data follows it. Equal offsets always overlap.
    if (cur.offset < prev.offset + 30 + prev.compressedSize) overlapping.push(cur)
  }
  return overlapping
}

export class EntryTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`entry produced more than ${limit} bytes`)
    this.name = 'EntryTooLargeError'
  }
}

class ChunkWriter extends Writer<void> {
  written = 0
  constructor(
    private readonly onChunk: (chunk: Uint8Array) => void,
    private readonly cap: number,
    private readonly signal?: AbortSignal,
  ) {
    super()
  }
  override async writeUint8Array(chunk: Uint8Array): Promise<void> {
    throwIfAborted(this.signal)
    this.written += chunk.length
    if (this.written > this.cap) throw new EntryTooLargeError(this.cap)
    this.onChunk(chunk)
  }
  override getData(): Promise<void> {
    return Promise.resolve()
  }
}

/**
 * Streams an entry's uncompressed bytes to `onChunk`, failing once more than `cap` bytes come
 * out (the declared size is never trusted). Returns the byte count.
 */
export async function streamEntry(
  entry: ContainerEntry,
  onChunk: (chunk: Uint8Array) => void,
  options: { cap: number; signal?: AbortSignal; checkCrc?: boolean },
): Promise<number> {
  const writer = new ChunkWriter(onChunk, options.cap, options.signal)
  await (entry.entry as FileEntry).getData(writer, {
    checkSignature: options.checkCrc ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return writer.written
}

export async function readEntryBytes(
  entry: ContainerEntry,
  cap: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  await streamEntry(entry, (c) => chunks.push(c.slice()), { cap, ...(signal ? { signal } : {}) })
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let o = 0
  for (const c of chunks) {
    out.set(c, o)
    o += c.length
  }
  return out
}

// File types whose bytes usually compress; everything else (images, PDFs, archives) is stored.
const COMPRESSIBLE = /\.(csv|tsv|json|jsonl|txt|log|md|html?|xml|svg|yaml|yml)$/i

export interface NewEntry {
  name: string
  content: ContentSource | Uint8Array
  /** Force stored (0) or deflated (6); by default chosen from the name. */
  level?: number
}

/** Writes a zip with zip.js, streaming each entry from its source into the sink. */
export async function writeContainer(
  sink: ByteSink,
  entries: AsyncIterable<NewEntry> | Iterable<NewEntry>,
  options: { signal?: AbortSignal; onEntryDone?: (name: string, size: number) => void } = {},
): Promise<void> {
  const writable = new WritableStream<Uint8Array>({ write: (chunk) => sink.write(chunk) })
  const zip = new ZipWriter(writable, {
    useUnicodeFileNames: true,
    extendedTimestamp: false,
    // A fixed date keeps bundles byte-reproducible; times that matter are in the statement.
    lastModDate: new Date('2000-01-01T00:00:00Z'),
    keepOrder: true,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  for await (const e of entries) {
    throwIfAborted(options.signal)
    const bytes = e.content instanceof Uint8Array
    const level = e.level ?? (COMPRESSIBLE.test(e.name) ? 6 : 0)
    const readable = bytes
      ? new Uint8ArrayStream(e.content as Uint8Array)
      : (e.content as ContentSource).stream()
    const size = bytes ? (e.content as Uint8Array).length : (e.content as ContentSource).size
    await zip.add(e.name, readable, {
      level,
      unixMode: 0o100644,
      uncompressedSize: size,
      ...(size > 0xfffffffe ? { zip64: true } : {}),
    })
    options.onEntryDone?.(e.name, size)
  }
  await zip.close()
}

class Uint8ArrayStream extends ReadableStream<Uint8Array> {
  constructor(bytes: Uint8Array) {
    super({
      start(controller) {
        if (bytes.length) controller.enqueue(bytes)
        controller.close()
      },
    })
  }
}
