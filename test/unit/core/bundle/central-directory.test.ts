// The fast central-directory lister against zip.js: it lists our own bundles exactly as zip.js
// does, steps aside for anything zip.js refuses, warns about or interprets, and openContainer
// gives the same outcome, entries, bytes and errors with it as with zip.js alone.
import { Uint8ArrayReader, ZipReader, type Entry } from '@zip.js/zip.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import {
  bytesSource,
  MemorySink,
  type RandomAccessSource,
} from '../../../../src/core/bundle/byte-io'
import {
  listPlainCentralDirectory,
  readsDirectly,
  type PlainEntry,
} from '../../../../src/core/bundle/central-directory'
import {
  openContainer,
  readEntryBytes,
  writeContainer,
  type NewEntry,
} from '../../../../src/core/bundle/zip-container'
// Importing the Node inflaters registers them, as `evw` does.
import '../../../../src/node/bundle/file-source'
import { concatBytes, toHex, utf8 } from '../../../../src/core/encoding/bytes'
import { buildZip, rawEntry, type RawEntry } from '../../../helpers/zip-surgery'

// openContainer lists with the fast lister, or, with `lister.fast` off, with zip.js alone.
const lister = vi.hoisted(() => ({ fast: true }))
vi.mock('../../../../src/core/bundle/central-directory', async (importOriginal) => {
  const actual =
    await importOriginal<typeof import('../../../../src/core/bundle/central-directory')>()
  return {
    ...actual,
    listPlainCentralDirectory: (source: RandomAccessSource) =>
      lister.fast ? actual.listPlainCentralDirectory(source) : Promise.resolve(undefined),
  }
})

const seed = Number(process.env.FC_SEED ?? 20261127)

async function written(entries: NewEntry[]): Promise<Uint8Array> {
  const sink = new MemorySink()
  await writeContainer(sink, entries)
  return sink.bytes()
}

const errorText = (e: unknown) =>
  e instanceof Error
    ? `${e.name}: ${e.message}${'reason' in e ? ` (${String(e.reason)})` : ''}`
    : String(e)

/** Everything openContainer tells of an archive: its error, or its entries and their bytes. */
async function outcome(bytes: Uint8Array, fast: boolean): Promise<unknown> {
  lister.fast = fast
  let opened: Awaited<ReturnType<typeof openContainer>>
  try {
    opened = await openContainer(bytesSource(bytes))
  } catch (e) {
    return { error: errorText(e) }
  } finally {
    lister.fast = true
  }
  const entries = []
  for (const e of opened.entries) {
    let data: string
    try {
      data = toHex(await readEntryBytes(e, 1024 * 1024))
    } catch (err) {
      data = `error ${errorText(err)}`
    }
    entries.push({ ...e, rawName: toHex(e.rawName), data })
  }
  await opened.close()
  return { entries }
}

/** zip.js's own listing, as openContainer asks for it, with its warnings. */
async function zipJsListing(bytes: Uint8Array) {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), {
    strictness: 'strict',
    filenameValidation: 'tolerant',
  })
  const entries: Entry[] = await reader.getEntries()
  const { warnings, directoryOffset } = reader as unknown as {
    warnings: unknown[]
    directoryOffset: number
  }
  return { entries, warnings, directoryOffset }
}

/** Fast-listed entries equal zip.js's, field by field. */
async function expectSameAsZipJs(bytes: Uint8Array): Promise<PlainEntry[]> {
  const plain = await listPlainCentralDirectory(bytesSource(bytes))
  expect(plain).toBeDefined()
  const zip = await zipJsListing(bytes)
  expect(zip.warnings).toEqual([])
  expect(plain!.directoryOffset).toBe(zip.directoryOffset)
  expect(plain!.entries).toHaveLength(zip.entries.length)
  plain!.entries.forEach((p, i) => {
    const z = zip.entries[i]!
    expect(readsDirectly(z)).toBe(true)
    expect({
      rawFilename: toHex(p.rawFilename),
      filename: p.filename,
      offset: p.offset,
      compressedSize: p.compressedSize,
      uncompressedSize: p.uncompressedSize,
      compressionMethod: p.compressionMethod,
      externalFileAttributes: p.externalFileAttributes,
      directory: p.directory,
      symlink: p.symlink,
      encrypted: p.encrypted,
      zip64: p.zip64,
      diskNumberStart: p.diskNumberStart,
      crc32: p.crc32,
      rawBitFlag: p.rawBitFlag,
    }).toEqual({
      rawFilename: toHex(z.rawFilename),
      filename: z.filename,
      offset: z.offset,
      compressedSize: z.compressedSize,
      uncompressedSize: z.uncompressedSize,
      compressionMethod: z.compressionMethod,
      externalFileAttributes: z.externalFileAttributes,
      directory: z.directory,
      symlink: z.symlink,
      encrypted: z.encrypted,
      zip64: z.zip64,
      diskNumberStart: z.diskNumberStart,
      crc32: z.crc32,
      rawBitFlag: z.rawBitFlag,
    })
  })
  return plain!.entries
}

