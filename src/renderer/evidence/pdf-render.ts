// PDF previews with pdf.js (pdfjs-dist), loaded only when a PDF is shown. Pages are drawn on a
// canvas: no plugin, no frame, nothing of the PDF runs (eval off, XFA off, no scripting build),
// and it works the same offline in Electron and in any browser.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

export interface PdfHandle {
  pages: number
  render(pageNumber: number, canvas: HTMLCanvasElement, width: number): Promise<void>
  destroy(): Promise<void>
}

export async function openPdf(data: Uint8Array): Promise<PdfHandle> {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
    stopAtErrors: false,
  })
  const doc = await task.promise
  return {
    pages: doc.numPages,
    async render(pageNumber, canvas, width) {
      const page = await doc.getPage(pageNumber)
      const base = page.getViewport({ scale: 1 })
      const ratio = window.devicePixelRatio || 1
      const viewport = page.getViewport({ scale: (width / base.width) * ratio })
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`
      await page.render({ canvas, viewport }).promise
    },
    destroy: () => task.destroy(),
  }
}
