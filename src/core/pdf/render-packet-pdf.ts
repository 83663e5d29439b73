// The packet PDF: a cover (title, template, status, facts, signers, contents), every section
// and field of the template, the DPIA risk map, an evidence index with the evidence attached
// as embedded files, a sign-off page and an excerpt of the audit log. Tagged, with bookmarks,
// a running header and "Page n of N" footers. The bytes are a function of the input alone:
// dates come from `now`, the document ID from the content, nothing from the clock or chance.
// Layout and limits: docs/packet-pdf.md.
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8 } from '../encoding/bytes'
import { canonicalBytes, type JsonValue } from '../json/canonical-json'
import { FILES_DIR } from '../bundle/layout'
import type { Field, ListField, RiskListField, ScalarField } from '../templates/template-model'
import { writePdf, type DocumentInfo, type PdfAttachment } from './assemble-pdf'
import { A4, COLORS, FlowDocument, lineHeightOf, type Block, type TableColumn } from './flow-layout'
import type { Rgb } from './page-canvas'
import type { PacketPdfInput, PdfSignoff } from './packet-pdf-input'
import {
  attachmentNames,
  columnWeight,
  conditionHolds,
  decisionText,
  detailsText,
  evidenceDetails,
  fingerprint,
  formatTime,
  hexLines,
  humanSize,
  isObject,
  levelName,
  levelWord,
  mimeTypeOf,
  rating,
  scalarText,
  type Rating,
} from './packet-text'
import { FontSet } from './pdf-fonts'
import { StructureTree, type OutlineItem, type StructNode } from './structure-tree'
import { TextLayout, type TextStyle } from './text-layout'

const S = {
  kicker: { size: 9, bold: true, color: COLORS.accent },
  title: { size: 22, bold: true, color: COLORS.ink },
  subtitle: { size: 11, color: COLORS.muted },
  h1: { size: 15, bold: true, color: COLORS.accent },
  h2: { size: 11.5, bold: true, color: COLORS.ink },
  label: { size: 9, bold: true, color: COLORS.muted },
  body: { size: 10, color: COLORS.ink },
  help: { size: 9, color: COLORS.muted },
  cell: { size: 9, color: COLORS.ink },
  cellBold: { size: 9, bold: true, color: COLORS.ink },
  cellMuted: { size: 8.5, color: COLORS.muted },
  th: { size: 8.5, bold: true, color: COLORS.ink },
  hash: { size: 7.5, color: COLORS.ink },
  running: { size: 8, color: COLORS.faint },
} satisfies Record<string, TextStyle>

/** Renders the packet PDF. Same input, same bytes. */
export async function renderPacketPdf(input: PacketPdfInput): Promise<Uint8Array> {
  const fonts = new FontSet(input.fonts)
  const layout = new TextLayout(fonts)
  const struct = new StructureTree()
  const flow = new FlowDocument(layout, struct, A4)
  const r = new PacketRenderer(input, flow, struct)
  r.render()
  return writePdf(flow, struct, fonts, documentInfo(input))
}

interface TocEntry {
  title: string
  item?: OutlineItem
  page: number
  top: number
  node: StructNode
}

class PacketRenderer {
  private readonly toc: TocEntry[] = []
  private readonly doc: StructNode
  private partNumber = 0

  constructor(
    private readonly input: PacketPdfInput,
    private readonly flow: FlowDocument,
    private readonly struct: StructureTree,
  ) {
    this.doc = struct.root
  }

  private get p() {
    return this.input.predicate.packet
  }

  render(): void {
    const parts = this.parts()
    this.cover(parts)
    for (const part of parts) part.draw()
    this.runningHeadersAndFooters()
    this.tocPageNumbers()
  }

  /** The document's parts after the cover, in order, with their titles for the contents. */
  private parts(): { title: string; draw: () => void }[] {
    const t = this.input.template
    const parts: { title: string; draw: () => void }[] = []
    const fields = this.p.fields ?? {}
    if (t) {
      for (const section of t.sections) {
        parts.push({
          title: section.title,
          draw: () => this.section(section.title, section.help, section.fields),
        })
      }
      const known = new Set(t.sections.flatMap((s) => s.fields.map((f) => f.id)))
      const other = Object.keys(fields).filter((k) => !known.has(k))
      if (other.length) {
        parts.push({ title: 'Other fields', draw: () => this.rawFields('Other fields', other) })
      }
    } else {
      parts.push({ title: 'Fields', draw: () => this.rawFields('Fields', Object.keys(fields)) })
    }
    parts.push({ title: 'Evidence index', draw: () => this.evidenceIndex() })
    parts.push({ title: 'Sign-off', draw: () => this.signoffPage() })
    parts.push({ title: 'Audit log excerpt', draw: () => this.auditExcerpt() })
    return parts
  }

