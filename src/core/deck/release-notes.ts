// Release notes from the packets a demo draws on: per packet its title, template, status,
// signers with roles, statement digest and what changed since the previous revision (the
// packet diff), as Markdown and as an A4 PDF made with the packet PDF's modules. Both are a
// function of their input (the PDF's dates come from `date`), so the same input gives the same
// bytes.
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8 } from '../encoding/bytes'
import { canonicalBytes, type JsonValue } from '../json/canonical-json'
import type { DiffEntry } from '../packets/packet-diff'
import { writePdf } from '../pdf/assemble-pdf'
import { A4, COLORS, FlowDocument, type Block } from '../pdf/flow-layout'
import { FontSet, type PdfFontFiles } from '../pdf/pdf-fonts'
import { StructureTree } from '../pdf/structure-tree'
import { TextLayout, type TextStyle } from '../pdf/text-layout'

export interface ReleaseNoteSigner {
  name: string
  /** The role's label, e.g. "Product manager". */
  role: string
  /** e.g. "Approved", "Packed". */
  decision: string
  /** ISO time. */
  at: string
}

export interface ReleaseNotePacket {
  packetId: string
  title: string
  templateTitle: string
  templateVersion: string
  /** The status's label, e.g. "Signed". */
  status: string
  revision: number
  /** SHA-256 of the signed statement of the packet's latest bundle; absent when not packed. */
  statementDigest?: string
  signers: ReleaseNoteSigner[]
  /** What changed since the previous revision; absent for a first revision. */
  changes?: { sinceRevision: number; entries: DiffEntry[] }
}

export interface ReleaseNotesInput {
  title: string
  /** YYYY-MM-DD. */
  date: string
  packets: ReleaseNotePacket[]
  caveats: string[]
}

/** One line per diff entry, as in the packet history screen. */
export function changeText(e: DiffEntry): string {
  switch (e.kind) {
    case 'title':
    case 'status':
      return `${e.label}: ${e.from} → ${e.to}`
    case 'field':
      return `${e.section} › ${e.label}: ${e.from} → ${e.to}`
    case 'item-added':
      return `${e.section} › ${e.label}: added ${e.item}`
    case 'item-removed':
      return `${e.section} › ${e.label}: removed ${e.item}`
    case 'item-changed':
      return `${e.section} › ${e.label}: ${e.item} changed (${e.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`).join('; ')})`
    case 'evidence-attached':
      return `Evidence attached (${e.role}): ${e.label}`
    case 'evidence-removed':
      return `Evidence removed (${e.role}): ${e.label}`
  }
}

/** Markdown special characters escaped so packet text cannot change the document's shape. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ')
}

const signerText = (s: ReleaseNoteSigner) => `${s.name} (${s.role}): ${s.decision}, ${s.at}`

export function releaseNotesMarkdown(input: ReleaseNotesInput): string {
  const out: string[] = [`# ${mdEscape(input.title)}`, '', `Release notes, ${input.date}.`, '']
  if (input.packets.length === 0) out.push('No packets were chosen for these notes.', '')
  for (const p of input.packets) {
    out.push(`## ${mdEscape(p.title)}`, '')
    out.push(`- Packet: \`${p.packetId}\`, revision ${p.revision}`)
    out.push(`- Template: ${mdEscape(p.templateTitle)} ${mdEscape(p.templateVersion)}`)
    out.push(`- Status: ${mdEscape(p.status)}`)
    out.push(
      `- Statement digest: ${p.statementDigest ? `\`sha256:${p.statementDigest}\`` : 'not packed yet'}`,
    )
    out.push('', '### Signers', '')
    if (p.signers.length === 0) out.push('Nobody has signed this revision yet.')
    for (const s of p.signers) out.push(`- ${mdEscape(signerText(s))}`)
    out.push('')
    if (p.changes) {
      out.push(`### Changes since revision ${p.changes.sinceRevision}`, '')
      if (p.changes.entries.length === 0) out.push('No changes.')
      for (const e of p.changes.entries) out.push(`- ${mdEscape(changeText(e))}`)
      out.push('')
    }
  }
  if (input.caveats.length) {
    out.push('## Caveats', '')
    for (const c of input.caveats) out.push(`- ${mdEscape(c)}`)
    out.push('')
  }
  return out.join('\n')
}

const S = {
  title: { size: 20, bold: true, color: COLORS.ink },
  sub: { size: 10, color: COLORS.muted },
  h1: { size: 14, bold: true, color: COLORS.accent },
  h2: { size: 10.5, bold: true, color: COLORS.ink },
  body: { size: 10, color: COLORS.ink },
  mono: { size: 8.5, color: COLORS.ink },
  th: { size: 8.5, bold: true, color: COLORS.ink },
  cell: { size: 9, color: COLORS.ink },
  footer: { size: 8, color: COLORS.muted },
} satisfies Record<string, TextStyle>