/** The lister steps aside, and openContainer's outcome is zip.js's. */
async function expectLeftToZipJs(bytes: Uint8Array): Promise<void> {
  expect(await listPlainCentralDirectory(bytesSource(bytes))).toBeUndefined()
  expect(await outcome(bytes, true)).toEqual(await outcome(bytes, false))
}

const text = utf8('a line of text, deflated\n'.repeat(12))
const small: NewEntry[] = [
  { name: 'packet/statement.json', content: utf8('{"a":1,"b":[1,2,3]}') },
  { name: 'files/photo.bin', content: new Uint8Array([1, 2, 3, 4, 5]) },
  { name: 'files/empty.txt', content: new Uint8Array(0) },
  { name: 'files/empty.bin', content: new Uint8Array(0) },
  { name: 'files/notes.txt', content: text, level: 0 },
  { name: 'files/dossier/é ü 日本.csv', content: text },
]

let bundle: Uint8Array

beforeAll(async () => {
  bundle = await written(small)
})

describe('bundles our writer makes', () => {
  it('are listed as zip.js lists them: stored, deflated, empty and non-ASCII entries', async () => {
    const entries = await expectSameAsZipJs(bundle)
    expect(entries.map((e) => e.filename)).toEqual(small.map((e) => e.name))
    expect(entries.map((e) => e.compressionMethod)).toEqual([8, 0, 8, 0, 0, 8])
    expect(await outcome(bundle, true)).toEqual(await outcome(bundle, false))
  })

  it('are listed when the central directory is larger than the end-record search', async () => {
    const many: NewEntry[] = []
    for (let i = 0; i < 1200; i++) {
      many.push({
        name: `files/d${String(i % 10).padStart(3, '0')}/file-${String(i).padStart(5, '0')}.bin`,
        content: utf8(`content ${i}`),
      })
    }
    const bytes = await written(many)
    const plain = await listPlainCentralDirectory(bytesSource(bytes))
    expect(bytes.length - plain!.directoryOffset).toBeGreaterThan(22 + 0xffff)
    await expectSameAsZipJs(bytes)
  })

  it('are read the same through either listing', async () => {
    const fast = (await outcome(bundle, true)) as { entries: { name: string; data: string }[] }
    expect(fast.entries.map((e) => e.name)).toEqual(small.map((e) => e.name))
    expect(fast.entries[4]!.data).toBe(toHex(text))
    expect(fast).toEqual(await outcome(bundle, false))
  })
})

/** `bytes` with `value` written at `at` as a little-endian integer of `width` bytes. */
function setUint(bytes: Uint8Array, at: number, width: 2 | 4, value: number): Uint8Array {
  const out = bytes.slice()
  const v = new DataView(out.buffer)
  if (width === 2) v.setUint16(at, value, true)
  else v.setUint32(at, value, true)
  return out
}

const endOf = (zip: Uint8Array) => zip.length - 22
const directoryOf = (zip: Uint8Array) =>
  new DataView(zip.buffer, zip.byteOffset).getUint32(endOf(zip) + 16, true)