  // ---- cover --------------------------------------------------------------------------------

  private cover(parts: { title: string }[]): void {
    const f = this.flow
    const p = this.p
    const t = this.input.template
    f.addPage()
    const sect = this.doc.add('Sect')
    f.bookmark(p.title || 'Packet')
    f.flow([{ text: 'EVIDENCE PACKET', style: S.kicker }], sect.add('P'))
    f.gap(4)
    f.flow([{ text: p.title || '(untitled packet)', style: S.title }], sect.add('H1'))
    f.gap(2)
    const templateLine = `${t?.title ?? p.template.id} · template ${p.template.id} ${p.template.version} · revision ${p.revision}`
    f.flow([{ text: templateLine, style: S.subtitle }], sect.add('P'))
    f.gap(14)
    this.statusBox(sect)
    f.gap(16)

    const created = this.input.predicate.createdBy
    const facts: [string, Block[]][] = [
      ['Packet id', [{ text: p.packetId, style: S.cell }]],
      ...(p.partnerSource
        ? [['Partner source', [{ text: p.partnerSource, style: S.cell }]] as [string, Block[]]]
        : []),
      [
        'Template',
        [
          {
            text: `${t?.title ?? 'Unknown template'} (${p.template.id} ${p.template.version})`,
            style: S.cell,
          },
        ],
      ],
      ['Revision', [{ text: String(p.revision), style: S.cell }]],

      ...(this.input.draft
        ? [
            [
              'Signed by',
              [{ text: 'Nobody: this is an unsigned draft, not a packed bundle.', style: S.cell }],
            ] as [string, Block[]],
          ]
        : [
            [
              'Packed and signed by',
              [
                { text: created?.name ?? '—', style: S.cell },
                { text: `key ${fingerprint(created?.keyid)}`, style: S.cellMuted },
              ],
            ] as [string, Block[]],
            [
              'Packed at',
              [{ text: formatTime(this.input.predicate.createdAt), style: S.cell }],
            ] as [string, Block[]],
          ]),
      ...(this.input.predicate.device
        ? [['Device', [{ text: this.input.predicate.device, style: S.cell }]] as [string, Block[]]]
        : []),
      [
        'Statement digest',
        [
          this.input.statementSha256
            ? { text: `sha256 ${this.input.statementSha256}`, style: S.hash }
            : this.input.draft
              ? { text: 'None: a draft has no signed statement.', style: S.cellMuted }
              : {
                  text: 'Not yet known: this document was made before the statement was signed.',
                  style: S.cellMuted,
                },
        ],
      ],
      ['Audit log', [{ text: this.input.predicate.log?.origin ?? '—', style: S.cell }]],
      ['Document made', [{ text: formatTime(this.input.now.toISOString()), style: S.cell }]],
    ]
    f.flow([{ text: 'Packet', style: S.h2 }], sect.add('H2'))
    f.gap(4)
    this.keyValues(facts, sect)
    f.gap(16)

    f.flow([{ text: 'Signatures', style: S.h2 }], sect.add('H2'))
    f.gap(4)
    const signers: Block[][][] = [
      [
        [{ text: 'Packer', style: S.cellBold }],
        [{ text: this.input.draft ? 'Nobody yet' : (created?.name ?? '—'), style: S.cell }],
        [
          {
            text: this.input.draft ? 'Not packed: a draft' : 'Signed the statement',
            style: S.cell,
          },
        ],
        [{ text: this.input.draft ? '—' : fingerprint(created?.keyid), style: S.cellMuted }],
        [
          {
            text: this.input.draft ? '—' : formatTime(this.input.predicate.createdAt, false),
            style: S.cellMuted,
          },
        ],
      ],
      ...this.signoffs().map((s) => [
        [{ text: this.roleLabel(s.role), style: S.cellBold }],
        [{ text: s.signer, style: S.cell }],
        [{ text: decisionText(s), style: S.cell }],
        [{ text: fingerprint(s.keyid), style: S.cellMuted }],
        [{ text: formatTime(s.time, false), style: S.cellMuted }],
      ]),
    ]
    const w = f.contentWidth
    this.flow.table(
      cols(w, [
        ['Role', 0.22],
        ['Signer', 0.2],
        ['Decision', 0.2],
        ['Key fingerprint', 0.19],
        ['Time (UTC)', 0.19],
      ]),
      signers,
      { parent: sect, headerStyle: S.th },
    )
    if (this.input.signoffs.length === 0) {
      f.gap(4)
      f.flow([{ text: 'No sign-off has been recorded yet.', style: S.help }], sect.add('P'))
    }
    f.gap(16)

    // Contents, with page numbers filled in once the document is laid out.
    f.ensure(lineHeightOf(S.h2) + 4 + parts.length * lineHeightOf(S.body))
    f.flow([{ text: 'Contents', style: S.h2 }], sect.add('H2'))
    f.gap(4)
    const tocNode = sect.add('TOC')
    parts.forEach((part, i) => {
      const node = tocNode.add('TOCI')
      const entry: TocEntry = {
        title: `${i + 1}  ${part.title}`,
        page: f.pages.length - 1,
        top: f.y,
        node,
      }
      f.flow([{ text: entry.title, style: S.body }], node, { width: f.contentWidth - 40 })
      entry.page = f.pages.length - 1
      entry.top = f.y - lineHeightOf(S.body)
      this.toc.push(entry)
    })
  }