export async function releaseNotesPdf(
  input: ReleaseNotesInput,
  fontFiles: PdfFontFiles,
): Promise<Uint8Array> {
  const fonts = new FontSet(fontFiles)
  const layout = new TextLayout(fonts)
  const struct = new StructureTree()
  const flow = new FlowDocument(layout, struct, A4)
  const doc = struct.root
  flow.addPage()
  flow.bookmark(input.title)
  flow.flow([{ text: input.title, style: S.title }], doc.add('H1'))
  flow.flow([{ text: `Release notes, ${input.date}`, style: S.sub, before: 2 }], doc.add('P'))
  flow.gap(12)
  const w = flow.contentWidth
  if (input.packets.length === 0)
    flow.flow([{ text: 'No packets were chosen for these notes.', style: S.body }], doc.add('P'))
  for (const p of input.packets) {
    const sect = doc.add('Sect')
    flow.ensure(120)
    flow.bookmark(p.title)
    flow.flow([{ text: p.title, style: S.h1, before: 6 }], sect.add('H2'))
    const facts: [string, string][] = [
      ['Packet', `${p.packetId}, revision ${p.revision}`],
      ['Template', `${p.templateTitle} ${p.templateVersion}`],
      ['Status', p.status],
      ['Statement digest', p.statementDigest ? `sha256:${p.statementDigest}` : 'Not packed yet'],
    ]
    flow.table(
      [
        { header: 'Fact', width: w * 0.24 },
        { header: 'Value', width: w * 0.76 },
      ],
      facts.map(([k, v]) => [
        [{ text: k, style: S.th }],
        [{ text: v, style: k === 'Statement digest' ? S.mono : S.cell }],
      ]),
      { parent: sect, headerStyle: S.th, columnHeaders: false, rowHeaders: true },
    )
    flow.gap(8)
    flow.flow([{ text: 'Signers', style: S.h2 }], sect.add('H3'))
    if (p.signers.length === 0)
      flow.flow([{ text: 'Nobody has signed this revision yet.', style: S.body }], sect.add('P'))
    else
      flow.table(
        [
          { header: 'Signer', width: w * 0.32 },
          { header: 'Role', width: w * 0.26 },
          { header: 'Decision', width: w * 0.16 },
          { header: 'Time', width: w * 0.26 },
        ],
        p.signers.map((s) => [s.name, s.role, s.decision, s.at].map((t) => [cell(t)])),
        { parent: sect, headerStyle: S.th, zebra: true },
      )
    if (p.changes) {
      flow.gap(8)
      flow.flow(
        [{ text: `Changes since revision ${p.changes.sinceRevision}`, style: S.h2 }],
        sect.add('H3'),
      )
      const lines = p.changes.entries.length
        ? p.changes.entries.map((e) => `• ${changeText(e)}`)
        : ['No changes.']
      flow.flow(
        lines.map((t) => ({ text: t, style: S.body, before: 2 })),
        sect.add('P'),
      )
    }
    flow.gap(14)
  }
  if (input.caveats.length) {
    const sect = doc.add('Sect')
    flow.ensure(60)
    flow.bookmark('Caveats')
    flow.flow([{ text: 'Caveats', style: S.h1 }], sect.add('H2'))
    flow.flow(
      input.caveats.map((t) => ({ text: `• ${t}`, style: S.body, before: 3 })),
      sect.add('P'),
    )
  }
  // Footers: "title · Page n of N".
  const n = flow.pages.length
  for (const page of flow.pages) {
    page.beginArtifact('Pagination')
    const text = `${input.title} · Page ${page.index + 1} of ${n}`
    const line = layout.lines(text, S.footer, Infinity)[0]
    if (line) page.text(line, A4.marginLeft, A4.height - 36, S.footer.color)
    page.end()
  }
  const digest = sha256(canonicalBytes(input as unknown as JsonValue))
  return writePdf(flow, struct, fonts, {
    title: input.title,
    lang: 'en',
    author: 'Evidence Workbench',
    subject: `Release notes for ${input.packets.map((p) => p.packetId).join(', ') || 'no packets'}`,
    keywords: ['release notes', ...input.packets.map((p) => p.packetId)],
    now: new Date(`${input.date}T00:00:00.000Z`),
    attachments: [],
    id: [sha256(utf8(`evw-notes:${input.title}`)).subarray(0, 16), digest.subarray(0, 16)],
  })
}

const cell = (text: string): Block => ({ text, style: S.cell })
