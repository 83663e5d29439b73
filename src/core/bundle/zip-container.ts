// The zip container, through zip.js (works unchanged in Node, browsers and workers). This module
// lists entries with the facts the verifier needs to refuse hostile archives, and streams an
// entry's bytes with a hard cap so a lying header cannot make us inflate without bound.
//
// zip.js reads the central directory, with all its ambiguity checks, except in archives of the
// plain form our writer produces: central-directory.ts lists those as zip.js would, and leaves
// any other archive to zip.js. Plain stored and deflated entries (a bundle's files) are then
// read directly from the source, with read-ahead, and inflated with the same DecompressionStream
// zip.js uses: zip.js's per-entry stream pipeline costs about a millisecond an entry, and its
// entry objects some 6 KB each, which for 10,000 small files was most of a verification
// (docs/performance.md). The direct path accepts only local headers that zip.js (strict)
// accepts without a warning, and hands any other header, and any failure while reading, back to
// zip.js: the outcome and the error for any archive are zip.js's own.
//
// Both paths inflate with the same strict inflater (see "Inflation" below): a deflated entry
// whose data goes on past the end of its deflate stream is refused, since those bytes would be
// covered by no digest.
import type { Entry, FileEntry, Writer, ZipReader } from '@zip.js/zip.js'
import type { ByteSink, ContentSource, RandomAccessSource } from './byte-io'
import { throwIfAborted } from './byte-io'
import { listPlainCentralDirectory, readsDirectly } from './central-directory'

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

/** An entry of an open container; read it with streamEntry or readEntryBytes. */
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
}

const S_IFMT = 0o170000
const S_IFLNK = 0o120000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

