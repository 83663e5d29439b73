// Who is acting: the identity the user works as on this computer. Audit events name it, and
// packet histories record it. Without an identity the actor is "local user".
import { createContext, useContext } from 'react'

export interface Actor {
  name: string
  /** The identity's keyid when the user works as one of their signing identities. */
  keyid?: string
}

export const LOCAL_ACTOR: Actor = { name: 'local user' }

/** How an actor is written in the audit log and in histories: "Dana Ruiz (1a2b3c4d5e6f7a8b)". */
export const actorLabel = (actor: Actor): string =>
  actor.keyid ? `${actor.name} (${actor.keyid.slice(0, 16)})` : actor.name

export const ActorContext = createContext<Actor>(LOCAL_ACTOR)

export const useActor = (): Actor => useContext(ActorContext)
