// Who may call an IPC channel: only the top frame of a window this app created, showing the
// app's own origin. Pure function over plain facts so it is unit-tested without Electron;
// src/main/ipc.ts extracts the facts from each IpcMainInvokeEvent.
import { schemeAndHost } from './app-url'

export interface SenderFacts {
  /** webContents.id of the sender. */
  webContentsId: number
  /** URL of the sending frame, or null when the frame is gone (navigated away, destroyed). */
  frameUrl: string | null
  /** Whether the sending frame is the top frame of its page (no iframes may call). */
  isMainFrame: boolean
}

export interface TrustedSenders {
  /** webContents ids of the app's own windows. */
  webContentsIds: ReadonlySet<number>
  /** Exact `scheme://host[:port]` values allowed: app://workbench, plus the dev server in dev. */
  origins: ReadonlySet<string>
}

export function isTrustedSender(facts: SenderFacts, trusted: TrustedSenders): boolean {
  if (!trusted.webContentsIds.has(facts.webContentsId)) return false
  if (!facts.isMainFrame || facts.frameUrl === null) return false
  const origin = schemeAndHost(facts.frameUrl)
  return origin !== undefined && trusted.origins.has(origin)
}
