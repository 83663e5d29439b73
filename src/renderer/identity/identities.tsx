// The user's signing identities held by the host, the keychain status, and which identity the
// user acts as. The choice is kept per browser profile (localStorage) and provided to every
// screen as the ActorContext, so audit events and histories name the person acting.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import type { IdentityInfo, KeychainStatus } from '../../core/host/host-api'
import { useHost } from '../host/host-context'
import { ActorContext, LOCAL_ACTOR, type Actor } from './actor'

/** localStorage key of the keyid the user acts as. */
export const ACTING_IDENTITY_KEY = 'evw.acting-identity'

export interface IdentitiesApi {
  /** The host's identities (oldest first), undefined while loading. */
  identities: IdentityInfo[] | undefined
  keychain: KeychainStatus | undefined
  /** The identity the user acts as, if any. */
  acting: IdentityInfo | undefined
  setActing(keyid: string | undefined): void
  /** Reads the host's identities again (after create or remove). */
  refresh(): Promise<IdentityInfo[]>
  /** Why the identities could not be read, if they could not. */
  problem: string | undefined
}

const IdentitiesContext = createContext<IdentitiesApi | null>(null)

function storedActing(): string | undefined {
  try {
    return localStorage.getItem(ACTING_IDENTITY_KEY) ?? undefined
  } catch {
    return undefined
  }
}

function storeActing(keyid: string | undefined): void {
  try {
    if (keyid) localStorage.setItem(ACTING_IDENTITY_KEY, keyid)
    else localStorage.removeItem(ACTING_IDENTITY_KEY)
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

export function IdentitiesProvider({ children }: { children: ReactNode }) {
  const host = useHost()
  const [identities, setIdentities] = useState<IdentityInfo[]>()
  const [keychain, setKeychain] = useState<KeychainStatus>()
  const [actingId, setActingId] = useState<string | undefined>(storedActing)
  const [problem, setProblem] = useState<string>()

  const refresh = useCallback(async () => {
    try {
      const list = await host.keys.list()
      setIdentities(list)
      setProblem(undefined)
      return list
    } catch (e) {
      setIdentities([])
      setProblem(e instanceof Error ? e.message : String(e))
      return []
    }
  }, [host])

  useEffect(() => {
    void refresh()
    host.keys
      .keychain()
      .then(setKeychain, (e: unknown) =>
        setKeychain({ available: false, explanation: e instanceof Error ? e.message : String(e) }),
      )
  }, [host, refresh])

  // Another window of this profile changed the choice: follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === ACTING_IDENTITY_KEY) setActingId(e.newValue ?? undefined)
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const setActing = useCallback((keyid: string | undefined) => {
    storeActing(keyid)
    setActingId(keyid)
  }, [])

  const acting = identities?.find((i) => i.keyid === actingId)
  const actor: Actor = useMemo(
    () => (acting ? { name: acting.name, keyid: acting.keyid } : LOCAL_ACTOR),
    [acting],
  )
  const api = useMemo(
    () => ({ identities, keychain, acting, setActing, refresh, problem }),
    [identities, keychain, acting, setActing, refresh, problem],
  )

  return (
    <IdentitiesContext.Provider value={api}>
      <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>
    </IdentitiesContext.Provider>
  )
}

export function useIdentities(): IdentitiesApi {
  const api = useContext(IdentitiesContext)
  if (!api) throw new Error('useIdentities needs an IdentitiesProvider')
  return api
}
