// Globals the renderer sees: the preload's bridge (absent in the browser host) and build-time
// constants from Vite's `define`.
import type { EvwBridge } from '../core/host/ipc-channels'

declare global {
  interface Window {
    /** Present only inside the Electron app (src/preload/index.ts). */
    readonly evw?: EvwBridge
  }
  /** package.json version, injected at build time. */
  const __APP_VERSION__: string
}

export {}
