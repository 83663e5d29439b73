// A PNG copied into a PDF without decoding (embedPngDirect) shows the same pixels: rows with
// different PNG filters, read back by poppler's pdftoppm. PNGs it cannot copy are left to
// pdf-lib.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { embedPngDirect } from '../../src/core/pdf/png-image'

const hasPoppler = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0

function crc32(b: Uint8Array): number {
  let c = 0xffffffff
  for (const x of b) {
    c ^= x
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}
function png(width: number, height: number, colorType: number, raw: Buffer): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length)
    head.write(type, 4, 'ascii')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = colorType
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Row 0 unfiltered (red, green, blue, white); row 1 with the Sub filter (each byte minus the
// pixel to its left), decoding to grey 10, 40, 90, 160.
const pixels = [
  [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255],
  [10, 10, 10, 40, 40, 40, 90, 90, 90, 160, 160, 160],
]
const raw = Buffer.from([
  0,
  ...pixels[0]!,
  1,
  ...pixels[1]!.map((v, i) => (i < 3 ? v : (v - pixels[1]![i - 3]! + 256) % 256)),
])

describe('embedPngDirect', () => {
  it('refuses PNGs with alpha, which need decoding', async () => {
    const doc = await PDFDocument.create()
    const rgba = png(1, 1, 6, Buffer.from([0, 1, 2, 3, 4]))
    expect(embedPngDirect(doc.context, rgba)).toBeUndefined()
    expect(embedPngDirect(doc.context, new Uint8Array([1, 2, 3]))).toBeUndefined()
  })

  it.skipIf(!hasPoppler)('shows the same pixels as the PNG', async () => {
    const doc = await PDFDocument.create()
    const ref = embedPngDirect(doc.context, png(4, 2, 2, raw))!
    expect(ref).toBeDefined()
    const page = doc.addPage([4, 2])
    const stream = doc.context.flateStream('q 4 0 0 2 0 0 cm /Im1 Do Q')
    page.node.set(PDFName.of('Contents'), doc.context.register(stream))
    page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Im1: ref } }))
    const dir = mkdtempSync(join(tmpdir(), 'evw-png-'))
    writeFileSync(join(dir, 'p.pdf'), await doc.save())
    // 20 device pixels per image pixel; the centre of each block is the image pixel's colour.
    execFileSync('pdftoppm', ['-r', '1440', '-singlefile', 'p.pdf', 'p'], { cwd: dir })
    const ppm = readFileSync(join(dir, 'p.ppm'))
    const body = ppm.subarray(ppm.length - 80 * 40 * 3)
    const at = (x: number, y: number) => [...body.subarray((y * 80 + x) * 3, (y * 80 + x) * 3 + 3)]
    const seen = [0, 1].map((row) =>
      [0, 1, 2, 3].flatMap((col) => at(col * 20 + 10, row * 20 + 10)),
    )
    expect(seen).toEqual(pixels)
  })
})