function fileTypeOf(
  e: { symlink: boolean; directory: boolean },
  unixType: number,
): ContainerEntry['fileType'] {
  if (e.symlink || unixType === S_IFLNK) return 'symlink'
  if (e.directory || unixType === S_IFDIR) return 'directory'
  return unixType === 0 || unixType === S_IFREG ? 'file' : 'other'
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

/** Bytes read at a time when streaming stored entries directly. */
const BLOCK_SIZE = 1024 * 1024
const MAX_32 = 0xffffffff

interface Container {
  source: RandomAccessSource
  /** Sequential reads for the direct path; undefined when zip.js reads every entry. */
  direct: ReadAhead | undefined
}

/** How an entry is read: directly (a plain stored entry) or through its zip.js entry. */
interface EntryHandle {
  container: Container
  /** Position in the central directory, to find the zip.js entry again when needed. */
  index: number
  /** The zip.js entry, kept only for entries the direct path does not read. */
  zip: Entry | undefined
  crc32: number
  rawBitFlag: number
}

const handles = new WeakMap<ContainerEntry, EntryHandle>()

export async function openContainer(source: RandomAccessSource): Promise<{
  entries: ContainerEntry[]
  close: () => Promise<void>
}> {
  const plain = await listPlainCentralDirectory(source)
  if (!plain) return openWithZipJs(source)
  // Every entry of a plain listing is read directly (the lister checks readsDirectly), and an
  // entry that turns out to need zip.js is found again by its index.
  const direct = new ReadAhead(source, Math.min(source.size, plain.directoryOffset))
  const container: Container = { source, direct }
  const entries: ContainerEntry[] = []
  let index = 0
  for (const e of plain.entries) {
    const entry: ContainerEntry = {
      name: e.filename,
      rawName: e.rawFilename,
      offset: e.offset,
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
      compressionMethod: e.compressionMethod,
      fileType: fileTypeOf(e, (e.externalFileAttributes >>> 16) & S_IFMT),
      encrypted: false,
    }
    handles.set(entry, {
      container,
      index: index++,
      zip: undefined,
      crc32: e.crc32,
      rawBitFlag: e.rawBitFlag,
    })
    entries.push(entry)
  }
  return { entries, close: () => direct.settle() }
}

async function openWithZipJs(source: RandomAccessSource): Promise<{
  entries: ContainerEntry[]
  close: () => Promise<void>
}> {
  const reader = (await zipJs()).newZipReader(source)
  const container: Container = { source, direct: undefined }
  const entries: ContainerEntry[] = []
  let index = 0
  for await (const e of reader.getEntriesGenerator()) {
    // Entry data lies before the central directory, whose offset zip.js has read by now; zip.js
    // refuses data that reaches into it, and so do direct reads.
    if (!container.direct && reader.directoryOffset !== undefined) {
      container.direct = new ReadAhead(source, Math.min(source.size, reader.directoryOffset))
    }
    let name: string | undefined
    try {
      name = utf8Strict.decode(e.rawFilename)
    } catch {
      name = undefined
    }
    const unixType = (e.externalFileAttributes >>> 16) & S_IFMT
    const entry: ContainerEntry = {
      name,
      rawName: e.rawFilename,
      offset: e.offset,
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
      compressionMethod: e.compressionMethod,
      fileType: fileTypeOf(e, unixType),
      encrypted: e.encrypted,
    }
    handles.set(entry, {
      container,
      index: index++,
      zip: container.direct && readsDirectly(e) ? undefined : e,
      crc32: (e.crc32 ?? e.signature ?? 0) >>> 0,
      rawBitFlag: e.rawBitFlag ?? 0,
    })
    entries.push(entry)
  }
  return {
    entries,
    close: async () => {
      await container.direct?.settle()
      await reader.close()
    },
  }
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

/** Receives an entry's bytes; a returned promise is awaited before the next chunk is read. */
export type ChunkListener = (chunk: Uint8Array) => void | Promise<void>

/**
 * Sequential reads of the bundle for the direct path: blocks of BLOCK_SIZE, with the next block
 * read while the caller hashes the current one (the read runs on another thread, e.g. libuv's
 * pool). Entries are adjacent, so one block serves many small ones; a read that does not follow
 * the previous one fetches only what it asks for and nothing ahead.
 */
class ReadAhead {
  private current: { start: number; bytes: Uint8Array } | undefined
  private next: { start: number; length: number; bytes: Promise<Uint8Array> } | undefined
  private lastEnd = 0

  constructor(
    private readonly source: RandomAccessSource,
    /** Reads never go past this offset. */
    readonly end: number,
  ) {}

  private fetch(start: number, length: number): Promise<Uint8Array> {
    const bytes = this.source.read(start, Math.max(0, Math.min(length, this.end - start)))
    bytes.catch(() => undefined) // a failed read-ahead fails only the read that uses it
    return bytes
  }

  /** Up to `length` bytes at `offset`: at least one, unless `offset` is at the end. */
  async readSome(offset: number, length: number): Promise<Uint8Array> {
    const within = (b: { start: number; bytes: Uint8Array } | undefined) =>
      b !== undefined && offset >= b.start && offset < b.start + b.bytes.length
    // Sequential: this read starts where the last ended, or a header's length after it.
    const sequential = offset >= this.lastEnd && offset - this.lastEnd <= 4096
    let block = this.current
    if (!within(block)) {
      const next = this.next
      this.next = undefined
      if (next && offset >= next.start && offset < next.start + next.length) {
        block = { start: next.start, bytes: await next.bytes }
      }
      if (!within(block)) {
        block = { start: offset, bytes: await this.fetch(offset, sequential ? BLOCK_SIZE : length) }
      }
      this.current = block
    }
    const b = block!
    const following = b.start + b.bytes.length
    if (sequential && !this.next && b.bytes.length === BLOCK_SIZE && following < this.end) {
      const length = Math.min(BLOCK_SIZE, this.end - following)
      this.next = { start: following, length, bytes: this.fetch(following, length) }
    }
    const out = b.bytes.subarray(offset - b.start, Math.min(following, offset + length) - b.start)
    this.lastEnd = offset + out.length
    return out
  }

  /** `length` bytes at `offset` in one array (fewer only at the end), for headers. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const first = await this.readSome(offset, length)
    if (first.length === length || first.length === 0) return first
    const out = new Uint8Array(length)
    out.set(first)
    let got = first.length
    while (got < length) {
      const more = await this.readSome(offset + got, length - got)
      if (more.length === 0) break
      out.set(more, got)
      got += more.length
    }
    return out.subarray(0, got)
  }

  /** Waits for a read-ahead in flight, so that the source can be closed under it. */
  async settle(): Promise<void> {
    await this.next?.bytes.catch(() => undefined)
    this.next = undefined
    this.current = undefined
  }
}

// CRC-32 (IEEE), as zip.js checks it, for direct reads that ask for it: the platform's where it
// registers one (zlib's, in Node, is some thirty times as fast), else this table-driven one.
const CRC_TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

/** Continues a CRC-32 (start from 0) over `bytes`; returns it as an unsigned 32-bit number. */
export type Crc32Update = (crc: number, bytes: Uint8Array) => number

export const crc32UpdatePortable: Crc32Update = (crc, bytes) => {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

let crc32Update: Crc32Update = crc32UpdatePortable

/** Registers the platform's CRC-32 (undefined: the portable one). */
export function setCrc32Update(update: Crc32Update | undefined): void {
  crc32Update = update ?? crc32UpdatePortable
}

const LOCAL_HEADER = 0x04034b50
const LOCAL_HEADER_SIZE = 30
// Flag bits zip.js (strict) requires to agree between the local header and the central
// directory: encrypted, data descriptor, strong encryption, UTF-8 names.
const FLAG_MASK = 0x1 | 0x8 | 0x40 | 0x800
const FLAG_DATA_DESCRIPTOR = 0x8

/**
 * Where the entry's data starts, when its local header is one zip.js (strict) accepts without a
 * warning and has no extra field to interpret; undefined for any other header, which zip.js
 * then reads and reports on.
 */
async function directDataOffset(
  entry: ContainerEntry,
  h: EntryHandle,
  direct: ReadAhead,
): Promise<number | undefined> {
  const name = entry.rawName
  const headerSize = LOCAL_HEADER_SIZE + name.length
  const header = await direct.read(entry.offset, headerSize)
  if (header.length !== headerSize) return undefined
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength)
  const flags = view.getUint16(6, true)
  const crc = view.getUint32(14, true)
  const compressed = view.getUint32(18, true)
  const uncompressed = view.getUint32(22, true)
  if (
    view.getUint32(0, true) !== LOCAL_HEADER ||
    (flags & FLAG_MASK) !== (h.rawBitFlag & FLAG_MASK) ||
    view.getUint16(8, true) !== entry.compressionMethod ||
    view.getUint16(26, true) !== name.length ||
    view.getUint16(28, true) !== 0 ||
    compressed === MAX_32 ||
    uncompressed === MAX_32 ||
    (!(flags & FLAG_DATA_DESCRIPTOR) &&
      (crc !== 0 || compressed !== 0 || uncompressed !== 0) &&
      (crc !== h.crc32 ||
        compressed !== entry.compressedSize ||
        uncompressed !== entry.uncompressedSize))
  ) {
    return undefined
  }
  for (let i = 0; i < name.length; i++) {
    if (header[LOCAL_HEADER_SIZE + i] !== name[i]) return undefined
  }
  const dataOffset = entry.offset + headerSize
  return dataOffset + entry.compressedSize <= direct.end ? dataOffset : undefined
}

type StreamOptions = { cap: number; signal?: AbortSignal; checkCrc?: boolean }

/**
 * Passes an entry's bytes on to the caller's `onChunk` under the byte cap, waiting for the
 * caller to take each chunk. When asked to, the last chunk is held back until the entry has been
 * read to its end and checked, as zip.js's stream pipeline does: an entry of one chunk that fails
 * its CRC or its inflation passes nothing on, and fails with that error rather than with the
 * cap's.
 */
class Output {
  /** Bytes received from the entry. */
  received = 0
  /** Bytes passed on. */
  written = 0
  private crc = 0
  private held: Uint8Array | undefined
  constructor(
    private readonly onChunk: ChunkListener,
    private readonly options: StreamOptions,
    /** Hold the last chunk back until end(). */
    private readonly hold: boolean,
    /** Compute the CRC of what the entry yields, to check against the central directory's. */
    private readonly computeCrc: boolean,
  ) {}
  private async deliver(chunk: Uint8Array): Promise<void> {
    this.written += chunk.length
    if (this.written > this.options.cap) throw new EntryTooLargeError(this.options.cap)
    await this.onChunk(chunk)
  }
  async push(chunk: Uint8Array): Promise<void> {
    throwIfAborted(this.options.signal)
    this.received += chunk.length
    if (this.computeCrc) this.crc = crc32Update(this.crc, chunk)
    if (!this.hold) return this.deliver(chunk)
    const previous = this.held
    this.held = chunk
    if (previous) await this.deliver(previous)
  }
  /** False when the computed CRC does not match; otherwise passes on the held chunk. */
  async end(expectedCrc: number): Promise<boolean> {
    if (this.computeCrc && this.crc !== expectedCrc) return false
    const held = this.held
    this.held = undefined
    if (held) await this.deliver(held)
    return true
  }
}

/** Reads a stored entry; undefined (nothing passed on) when zip.js must read it instead. */
async function readStored(
  entry: ContainerEntry,
  h: EntryHandle,
  direct: ReadAhead,
  out: Output,
): Promise<number | undefined> {
  const dataOffset = await directDataOffset(entry, h, direct)
  if (dataOffset === undefined) return undefined
  const size = entry.compressedSize
  let read = 0
  while (read < size) {
    const chunk = await direct.readSome(dataOffset + read, Math.min(BLOCK_SIZE, size - read))
    if (chunk.length === 0) throw new Error('Invalid uncompressed size') // the source shrank
    read += chunk.length
    await out.push(chunk)
  }
  if (!(await out.end(h.crc32))) throw new Error('Invalid CRC32')
  return out.written
}

// Inflation. Every byte of a deflated entry's data must belong to its deflate stream: bytes
// after the end of the stream would be covered by no digest. zlib stops at the end of a stream
// and leaves what follows unread, and in Node nothing says so (zlib's own functions and streams,
// and the DecompressionStream built on them, all ignore it); the Compression Streams standard
// requires DecompressionStream to fail on such data, as browsers' do. So the platform either
// registers an inflater that reports how much input the stream used (Node's zlib, registered by
// src/node/bundle/file-source.ts) and this module compares it with the entry's compressed size,
// or its DecompressionStream must be shown to fail on trailing data before deflated entries are
// read at all.
//
// Entries are always inflated raw, with the CRC computed here when asked for: wrapping them in a
// gzip header and trailer for zlib to check the CRC, as zip.js does by default, lets a gzip
// inflater that reads on across members (Node's) take the data for an empty member followed by
// a second one, whose header could carry anything.

/** The message of a deflated entry whose data goes on past the end of its deflate stream. */
const TRAILING_DATA_MESSAGE = 'the compressed data goes on past the end of its deflate stream'
const LAX_INFLATER_MESSAGE =
  "this platform's inflater does not report data after the end of a deflate stream, so deflated entries cannot be checked"

/**
 * Inflates raw deflate `data` whole, without DecompressionStream's round trip to another thread
 * (which costs more than inflating a small entry), throwing past `maxOutputLength` bytes.
 * `inputUsed` is how many bytes of `data` the deflate stream took up.
 */
export type InflateRawSync = (
  data: Uint8Array,
  maxOutputLength: number,
) => { output: Uint8Array; inputUsed: number }

/** A raw-deflate inflating stream that tells how many input bytes the deflate stream took up. */
export interface InflateRawStream {
  readable: ReadableStream<Uint8Array>
  writable: WritableStream<Uint8Array>
  /** Input bytes the deflate stream took up, once the readable side has ended. */
  inputUsed(): number
}

let inflateRawSync: InflateRawSync | undefined
let inflateRawStream: (() => InflateRawStream) | undefined
// Entries up to this size, compressed and not (every file of most bundles, and the statement and
// SHA256SUMS of a bundle of thousands of files), inflate in one call: through a stream, a 4 MiB
// statement takes four times as long. One call holds the thread for at most some 40 ms.
const SYNC_INFLATE_LIMIT = 16 * 1024 * 1024

/** Registers the platform's synchronous inflater for small entries (undefined: none). */
export function setInflateRawSync(inflate: InflateRawSync | undefined): void {
  inflateRawSync = inflate
}

/** Registers the platform's inflating stream (undefined: DecompressionStream, if strict). */
export function setInflateRawStream(open: (() => InflateRawStream) | undefined): void {
  inflateRawStream = open
}

let nativeStrict: Promise<boolean> | undefined

/** True when DecompressionStream inflates a deflate stream and fails on a byte after its end. */
function nativeInflateIsStrict(): Promise<boolean> {
  const inflate = async (bytes: number[]): Promise<number> => {
    const stream = new DecompressionStream('deflate-raw')
    const input = stream.writable.getWriter()
    input.write(new Uint8Array(bytes)).catch(() => undefined)
    input.close().catch(() => undefined)
    const output = stream.readable.getReader()
    let length = 0
    for (;;) {
      const { done, value } = await output.read()
      if (done) return length
      length += value.length
    }
  }
  return (nativeStrict ??= (async () => {
    if (typeof DecompressionStream !== 'function') return false
    try {
      // 03 00 is an empty deflate stream (one final fixed-Huffman block, end of block at once).
      if ((await inflate([3, 0])) !== 0) return false
    } catch {
      return false
    }
    try {
      await inflate([3, 0, 0])
      return false
    } catch {
      return true
    }
  })())
}

/** Fails unless deflated entries can be inflated strictly here. */
async function requireStrictInflation(): Promise<void> {
  if (!inflateRawStream && !(await nativeInflateIsStrict())) throw new Error(LAX_INFLATER_MESSAGE)
}

interface Inflater {
  readable: ReadableStream<Uint8Array>
  writable: WritableStream<Uint8Array>
  /** Undefined for DecompressionStream, which fails on trailing data by itself. */
  inputUsed?: () => number
}

function openInflater(): Inflater {
  if (inflateRawStream) return inflateRawStream()
  return new DecompressionStream('deflate-raw') as unknown as Inflater
}

/** Throws unless the inflater's deflate stream took up exactly `size` input bytes. */
async function checkInputUsed(inflater: Inflater, size: number): Promise<void> {
  if (inflater.inputUsed) {
    if (inflater.inputUsed() !== size) throw new Error(TRAILING_DATA_MESSAGE)
  } else if (!(await nativeInflateIsStrict())) {
    throw new Error(LAX_INFLATER_MESSAGE)
  }
}

/**
 * The DecompressionStream zip.js inflates with: raw deflate only, so that zip.js computes CRCs
 * itself rather than inflating entries as gzip, and failing on data after the end of the deflate
 * stream.
 */
class StrictDecompressionStream {
  static supportedFormats = ['deflate-raw']
  readonly readable: ReadableStream<Uint8Array>
  readonly writable: WritableStream<Uint8Array>
  constructor(format: string) {
    if (format !== 'deflate-raw') throw new TypeError(`Unsupported format: ${format}`)
    const inflater = openInflater()
    let received = 0
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.length
        controller.enqueue(chunk)
      },
    })
    counter.readable.pipeTo(inflater.writable).catch(() => undefined)
    this.writable = counter.writable
    this.readable = inflater.readable.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush: () => checkInputUsed(inflater, received),
      }),
    )
  }
}