  private statusBox(parent: StructNode): void {
    const f = this.flow
    const st = this.input.status
    const [fill, bar] =
      st.tone === 'good'
        ? [COLORS.goodFill, COLORS.good]
        : st.tone === 'bad'
          ? [COLORS.badFill, COLORS.bad]
          : [COLORS.neutralFill, COLORS.neutral]
    const pad = 9
    const inner = f.contentWidth - 2 * pad - 5
    const laid = f.lay(
      [
        { text: st.label, style: { size: 13, bold: true, color: bar } },
        { text: st.detail, style: { size: 9.5, color: COLORS.ink }, before: 2 },
      ],
      inner,
    )
    const h = laid.height + 2 * pad
    f.ensure(h)
    const top = f.y
    const page = f.page
    page.beginArtifact()
    page.fillRect(f.left, top, f.contentWidth, h, fill)
    page.fillRect(f.left, top, 4, h, bar)
    page.end()
    const node = parent.add('P')
    this.struct.link(node, page.index, page.beginTagged('P'))
    let y = top + pad
    for (const entry of laid.lines) {
      f.drawLine(entry, f.left + pad + 5, y, inner)
      y += entry.before + entry.height
    }
    page.end()
    f.y = top + h
  }

  private keyValues(rows: [string, Block[]][], parent: StructNode): void {
    const w = this.flow.contentWidth
    this.flow.table(
      cols(w, [
        ['', 0.26],
        ['', 0.74],
      ]),
      rows.map(([label, value]) => [[{ text: label, style: S.label }], value]),
      {
        parent,
        headerStyle: S.th,
        columnHeaders: false,
        rowHeaders: true,
        padding: 3.5,
        keepTogether: true,
      },
    )
  }

  // ---- parts --------------------------------------------------------------------------------

  /** A numbered part's heading; starts a new page unless `minBelow` points fit under it. */
  private partHeading(title: string, help?: string, minBelow = 80): StructNode {
    const f = this.flow
    this.partNumber++
    const sect = this.doc.add('Sect')
    const helpHeight = help ? f.lay([{ text: help, style: S.help }], f.contentWidth).height + 8 : 0
    f.ensure(lineHeightOf(S.h1) + 21 + helpHeight + minBelow)
    if (f.y > f.geometry.marginTop + 1) f.gap(10)
    const entry = this.toc[this.partNumber - 1]
    const item = f.bookmark(`${this.partNumber}  ${title}`)
    if (entry) entry.item = item
    f.flow([{ text: `${this.partNumber}  ${title}`, style: S.h1 }], sect.add('H1'))
    f.gap(3)
    f.page.beginArtifact()
    f.page.line(f.left, f.y, f.left + f.contentWidth, f.y, COLORS.accent, 0.8)
    f.page.end()
    f.gap(8)
    if (help) {
      f.flow([{ text: help, style: S.help }], sect.add('P'))
      f.gap(8)
    }
    return sect
  }

  private section(title: string, help: string | undefined, fields: Field[]): void {
    const sect = this.partHeading(title, help)
    const values = this.p.fields ?? {}
    for (const field of fields) {
      const value = Object.hasOwn(values, field.id) ? values[field.id] : undefined
      if (field.type === 'risks') this.risks(field, value, sect)
      else if (field.type === 'list') this.listField(field, value, sect)
      else this.scalarField(field, value, sect)
    }
  }

  private fieldLabel(label: string, parent: StructNode, minBelow = 2 * lineHeightOf(S.body)): void {
    const f = this.flow
    f.ensure(lineHeightOf(S.label) + minBelow)
    f.flow([{ text: label, style: S.label }], parent.add('H2'))
    f.gap(1)
  }

