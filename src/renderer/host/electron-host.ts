// The Electron host: the Host API over the preload's bridge (window.evw). Files chosen in the
// native dialog stay open in main and are read in ranges, never copied whole.
import type { SweepReport } from '../../core/a11y/sweep-report'
import { CancelledError } from '../../core/bundle/byte-io'
import {
  HostError,
  MAX_READ_BYTES,
  type Host,
  type KeyVault,
  type PickedFile,
  type SweepPagesOptions,
} from '../../core/host/host-api'
import type { EvwBridge, OpenedFileHandle } from '../../core/host/ipc-channels'

/**
 * Turns "Error invoking remote method 'x': Error: message" into a HostError with "message";
 * main sends a HostError's code as "[CODE] message" (src/main/ipc.ts).
 */
async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e)
    const message = raw.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '')
    const coded = /^\[([A-Z][A-Z_]*)\] ([\s\S]*)$/.exec(message)
    throw coded ? new HostError(coded[2]!, coded[1]) : new HostError(message)
  }
}

function electronKeyVault(bridge: EvwBridge): KeyVault {
  return {
    keychain: () => call(bridge['keys:keychain']()),
    list: () => call(bridge['keys:list']()),
    create: (input) =>
      call(bridge['keys:create']({ name: input.name, passphrase: input.passphrase })),
    unlock: (keyid, passphrase, ttlMs) =>
      call(
        ttlMs === undefined
          ? bridge['keys:unlock'](keyid, passphrase)
          : bridge['keys:unlock'](keyid, passphrase, ttlMs),
      ),
    sign: (session, message) => call(bridge['keys:sign'](session, message)),
    lock: (session) => call(bridge['keys:lock'](session)),
    remove: (keyid) => call(bridge['keys:remove'](keyid)),
    deviceKey: () => call(bridge['keys:device-key']()),
    deviceSign: (message) => call(bridge['keys:device-sign'](message)),
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

/** How often the renderer asks main how a sweep is going. */
const SWEEP_POLL_MS = 250

/** Main runs the sweep in its hidden window; the renderer polls, and cancels on abort. */
async function sweepPages(
  bridge: EvwBridge,
  options: SweepPagesOptions,
): Promise<SweepReport | undefined> {
  const started = await call(bridge['a11y:sweep-start'](options.source))
  if (!started) return undefined
  const { job } = started
  const cancel = () => void bridge['a11y:sweep-cancel'](job).catch(() => undefined)
  options.signal?.addEventListener('abort', cancel)
  try {
    if (options.signal?.aborted) cancel()
    for (;;) {
      const status = await call(bridge['a11y:sweep-status'](job))
      if (status.state === 'done') return status.report
      if (status.state === 'cancelled') throw new CancelledError()
      if (status.state === 'failed') throw new HostError(status.message)
      options.onProgress?.({ done: status.done, total: status.total })
      await new Promise((r) => setTimeout(r, SWEEP_POLL_MS))
    }
  } finally {
    options.signal?.removeEventListener('abort', cancel)
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
    keys: electronKeyVault(bridge),
    sweepPages: (options) => sweepPages(bridge, options),
  }
}
