// The Electron host: the Host API over the preload's bridge (window.evw). Files chosen in the
// native dialog stay open in main and are read in ranges, never copied whole.
import { HostError, MAX_READ_BYTES, type Host, type PickedFile } from '../../core/host/host-api'
import type { EvwBridge, OpenedFileHandle } from '../../core/host/ipc-channels'

/** Turns "Error invoking remote method 'x': Error: message" into "message". */
async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    throw new HostError(message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, ''))
  }
}

function ipcFile(bridge: EvwBridge, opened: OpenedFileHandle): PickedFile {
  let closed = false
  return {
    name: opened.name,
    size: opened.size,
    source: {
      size: opened.size,
      read: async (offset, length) => {
        const want = Math.max(0, Math.min(length, opened.size - offset))
        if (want <= MAX_READ_BYTES) return call(bridge['files:read'](opened.handle, offset, want))
        const out = new Uint8Array(want)
        for (let done = 0; done < want;) {
          const n = Math.min(MAX_READ_BYTES, want - done)
          const chunk = await call(bridge['files:read'](opened.handle, offset + done, n))
          if (chunk.length === 0) return out.subarray(0, done)
          out.set(chunk, done)
          done += chunk.length
        }
        return out
      },
    },
    close: async () => {
      if (closed) return
      closed = true
      await call(bridge['files:close'](opened.handle))
    },
  }
}

export function electronHost(bridge: EvwBridge): Host {
  return {
    platform: 'electron',
    appInfo: () => call(bridge['app:info']()),
    openFiles: async (options) => {
      const opened = await call(bridge['files:open'](options))
      return opened.map((o) => ipcFile(bridge, o))
    },
    saveFile: (name, bytes, options) => call(bridge['files:save'](name, bytes, options.kind)),
    keychainAvailable: () => call(bridge['keychain:available']()),
  }
}
