// The preload: contextBridge only. Exposes `window.evw`, one function per request channel of
// RequestChannels, each a plain ipcRenderer.invoke. No other Electron or Node API reaches the
// page; events, senders and ipcRenderer itself never cross the bridge.
import { contextBridge, ipcRenderer } from 'electron'
import type { EvwBridge, RequestChannel, RequestChannels } from '../core/host/ipc-channels'

// Compile-time complete: adding a channel to RequestChannels without listing it here fails.
const CHANNELS = {
  'app:info': true,
  'files:open': true,
  'files:read': true,
  'files:close': true,
  'files:save': true,
  'keychain:available': true,
  'keys:keychain': true,
  'keys:list': true,
  'keys:create': true,
  'keys:unlock': true,
  'keys:sign': true,
  'keys:lock': true,
  'keys:remove': true,
  'keys:device-key': true,
  'keys:device-sign': true,
  'a11y:sweep-start': true,
  'a11y:sweep-status': true,
  'a11y:sweep-cancel': true,
} as const satisfies Record<RequestChannel, true>

function invoker<K extends RequestChannel>(channel: K): RequestChannels[K] {
  const call = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)
  return call as RequestChannels[K]
}

const bridge = Object.fromEntries(
  (Object.keys(CHANNELS) as RequestChannel[]).map((channel) => [channel, invoker(channel)]),
) as unknown as EvwBridge

contextBridge.exposeInMainWorld('evw', Object.freeze(bridge))
