// Progress on stderr: a rewritten line on a terminal, plain lines every 2 s with --progress
// when stderr is not a terminal, nothing otherwise (scripts get clean output).
import type { ProgressListener } from '../core/bundle/byte-io'

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`

export function stderrProgress(forced = false): { listener?: ProgressListener; end(): void } {
  const tty = process.stderr.isTTY
  if (!tty && !forced) return { end: () => undefined }
  let last = 0
  let shown = false
  return {
    listener: (p) => {
      const now = Date.now()
      if (now - last < (tty ? 100 : 2000) && p.done !== p.total) return
      last = now
      const bytes = p.bytesTotal ? `, ${mib(p.bytesDone ?? 0)} of ${mib(p.bytesTotal)}` : ''
      const line = `${p.phase}: ${p.done} of ${p.total}${bytes}`
      if (tty) process.stderr.write(`\r\x1b[K${line}`)
      else process.stderr.write(`${line}\n`)
      shown = true
    },
    end: () => {
      if (tty && shown) process.stderr.write('\r\x1b[K')
    },
  }
}