describe('archives the lister leaves to zip.js', () => {
  const plainEntries = (): RawEntry[] => [
    rawEntry('a.txt', utf8('alpha alpha alpha alpha')),
    rawEntry('b.bin', utf8('bravo'), 0),
  ]
  let plain: Uint8Array

  beforeAll(async () => {
    plain = buildZip(plainEntries())
    await expectSameAsZipJs(plain) // the control: accepted as it is
  })

  it('a comment', async () => {
    const comment = utf8('a comment')
    await expectLeftToZipJs(
      concatBytes(setUint(plain, endOf(plain) + 20, 2, comment.length), comment),
    )
    // A comment length with no comment: zip.js finds the record by another search.
    await expectLeftToZipJs(setUint(plain, endOf(plain) + 20, 2, 1))
  })

  it('a zip64 end record', async () => {
    const cdOffset = directoryOf(plain)
    const cdSize = endOf(plain) - cdOffset
    const record = new Uint8Array(56 + 20)
    const r = new DataView(record.buffer)
    r.setUint32(0, 0x06064b50, true)
    r.setBigUint64(4, 44n, true)
    r.setUint16(12, 45, true)
    r.setUint16(14, 45, true)
    r.setBigUint64(24, 2n, true)
    r.setBigUint64(32, 2n, true)
    r.setBigUint64(40, BigInt(cdSize), true)
    r.setBigUint64(48, BigInt(cdOffset), true)
    r.setUint32(56, 0x07064b50, true)
    r.setBigUint64(60, BigInt(endOf(plain)), true)
    r.setUint32(68, 1, true)
    let end: Uint8Array = plain.slice(endOf(plain))
    end = setUint(end, 8, 2, 0xffff)
    end = setUint(end, 10, 2, 0xffff)
    end = setUint(end, 12, 4, 0xffffffff)
    end = setUint(end, 16, 4, 0xffffffff)
    const zip64 = concatBytes(plain.subarray(0, endOf(plain)), record, end)
    // zip.js lists it: the lister steps aside for a valid archive, not only for broken ones.
    expect((await zipJsListing(zip64)).entries).toHaveLength(2)
    await expectLeftToZipJs(zip64)
  })

  it('65,535 entries, a count that calls for a zip64 end record', async () => {
    const names: string[] = []
    for (let i = 0; names.length < 0xffff; i++) names.push(i.toString(36))
    const empty = rawEntry('', new Uint8Array(0), 0)
    const many = buildZip(names.map((name) => ({ ...empty, name })))
    expect(await listPlainCentralDirectory(bytesSource(many))).toBeUndefined()
    expect((await zipJsListing(many)).entries).toHaveLength(0xffff)
  })

  it('data prepended, or appended', async () => {
    await expectLeftToZipJs(concatBytes(utf8('MZ prepended'), plain))
    await expectLeftToZipJs(concatBytes(plain, utf8('appended')))
  })

  it('two end records that end the file', async () => {
    // The last entry's data holds an end record whose comment runs to the end of the file:
    // zip.js finds both, and refuses the archive.
    const layout = buildZip([...plainEntries(), rawEntry('c.bin', new Uint8Array(22), 0)])
    const fake = layout.slice(endOf(layout))
    const at = directoryOf(layout) - 22
    const withFake = buildZip([
      ...plainEntries(),
      rawEntry('c.bin', setUint(fake, 20, 2, layout.length - at - 22), 0),
    ])
    expect(withFake.length).toBe(layout.length)
    await expect(zipJsListing(withFake)).rejects.toThrow('Ambiguous archive')
    await expectLeftToZipJs(withFake)
  })

  it('a duplicated name', async () => {
    await expectLeftToZipJs(buildZip([...plainEntries(), rawEntry('a.txt', utf8('again'))]))
  })

  it('entry counts that disagree', async () => {
    await expectLeftToZipJs(setUint(plain, endOf(plain) + 8, 2, 1))
    await expectLeftToZipJs(
      setUint(setUint(plain, endOf(plain) + 8, 2, 1), endOf(plain) + 10, 2, 1),
    )
    await expectLeftToZipJs(setUint(plain, endOf(plain) + 10, 2, 3))
  })

  it('disk numbers, a gap before the end record, entries out of order', async () => {
    await expectLeftToZipJs(setUint(plain, endOf(plain) + 4, 2, 1))
    await expectLeftToZipJs(setUint(plain, endOf(plain) + 6, 2, 1))
    const cd = directoryOf(plain)
    await expectLeftToZipJs(
      concatBytes(plain.subarray(0, endOf(plain)), new Uint8Array(4), plain.subarray(endOf(plain))),
    )
    // The two central-directory records swapped.
    const first = 46 + 5
    const swapped = concatBytes(
      plain.subarray(0, cd),
      plain.subarray(cd + first, endOf(plain)),
      plain.subarray(cd, cd + first),
      plain.subarray(endOf(plain)),
    )
    await expectLeftToZipJs(swapped)
  })

  it('extra fields, entry comments, flags and names zip.js reads with care', async () => {
    const cd = directoryOf(plain)
    // An extended-timestamp extra field in the central directory, as Info-ZIP writes.
    const ut = new Uint8Array([0x55, 0x54, 5, 0, 1, 0, 0, 0, 0])
    const withExtra = concatBytes(
      setUint(plain, cd + 30, 2, ut.length).subarray(0, cd + 46 + 5),
      ut,
      plain.subarray(cd + 46 + 5),
    )
    const end = endOf(withExtra)
    await expectLeftToZipJs(
      setUint(withExtra, end + 12, 4, new DataView(withExtra.buffer).getUint32(end + 12, true) + 9),
    )
    await expectLeftToZipJs(setUint(plain, cd + 8, 2, 0x801)) // encrypted
    await expectLeftToZipJs(setUint(plain, cd + 8, 2, 0x820)) // compressed patched data
    await expectLeftToZipJs(setUint(plain, cd + 6, 2, 64)) // unknown version needed
    await expectLeftToZipJs(buildZip([rawEntry('tab\there', utf8('x'))]))
    const notUtf8 = plain.slice()
    notUtf8[30] = 0xff // the first name, in its local header and in the central directory
    notUtf8[cd + 46] = 0xff
    await expectLeftToZipJs(notUtf8)
    // A byte-order mark, which zip.js keeps in the name and a TextDecoder drops.
    await expectLeftToZipJs(buildZip([rawEntry('\ufeffname', utf8('x'))]))
  })

  it('but ASCII names without the UTF-8 flag are listed, as zip.js decodes them the same', async () => {
    const cd = directoryOf(plain)
    const noFlag = setUint(setUint(plain, cd + 8, 2, 0), cd + 46 + 5 + 8, 2, 0)
    await expectSameAsZipJs(noFlag)
    // The local headers still have the flag: reading is refused, the same way on both paths.
    expect(await outcome(noFlag, true)).toEqual(await outcome(noFlag, false))
  })

  it('entries that are not read directly', async () => {
    const cd = directoryOf(plain)
    await expectLeftToZipJs(buildZip([rawEntry('dir/', new Uint8Array(0), 0)]))
    await expectLeftToZipJs(setUint(plain, cd + 38, 4, 0o040755 << 16)) // a unix directory
    await expectLeftToZipJs(setUint(setUint(plain, cd + 4, 2, 20), cd + 38, 4, 0x10)) // MS-DOS
    await expectLeftToZipJs(setUint(plain, cd + 10, 2, 12)) // another method
    const lying = { ...rawEntry('s.bin', utf8('stored'), 0), uncompressedSize: 5 }
    await expectLeftToZipJs(buildZip([lying]))
  })
})

