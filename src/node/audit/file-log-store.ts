// The audit log on disk for the CLI: one canonical-JSON entry per line in entries.jsonl and
// one JSON-encoded checkpoint note per line in checkpoints.jsonl, each append fsynced.
// A damaged file is reported, never repaired: `evw` refuses to append to it.
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AuditLogStore } from '../../core/audit/audit-log'
import { fromUtf8, utf8 } from '../../core/encoding/bytes'

export class FileAuditLogStore implements AuditLogStore {
  constructor(readonly dir: string) {}

  private async lines(name: string): Promise<string[]> {
    let text: string
    try {
      text = fromUtf8(new Uint8Array(await readFile(join(this.dir, name))))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new Error(`The audit log file ${join(this.dir, name)} is unreadable or not UTF-8.`)
    }
    if (text === '') return []
    if (!text.endsWith('\n')) {
      throw new Error(
        `The audit log file ${join(this.dir, name)} ends in a partial line (an interrupted write?). It is left as it is; move it aside to start a new log.`,
      )
    }
    return text.slice(0, -1).split('\n')
  }

  private async appendLine(name: string, line: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const handle = await open(join(this.dir, name), 'a', 0o600)
    try {
      await handle.write(utf8(`${line}\n`))
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  async loadEntries(): Promise<Uint8Array[]> {
    return (await this.lines('entries.jsonl')).map(utf8)
  }

  async appendEntry(index: number, entry: Uint8Array): Promise<void> {
    const existing = (await this.lines('entries.jsonl')).length
    if (existing !== index)
      throw new Error(
        `The audit log changed underneath (expected ${index} entries, found ${existing}).`,
      )
    await this.appendLine('entries.jsonl', fromUtf8(entry))
  }

  async saveCheckpoint(note: string): Promise<void> {
    await this.appendLine('checkpoints.jsonl', JSON.stringify(note))
  }

  async listCheckpoints(): Promise<string[]> {
    return (await this.lines('checkpoints.jsonl')).map((l) => {
      const v: unknown = JSON.parse(l)
      if (typeof v !== 'string')
        throw new Error('The checkpoint file holds something other than notes.')
      return v
    })
  }
}
