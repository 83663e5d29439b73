// The deck benchmark's TypeScript half, bundled by test/bench/deck-pdf.mjs with esbuild and run
// in a fresh Node process per measurement: `render` makes a deck of 20 steps with two
// screenshots each (40 screenshot slides, plus title, agenda and caveats) through
// renderDeckPdf, as the app does; `baseline` puts the same 40 images on 40 pages with plain
// pdf-lib (no text, no layout, no tagging), the floor a PDF library alone costs. Both load the
// same fonts and images first, so the difference is the deck renderer's own work.
import { deflateSync } from 'node:zlib'
import { sha256 } from '@noble/hashes/sha2.js'
import { PDFDocument } from 'pdf-lib'
import type { DeckModel } from '../../src/core/deck/deck-model'
import { renderDeckPdf, type DeckImage } from '../../src/core/deck/render-deck-pdf'
import { toHex } from '../../src/core/encoding/bytes'
import { loadPdfFonts } from '../../src/node/pdf/font-files'

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (b: Uint8Array) => {
  let c = 0xffffffff
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

/** A 1440 × 900 RGB screenshot-like PNG: a header bar, panels and text-like stripes. */
export function syntheticScreenshot(seed: number, width = 1440, height = 900): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  let s = seed * 2654435761
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32
  const hue = [40 + ((seed * 37) % 160), 80 + ((seed * 53) % 120), 120 + ((seed * 71) % 120)]
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      let c = [248, 249, 251]
      if (y < 56) c = hue
      else if (x < 220) c = [236, 239, 243]
      else if (y % 28 < 10 && (x >> 5) % 7 !== 0 && rnd() > 0.02) c = [90, 98, 110]
      const o = row + 1 + x * 3
      raw[o] = c[0]!
      raw[o + 1] = c[1]!
      raw[o + 2] = c[2]!
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  )
}

function benchDeck(): { deck: DeckModel; images: Map<string, DeckImage> } {
  const images = new Map<string, DeckImage>()
  const shas: string[] = []
  for (let i = 0; i < 40; i++) {
    const bytes = syntheticScreenshot(i + 1)
    const sha = toHex(sha256(bytes))
    images.set(sha, { title: `screen-${i + 1}.png`, bytes })
    shas.push(sha)
  }
  const deck: DeckModel = {
    title: 'Benchmark deck',
    event: 'Deck benchmark',
    date: '2026-11-26',
    presenter: 'Bench',
    steps: Array.from({ length: 20 }, (_, i) => ({
      title: `Step ${i + 1}: a demo step with two screenshots`,
      notes: 'What is shown, and why it matters for the release. '.repeat(3),
      packetIds: [`pkt-bench-${i + 1}`],
      screenshots: [0, 1].map((k) => ({
        sha256: shas[2 * i + k]!,
        caption: `Screen ${2 * i + k + 1}`,
      })),
      kpis: [
        {
          label: 'p95 latency',
          target: 1.25,
          actual: 1 + (i % 5) * 0.1,
          unit: 's',
          comparator: '<=' as const,
        },
        {
          label: 'Error rate',
          target: 0.5,
          actual: 0.1 * (i % 7),
          unit: '%',
          comparator: '<' as const,
        },
      ],
    })),
    caveats: ['Synthetic screenshots.'],
  }
  return { deck, images }
}

export async function run(mode: 'render' | 'baseline'): Promise<Record<string, number>> {
  const fonts = await loadPdfFonts()
  const { deck, images } = benchDeck()
  const start = performance.now()
  let bytes: Uint8Array
  let pages: number
  if (mode === 'render') {
    let slides = 0
    bytes = await renderDeckPdf({ deck, images, fonts, onProgress: (d) => (slides = d) })
    pages = slides
  } else {
    const doc = await PDFDocument.create()
    for (const img of images.values()) {
      const embedded = await doc.embedPng(img.bytes)
      const page = doc.addPage([960, 540])
      const scale = Math.min(860 / embedded.width, 440 / embedded.height)
      page.drawImage(embedded, {
        x: 50,
        y: 50,
        width: embedded.width * scale,
        height: embedded.height * scale,
      })
    }
    bytes = await doc.save()
    pages = doc.getPageCount()
  }
  const ms = performance.now() - start
  return {
    ms,
    pages,
    bytes: bytes.length,
    imageBytes: [...images.values()].reduce((n, i) => n + i.bytes.length, 0),
    maxRssKiB: process.resourceUsage().maxRSS,
  }
}
