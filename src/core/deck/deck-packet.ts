// A deck as a packet of the Demo deck template (src/core/templates/demo-deck.ts), so the deck
// goes through the same review, packing and sign-off as any packet: its fields come from the
// deck (event, date, presenter, one slide entry per step naming its packet and screenshot, the
// release notes, the caveats), its evidence is the deck PDF (role "deck") and the screenshots
// the slides show (role "screenshot"), each under a unique path in the bundle.
import type { JsonValue } from '../json/canonical-json'
import type { PacketEvidenceLink } from '../workspace/records'
import { kpiLine, type DeckModel } from './deck-model'

export const DEMO_DECK_TEMPLATE_ID = 'demo-deck'

/** A name for a file inside the bundle's files/ folder: safe characters, unique among `taken`. */
function uniquePath(name: string, taken: Set<string>): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'file'
  const dot = clean.lastIndexOf('.')
  const stem = dot > 0 ? clean.slice(0, dot) : clean
  const ext = dot > 0 ? clean.slice(dot) : ''
  let path = clean
  for (let n = 2; taken.has(path); n++) path = `${stem}-${n}${ext}`
  taken.add(path)
  return path
}

export interface DeckPacketParts {
  fields: Record<string, JsonValue>
  evidence: PacketEvidenceLink[]
}

/**
 * The Demo deck packet's fields and evidence links. `deckSha256` is the deck PDF's digest,
 * `screenshotNames` the file names of the screenshots by digest.
 */
export function deckPacketParts(
  deck: DeckModel,
  input: {
    deckSha256: string
    deckFileName: string
    releaseNotesMarkdown: string
    screenshotNames: ReadonlyMap<string, string>
  },
): DeckPacketParts {
  const taken = new Set<string>()
  const evidence: PacketEvidenceLink[] = [
    { sha256: input.deckSha256, role: 'deck', path: uniquePath(input.deckFileName, taken) },
  ]
  const pathOf = new Map<string, string>()
  for (const step of deck.steps)
    for (const shot of step.screenshots) {
      if (pathOf.has(shot.sha256)) continue
      const path = uniquePath(input.screenshotNames.get(shot.sha256) ?? 'screenshot.png', taken)
      pathOf.set(shot.sha256, path)
      evidence.push({ sha256: shot.sha256, role: 'screenshot', path })
    }
  const slides = deck.steps.map((step) => {
    const claim = [
      ...step.kpis.map(kpiLine),
      step.kpis.length === 0 ? step.notes.trim() || step.title : '',
    ]
      .filter(Boolean)
      .join('\n')
    const slide: Record<string, JsonValue> = {
      title: step.title,
      claim,
      sourcePacketId: step.packetIds[0] ?? '',
    }
    const first = step.screenshots[0]
    if (first) slide.evidencePath = pathOf.get(first.sha256)!
    return slide
  })
  const fields: Record<string, JsonValue> = {
    event: deck.event.trim() || deck.title,
    demoDate: deck.date,
    presenter: deck.presenter,
    audience: 'internal',
    slides,
    releaseNotes: input.releaseNotesMarkdown,
  }
  if (deck.caveats.length) fields.knownIssues = deck.caveats.join('\n')
  return { fields, evidence }
}
