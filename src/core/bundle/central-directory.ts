// A fast reader for the central directory of plain archives: the form our own writer and Info-ZIP
// `zip` produce for small archives. zip.js builds a large object for every entry it lists (date
// parsing, extra-field maps, property copying), which for 10,000 small files is a good part of a
// verification. This reader takes only archives that zip.js (strict) lists without an error, a
// warning or any special interpretation, and lists them as zip.js would; for anything else it
// returns undefined and zip.js lists the archive, so the outcome and the error stay zip.js's own.
import type { RandomAccessSource } from './byte-io'

/** The facts of an entry that decide whether its data is read directly (see readsDirectly). */
export interface DirectFacts {
  offset: number
  compressedSize: number
  uncompressedSize: number
  compressionMethod: number
  directory: boolean
  encrypted: boolean
  zip64: boolean
  extraFieldAES?: unknown
  diskNumberStart?: number
  rawBitFlag?: number
  crc32?: number
  signature?: number
}

const MAX_32 = 0xffffffff

/** A plain stored or deflated entry: no encryption, no zip64 fields, no other method. */
export function readsDirectly(e: DirectFacts): boolean {
  return (
    !e.directory &&
    !e.encrypted &&
    !e.zip64 &&
    e.extraFieldAES === undefined &&
    (e.compressionMethod === 8 ||
      (e.compressionMethod === 0 && e.compressedSize === e.uncompressedSize)) &&
    e.diskNumberStart === 0 &&
    e.rawBitFlag !== undefined &&
    (e.crc32 ?? e.signature) !== undefined &&
    e.compressedSize < MAX_32 &&
    e.uncompressedSize < MAX_32 &&
    e.offset < MAX_32
  )
}

/** An entry as zip.js would list it, with only the facts the container needs. */
export interface PlainEntry extends DirectFacts {
  rawFilename: Uint8Array
  /** The name, valid UTF-8 and equal to the one zip.js decodes. */
  filename: string
  externalFileAttributes: number
  symlink: boolean
  crc32: number
  rawBitFlag: number
}

export interface PlainCentralDirectory {
  entries: PlainEntry[]
  /** Where the central directory starts; entry data lies before it. */
  directoryOffset: number
}

const END_SIGNATURE = 0x06054b50
const END_LENGTH = 22
const CENTRAL_SIGNATURE = 0x02014b50
const CENTRAL_LENGTH = 46
/** zip.js looks for end records in the last END_LENGTH + 0xffff bytes. */
const END_SCAN_LENGTH = END_LENGTH + 0xffff
/** zip.js warns about a "version needed to extract" above this. */
const MAX_KNOWN_VERSION = 63
// Flags accepted: compression level (bits 1-2), data descriptor (bit 3), UTF-8 names (bit 11).
// Any other (encryption, patched data, strong encryption, masked headers...) goes to zip.js.
const ACCEPTED_FLAGS = 0x0006 | 0x0008 | 0x0800
const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000
const MSDOS_DIRECTORY = 0x10
const SLASH = 0x2f

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

/**
 * The entries of a plain archive, as zip.js (strict, tolerant names) lists them, or undefined for
 * any archive that zip.js would refuse, warn about, or read with care: zip64 records, a comment,
 * prepended or appended data, several end records, a gap, an overlap or trailing bytes between
 * the central directory and the end record, count or disk-number oddities, extra fields, entry
 * comments, unsorted or duplicate entries, names that are not plain UTF-8, and entries that are
 * not read directly (directories, encryption, other methods).
 */