  private scalarField(field: ScalarField, value: JsonValue | undefined, parent: StructNode): void {
    const f = this.flow
    this.fieldLabel(field.label, parent)
    const text = scalarText(field, value)
    const missing =
      field.requiredWhen && !conditionHolds(field.requiredWhen, this.p.fields ?? {})
        ? 'Not applicable'
        : 'Not given'
    f.flow(
      [text === undefined ? { text: missing, style: S.help } : { text, style: S.body }],
      parent.add('P'),
    )
    f.gap(9)
  }

  private listField(field: ListField, value: JsonValue | undefined, parent: StructNode): void {
    const f = this.flow
    const items = Array.isArray(value) ? value.filter(isObject) : []
    this.fieldLabel(field.label, parent, 120)
    if (items.length === 0) {
      f.flow([{ text: value === undefined ? 'Not given' : 'None', style: S.help }], parent.add('P'))
      f.gap(9)
      return
    }
    const weights = field.itemFields.map((it) => columnWeight(it))
    const total = weights.reduce((a, b) => a + b, 0)
    const columns: TableColumn[] = field.itemFields.map((it, i) => ({
      header: it.label,
      width: (f.contentWidth * weights[i]!) / total,
    }))
    const rows = items.map((item) =>
      field.itemFields.map((it) => {
        const text = scalarText(it, item[it.id])
        return [text === undefined ? { text: '—', style: S.cellMuted } : { text, style: S.cell }]
      }),
    )
    f.table(columns, rows, { parent, headerStyle: S.th, zebra: true })
    f.gap(12)
  }

  private rawFields(title: string, ids: string[]): void {
    const sect = this.partHeading(title)
    const values = this.p.fields ?? {}
    for (const id of ids) {
      this.fieldLabel(id, sect)
      const v = values[id]
      this.flow.flow(
        [{ text: typeof v === 'string' ? v : JSON.stringify(v, null, 2), style: S.body }],
        sect.add('P'),
      )
      this.flow.gap(9)
    }
  }

  // ---- risks and the risk map ---------------------------------------------------------------

  private risks(field: RiskListField, value: JsonValue | undefined, parent: StructNode): void {
    const f = this.flow
    const risks = (Array.isArray(value) ? value.filter(isObject) : []).map((r, i) => ({
      id: `R${i + 1}`,
      title: typeof r.title === 'string' ? r.title : '(untitled risk)',
      category:
        field.categories.find((c) => c.id === r.category)?.label ?? String(r.category ?? '—'),
      description: typeof r.description === 'string' ? r.description : '',
      measures: Array.isArray(r.measures) ? r.measures.filter((m) => typeof m === 'string') : [],
      before: rating(r.before),
      after: rating(r.after),
    }))
    this.fieldLabel(field.label, parent, 120)
    if (risks.length === 0) {
      f.flow([{ text: 'No risk was recorded.', style: S.help }], parent.add('P'))
      f.gap(9)
      return
    }
    const levelText = (x: { severity?: number; likelihood?: number }): Block[] => [
      { text: 'Severity', style: S.cellMuted },
      { text: levelName(x.severity), style: S.cell },
      { text: 'Likelihood', style: S.cellMuted, before: 2 },
      { text: levelName(x.likelihood), style: S.cell },
    ]
    f.table(
      cols(f.contentWidth, [
        ['Risk', 0.4],
        ['Measures', 0.26],
        ['Before measures', 0.17],
        ['After measures', 0.17],
      ]),
      risks.map((r) => [
        [
          { text: `${r.id}  ${r.title}`, style: S.cellBold },
          { text: r.category, style: S.cellMuted, before: 1 },
          ...(r.description ? [{ text: r.description, style: S.cell, before: 3 }] : []),
        ],
        r.measures.length
          ? r.measures.map((m) => ({ text: `• ${m}`, style: S.cell }))
          : [{ text: 'None listed', style: S.cellMuted }],
        levelText(r.before),
        levelText(r.after),
      ]),
      { parent, headerStyle: S.th, zebra: true },
    )
    f.gap(16)
    this.riskMap(risks, parent)
  }

