// Tools to damage bundles the way an attacker or a bad copy would, for tamper tests.
import { crc32, deflateRawSync } from 'node:zlib'
import {
  BlobWriter,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js'

export interface LooseEntry {
  name: string
  data: Uint8Array
  level?: number
  unixMode?: number
}

export async function unpack(bytes: Uint8Array): Promise<LooseEntry[]> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes))
  const out: LooseEntry[] = []
  for (const e of await reader.getEntries()) {
    if (e.directory) continue
    out.push({
      name: e.filename,
      data: await e.getData(new Uint8ArrayWriter()),
      level: e.compressionMethod === 0 ? 0 : 6,
    })
  }
  await reader.close()
  return out
}

export async function repack(entries: LooseEntry[]): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter(), {
    useWebWorkers: false,
    lastModDate: new Date('2000-01-01T00:00:00Z'),
    extendedTimestamp: false,
  })
  for (const e of entries) {
    await writer.add(e.name, new Uint8ArrayReader(e.data), {
      level: e.level ?? 0,
      ...(e.unixMode !== undefined ? { unixMode: e.unixMode } : {}),
    })
  }
  const blob = await writer.close()
  return new Uint8Array(await blob.arrayBuffer())
}

export async function rewrite(
  bytes: Uint8Array,
  f: (entries: LooseEntry[]) => LooseEntry[],
): Promise<Uint8Array> {
  return repack(f(await unpack(bytes)))
}

export const entry = (entries: LooseEntry[], name: string): LooseEntry => {
  const e = entries.find((x) => x.name === name)
  if (!e) throw new Error(`no entry ${name}`)
  return e
}

/** Replaces every occurrence of `from` with `to` (same length) in raw zip bytes. */
export function patchBytes(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = new TextEncoder().encode(from)
  const b = new TextEncoder().encode(to)
  if (a.length !== b.length) throw new Error('patch must keep the length')
  const out = bytes.slice()
  let count = 0
  for (let i = 0; i + a.length <= out.length; i++) {
    let match = true
    for (let j = 0; j < a.length && match; j++) match = out[i + j] === a[j]
    if (match) {
      out.set(b, i)
      count++
    }
  }
  if (count === 0) throw new Error(`"${from}" not found`)
  return out
}

/** An entry whose stored bytes are given as they are, for zips no honest writer makes. */
export interface RawEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  /** The entry's data exactly as it goes into the zip (already compressed when deflated). */
  data: Uint8Array
  crc32: number
  uncompressedSize: number
  /** Written in both headers instead of data.length, to make them lie. */
  declaredCompressedSize?: number
  /** A local-header extra field, which makes readers that only take plain headers step aside. */
  localExtra?: Uint8Array
}

/** A stored or deflated entry for `data`, as an honest writer would make it. */
export function rawEntry(name: string, data: Uint8Array, method: 0 | 8 = 8): RawEntry {
  return {
    name,
    method,
    data: method === 8 ? new Uint8Array(deflateRawSync(data)) : data,
    crc32: crc32(data),
    uncompressedSize: data.length,
  }
}

/** Builds a zip byte by byte from raw entries: no zip64, no data descriptors, UTF-8 names. */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name)
    const extra = e.localExtra ?? new Uint8Array(0)
    const size = e.declaredCompressedSize ?? e.data.length
    const local = new Uint8Array(30 + name.length + extra.length)
    const l = new DataView(local.buffer)
    l.setUint32(0, 0x04034b50, true)
    l.setUint16(4, 20, true)
    l.setUint16(6, 0x800, true)
    l.setUint16(8, e.method, true)
    l.setUint16(10, 0, true)
    l.setUint16(12, DOS_DATE, true)
    l.setUint32(14, e.crc32, true)
    l.setUint32(18, size, true)
    l.setUint32(22, e.uncompressedSize, true)
    l.setUint16(26, name.length, true)
    l.setUint16(28, extra.length, true)
    local.set(name, 30)
    local.set(extra, 30 + name.length)
    const cd = new Uint8Array(46 + name.length)
    const c = new DataView(cd.buffer)
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(4, (3 << 8) | 20, true)
    c.setUint16(6, 20, true)
    c.setUint16(8, 0x800, true)
    c.setUint16(10, e.method, true)
    c.setUint16(12, 0, true)
    c.setUint16(14, DOS_DATE, true)
    c.setUint32(16, e.crc32, true)
    c.setUint32(20, size, true)
    c.setUint32(24, e.uncompressedSize, true)
    c.setUint16(28, name.length, true)
    c.setUint32(38, 0o100644 << 16, true)
    c.setUint32(42, offset, true)
    cd.set(name, 46)
    parts.push(local, e.data)
    central.push(cd)
    offset += local.length + e.data.length
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0)
  const end = new Uint8Array(22)
  const d = new DataView(end.buffer)
  d.setUint32(0, 0x06054b50, true)
  d.setUint16(8, entries.length, true)
  d.setUint16(10, entries.length, true)
  d.setUint32(12, cdSize, true)
  d.setUint32(16, offset, true)
  const all = [...parts, ...central, end]
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of all) {
    out.set(p, o)
    o += p.length
  }
  return out
}
