// Renders a packet PDF off the page's thread, so the app stays responsive and Cancel (which
// ends the worker) works at once. Protocol: packet-pdf-messages.ts.
import { renderPacketPdf } from '../../core/pdf/render-packet-pdf'
import type { FromPdfWorker, ToPdfWorker } from './packet-pdf-messages'

interface WorkerScope {
  postMessage(message: FromPdfWorker, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToPdfWorker>) => void): void
}
const scope = self as unknown as WorkerScope

scope.addEventListener('message', (event) => {
  const { request } = event.data
  const evidence = new Map(request.evidence)
  renderPacketPdf({ ...request, evidence: (name) => evidence.get(name) }).then(
    (bytes) => scope.postMessage({ type: 'done', bytes }, [bytes.buffer]),
    (e: unknown) =>
      scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  )
})
