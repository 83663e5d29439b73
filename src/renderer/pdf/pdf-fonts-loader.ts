// The packet and deck PDFs' fonts in the app: the files under resources/fonts/ become built
// assets (Vite `?url` imports, served from the app's own origin, so CSP connect-src 'self'
// allows fetching them) and are fetched only when a PDF is first made. One load is shared by
// every caller; a failed load is forgotten so the next call tries again.
import regularUrl from '../../../resources/fonts/NotoSans-Regular.ttf?url'
import boldUrl from '../../../resources/fonts/NotoSans-Bold.ttf?url'
import hebrewUrl from '../../../resources/fonts/NotoSansHebrew-Regular.ttf?url'
import hebrewBoldUrl from '../../../resources/fonts/NotoSansHebrew-Bold.ttf?url'
import arabicUrl from '../../../resources/fonts/NotoSansArabic-Regular.ttf?url'
import cjkUrl from '../../../resources/fonts/WenQuanYiMicroHei.ttf?url'
import type { PdfFontFiles } from '../../core/pdf/pdf-fonts'

let pending: Promise<PdfFontFiles> | undefined

async function fetchFont(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, signal ? { signal } : {})
  if (!res.ok) throw new Error(`The PDF font ${url} could not be loaded (HTTP ${res.status}).`)
  return new Uint8Array(await res.arrayBuffer())
}

async function fetchAll(): Promise<PdfFontFiles> {
  const [regular, bold, hebrew, hebrewBold, arabic, cjk] = await Promise.all(
    [regularUrl, boldUrl, hebrewUrl, hebrewBoldUrl, arabicUrl, cjkUrl].map((u) => fetchFont(u)),
  )
  // The same roles and order as PDF_FONT_FILE_NAMES (src/core/pdf/pdf-fonts.ts).
  return {
    regular: regular!,
    bold: bold!,
    fallbacks: [
      { name: 'hebrew', regular: hebrew!, bold: hebrewBold! },
      { name: 'arabic', regular: arabic! },
      { name: 'cjk', regular: cjk! },
    ],
  }
}

/**
 * The PDF fonts (about 4.7 MB), fetched once on first use. `signal` abandons the wait, not
 * the shared download.
 */
export function loadPdfFonts(signal?: AbortSignal): Promise<PdfFontFiles> {
  if (!pending) {
    pending = fetchAll().catch((e: unknown) => {
      pending = undefined
      throw e
    })
  }
  if (!signal) return pending
  return new Promise<PdfFontFiles>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    pending!.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
