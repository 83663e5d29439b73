// Picks the host the renderer runs on: the Electron bridge when the preload exposed one,
// otherwise the browser host.
import type { Host } from '../../core/host/host-api'
import { browserHost } from './browser-host'
import { electronHost } from './electron-host'

export function selectHost(): Host {
  return window.evw ? electronHost(window.evw) : browserHost()
}