/**
 * zip.js, loaded on first use: plain bundles are listed and read without it, and loading it
 * costs more than verifying a small bundle. Its adapters are defined here for the same reason.
 */
const zipJs = (() => {
  let loading: Promise<ZipJs> | undefined
  return () => (loading ??= loadZipJs())
})()

interface ZipJs {
  newZipReader(source: RandomAccessSource): ZipReader<RandomAccessSource>
  chunkWriter(
    onChunk: ChunkListener,
    cap: number,
    signal?: AbortSignal,
  ): Writer<void> & { written: number }
  ZipWriter: typeof import('@zip.js/zip.js').ZipWriter
}

async function loadZipJs(): Promise<ZipJs> {
  const zip = await import('@zip.js/zip.js')
  zip.configure({
    useWebWorkers: false,
    chunkSize: 1024 * 1024,
    DecompressionStream: StrictDecompressionStream,
  })

  class SourceReader extends zip.Reader<RandomAccessSource> {
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

  class ChunkWriter extends zip.Writer<void> {
    written = 0
    constructor(
      private readonly onChunk: ChunkListener,
      private readonly cap: number,
      private readonly signal?: AbortSignal,
    ) {
      super()
    }
    override async writeUint8Array(chunk: Uint8Array): Promise<void> {
      throwIfAborted(this.signal)
      this.written += chunk.length
      if (this.written > this.cap) throw new EntryTooLargeError(this.cap)
      await this.onChunk(chunk)
    }
    override getData(): Promise<void> {
      return Promise.resolve()
    }
  }

  return {
    // Strict: ambiguous archives (duplicate names, local headers that disagree with the central
    // directory, several end records) are errors. Names are checked by the verifier, which
    // reports each unsafe one by name, so zip.js's own filename check is relaxed.
    newZipReader: (source) =>
      new zip.ZipReader(new SourceReader(source), {
        strictness: 'strict',
        filenameValidation: 'tolerant',
      }),
    chunkWriter: (onChunk, cap, signal) => new ChunkWriter(onChunk, cap, signal),
    ZipWriter: zip.ZipWriter,
  }
}

/** Signals that the direct path met something only zip.js can name. */
class NotDirect extends Error {}

/**
 * Inflates a deflated entry: small ones in one call where the platform can, others through a
 * stream. Anything unusual (bad data, more or fewer bytes than declared, data after the end of
 * the deflate stream, a CRC mismatch) throws NotDirect, and the caller asks zip.js for its
 * verdict.
 */
async function readDeflated(
  entry: ContainerEntry,
  h: EntryHandle,
  direct: ReadAhead,
  out: Output,
): Promise<number | undefined> {
  const dataOffset = await directDataOffset(entry, h, direct)
  if (dataOffset === undefined) return undefined
  const size = entry.compressedSize
  const expected = entry.uncompressedSize
  if (inflateRawSync && size <= SYNC_INFLATE_LIMIT && expected <= SYNC_INFLATE_LIMIT) {
    const data = await direct.read(dataOffset, size)
    if (data.length !== size) throw new NotDirect()
    let inflated: { output: Uint8Array; inputUsed: number }
    try {
      inflated = inflateRawSync(data, Math.max(1, expected))
    } catch {
      throw new NotDirect()
    }
    if (inflated.inputUsed !== size || inflated.output.length !== expected) throw new NotDirect()
    if (expected > 0) await out.push(inflated.output)
    if (!(await out.end(h.crc32))) throw new NotDirect()
    return out.written
  }
  const inflater = openInflater()
  const input = inflater.writable.getWriter()
  const output = inflater.readable.getReader()
  const feed = (async () => {
    for (let read = 0; read < size;) {
      const chunk = await direct.readSome(dataOffset + read, Math.min(BLOCK_SIZE, size - read))
      if (chunk.length === 0) throw new NotDirect()
      read += chunk.length
      await input.write(chunk)
    }
    await input.close()
  })()
  feed.catch(() => undefined)
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await output.read()
      } catch {
        throw new NotDirect()
      }
      if (result.done) break
      if (out.received + result.value.length > expected) throw new NotDirect()
      await out.push(result.value)
    }
    if (out.received !== expected) throw new NotDirect()
    try {
      // The stream has ended: the inflater has either read all the input or stopped early, at
      // the end of the deflate stream, with input left over.
      await checkInputUsed(inflater, size)
      await feed
    } catch {
      throw new NotDirect()
    }
    if (!(await out.end(h.crc32))) throw new NotDirect()
    return out.written
  } catch (e) {
    await output.cancel().catch(() => undefined)
    await input.abort().catch(() => undefined)
    await feed.catch(() => undefined)
    throw e
  }
}