export async function listPlainCentralDirectory(
  source: RandomAccessSource,
): Promise<PlainCentralDirectory | undefined> {
  const size = source.size
  if (size < END_LENGTH) return undefined
  const tailLength = Math.min(size, END_SCAN_LENGTH)
  const tailStart = size - tailLength
  const tail = await source.read(tailStart, tailLength)
  if (tail.length !== tailLength) return undefined
  const t = new DataView(tail.buffer, tail.byteOffset, tail.byteLength)
  const end = tailLength - END_LENGTH
  const count = t.getUint16(end + 10, true)
  const directoryLength = t.getUint32(end + 12, true)
  const directoryOffset = t.getUint32(end + 16, true)
  // The end record ends the file (no comment, nothing appended), on disk 0, with as many entries
  // on this disk as in all, and no value that calls for zip64 records (zip.js looks for them on
  // 0xffff and 0xffffffff, and takes a missing zip64 extra field for an error).
  if (
    t.getUint32(end, true) !== END_SIGNATURE ||
    t.getUint16(end + 4, true) !== 0 ||
    t.getUint16(end + 6, true) !== 0 ||
    t.getUint16(end + 8, true) !== count ||
    count === 0 ||
    count === 0xffff ||
    t.getUint16(end + 20, true) !== 0 ||
    directoryLength < count * CENTRAL_LENGTH ||
    directoryLength === MAX_32 ||
    directoryOffset === MAX_32 ||
    // The central directory ends where the end record starts: zip.js reconciles any other
    // offset (prepended data, a gap) and reports trailing bytes.
    directoryOffset + directoryLength !== size - END_LENGTH
  ) {
    return undefined
  }
  // zip.js counts every other end record that would end the file with its comment, and refuses
  // the archive if one points at a central directory; any such record sends the archive to it.
  for (let i = end - 1; i >= 0; i--) {
    if (
      tail[i] === 0x50 &&
      tail[i + 1] === 0x4b &&
      tail[i + 2] === 0x05 &&
      tail[i + 3] === 0x06 &&
      i + END_LENGTH + t.getUint16(i + 20, true) === tailLength
    ) {
      return undefined
    }
  }
  let cd: Uint8Array
  if (directoryOffset >= tailStart) {
    cd = tail.subarray(directoryOffset - tailStart, end)
  } else {
    cd = await source.read(directoryOffset, directoryLength)
    if (cd.length !== directoryLength) return undefined
  }
  const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength)
  const entries: PlainEntry[] = []
  const names = new Set<string>()
  let pos = 0
  let previousOffset = -1
  for (let index = 0; index < count; index++) {
    if (pos + CENTRAL_LENGTH > directoryLength || v.getUint32(pos, true) !== CENTRAL_SIGNATURE) {
      return undefined
    }
    const versionMadeBy = v.getUint16(pos + 4, true)
    const flags = v.getUint16(pos + 8, true)
    const method = v.getUint16(pos + 10, true)
    const crc32 = v.getUint32(pos + 16, true)
    const compressedSize = v.getUint32(pos + 20, true)
    const uncompressedSize = v.getUint32(pos + 24, true)
    const nameLength = v.getUint16(pos + 28, true)
    const external = v.getUint32(pos + 38, true)
    const offset = v.getUint32(pos + 42, true)
    const nameStart = pos + CENTRAL_LENGTH
    const next = nameStart + nameLength
    if (
      (v.getUint16(pos + 6, true) & 0xff) > MAX_KNOWN_VERSION ||
      (flags & ~ACCEPTED_FLAGS) !== 0 ||
      nameLength === 0 ||
      v.getUint16(pos + 30, true) !== 0 || // extra fields: zip64, Unicode path, AES, unix...
      v.getUint16(pos + 32, true) !== 0 || // entry comment
      v.getUint16(pos + 34, true) !== 0 || // disk number start
      next > directoryLength ||
      // zip.js reports prepended data when the first entry does not start the file, and an
      // unsorted central directory when offsets go back; equal offsets overlap.
      (index === 0 ? offset !== 0 : offset <= previousOffset)
    ) {
      return undefined
    }
    // zip.js decodes a name as UTF-8 when bit 11 is set or the name is valid UTF-8 with a byte
    // above 0x7f, and as CP437 otherwise. CP437 and UTF-8 agree on printable ASCII, not on control
    // characters; names with those, names that are not valid UTF-8, and names that start with a
    // byte-order mark (which zip.js keeps and a TextDecoder drops) are left to zip.js. So the
    // name is zip.js's, and so are the duplicates.
    for (let i = nameStart; i < next; i++) {
      const b = cd[i]!
      if (b < 0x20 || b === 0x7f) return undefined
    }
    const rawFilename = new Uint8Array(cd.buffer, cd.byteOffset + nameStart, nameLength)
    if (rawFilename[0] === 0xef && rawFilename[1] === 0xbb && rawFilename[2] === 0xbf) {
      return undefined
    }
    let filename: string
    try {
      filename = utf8Strict.decode(rawFilename)
    } catch {
      return undefined
    }
    if (names.has(filename)) return undefined
    names.add(filename)
    // zip.js: with no unix extra field, the unix mode is the upper half of the external
    // attributes; a directory is a unix directory, an MS-DOS directory when made by MS-DOS
    // (host 0), or a name ending in '/'.
    const unixType = (external >>> 16) & S_IFMT
    const directory =
      unixType === S_IFDIR ||
      (versionMadeBy >> 8 === 0 && (external & MSDOS_DIRECTORY) !== 0) ||
      cd[next - 1] === SLASH
    const entry: PlainEntry = {
      rawFilename,
      filename,
      offset,
      compressedSize,
      uncompressedSize,
      compressionMethod: method,
      externalFileAttributes: external,
      directory,
      symlink: unixType === S_IFLNK,
      encrypted: false,
      zip64: false,
      diskNumberStart: 0,
      crc32,
      rawBitFlag: flags,
    }
    if (!readsDirectly(entry)) return undefined
    entries.push(entry)
    previousOffset = offset
    pos = next
  }
  // Bytes left over are "trailing central directory data" to zip.js.
  if (pos !== directoryLength) return undefined
  return { entries, directoryOffset }
}
