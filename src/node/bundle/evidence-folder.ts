// Resolves a packet's evidence paths inside the folder being packed, refusing anything that
// would read outside it (through "..", absolute paths or symbolic links).
import { lstat, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { ContentSource } from '../../core/bundle/byte-io'
import { unsafePathReason } from '../../core/bundle/paths'
import { fileContent } from './file-source'

export async function evidenceFromFolder(
  folder: string,
  paths: string[],
): Promise<Map<string, ContentSource>> {
  const root = await realpath(folder)
  const out = new Map<string, ContentSource>()
  for (const p of paths) {
    const why = unsafePathReason(p)
    if (why) throw new Error(`Evidence path "${p}" is not allowed: ${why}.`)
    const full = join(root, ...p.split('/'))
    let info
    try {
      info = await lstat(full)
    } catch {
      throw new Error(`Evidence file "${p}" is listed in the packet but not found in ${folder}.`)
    }
    if (info.isSymbolicLink())
      throw new Error(`Evidence "${p}" is a symbolic link; copy the file itself.`)
    if (!info.isFile()) throw new Error(`Evidence "${p}" is not a regular file.`)
    const rel = relative(root, await realpath(full))
    if (rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw new Error(`Evidence "${p}" resolves outside ${folder}.`)
    }
    out.set(p, await fileContent(full))
  }
  return out
}
