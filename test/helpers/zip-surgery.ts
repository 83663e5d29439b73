// Tools to damage bundles the way an attacker or a bad copy would, for tamper tests.
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
