// A demo deck kept in the workspace so a PM can come back to it (schema version 5).
import type { DeckModel } from './deck-model'

export interface DeckRecord {
  /** Stable id chosen when the deck is first saved. */
  id: string
  deck: DeckModel
  createdAt: string
  updatedAt: string
  /** The Demo deck packet last created from this deck, if any. */
  packetId?: string
}
