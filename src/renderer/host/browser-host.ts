// The browser host: the same Host API with web-standard fallbacks. Files come from the
// browser's file chooser (an <input type=file>), saving is a download, and there is no OS
// keychain or sync transport: the UI says those need the desktop app. The browser cannot
// isolate an untrusted page for an accessibility sweep itself; when the page is served by
// `npm run web`, that local server sweeps for it with the CLI's engine (scripts/web-sweep.mjs)
// and says so at /api/capabilities; anywhere else the sweep is not offered.
import type { SweepReport } from '../../core/a11y/sweep-report'
import { CancelledError } from '../../core/bundle/byte-io'
import {
  blobFile,
  FILE_KINDS,
  HostError,
  type AppInfo,
  type Host,
  type PickedFile,
  type SweepPagesOptions,
} from '../../core/host/host-api'
import { chooseFiles, chooseFolder, type IncomingFile } from '../evidence/collect-files'
import { browserKeyVault } from './browser-key-vault'

/** Whether the server that served this page offers the accessibility sweep. */
async function serverSweeps(): Promise<boolean> {
  try {
    const r = await fetch('api/capabilities', { cache: 'no-store' })
    if (!r.ok) return false
    const body = (await r.json()) as { a11ySweep?: { available?: unknown } }
    return body.a11ySweep?.available === true
  } catch {
    return false
  }
}

/** A chosen file's path inside the swept input: a folder's own name is not part of it. */
const uploadPath = (f: IncomingFile, fromFolder: boolean) =>
  [
    ...f.folder
      .split('/')
      .filter(Boolean)
      .slice(fromFolder ? 1 : 0),
    f.file.name,
  ].join('/')

async function sweepOnServer(options: SweepPagesOptions): Promise<SweepReport | undefined> {
  const fromFolder = options.source === 'folder'
  const chosen = await (fromFolder ? chooseFolder() : chooseFiles())
  if (chosen.length === 0) return undefined
  const list = chosen.map((f) => ({ path: uploadPath(f, fromFolder), size: f.file.size }))
  let response: Response
  try {
    response = await fetch('api/a11y/sweep', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Evw-Files': encodeURIComponent(JSON.stringify(list)),
      },
      body: new Blob(chosen.map((f) => f.file)),
      cache: 'no-store',
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (e) {
    if (options.signal?.aborted) throw new CancelledError()
    throw new HostError(`The local server could not be reached: ${String(e)}`)
  }
  if (!response.ok || !response.body)
    throw new HostError((await response.text()).trim() || `The server answered ${response.status}.`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (value) buffered += value
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffered.slice(0, nl)) as
          | { type: 'progress'; done: number; total: number }
          | { type: 'report'; report: SweepReport }
          | { type: 'error'; message: string }
        buffered = buffered.slice(nl + 1)
        if (message.type === 'progress')
          options.onProgress?.({ done: message.done, total: message.total })
        else if (message.type === 'report') return message.report
        else throw new HostError(message.message)
      }
      if (done) break
    }
  } catch (e) {
    if (options.signal?.aborted) throw new CancelledError()
    throw e
  }
  if (options.signal?.aborted) throw new CancelledError()
  throw new HostError('The sweep ended without a report; try again.')
}

function browserVersions(): Record<string, string> {
  const data = (
    navigator as Navigator & { userAgentData?: { brands?: { brand: string; version: string }[] } }
  ).userAgentData
  const brands = (data?.brands ?? []).filter((b) => !/not.a.brand/i.test(b.brand))
  return Object.fromEntries(brands.map((b) => [b.brand, b.version]))
}

export function browserHost(): Host {
  let sweeps: Promise<boolean> | undefined
  return {
    platform: 'browser',
    appInfo: async (): Promise<AppInfo> => ({
      name: 'Evidence Workbench',
      version: __APP_VERSION__,
      platform: 'browser',
      os: 'web',
      versions: browserVersions(),
      features: {
        nativeFileDialogs: false,
        osKeychain: false,
        isolatedA11ySweep: await (sweeps ??= serverSweeps()),
        syncTransports: false,
      },
    }),

    openFiles: (options) =>
      new Promise<PickedFile[]>((resolve) => {
        const kind = FILE_KINDS[options.kind]
        const input = document.createElement('input')
        input.type = 'file'
        input.accept = [...kind.extensions.map((e) => `.${e}`), ...kind.mimeTypes].join(',')
        input.multiple = options.multiple ?? false
        input.hidden = true
        const done = (files: PickedFile[]) => {
          input.remove()
          resolve(files)
        }
        input.addEventListener('change', () =>
          done([...(input.files ?? [])].map((f) => blobFile(f.name, f))),
        )
        input.addEventListener('cancel', () => done([]))
        document.body.append(input)
        input.click()
      }),

    saveFile: async (suggestedName, bytes, options) => {
      const name = suggestedName.split(/[\\/]/).pop() || 'download'
      const type = FILE_KINDS[options.kind].mimeTypes[0] ?? 'application/octet-stream'
      const url = URL.createObjectURL(new Blob([bytes.slice()], { type }))
      const a = document.createElement('a')
      a.href = url
      a.download = name
      a.hidden = true
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      return { saved: true, name }
    },

    keychainAvailable: async () => false,

    keys: browserKeyVault(),

    sweepPages: sweepOnServer,
  }
}
