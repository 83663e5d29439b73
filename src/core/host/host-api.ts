// The Host API: everything the renderer needs from the platform it runs on. The renderer never
// assumes Electron; it receives a Host. Two real implementations exist:
//   - the Electron host (src/preload + src/main, reached through window.evw and typed IPC), and
//   - the browser host (file input / download), used by `npm run web` and the e2e suite.
// Methods return data or throw HostError; "the user cancelled" is data, not an error.
import type { RandomAccessSource } from '../bundle/byte-io'

/** Where the renderer runs. */
export type HostPlatform = 'electron' | 'browser'

/**
 * Capabilities that differ between hosts. The UI shows a feature as available only when its
 * flag is true, and says plainly when a feature needs the desktop app.
 */
export interface HostFeatures {
  /** Native open/save dialogs, and files read in ranges without loading them whole. */
  nativeFileDialogs: boolean
  /** Secrets can be protected by the operating system's keychain (Electron safeStorage). */
  osKeychain: boolean
  /** Untrusted HTML can be checked for accessibility in an isolated, offline window. */
  isolatedA11ySweep: boolean
  /** Packets can be synced to the organisation's archive (folder or S3 targets). */
  syncTransports: boolean
}

export interface AppInfo {
  /** Human-readable product name. */
  name: string
  /** The app's semantic version (package.json). */
  version: string
  platform: HostPlatform
  /** Operating system as reported by the host: `linux`, `darwin`, `win32`, or `web`. */
  os: string
  /** Runtime versions worth quoting in a bug report (electron, chrome, node), where known. */
  versions: Record<string, string>
  features: HostFeatures
}

/** The kinds of file the workbench opens and saves. */
export type FileKind = 'bundle' | 'keyring' | 'report' | 'pia-export'

export interface FileKindInfo {
  /** Shown in dialogs, e.g. "Evidence bundle". */
  label: string
  /** File name extensions without the dot. */
  extensions: readonly string[]
  /** MIME types for the browser's file input `accept` and for downloads. */
  mimeTypes: readonly string[]
}

export const FILE_KINDS: Readonly<Record<FileKind, FileKindInfo>> = {
  bundle: { label: 'Evidence bundle', extensions: ['evb', 'zip'], mimeTypes: ['application/zip'] },
  keyring: { label: 'Keyring', extensions: ['json'], mimeTypes: ['application/json'] },
  report: { label: 'Verification report', extensions: ['json'], mimeTypes: ['application/json'] },
  'pia-export': {
    label: 'PIA export (JSON)',
    extensions: ['json'],
    mimeTypes: ['application/json'],
  },
}

/** Largest byte range the Electron host reads over IPC in one call. */
export const MAX_READ_BYTES = 16 * 1024 * 1024

export interface OpenFileOptions {
  kind: FileKind
  /** Allow choosing several files at once (default false). */
  multiple?: boolean
}

/**
 * A file the user chose. Its bytes are read on demand through `source`, so a bundle of many
 * gigabytes is never held whole in memory. Call `close` when done (it is safe to call twice).
 */
export interface PickedFile {
  /** The file's base name, as chosen; never a full path. */
  name: string
  size: number
  source: RandomAccessSource
  /**
   * The file as a Blob, when the host has one (browser input, drag and drop). A Blob can be
   * handed to a Web Worker directly; other sources are read through the page.
   */
  blob?: Blob
  close(): Promise<void>
}

export interface SaveFileOptions {
  kind: FileKind
}

export type SaveFileResult =
  { saved: true; /** The saved file's base name. */ name: string } | { saved: false }

export interface Host {
  readonly platform: HostPlatform

  /** Product name, version, runtime versions and which features this host supports. */
  appInfo(): Promise<AppInfo>

  /**
   * Lets the user choose one or more files (a native dialog in Electron, the browser's file
   * chooser otherwise). Resolves with an empty list when the user cancels.
   */
  openFiles(options: OpenFileOptions): Promise<PickedFile[]>

  /**
   * Offers `bytes` to the user to save under `suggestedName` (a base name; any folders are
   * dropped). Electron asks where with a native dialog; the browser downloads the file.
   */
  saveFile(
    suggestedName: string,
    bytes: Uint8Array,
    options: SaveFileOptions,
  ): Promise<SaveFileResult>

  /**
   * Whether secrets can be protected by the OS keychain. False in the browser, and false in
   * Electron when the only backend is Chromium's plain-text fallback (Linux without a keyring).
   */
  keychainAvailable(): Promise<boolean>
}

/** A platform operation that truly failed (not a cancel): the message is shown to the user. */
export class HostError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HostError'
  }
}

/** Wraps a Blob (a browser File, a dropped file) as a PickedFile. */
export function blobFile(name: string, blob: Blob): PickedFile {
  return {
    name,
    size: blob.size,
    blob,
    source: {
      size: blob.size,
      read: async (offset, length) =>
        new Uint8Array(
          await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer(),
        ),
    },
    close: async () => {},
  }
}
