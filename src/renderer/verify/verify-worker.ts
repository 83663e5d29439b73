// The verification worker: runs verifyBundle off the page's thread so the UI stays responsive
// and Cancel works at once. See verify-messages.ts for the protocol.
import type { RandomAccessSource } from '../../core/bundle/byte-io'
import { blobFile } from '../../core/host/host-api'
import type { FromWorker, ToWorker } from './verify-messages'
import { verifyHere } from './verify-here'

interface WorkerScope {
  postMessage(message: FromWorker): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void
}
const scope = self as unknown as WorkerScope

const controller = new AbortController()
const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>()
let nextId = 1

function proxySource(size: number): RandomAccessSource {
  return {
    size,
    read: (offset, length) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        scope.postMessage({ type: 'read', id, offset, length })
      }),
  }
}

scope.addEventListener('message', (event) => {
  const msg = event.data
  switch (msg.type) {
    case 'verify': {
      const source =
        msg.bundle.kind === 'blob'
          ? blobFile('bundle', msg.bundle.blob).source
          : proxySource(msg.bundle.size)
      verifyHere(source, msg.keyring, {
        signal: controller.signal,
        onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
      }).then(
        (report) => scope.postMessage({ type: 'done', report }),
        (e: unknown) => scope.postMessage({ type: 'failed', message: String(e) }),
      )
      break
    }
    case 'cancel':
      controller.abort()
      for (const p of pending.values()) p.reject(new Error('Cancelled.'))
      pending.clear()
      break
    case 'read-result':
      pending.get(msg.id)?.resolve(msg.bytes)
      pending.delete(msg.id)
      break
    case 'read-error':
      pending.get(msg.id)?.reject(new Error(msg.message))
      pending.delete(msg.id)
      break
  }
})

scope.postMessage({ type: 'ready' })
