// Vite's `?url` import of pdf.js's worker: the built asset's URL (same origin, so worker-src
// 'self' allows it).
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string
  export default url
}