  private riskMap(
    risks: { id: string; before: Rating; after: Rating }[],
    parent: StructNode,
  ): void {
    const f = this.flow
    const labelW = 58
    const gapBetween = 16
    const cell = (f.contentWidth - gapBetween - 2 * labelW) / 8
    const cellH = 30
    const gridH = 4 * cellH
    const axisStyle: TextStyle = { size: 7.5, bold: true, color: COLORS.muted }
    const wordStyle: TextStyle = { size: 6.8, color: COLORS.muted }
    const titleH = lineHeightOf(S.h2) + 2
    const axisH = lineHeightOf(axisStyle)
    const colLabelsH = lineHeightOf(S.cellBold) + lineHeightOf(wordStyle)
    const intro =
      'Each cell lists the risks rated at that severity (rows) and likelihood (columns), on the CNIL scale 1 Negligible, 2 Limited, 3 Significant, 4 Maximum. Shading deepens toward higher severity and likelihood; it helps reading and is not itself a rating.'
    const introLaid = f.lay([{ text: intro, style: S.help }], f.contentWidth)
    const mapH = titleH + axisH + gridH + 4 + colLabelsH + axisH
    f.ensure(lineHeightOf(S.label) + introLaid.height + 10 + mapH + 10)
    const entry = this.toc[this.partNumber - 1]
    if (entry?.item) f.bookmark('Risk map', entry.item)
    f.flow([{ text: 'Risk map', style: S.label }], parent.add('H2'))
    f.gap(2)
    f.flow([{ text: intro, style: S.help }], parent.add('P'))
    f.gap(10)
    const top = f.y
    const page = f.page
    const textAt = (
      text: string,
      style: TextStyle,
      x: number,
      y: number,
      width: number,
      center = false,
    ) => {
      for (const l of f.lay([{ text, style }], width).lines) {
        const lx = center ? x + (width - l.line.width) / 2 : x
        page.text(l.line, lx, y + style.size * 1.06, style.color ?? COLORS.ink)
        y += l.height
      }
    }
    const grids: [string, 'before' | 'after'][] = [
      ['Before measures', 'before'],
      ['After measures', 'after'],
    ]
    grids.forEach(([title, key], g) => {
      const x0 = f.left + g * (labelW + 4 * cell + gapBetween)
      const gridX = x0 + labelW
      const gridTop = top + titleH + axisH
      const table = parent.add('Table')
      const caption = table.add('Caption')
      this.struct.link(caption, page.index, page.beginTagged('Caption'))
      textAt(title, S.h2, x0, top, labelW + 4 * cell)
      page.end()
      // Column headers first in reading order, though drawn below the grid.
      const headRow = table.add('TR')
      const corner = headRow.add('TH', { attributes: { O: 'Table', Scope: 'Column' } })
      this.struct.link(corner, page.index, page.beginTagged('TH'))
      textAt('Severity', axisStyle, x0, top + titleH, labelW)
      page.end()
      for (let l = 1; l <= 4; l++) {
        const th = headRow.add('TH', { attributes: { O: 'Table', Scope: 'Column' } })
        this.struct.link(th, page.index, page.beginTagged('TH'))
        const x = gridX + (l - 1) * cell
        textAt(String(l), S.cellBold, x, gridTop + gridH + 4, cell, true)
        textAt(
          levelWord(l),
          wordStyle,
          x,
          gridTop + gridH + 4 + lineHeightOf(S.cellBold),
          cell,
          true,
        )
        page.end()
      }
      this.struct.link(corner, page.index, page.beginTagged('TH'))
      textAt('Likelihood', axisStyle, gridX, gridTop + gridH + 4 + colLabelsH, 4 * cell, true)
      page.end()
      for (let sev = 4; sev >= 1; sev--) {
        const tr = table.add('TR')
        const rowTop = gridTop + (4 - sev) * cellH
        const th = tr.add('TH', { attributes: { O: 'Table', Scope: 'Row' } })
        this.struct.link(th, page.index, page.beginTagged('TH'))
        const rowLabel = `${sev} ${levelWord(sev)}`
        textAt(
          rowLabel,
          S.cellMuted,
          x0,
          rowTop + (cellH - lineHeightOf(S.cellMuted)) / 2,
          labelW - 4,
        )
        page.end()
        for (let l = 1; l <= 4; l++) {
          const cx = gridX + (l - 1) * cell
          page.beginArtifact()
          page.fillRect(cx, rowTop, cell, cellH, shade(sev + l))
          page.strokeRect(cx, rowTop, cell, cellH, [1, 1, 1], 1.5)
          page.end()
          const here = risks.filter((r) => r[key].severity === sev && r[key].likelihood === l)
          const td = tr.add('TD')
          this.struct.link(td, page.index, page.beginTagged('TD'))
          if (here.length) {
            // The risk ids, smaller when many share a cell, or their count when even that fails.
            let text = here.map((r) => r.id).join(' ')
            let style: TextStyle = S.cellBold
            let h = f.lay([{ text, style }], cell - 6).height
            if (h > cellH - 4) {
              style = { ...S.cellBold, size: 6.5 }
              h = f.lay([{ text, style }], cell - 6).height
            }
            if (h > cellH - 4) {
              text = `${here.length} risks`
              h = f.lay([{ text, style }], cell - 6).height
            }
            textAt(text, style, cx + 3, rowTop + Math.max(2, (cellH - h) / 2), cell - 6, true)
          }
          page.end()
        }
      }
    })
    f.y = top + mapH
    f.gap(14)
  }

  // ---- evidence -----------------------------------------------------------------------------

