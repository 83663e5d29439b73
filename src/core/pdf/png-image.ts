// A PNG as a PDF image XObject without decoding it, when its pixels can go straight in: 8-bit,
// non-interlaced, grey or RGB without transparency. The PNG's IDAT data is already a zlib
// stream with PNG row filters, which PDF's FlateDecode reads with /Predictor 15 (ISO 32000-1,
// 7.4.4.4), so the bytes are copied, not inflated and deflated again as pdf-lib's embedPng
// does (seconds for a deck of screenshots). Other PNGs return undefined and go to embedPng.
import type { PDFContext, PDFRef } from 'pdf-lib'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function embedPngDirect(context: PDFContext, png: Uint8Array): PDFRef | undefined {
  if (png.length < 33 || !SIGNATURE.every((b, i) => png[i] === b)) return undefined
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  let width = 0
  let height = 0
  let colors = 0
  const idat: Uint8Array[] = []
  let at = 8
  while (at + 8 <= png.length) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!)
    const data = at + 8
    if (data + length > png.length) return undefined
    if (type === 'IHDR') {
      width = view.getUint32(data)
      height = view.getUint32(data + 4)
      const depth = png[data + 8]
      const colorType = png[data + 9]
      const interlace = png[data + 12]
      if (depth !== 8 || interlace !== 0) return undefined
      if (colorType === 0) colors = 1
      else if (colorType === 2) colors = 3
      else return undefined
    } else if (type === 'tRNS' || type === 'PLTE') {
      return undefined
    } else if (type === 'IDAT') {
      idat.push(png.subarray(data, data + length))
    } else if (type === 'IEND') {
      break
    }
    at = data + length + 4
  }
  if (!width || !height || !colors || idat.length === 0) return undefined
  const total = idat.reduce((n, c) => n + c.length, 0)
  const bytes = new Uint8Array(total)
  let o = 0
  for (const c of idat) {
    bytes.set(c, o)
    o += c.length
  }
  const stream = context.stream(bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    DecodeParms: {
      Predictor: 15,
      Colors: colors,
      BitsPerComponent: 8,
      Columns: width,
    },
  })
  return context.register(stream)
}