/** The zip.js entry at `index`, from a fresh read of the central directory. */
async function zipEntryAt(container: Container, index: number): Promise<Entry> {
  let i = 0
  const { newZipReader } = await zipJs()
  for await (const e of newZipReader(container.source).getEntriesGenerator()) {
    if (i++ === index) return e
  }
  throw new Error('the zip entry is no longer in the archive')
}

async function readWithZipJs(
  zip: Entry,
  onChunk: ChunkListener,
  options: StreamOptions,
): Promise<number> {
  const writer = (await zipJs()).chunkWriter(onChunk, options.cap, options.signal)
  await (zip as FileEntry).getData(writer, {
    checkSignature: options.checkCrc ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return writer.written
}

/**
 * Streams an entry's uncompressed bytes to `onChunk`, failing once more than `cap` bytes come
 * out (the declared size is never trusted), and waiting for each promise `onChunk` returns
 * before reading on. Returns the byte count.
 */
export async function streamEntry(
  entry: ContainerEntry,
  onChunk: ChunkListener,
  options: StreamOptions,
): Promise<number> {
  const h = handles.get(entry)
  if (!h) throw new Error('streamEntry needs an entry from openContainer')
  if (entry.compressionMethod === 8) await requireStrictInflation()
  const direct = h.container.direct
  if (!h.zip && direct) {
    throwIfAborted(options.signal)
    const checkCrc = options.checkCrc ?? true
    try {
      // The CRC, when asked for, is checked here; the last chunk of a deflated entry always
      // waits for the inflater's verdict.
      const n =
        entry.compressionMethod === 0
          ? await readStored(entry, h, direct, new Output(onChunk, options, checkCrc, checkCrc))
          : await readDeflated(entry, h, direct, new Output(onChunk, options, true, checkCrc))
      if (n !== undefined) return n
    } catch (e) {
      if (!(e instanceof NotDirect)) throw e
      // Some bytes may have been passed on already, as zip.js would have before failing; read
      // the entry again with zip.js, discarding its bytes, for its own error.
      await readWithZipJs(await zipEntryAt(h.container, h.index), () => undefined, options)
      throw new Error('the entry could not be read the same way twice')
    }
  }
  return readWithZipJs(h.zip ?? (await zipEntryAt(h.container, h.index)), onChunk, options)
}

export async function readEntryBytes(
  entry: ContainerEntry,
  cap: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  await streamEntry(entry, (c) => void chunks.push(c.slice()), {
    cap,
    ...(signal ? { signal } : {}),
  })
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
  const { ZipWriter } = await zipJs()
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