  private evidenceIndex(): void {
    const f = this.flow
    const sect = this.partHeading(
      'Evidence index',
      'Every evidence file the packet signs, with its SHA-256 digest. Files marked "attached" are embedded in this PDF as file attachments, byte for byte; a PDF reader lists them under attachments. Check any copy with sha256sum against the digest shown here.',
    )
    const list = [...(this.input.predicate.evidence ?? [])]
    if (list.length === 0) {
      f.flow([{ text: 'The packet lists no evidence.', style: S.help }], sect.add('P'))
      return
    }
    const names = attachmentNames(list)
    const rows = list.map((e, i) => {
      const attached = this.input.evidence?.(e.name) !== undefined
      const role = this.input.template?.evidenceRoles.find((r) => r.id === e.role)?.label ?? e.role
      const details = evidenceDetails(e)
      return [
        [
          { text: `${i + 1}. ${e.title ?? e.name.slice(FILES_DIR.length)}`, style: S.cellBold },
          { text: e.name, style: S.cellMuted, before: 1 },
          { text: role, style: S.cellMuted },
        ],
        details.length
          ? details.map((d) => ({ text: d, style: S.cell }))
          : [{ text: '—', style: S.cellMuted }],
        [
          { text: humanSize(e.size), style: S.cell },
          { text: `${e.size} bytes`, style: S.cellMuted },
        ],
        [{ text: hexLines(e.sha256), style: S.hash }],
        [
          attached
            ? { text: `Attached as ${names.get(e.name)}`, style: S.cell }
            : { text: 'Not attached', style: S.cellMuted },
        ],
      ]
    })
    f.table(
      cols(f.contentWidth, [
        ['File', 0.31],
        ['Kind and dates', 0.24],
        ['Size', 0.11],
        ['SHA-256', 0.19],
        ['In this PDF', 0.15],
      ]),
      rows,
      { parent: sect, headerStyle: S.th, zebra: true },
    )
  }

  // ---- sign-off -----------------------------------------------------------------------------

  private signoffPage(): void {
    const f = this.flow
    f.addPage()
    const sect = this.partHeading(
      'Sign-off',
      this.input.signoffs.some((s) => s.valid !== undefined)
        ? 'Each sign-off is a separate signature over this packet’s statement digest. "Valid" means a verifier checked the signature and the signer’s role against a trusted keyring.'
        : 'Each sign-off is a separate signature over this packet’s statement digest. The signatures have not been checked for this document: verify the bundle to rely on them.',
    )
    const t = this.input.template
    const roles = t?.signoffRoles ?? []
    const byRole = new Map<string, PdfSignoff[]>()
    for (const s of this.signoffs()) byRole.set(s.role, [...(byRole.get(s.role) ?? []), s])
    const rows: Block[][][] = []
    const w = f.contentWidth
    const signerCells = (s: PdfSignoff | undefined, required: boolean): Block[][] => {
      if (!s) {
        return [
          [
            {
              text: required ? 'Missing' : 'Not signed',
              style: required ? { ...S.cellBold, color: COLORS.bad } : S.cellMuted,
            },
          ],
          [{ text: '—', style: S.cellMuted }],
          [{ text: '—', style: S.cellMuted }],
        ]
      }
      return [
        [
          {
            text: decisionText(s),
            style: { ...S.cellBold, color: s.decision === 'reject' ? COLORS.bad : COLORS.ink },
          },
          ...(s.valid === true
            ? [{ text: 'Valid', style: { ...S.cell, color: COLORS.good } }]
            : []),
          ...(s.valid === false
            ? [{ text: 'Does not verify', style: { ...S.cell, color: COLORS.bad } }]
            : []),
          ...(s.comment ? [{ text: `“${s.comment}”`, style: S.cell, before: 2 }] : []),
        ],
        [
          { text: s.signer, style: S.cell },
          { text: formatTime(s.time, false), style: S.cellMuted },
        ],
        [{ text: hexLines(s.keyid), style: S.hash }],
      ]
    }
    for (const role of roles) {
      const list = byRole.get(role.role) ?? []
      const head: Block[] = [
        { text: role.label, style: S.cellBold },
        {
          text: `${role.role} · RACI ${role.raci} · ${role.required ? 'required' : 'optional'}`,
          style: S.cellMuted,
        },
      ]
      if (list.length === 0) rows.push([head, ...signerCells(undefined, role.required)])
      for (const s of list) rows.push([head, ...signerCells(s, role.required)])
    }
    const known = new Set(roles.map((r) => r.role))
    for (const s of this.input.signoffs.filter((x) => !known.has(x.role))) {
      rows.push([
        [
          { text: s.role, style: S.cellBold },
          { text: 'not a role of this template', style: S.cellMuted },
        ],
        ...signerCells(s, false),
      ])
    }
    if (rows.length) {
      f.table(
        cols(w, [
          ['Role', 0.29],
          ['Decision', 0.26],
          ['Signer and time (UTC)', 0.25],
          ['Signer key (keyid)', 0.2],
        ]),
        rows,
        { parent: sect, headerStyle: S.th, zebra: true },
      )
    }
    f.gap(14)
    const c = this.input.predicate.createdBy
    this.fieldLabel('The packed statement', sect)
    f.flow(
      [
        {
          text: this.input.draft
            ? 'None yet: this is an unsigned draft. The statement is packed and signed when the first person signs off the revision in review.'
            : `${c?.name ?? 'The packer'} packed and signed the statement on ${formatTime(this.input.predicate.createdAt)}${this.input.predicate.device ? ` on device ${this.input.predicate.device}` : ''}, with key ${c?.keyid ?? '—'}.`,
          style: S.body,
        },
        ...(this.input.statementSha256
          ? [
              {
                text: `Statement digest (what every sign-off signs): sha256 ${this.input.statementSha256}`,
                style: S.body,
                before: 4,
              },
            ]
          : []),
      ],
      sect.add('P'),
    )
  }

