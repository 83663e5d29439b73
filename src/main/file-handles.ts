// Files main has opened for a window (chosen by the user in a native dialog), read in ranges
// over IPC so a large bundle is never copied whole into the renderer. A handle belongs to the
// webContents that opened it; other windows cannot read or close it. Node-only, no electron.
import { randomUUID } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { MAX_READ_BYTES } from '../core/host/host-api'
import type { OpenedFileHandle } from '../core/host/ipc-channels'

interface OpenFile {
  owner: number
  fd: FileHandle
  size: number
}

export class FileAccessError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FileAccessError'
  }
}

export class OpenFiles {
  private readonly files = new Map<string, OpenFile>()

  /** At most this many files stay open per owner; the oldest is closed first. */
  constructor(private readonly maxPerOwner = 32) {}

  async open(owner: number, filePath: string): Promise<OpenedFileHandle> {
    const fd = await open(filePath, 'r')
    try {
      const stat = await fd.stat()
      if (!stat.isFile()) throw new FileAccessError(`${path.basename(filePath)} is not a file.`)
      const mine = [...this.files.entries()].filter(([, f]) => f.owner === owner)
      if (mine.length >= this.maxPerOwner) await this.close(owner, mine[0]![0])
      const handle = randomUUID()
      this.files.set(handle, { owner, fd, size: stat.size })
      return { handle, name: path.basename(filePath), size: stat.size }
    } catch (e) {
      await fd.close().catch(() => undefined)
      throw e
    }
  }

  async read(owner: number, handle: string, offset: number, length: number): Promise<Uint8Array> {
    const file = this.files.get(handle)
    if (!file || file.owner !== owner) throw new FileAccessError('That file is no longer open.')
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > file.size) {
      throw new FileAccessError('Read outside the file.')
    }
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_READ_BYTES) {
      throw new FileAccessError(`Reads are limited to ${MAX_READ_BYTES} bytes.`)
    }
    const want = Math.min(length, file.size - offset)
    const out = new Uint8Array(want)
    let done = 0
    while (done < want) {
      const { bytesRead } = await file.fd.read(out, done, want - done, offset + done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return done === want ? out : out.subarray(0, done)
  }

  async close(owner: number, handle: string): Promise<void> {
    const file = this.files.get(handle)
    if (!file || file.owner !== owner) return
    this.files.delete(handle)
    await file.fd.close().catch(() => undefined)
  }

  async closeAll(owner: number): Promise<void> {
    const mine = [...this.files.entries()].filter(([, f]) => f.owner === owner)
    await Promise.all(mine.map(([handle]) => this.close(owner, handle)))
  }

  /** How many files an owner holds open (for tests and diagnostics). */
  count(owner: number): number {
    return [...this.files.values()].filter((f) => f.owner === owner).length
  }
}
