// Makes the Host available to every component, and loads the app info once.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { AppInfo, Host } from '../../core/host/host-api'

const HostContext = createContext<Host | null>(null)

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>
}

export function useHost(): Host {
  const host = useContext(HostContext)
  if (!host) throw new Error('useHost needs a HostProvider')
  return host
}

/** The host's app info, or undefined while it loads. */
export function useAppInfo(): AppInfo | undefined {
  const host = useHost()
  const [info, setInfo] = useState<AppInfo>()
  useEffect(() => {
    let live = true
    host.appInfo().then(
      (i) => live && setInfo(i),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [host])
  return info
}
