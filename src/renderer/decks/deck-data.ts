// What the deck builder reads from the workspace: the packets and image evidence to pick from,
// the screenshots' bytes, the packets' statement digests for the slides' footers, and the
// release notes' data per packet (template, status, signers with roles, statement digest, the
// diff from the previous revision's last save).
import type { DeckImage } from '../../core/deck/render-deck-pdf'
import type { ReleaseNotePacket, ReleaseNotesInput } from '../../core/deck/release-notes'
import type { DeckModel } from '../../core/deck/deck-model'
import { diffPackets, type PacketSnapshot } from '../../core/packets/packet-diff'
import { STATUS_LABELS } from '../../core/packets/packet-lifecycle'
import { builtInTemplates } from '../../core/templates/registry'
import type { EvidenceRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'

/** Evidence a slide can show: PNG or JPEG. */
export const isSlideImage = (e: Pick<EvidenceRecord, 'mimeType'>): boolean =>
  e.mimeType === 'image/png' || e.mimeType === 'image/jpeg'

export async function loadDeckImages(
  db: WorkspaceDb,
  shas: string[],
  signal: AbortSignal,
): Promise<Map<string, DeckImage>> {
  const out = new Map<string, DeckImage>()
  for (const sha of shas) {
    signal.throwIfAborted()
    const [record, blob] = await Promise.all([db.evidence.get(sha), db.blobs.get(sha)])
    if (!record || !blob) continue // renderDeckPdf names what is missing.
    out.set(sha, {
      title: record.title || record.fileName,
      bytes: new Uint8Array(await blob.data.arrayBuffer()),
    })
  }
  return out
}

/** Packet id → statement digest of its current revision's bundle, for packets that are packed. */
export async function loadPacketDigests(
  db: WorkspaceDb,
  ids: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const id of ids) {
    const packet = await db.packets.get(id)
    if (!packet) continue
    const bundle = await db.packetBundles.get([id, packet.revision])
    if (bundle) out.set(id, bundle.statementSha256)
  }
  return out
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

export async function loadReleaseNotes(
  db: WorkspaceDb,
  deck: DeckModel,
): Promise<ReleaseNotesInput> {
  const ids = [...new Set(deck.steps.flatMap((s) => s.packetIds))]
  const packets: ReleaseNotePacket[] = []
  for (const id of ids) {
    const p = await db.packets.get(id)
    if (!p) continue
    const template = builtInTemplates.find((t) => t.id === p.templateId)
    const roleLabel = (role: string) =>
      template?.signoffRoles.find((r) => r.role === role)?.label ?? role
    const bundle = await db.packetBundles.get([id, p.revision])
    const signoffs = (await db.signoffs.where('packetId').equals(id).toArray())
      .filter((s) => s.revision === p.revision)
      .sort((a, b) => (a.signedAt < b.signedAt ? -1 : 1))
    const signers = [
      ...(bundle
        ? [
            {
              name: bundle.packedBy.name,
              role: 'Packer',
              decision: 'Packed',
              at: when(bundle.packedAt),
            },
          ]
        : []),
      ...signoffs.map((s) => ({
        name: s.signer,
        role: roleLabel(s.role),
        decision: s.decision === 'approve' ? 'Approved' : 'Rejected',
        at: when(s.signedAt),
      })),
    ]
    let changes: ReleaseNotePacket['changes']
    if (p.revision > 1 && template) {
      const previous = (await db.packetRevisions.where('packetId').equals(id).toArray())
        .filter((r) => r.revision === p.revision - 1)
        .sort((a, b) => b.version - a.version)[0]
      if (previous) {
        const snap = (r: PacketSnapshot): PacketSnapshot => ({
          title: r.title,
          status: r.status,
          fields: r.fields,
          evidence: r.evidence,
        })
        changes = {
          sinceRevision: p.revision - 1,
          entries: diffPackets(snap(previous), snap(p), template),
        }
      }
    }
    packets.push({
      packetId: id,
      title: p.title,
      templateTitle: template?.title ?? p.templateId,
      templateVersion: p.templateVersion,
      status: STATUS_LABELS[p.status],
      revision: p.revision,
      ...(bundle ? { statementDigest: bundle.statementSha256 } : {}),
      signers,
      ...(changes ? { changes } : {}),
    })
  }
  return { title: `${deck.title}: release notes`, date: deck.date, packets, caveats: deck.caveats }
}