  // ---- audit log ----------------------------------------------------------------------------

  private auditExcerpt(): void {
    const f = this.flow
    f.gap(8)
    const sect = this.partHeading(
      'Audit log excerpt',
      'The bundle proves that its export was recorded in an append-only audit log: the entry below is a leaf of a Merkle tree whose signed checkpoint the proof carries (RFC 9162 hashing, C2SP checkpoint).',
      260,
    )
    const lp = this.input.logProof
    if (!lp) {
      f.flow(
        [{ text: 'The bundle carries no audit-log proof, or it cannot be read.', style: S.body }],
        sect.add('P'),
      )
      return
    }
    const e = lp.entry
    const matches =
      this.input.statementSha256 !== undefined && e.subject === this.input.statementSha256
    const rows: [string, Block[]][] = [
      ['What was logged', [{ text: e.action, style: S.cellBold }]],
      ['By', [{ text: e.actor, style: S.cell }]],
      ['When', [{ text: formatTime(e.time), style: S.cell }]],
      ...(e.packetId
        ? [['Packet id', [{ text: e.packetId, style: S.cell }]] as [string, Block[]]]
        : []),
      [
        'Subject',
        [
          { text: e.subject ?? '—', style: S.hash },
          ...(this.input.statementSha256
            ? [
                {
                  text: matches
                    ? 'This is the statement digest of this packet.'
                    : 'This is not the statement digest of this packet.',
                  style: { ...S.cellMuted, color: matches ? COLORS.muted : COLORS.bad },
                },
              ]
            : []),
        ],
      ],
      ...(e.details
        ? [['Details', [{ text: detailsText(e.details), style: S.cell }]] as [string, Block[]]]
        : []),
      ['Entry index', [{ text: String(lp.index), style: S.cell }]],
      ['Log (checkpoint origin)', [{ text: lp.checkpoint.origin, style: S.cell }]],
      [
        'Log size at checkpoint',
        [
          {
            text: `${lp.checkpoint.size} ${lp.checkpoint.size === 1 ? 'entry' : 'entries'}`,
            style: S.cell,
          },
        ],
      ],
      ['Root hash', [{ text: lp.checkpoint.rootHash, style: S.hash }]],
      ['Checkpoint signed by', [{ text: lp.signedBy.join(', ') || '—', style: S.cell }]],
      [
        'Proof',
        [
          lp.verified === true
            ? {
                text: 'Verified against a trusted key',
                style: { ...S.cellBold, color: COLORS.good },
              }
            : lp.verified === false
              ? { text: 'Does not verify', style: { ...S.cellBold, color: COLORS.bad } }
              : { text: 'Not checked for this document', style: S.cellMuted },
        ],
      ],
    ]
    this.keyValues(rows, sect)
  }

  // ---- running header, footer and contents page numbers -------------------------------------

