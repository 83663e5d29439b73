// The browser host: the same Host API with web-standard fallbacks. Files come from the
// browser's file chooser (an <input type=file>), saving is a download, and there is no OS
// keychain, isolated sweep window or sync transport: the UI says those need the desktop app.
import {
  blobFile,
  FILE_KINDS,
  type AppInfo,
  type Host,
  type PickedFile,
} from '../../core/host/host-api'
import { browserKeyVault } from './browser-key-vault'

function browserVersions(): Record<string, string> {
  const data = (
    navigator as Navigator & { userAgentData?: { brands?: { brand: string; version: string }[] } }
  ).userAgentData
  const brands = (data?.brands ?? []).filter((b) => !/not.a.brand/i.test(b.brand))
  return Object.fromEntries(brands.map((b) => [b.brand, b.version]))
}

export function browserHost(): Host {
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
        isolatedA11ySweep: false,
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
  }
}
