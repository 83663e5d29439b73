// "Create Demo deck packet": stores the deck PDF in the evidence library and creates a draft
// packet of the Demo deck template holding the deck, its screenshots and release notes, in one
// transaction with its audit entries (evidence.added for the PDF, packet.created). From there
// the packet is reviewed, packed and signed like any other. When the deck is a saved one
// (`deck.id`), the same transaction saves it with the new packet linked (`deck.saved`).
import { deckPacketParts, DEMO_DECK_TEMPLATE_ID } from '../../core/deck/deck-packet'
import type { DeckModel } from '../../core/deck/deck-model'
import { createPacket, packetIdFor } from '../../core/packets/packet-lifecycle'
import { builtInTemplates } from '../../core/templates/registry'
import type { EvidenceRecord, PacketRecord } from '../../core/workspace/records'
import { logEvent } from '../audit/log-event'
import type { WorkspaceDb } from '../data/workspace-db'
import { evidenceAddedEvent } from '../evidence/evidence-store'
import { insertPacket, sha256Hex } from '../packets/packet-store'
import { saveDeck } from './deck-store'

const randomSuffix = () =>
  [...crypto.getRandomValues(new Uint8Array(4))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')

export async function createDeckPacket(
  db: WorkspaceDb,
  deck: DeckModel,
  input: {
    pdf: Uint8Array
    fileName: string
    releaseNotesMarkdown: string
    actor: string
    /** The saved deck's id: the deck is saved with `packetId` set to the new packet. */
    deckId?: string
  },
  now: Date = new Date(),
): Promise<PacketRecord> {
  const template = builtInTemplates.find((t) => t.id === DEMO_DECK_TEMPLATE_ID)
  if (!template) throw new Error('The Demo deck template is not installed.')
  const deckSha = await sha256Hex(input.pdf)
  const shas = [...new Set(deck.steps.flatMap((s) => s.screenshots.map((x) => x.sha256)))]
  const records = await db.evidence.bulkGet(shas)
  const screenshotNames = new Map<string, string>()
  records.forEach((r) => r && screenshotNames.set(r.sha256, r.fileName))
  const parts = deckPacketParts(deck, {
    deckSha256: deckSha,
    deckFileName: input.fileName,
    releaseNotesMarkdown: input.releaseNotesMarkdown,
    screenshotNames,
  })
  const packet = createPacket(template, {
    id: packetIdFor(template.id, deck.title, randomSuffix()),
    title: `Demo deck: ${deck.title.trim()}`,
    now,
    by: input.actor,
    fields: parts.fields,
  })
  packet.evidence = parts.evidence
  await db.transaction(
    'rw',
    [db.evidence, db.blobs, db.packets, db.packetRevisions, db.decks, db.auditEntries],
    async () => {
      if (!(await db.evidence.get(deckSha))) {
        const record: EvidenceRecord = {
          sha256: deckSha,
          size: input.pdf.length,
          mimeType: 'application/pdf',
          fileName: input.fileName,
          folder: '',
          title: `${deck.title.trim()} (deck PDF)`,
          kind: 'report',
          effectiveDate: deck.date,
          tags: ['demo-deck'],
          classification: 'internal',
          addedAt: now.toISOString(),
          addedBy: input.actor,
        }
        await db.evidence.add(record)
        await db.blobs.put({
          sha256: deckSha,
          data: new Blob([input.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
        })
        await logEvent(db, evidenceAddedEvent(record))
      }
      await insertPacket(db, packet, input.actor, 'Created from the deck builder', now)
      if (input.deckId)
        await saveDeck(
          db,
          { id: input.deckId, deck, packetId: packet.id },
          input.actor,
          'packet',
          now,
        )
    },
  )
  return packet
}
