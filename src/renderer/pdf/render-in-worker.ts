// Runs renderPacketPdf in a Web Worker (packet-pdf-worker.ts); in the page where workers are
// unavailable. The abort signal ends the worker, so Cancel stops the render at once.
import type { RenderRequest, FromPdfWorker, ToPdfWorker } from './packet-pdf-messages'

export class PdfRenderCancelled extends Error {
  constructor() {
    super('The PDF was not made: cancelled.')
    this.name = 'PdfRenderCancelled'
  }
}

async function inPage(request: RenderRequest, signal: AbortSignal): Promise<Uint8Array> {
  const { renderPacketPdf } = await import('../../core/pdf/render-packet-pdf')
  const evidence = new Map(request.evidence)
  const bytes = await renderPacketPdf({ ...request, evidence: (n) => evidence.get(n) })
  if (signal.aborted) throw new PdfRenderCancelled()
  return bytes
}

export function renderPacketPdfInWorker(
  request: RenderRequest,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (signal.aborted) return Promise.reject(new PdfRenderCancelled())
  if (typeof Worker === 'undefined') return inPage(request, signal)
  let worker: Worker
  try {
    worker = new Worker(new URL('./packet-pdf-worker.ts', import.meta.url), {
      type: 'module',
      name: 'packet-pdf',
    })
  } catch {
    return inPage(request, signal)
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const finish = () => {
      signal.removeEventListener('abort', onAbort)
      worker.terminate()
    }
    const onAbort = () => {
      finish()
      reject(new PdfRenderCancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
    worker.addEventListener('message', (event: MessageEvent<FromPdfWorker>) => {
      finish()
      const m = event.data
      if (m.type === 'done') resolve(m.bytes)
      else reject(new Error(m.message))
    })
    worker.addEventListener('error', (event) => {
      finish()
      reject(new Error(`The PDF worker failed: ${event.message || 'unknown error'}`))
    })
    const message: ToPdfWorker = { type: 'render', request }
    worker.postMessage(message)
  })
}
