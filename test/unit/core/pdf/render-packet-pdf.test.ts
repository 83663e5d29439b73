import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PacketPdfInput } from '../../../../src/core/pdf/packet-pdf-input'
import { attachmentNames } from '../../../../src/core/pdf/packet-text'
import { renderPacketPdf } from '../../../../src/core/pdf/render-packet-pdf'
import { dpiaPdfInput } from '../../../helpers/packet-pdf-fixture'

let input: PacketPdfInput
let bytes: Uint8Array
beforeAll(async () => {
  input = await dpiaPdfInput()
  bytes = await renderPacketPdf(input)
})

const ids = async (pdf: Uint8Array) => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const id = doc.context.trailerInfo.ID as PDFArray
  return [0, 1].map((i) => (id.get(i) as PDFHexString).asString())
}

describe('renderPacketPdf', () => {
  it('gives the same bytes for the same input', async () => {
    const again = await renderPacketPdf(input)
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true)
  })

  it('keeps the first document ID per packet revision and changes the second with the content', async () => {
    const later = await renderPacketPdf({ ...input, now: new Date('2026-12-01T00:00:00.000Z') })
    const [a, b] = await ids(bytes)
    const [c, d] = await ids(later)
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(c).toBe(a)
    expect(d).not.toBe(b)
  })

  it('writes title, language, dates, outline, structure tree and attachments', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(doc.getTitle()).toBe('DPIA: Northwind Weather API')
    expect(doc.getCreationDate()?.toISOString()).toBe(input.now.toISOString())
    expect(doc.getModificationDate()?.toISOString()).toBe(input.now.toISOString())
    const catalog = doc.catalog
    expect(catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en)')
    expect(
      catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString(),
    ).toBe('true')
    const outlines = catalog.lookup(PDFName.of('Outlines'), PDFDict)
    expect(Number(outlines.get(PDFName.of('Count'))?.toString())).toBeGreaterThanOrEqual(11)
    expect(catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)).toBeDefined()
    const names = catalog
      .lookup(PDFName.of('Names'), PDFDict)
      .lookup(PDFName.of('EmbeddedFiles'), PDFDict)
      .lookup(PDFName.of('Names'), PDFArray)
    expect(names.size()).toBe(2 * input.predicate.evidence.length)
  })

  it('renders a packet before signing: no statement digest, sign-offs, log proof, evidence or template', async () => {
    const { template: _t, statementSha256: _s, logProof: _l, evidence: _e, ...rest } = input
    const draft = await renderPacketPdf({
      ...rest,
      signoffs: [],
      status: { label: 'Draft', detail: 'Not signed yet.', tone: 'neutral' },
    })
    const doc = await PDFDocument.load(draft, { updateMetadata: false })
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3)
    expect(doc.catalog.lookup(PDFName.of('Names'))).toBeUndefined()
  })

  it('names attachments after the file, numbered only when two share a name', () => {
    const e = (name: string) => ({ name, role: 'x', sha256: '0'.repeat(64), size: 1 })
    const names = attachmentNames([
      e('files/a/report.pdf'),
      e('files/b/report.pdf'),
      e('files/c.png'),
    ])
    expect([...names.values()]).toEqual(['1-report.pdf', '2-report.pdf', 'c.png'])
  })
})
