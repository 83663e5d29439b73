// The only module that touches ipcMain. Every request channel of RequestChannels gets one
// handler, registered through one typed wrapper that, on every call, (1) refuses senders that
// are not the top frame of one of our windows showing the app's origin and (2) refuses
// arguments that do not match the channel's declared types. Handlers receive the verified
// sender so per-window state (open files) stays with the window that created it.
import path from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type WebContents,
} from 'electron'
import { FILE_KINDS, HostError, type AppInfo } from '../core/host/host-api'
import type { RequestChannel, RequestChannels } from '../core/host/ipc-channels'
import { writeBytesAtomic } from '../node/bundle/file-source'
import type { SweepJobs } from './a11y-sweep-jobs'
import { sweepInWindow } from './a11y-sweep-window'
import { ARGUMENT_CHECKS, safeFileName, type ChannelArgs } from './ipc-arguments'
import type { OpenFiles } from './file-handles'
import type { MainKeyVault } from './key-vault'
import { isTrustedSender, type TrustedSenders } from './trusted-sender'

type ChannelResult<K extends RequestChannel> = Awaited<ReturnType<RequestChannels[K]>>

/** The verified caller of a channel. */
interface Caller {
  sender: WebContents
  window: BrowserWindow | null
}

type ChannelHandler<K extends RequestChannel> = (
  caller: Caller,
  ...args: ChannelArgs<K>
) => Promise<ChannelResult<K>>

export interface IpcDependencies {
  trusted: TrustedSenders
  files: OpenFiles
  productName: string
  keys: MainKeyVault
  sweeps: SweepJobs
}

/**
 * Whether the OS keychain really protects safeStorage (not Chromium's plain-text fallback);
 * the key vault decides (src/main/key-vault.ts), so the two never disagree.
 */
const keychainAvailable = async (keys: MainKeyVault): Promise<boolean> =>
  (await keys.keychain()).available

export async function appInfo(productName: string, keys: MainKeyVault): Promise<AppInfo> {
  return {
    name: productName,
    version: app.getVersion(),
    platform: 'electron',
    os: process.platform,
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
    },
    features: {
      nativeFileDialogs: true,
      osKeychain: await keychainAvailable(keys),
      // The hidden, sandboxed sweep window (src/main/a11y-sweep-window.ts).
      isolatedA11ySweep: true,
      // Built in a later issue; the Host API grows a method for it when it lands.
      syncTransports: false,
    },
  }
}

function handlers(deps: IpcDependencies): { readonly [K in RequestChannel]: ChannelHandler<K> } {
  const { files, keys } = deps
  return {
    'app:info': async () => appInfo(deps.productName, keys),

    'files:open': async ({ sender, window }, options) => {
      const kind = FILE_KINDS[options.kind]
      const dialogOptions: OpenDialogOptions = {
        title: `Choose ${options.multiple ? 'files' : 'a file'}: ${kind.label}`,
        properties: options.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: [
          { name: kind.label, extensions: [...kind.extensions] },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const result = window
        ? await dialog.showOpenDialog(window, dialogOptions)
        : await dialog.showOpenDialog(dialogOptions)
      if (result.canceled) return []
      const opened = []
      for (const filePath of result.filePaths) opened.push(await files.open(sender.id, filePath))
      return opened
    },

    'files:read': async ({ sender }, handle, offset, length) =>
      files.read(sender.id, handle, offset, length),

    'files:close': async ({ sender }, handle) => files.close(sender.id, handle),

    'files:save': async ({ window }, suggestedName, bytes, kindId) => {
      const kind = FILE_KINDS[kindId]
      const name = safeFileName(suggestedName, `untitled.${kind.extensions[0] ?? 'bin'}`)
      const dialogOptions: SaveDialogOptions = {
        title: `Save ${kind.label.toLowerCase()}`,
        defaultPath: path.join(app.getPath('documents'), name),
        filters: [{ name: kind.label, extensions: [...kind.extensions] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const result = window
        ? await dialog.showSaveDialog(window, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions)
      if (result.canceled || !result.filePath) return { saved: false }
      // Temporary sibling + fsync + rename: a failed or interrupted save never leaves a
      // half-written file, and an existing file is replaced only by a complete one.
      await writeBytesAtomic(result.filePath, bytes)
      return { saved: true, name: path.basename(result.filePath) }
    },

    'keychain:available': async () => keychainAvailable(keys),

    'keys:keychain': async () => keys.keychain(),
    'keys:list': async () => keys.list(),
    'keys:create': async (_caller, input) => keys.create(input),
    'keys:unlock': async (_caller, keyid, passphrase, ttlMs) =>
      keys.unlock(keyid, passphrase, ttlMs),
    'keys:sign': async (_caller, session, message) => keys.sign(session, message),
    'keys:lock': async (_caller, session) => keys.lock(session),
    'keys:remove': async (_caller, keyid) => keys.remove(keyid),
    'keys:device-key': async () => keys.deviceKey(),
    'keys:device-sign': async (_caller, message) => keys.deviceSign(message),

    // The user chooses the inputs in main's own dialog; the renderer never names a path.
    'a11y:sweep-start': async ({ sender, window }, source) => {
      const dialogOptions: OpenDialogOptions =
        source === 'folder'
          ? { title: 'Choose a folder of pages to sweep', properties: ['openDirectory'] }
          : {
              title: 'Choose pages to sweep: HTML files or zips of pages',
              properties: ['openFile', 'multiSelections'],
              filters: [{ name: 'HTML pages and zips', extensions: ['html', 'htm', 'zip'] }],
            }
      const result = window
        ? await dialog.showOpenDialog(window, dialogOptions)
        : await dialog.showOpenDialog(dialogOptions)
      if (result.canceled || result.filePaths.length === 0) return null
      const paths = [...result.filePaths]
      const names = paths.map((p) => path.basename(p))
      const job = deps.sweeps.start(sender.id, ({ signal, onProgress }) =>
        sweepInWindow({ paths, names, signal, onProgress, toolVersion: app.getVersion() }),
      )
      return { job, inputs: names }
    },
    'a11y:sweep-status': async ({ sender }, job) => deps.sweeps.status(sender.id, job),
    'a11y:sweep-cancel': async ({ sender }, job) => deps.sweeps.cancel(sender.id, job),
  }
}

function senderFacts(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
  }
}

/** Registers every channel. Call once, after app 'ready'. */
export function registerIpc(deps: IpcDependencies): void {
  const table = handlers(deps)
  const register = <K extends RequestChannel>(channel: K): void => {
    const handler: ChannelHandler<K> = table[channel]
    const check = ARGUMENT_CHECKS[channel]
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(senderFacts(event), deps.trusted)) {
        console.warn(`[ipc] refused ${channel}: untrusted sender ${event.senderFrame?.url}`)
        throw new Error(`Refused: ${channel} may only be called by the workbench window.`)
      }
      if (!check(args)) {
        console.warn(`[ipc] refused ${channel}: invalid arguments`)
        throw new Error(`Refused: ${channel} was called with invalid arguments.`)
      }
      const caller = { sender: event.sender, window: BrowserWindow.fromWebContents(event.sender) }
      try {
        return await handler(caller, ...args)
      } catch (e) {
        // Only the message crosses IPC: carry a HostError's code in it as "[CODE] message".
        if (e instanceof HostError && e.code) throw new Error(`[${e.code}] ${e.message}`)
        throw e
      }
    })
  }
  for (const channel of Object.keys(table) as RequestChannel[]) register(channel)
}
