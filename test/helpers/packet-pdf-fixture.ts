// Packet PDF inputs for tests: the signed DPIA fixture read back from its bundle, plus packets
// with long text and with text in several scripts.
import { bytesSource } from '../../src/core/bundle/byte-io'
import { readBundleForPdf, UNVERIFIED_STATUS } from '../../src/core/pdf/packet-pdf-input'
import type { PacketPdfInput } from '../../src/core/pdf/packet-pdf-input'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { nodeCrypto } from '../../src/node/crypto/node-crypto'
import { loadPdfFonts } from '../../src/node/pdf/font-files'
import { fullySignedDpia, NOW } from './bundle-fixture'

/** Evidence bytes for the PDF fixtures: deterministic and different per path. */
export const pdfEvidenceBytes = (path: string): Uint8Array =>
  new TextEncoder().encode(`evidence for ${path}\n`.repeat(40))

/** The input for the fully signed DPIA bundle, as `evw pdf` gathers it. */
export async function dpiaPdfInput(): Promise<PacketPdfInput & { bundle: Uint8Array }> {
  const { bundle } = await fullySignedDpia({ evidence: pdfEvidenceBytes })
  const read = await readBundleForPdf(bytesSource(bundle), nodeCrypto)
  if (!read.predicate) throw new Error(read.problem)
  return {
    bundle,
    predicate: read.predicate,
    template: new TemplateRegistry().resolve(read.predicate.packet.template),
    ...(read.statementSha256 ? { statementSha256: read.statementSha256 } : {}),
    signoffs: read.signoffs,
    ...(read.logProof ? { logProof: read.logProof } : {}),
    evidence: (name) => read.evidence.get(name),
    status: UNVERIFIED_STATUS,
    now: NOW,
    fonts: await loadPdfFonts(),
  }
}

const LOREM =
  'The marketplace rounds each location to a one-kilometre grid cell before any request leaves the gateway, strips user identifiers, and sends the request over mutual TLS. '

/** The DPIA with several fields long enough to run over pages. */
export async function longDpiaPdfInput(): Promise<PacketPdfInput> {
  const base = await dpiaPdfInput()
  const fields = { ...base.predicate.packet.fields }
  fields.processingDescription = Array.from(
    { length: 14 },
    (_, i) => `Step ${i + 1}. ${LOREM.repeat(4)}`,
  ).join('\n\n')
  fields.dataMinimisation = LOREM.repeat(30)
  fields.measures = Array.from({ length: 12 }, (_, i) => ({
    measure: `Measure ${i + 1}: ${['encryption at rest', 'access reviews', 'log retention'][i % 3]}`,
    kind: ['data', 'security', 'governance'][i % 3]!,
    status: i % 2 ? 'planned' : 'existing',
    description: LOREM.repeat(1 + (i % 4)),
  }))
  return { ...base, predicate: { ...base.predicate, packet: { ...base.predicate.packet, fields } } }
}

export const MULTILINGUAL = {
  accents:
    'Traitement équitable : données à caractère personnel, Ærøskøbing, Łódź, İstanbul, Ελληνικά, Русский текст',
  cjk: '個人情報の保護に関する法律に基づき、位置情報は一キロメートル単位に丸められます。数据最小化原则。개인정보 보호',
  hebrew: 'מידע אישי מעובד בהתאם לחוק הגנת הפרטיות',
  arabic: 'تتم معالجة البيانات الشخصية وفقا للقانون',
  mixed: 'Reference DPA NW-2026-014 (עברית) and 2026 عربي done.',
}

/** The DPIA with a title and fields in several scripts. */
export async function multilingualPdfInput(): Promise<PacketPdfInput> {
  const base = await dpiaPdfInput()
  const fields = { ...base.predicate.packet.fields }
  fields.processingOverview = `${MULTILINGUAL.accents}\n${MULTILINGUAL.cjk}`
  fields.controller = 'Société Générale de Données — 株式会社データ'
  fields.dataSubjects = MULTILINGUAL.hebrew
  fields.purposes = `${MULTILINGUAL.arabic}\n${MULTILINGUAL.mixed}`
  return {
    ...base,
    predicate: {
      ...base.predicate,
      packet: {
        ...base.predicate.packet,
        title: 'Évaluation d’impact — 影響評価 — הערכת השפעה',
        fields,
      },
    },
  }
}
