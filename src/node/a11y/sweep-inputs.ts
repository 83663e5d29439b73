// What a sweep reads: one HTML file (with the files beside it as its assets), a folder of pages,
// or a zip of pages. Each input becomes a read-only site: a page list and a lookup by path that
// answers only for regular files inside the input. Zips go through the bundle reader with its
// limits, and any entry that could escape or inflate without bound refuses the whole zip.
import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { unsafePathReason } from '../../core/bundle/paths'
import { openContainer, overlappingEntries, readEntryBytes } from '../../core/bundle/zip-container'
import { openFileSource } from '../bundle/file-source'
import type { SweepInput } from '../../core/a11y/sweep-report'

export class SweepInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SweepInputError'
  }
}

export interface SweepLimits {
  maxPages: number
  maxFileBytes: number
  maxZipEntries: number
  maxZipTotalBytes: number
  /** Largest inflate ratio accepted for a zip entry over 1 MiB (zip-bomb guard). */
  maxZipRatio: number
}

export const SWEEP_LIMITS: SweepLimits = {
  maxPages: 5_000,
  maxFileBytes: 64 * 1024 ** 2,
  maxZipEntries: 20_000,
  maxZipTotalBytes: 512 * 1024 ** 2,
  maxZipRatio: 200,
}

export interface Site {
  input: SweepInput
  /** Page paths inside the site, forward slashes, sorted. */
  pages: string[]
  /** A regular file's bytes inside the site, or undefined (missing, outside, not a file). */
  read(path: string): Promise<Uint8Array | undefined>
}

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')

const isPage = (name: string) => /\.html?$/i.test(name)

export async function openSite(path: string, limits = SWEEP_LIMITS): Promise<Site> {
  let s
  try {
    s = await stat(path)
  } catch (e) {
    throw new SweepInputError(`Cannot read ${path} (${(e as NodeJS.ErrnoException).code}).`)
  }
  if (s.isDirectory()) return folderSite(path, limits)
  if (!s.isFile()) throw new SweepInputError(`${path} is not a file or folder.`)
  if (/\.zip$/i.test(path)) return zipSite(path, limits)
  if (!isPage(path))
    throw new SweepInputError(`${path} is not an .html file, a folder or a .zip of pages.`)
  const root = dirname(resolve(path))
  const bytes = await readFile(path)
  return {
    input: { path, kind: 'file', sha256: sha256Hex(bytes) },
    pages: [basename(path)],
    read: (p) => readInside(root, p, limits),
  }
}

/** Reads root/p only when it is a regular file whose real path stays inside root. */
async function readInside(root: string, p: string, limits: SweepLimits) {
  if (unsafePathReason(p)) return undefined
  const full = resolve(root, ...p.split('/'))
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(full)])
    if (!real.startsWith(realRoot + sep)) return undefined
    const s = await stat(real)
    if (!s.isFile() || s.size > limits.maxFileBytes) return undefined
    return new Uint8Array(await readFile(real))
  } catch {
    return undefined
  }
}

async function folderSite(path: string, limits: SweepLimits): Promise<Site> {
  const root = resolve(path)
  const pages: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    for (const e of entries) {
      const full = join(dir, e.name)
      // Symbolic links are not followed: a page's assets stay inside the folder.
      if (e.isDirectory()) await walk(full)
      else if (e.isFile() && isPage(e.name)) {
        pages.push(relative(root, full).split(sep).join('/'))
        if (pages.length > limits.maxPages)
          throw new SweepInputError(
            `${path} holds more than ${limits.maxPages} pages; sweep it in parts.`,
          )
      }
    }
  }
  await walk(root)
  if (pages.length === 0) throw new SweepInputError(`${path} holds no .html pages.`)
  return {
    input: { path, kind: 'folder' },
    pages: pages.sort(),
    read: async (p) => {
      const full = resolve(root, ...p.split('/'))
      try {
        if ((await lstat(full)).isSymbolicLink()) return undefined
      } catch {
        return undefined
      }
      return readInside(root, p, limits)
    },
  }
}

async function zipSite(path: string, limits: SweepLimits): Promise<Site> {
  let source
  try {
    source = await openFileSource(path)
  } catch (e) {
    throw new SweepInputError(`Cannot read ${path} (${(e as NodeJS.ErrnoException).code}).`)
  }
  const files = new Map<string, Uint8Array>()
  const hash = createHash('sha256')
  try {
    for (let o = 0; o < source.size; o += 1024 * 1024)
      hash.update(await source.read(o, 1024 * 1024))
    let container
    try {
      container = await openContainer(source)
    } catch (e) {
      throw new SweepInputError(`${path} is not a readable zip: ${(e as Error).message}.`)
    }
    try {
      const { entries } = container
      if (entries.length > limits.maxZipEntries)
        throw new SweepInputError(
          `${path} has ${entries.length} entries; the limit is ${limits.maxZipEntries}.`,
        )
      if (overlappingEntries(entries).length > 0)
        throw new SweepInputError(`${path} has entries that overlap (a zip bomb); refused.`)
      let total = 0
      for (const e of entries) {
        if (e.fileType === 'directory') continue
        const name = e.name
        const reason = name === undefined ? 'name is not UTF-8' : unsafePathReason(name)
        if (name === undefined || reason)
          throw new SweepInputError(`${path}: entry "${name ?? '?'}" is refused: ${reason}.`)
        if (e.fileType !== 'file')
          throw new SweepInputError(`${path}: ${name} is a ${e.fileType}, not a regular file.`)
        if (e.encrypted) throw new SweepInputError(`${path}: ${name} is encrypted.`)
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize)
        if (
          e.compressionMethod === 8 &&
          e.uncompressedSize > 1024 ** 2 &&
          ratio > limits.maxZipRatio
        )
          throw new SweepInputError(
            `${path}: ${name} expands ${Math.round(ratio)}-fold; the limit is ${limits.maxZipRatio} (zip-bomb guard).`,
          )
        const cap = Math.min(limits.maxFileBytes, limits.maxZipTotalBytes - total)
        let bytes
        try {
          bytes = await readEntryBytes(e, cap)
        } catch (err) {
          throw new SweepInputError(`${path}: ${name} cannot be read: ${(err as Error).message}.`)
        }
        total += bytes.length
        files.set(name, bytes)
      }
    } finally {
      await container.close()
    }
  } finally {
    await source.close()
  }
  const pages = [...files.keys()].filter(isPage).sort()
  if (pages.length === 0) throw new SweepInputError(`${path} holds no .html pages.`)
  if (pages.length > limits.maxPages)
    throw new SweepInputError(
      `${path} holds more than ${limits.maxPages} pages; sweep it in parts.`,
    )
  return {
    input: { path, kind: 'zip', sha256: hash.digest('hex') },
    pages,
    read: async (p) => files.get(p),
  }
}