  private runningHeadersAndFooters(): void {
    const f = this.flow
    const g = f.geometry
    const total = f.pages.length
    const title = oneLine(f, this.p.title || this.p.packetId, S.running, f.contentWidth * 0.62)
    const right = oneLine(
      f,
      `${this.input.status.label} · revision ${this.p.revision}`,
      S.running,
      f.contentWidth * 0.34,
    )
    const footLeft = oneLine(
      f,
      `${this.p.packetId} · ${this.p.template.id} ${this.p.template.version}`,
      S.running,
      f.contentWidth * 0.7,
    )
    f.pages.forEach((page, i) => {
      page.beginArtifact('Pagination')
      if (i > 0) {
        page.text(title, g.marginLeft, 40, S.running.color)
        page.text(right, g.width - g.marginRight - right.width, 40, S.running.color)
        page.line(g.marginLeft, 47, g.width - g.marginRight, 47, COLORS.rule, 0.5)
      }
      const n = f.layout.lines(`Page ${i + 1} of ${total}`, S.running, Infinity)[0]!
      page.line(
        g.marginLeft,
        g.height - 48,
        g.width - g.marginRight,
        g.height - 48,
        COLORS.rule,
        0.5,
      )
      page.text(footLeft, g.marginLeft, g.height - 36, S.running.color)
      page.text(n, g.width - g.marginRight - n.width, g.height - 36, S.running.color)
      page.end()
    })
  }

  private tocPageNumbers(): void {
    const f = this.flow
    for (const entry of this.toc) {
      if (!entry.item) continue
      const page = f.pages[entry.page]!
      const line = f.layout.lines(String(entry.item.page + 1), S.body, Infinity)[0]!
      this.struct.link(entry.node, page.index, page.beginTagged('Reference'))
      page.text(
        line,
        f.left + f.contentWidth - line.width,
        entry.top + S.body.size * 1.06,
        COLORS.ink,
      )
      page.end()
    }
  }

  /** Sign-offs in the template's role order, then by time. */
  private signoffs(): PdfSignoff[] {
    const order = (role: string) => {
      const i = this.input.template?.signoffRoles.findIndex((r) => r.role === role) ?? -1
      return i < 0 ? Number.MAX_SAFE_INTEGER : i
    }
    return [...this.input.signoffs].sort(
      (a, b) => order(a.role) - order(b.role) || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0),
    )
  }

  private roleLabel(role: string): string {
    return this.input.template?.signoffRoles.find((r) => r.role === role)?.label ?? role
  }
}

// ---- the PDF file -------------------------------------------------------------------------

function documentInfo(input: PacketPdfInput): DocumentInfo {
  const p = input.predicate.packet
  const evidence = input.predicate.evidence ?? []
  const names = attachmentNames(evidence)
  const attachments: PdfAttachment[] = []
  for (const e of evidence) {
    const bytes = input.evidence?.(e.name)
    if (!bytes) continue
    attachments.push({
      name: names.get(e.name)!,
      bytes,
      mimeType: mimeTypeOf(e.name),
      description: `${e.name} (sha256 ${e.sha256})`,
    })
  }
  // The ID's first half names the packet revision, the second this rendering of it.
  const permanent = sha256(utf8(`${p.packetId}\n${p.revision}`)).subarray(0, 16)
  // Plain JSON first: callers may hand in objects with undefined members.
  const rendered = JSON.parse(
    JSON.stringify({
      predicate: input.predicate,
      statementSha256: input.statementSha256 ?? null,
      signoffs: input.signoffs,
      logProof: input.logProof ?? null,
      status: input.status,
      now: input.now.toISOString(),
      lang: input.lang ?? 'en',
      attached: attachments.map((a) => a.description),
    }),
  ) as JsonValue
  const rendering = sha256(canonicalBytes(rendered)).subarray(0, 16)
  return {
    title: p.title || p.packetId,
    lang: input.lang ?? 'en',
    author: input.predicate.createdBy?.name ?? '',
    subject: `${input.template?.title ?? p.template.id} ${p.packetId}, revision ${p.revision}`,
    keywords: [p.packetId, `${p.template.id}@${p.template.version}`],
    now: input.now,
    attachments,
    id: [permanent, rendering],
  }
}

// ---- layout helpers ------------------------------------------------------------------------

/** A pale tint from cool to warm as severity + likelihood grows (2–8). */
function shade(sum: number): Rgb {
  const t = (sum - 2) / 6
  const from = [0.93, 0.96, 0.95]
  const to = [0.98, 0.78, 0.72]
  return from.map((a, i) => a + (to[i]! - a) * t) as unknown as Rgb
}

function cols(width: number, spec: [string, number][]): TableColumn[] {
  return spec.map(([header, share]) => ({ header, width: width * share }))
}

function oneLine(f: FlowDocument, text: string, style: TextStyle, width: number) {
  const lines = f.layout.lines(text.replace(/\s+/g, ' '), style, Infinity)
  let line = lines[0]!
  if (line.width <= width) return line
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const candidate = f.layout.lines(`${text.slice(0, mid).trimEnd()}…`, style, Infinity)[0]!
    if (candidate.width <= width) lo = mid
    else hi = mid - 1
  }
  line = f.layout.lines(`${text.slice(0, lo).trimEnd()}…`, style, Infinity)[0]!
  return line
}