describe('the lister against zip.js on damaged bundles', () => {
  it('gives openContainer the same outcome as zip.js alone, entry bytes and errors included', async () => {
    const base = bundle
    const size = base.length
    const cd = (await listPlainCentralDirectory(bytesSource(base)))!
    const localHeaders = cd.entries.map((e) => e.offset)
    // Positions worth damaging: the central directory and end record, and local headers.
    const position = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: cd.directoryOffset, max: size - 1 }) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...localHeaders), fc.nat(40))
          .map(([o, d]) => Math.min(size - 1, o + d)),
      },
      { weight: 1, arbitrary: fc.nat(size - 1) },
    )
    const interesting = fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x50, 0x4b, 0x2f, 0x10)
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat(7) }),
      fc.record({
        kind: fc.constant('set' as const),
        at: position,
        value: fc.oneof(interesting, fc.nat(255)),
      }),
      fc.record({
        kind: fc.constant('set32' as const),
        at: position,
        value: fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x06054b50, 0x02014b50),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: position }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.oneof(position, fc.constant(0), fc.constant(size)),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }),
      }),
    )
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        let b: Uint8Array = base.slice()
        for (const m of ms) {
          const at = Math.min(m.at, b.length)
          if (m.kind === 'flip' && at < b.length) b[at] = b[at]! ^ (1 << m.bit)
          else if (m.kind === 'set' && at < b.length) b[at] = m.value
          else if (m.kind === 'set32' && at + 4 <= b.length) b = setUint(b, at, 4, m.value)
          else if (m.kind === 'truncate') b = b.slice(0, at)
          else if (m.kind === 'insert') b = concatBytes(b.subarray(0, at), m.bytes, b.subarray(at))
        }
        if (await listPlainCentralDirectory(bytesSource(b))) accepted++
        expect(await outcome(b, true)).toEqual(await outcome(b, false))
      }),
      { numRuns: 5000, seed },
    )
    // Enough damaged archives got past the lister for the comparison to mean something.
    expect(accepted).toBeGreaterThan(500)
  }, 60_000)
})
