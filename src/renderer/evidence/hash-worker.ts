// The evidence hash worker: hashes a batch of files one after another off the page's thread,
// reporting progress at most every 50 ms and each file's digest as it is known.
import type { FromHashWorker, ToHashWorker } from './hash-messages'
import { hashBlob } from './hash-stream'

interface WorkerScope {
  postMessage(message: FromHashWorker): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToHashWorker>) => void): void
}
const scope = self as unknown as WorkerScope
const controller = new AbortController()

async function hashAll(files: Blob[]): Promise<void> {
  let before = 0
  let lastPost = 0
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!
    try {
      const sha256 = await hashBlob(
        file,
        (n) => {
          const now = performance.now()
          if (now - lastPost < 50) return
          lastPost = now
          scope.postMessage({ type: 'progress', fileIndex: i, bytesDone: before + n })
        },
        controller.signal,
      )
      before += file.size
      scope.postMessage({ type: 'file', fileIndex: i, sha256 })
    } catch (e) {
      if (controller.signal.aborted) return
      scope.postMessage({
        type: 'failed',
        fileIndex: i,
        message: e instanceof Error ? e.message : String(e),
      })
      return
    }
  }
  scope.postMessage({ type: 'done' })
}

scope.addEventListener('message', (event) => {
  const msg = event.data
  if (msg.type === 'hash') void hashAll(msg.files)
  else controller.abort()
})

scope.postMessage({ type: 'ready' })
