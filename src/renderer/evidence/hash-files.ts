// Hashes a batch of files in a Web Worker (falling back to the page's thread when a worker
// cannot start), with progress and cancellation. Cancel terminates the worker at once; the
// promise then rejects with HashCancelled and no digest of the batch is used.
import type { FromHashWorker, ToHashWorker } from './hash-messages'
import { HashCancelled, hashBlob } from './hash-stream'

export interface HashProgress {
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number
}

export interface HashRequest {
  files: Blob[]
  signal: AbortSignal
  onProgress: (p: HashProgress) => void
}

async function hashInPage({ files, signal, onProgress }: HashRequest): Promise<string[]> {
  const bytesTotal = files.reduce((n, f) => n + f.size, 0)
  const out: string[] = []
  let before = 0
  for (const file of files) {
    out.push(
      await hashBlob(
        file,
        (n) =>
          onProgress({
            filesDone: out.length,
            filesTotal: files.length,
            bytesDone: before + n,
            bytesTotal,
          }),
        signal,
      ),
    )
    before += file.size
  }
  if (signal.aborted) throw new HashCancelled()
  return out
}

export function hashFiles(request: HashRequest): Promise<string[]> {
  const { files, signal, onProgress } = request
  if (signal.aborted) return Promise.reject(new HashCancelled())
  if (typeof Worker === 'undefined') return hashInPage(request)
  let worker: Worker
  try {
    worker = new Worker(new URL('./hash-worker.ts', import.meta.url), {
      type: 'module',
      name: 'evidence-hash',
    })
  } catch {
    return hashInPage(request)
  }
  const bytesTotal = files.reduce((n, f) => n + f.size, 0)
  const digests: string[] = new Array<string>(files.length)
  let filesDone = 0
  let bytesDone = 0
  let finishedBytes = 0

  return new Promise<string[]>((resolve, reject) => {
    let started = false
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      worker.terminate()
      finish()
    }
    const onAbort = () => settle(() => reject(new HashCancelled()))
    signal.addEventListener('abort', onAbort)
    const post = (m: ToHashWorker) => worker.postMessage(m)

    worker.addEventListener('message', (event: MessageEvent<FromHashWorker>) => {
      started = true
      const msg = event.data
      switch (msg.type) {
        case 'ready':
          break
        case 'progress':
          bytesDone = msg.bytesDone
          onProgress({ filesDone, filesTotal: files.length, bytesDone, bytesTotal })
          break
        case 'file':
          digests[msg.fileIndex] = msg.sha256
          filesDone = msg.fileIndex + 1
          finishedBytes += files[msg.fileIndex]?.size ?? 0
          bytesDone = finishedBytes
          onProgress({ filesDone, filesTotal: files.length, bytesDone, bytesTotal })
          break
        case 'done':
          settle(() => resolve(digests))
          break
        case 'failed':
          settle(() =>
            reject(new Error(`Could not read file ${msg.fileIndex + 1}: ${msg.message}`)),
          )
          break
      }
    })
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      if (!started) settle(() => resolve(hashInPage(request)))
      else settle(() => reject(new Error(event.message || 'The hashing worker stopped.')))
    })
    post({ type: 'hash', files })
  })
}
