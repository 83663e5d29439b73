// Writes a laid-out document as PDF objects: the pages' content streams, the embedded font
// subsets, the structure tree and outline, document information and XMP metadata, file
// attachments and the document ID. Nothing here reads a clock or a random source, so the same
// layout and information give the same bytes.
import {
  AFRelationship,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFDict,
  type PDFRef,
} from 'pdf-lib'
import { toHex, utf8 } from '../encoding/bytes'
import type { FlowDocument } from './flow-layout'
import type { FontSet } from './pdf-fonts'
import { embedPngDirect } from './png-image'
import { writeOutline, type StructureTree } from './structure-tree'

export const PRODUCER = 'Evidence Workbench'

export interface PdfAttachment {
  /** A file name (no path): readers save the attachment under it. */
  name: string
  bytes: Uint8Array
  mimeType: string
  description: string
}

export interface DocumentInfo {
  title: string
  /** BCP 47 language tag. */
  lang: string
  author: string
  subject: string
  keywords: string[]
  /** Creation and modification date of the document and of its attachments. */
  now: Date
  attachments: PdfAttachment[]
  /** The document ID's two halves (16 bytes each): permanent, and this version. */
  id: [Uint8Array, Uint8Array]
}

export async function writePdf(
  flow: FlowDocument,
  struct: StructureTree,
  fonts: FontSet,
  info: DocumentInfo,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const context = doc.context
  const fontRefs = new Map<string, PDFRef>()
  for (const face of fonts.usedFaces()) fontRefs.set(flow.fontName(face), await face.embed(context))

  // Images are embedded once per resource name, in the order pages first draw them.
  const imageRefs = new Map<string, PDFRef>()
  for (const canvas of flow.pages) {
    for (const [name, image] of canvas.images) {
      if (imageRefs.has(name)) continue
      const direct = image.format === 'png' ? embedPngDirect(context, image.bytes) : undefined
      const embedded = direct
        ? undefined
        : image.format === 'png'
          ? await doc.embedPng(image.bytes)
          : await doc.embedJpg(image.bytes)
      imageRefs.set(name, direct ?? embedded!.ref)
    }
  }

  const pageRefs: PDFRef[] = []
  const pageDicts: PDFDict[] = []
  for (const canvas of flow.pages) {
    const page = doc.addPage([canvas.width, canvas.height])
    const stream = context.flateStream(canvas.content())
    page.node.set(PDFName.of('Contents'), context.register(stream))
    const fontDict = context.obj({})
    for (const name of [...canvas.fonts.keys()].sort())
      fontDict.set(PDFName.of(name), fontRefs.get(name)!)
    const resources = context.obj({ Font: fontDict })
    if (canvas.images.size) {
      const xobjects = context.obj({})
      for (const name of [...canvas.images.keys()].sort())
        xobjects.set(PDFName.of(name), imageRefs.get(name)!)
      resources.set(PDFName.of('XObject'), xobjects)
    }
    page.node.set(PDFName.of('Resources'), resources)
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
    pageRefs.push(page.ref)
    pageDicts.push(page.node)
  }

  const catalog = doc.catalog
  catalog.set(PDFName.of('StructTreeRoot'), struct.write(context, pageRefs, pageDicts))
  catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }))
  const outline = writeOutline(context, flow.outline, pageRefs, flow.geometry.height)
  if (outline) {
    catalog.set(PDFName.of('Outlines'), outline)
    catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
  }

  doc.setTitle(info.title, { showInWindowTitleBar: true })
  doc.setLanguage(info.lang)
  doc.setAuthor(info.author)
  doc.setSubject(info.subject)
  doc.setKeywords(info.keywords)
  doc.setCreator(PRODUCER)
  doc.setProducer(`${PRODUCER} (pdf-lib)`)
  doc.setCreationDate(info.now)
  doc.setModificationDate(info.now)
  const metadata = context.stream(utf8(xmpMetadata(info)), { Type: 'Metadata', Subtype: 'XML' })
  catalog.set(PDFName.of('Metadata'), context.register(metadata))

  // Sorted by name, as the EmbeddedFiles name tree requires.
  const attachments = [...info.attachments].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  for (const a of attachments) {
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mimeType,
      description: a.description,
      creationDate: info.now,
      modificationDate: info.now,
      afRelationship: AFRelationship.Supplement,
    })
  }

  const id = PDFArray.withContext(context)
  for (const half of info.id) id.push(PDFHexString.of(toHex(half)))
  context.trailerInfo.ID = id

  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false })
}

function xmpMetadata(info: DocumentInfo): string {
  const esc = (s: string) =>
    s
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  const when = info.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:language><rdf:Bag><rdf:li>${esc(info.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<dc:creator><rdf:Seq><rdf:li>${esc(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '<dc:format>application/pdf</dc:format>',
    `<xmp:CreateDate>${when}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`,
    `<pdf:Producer>${PRODUCER} (pdf-lib)</pdf:Producer>`,
    `<pdf:Keywords>${esc(info.keywords.join(' '))}</pdf:Keywords>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n')
}
