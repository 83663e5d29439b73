// The Host API: everything the renderer needs from the platform it runs on. The renderer never
// assumes Electron; it receives a Host. Two real implementations exist:
//   - the Electron host (src/preload + src/main, reached through window.evw and typed IPC), and
//   - the browser host (file input / download), used by `npm run web` and the e2e suite.
// Methods return data or throw HostError; "the user cancelled" is data, not an error.
import type { SweepReport } from '../a11y/sweep-report'
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
export type FileKind =
  | 'bundle'
  | 'keyring'
  | 'public-key'
  | 'report'
  | 'pia-export'
  | 'audit-log'
  | 'pdf'
  | 'markdown'
  | 'csv'
  | 'json'

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
  'public-key': {
    label: 'Public key (PEM)',
    extensions: ['pem', 'pub'],
    mimeTypes: ['application/x-pem-file'],
  },
  report: { label: 'Verification report', extensions: ['json'], mimeTypes: ['application/json'] },
  'pia-export': {
    label: 'PIA export (JSON)',
    extensions: ['json'],
    mimeTypes: ['application/json'],
  },
  'audit-log': {
    label: 'Audit log (JSON)',
    extensions: ['json'],
    mimeTypes: ['application/json'],
  },
  pdf: { label: 'PDF document', extensions: ['pdf'], mimeTypes: ['application/pdf'] },
  markdown: { label: 'Markdown document', extensions: ['md'], mimeTypes: ['text/markdown'] },
  csv: { label: 'CSV file', extensions: ['csv'], mimeTypes: ['text/csv'] },
  json: { label: 'JSON file', extensions: ['json'], mimeTypes: ['application/json'] },
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

/** How a secret key is protected at rest on this computer. */
export type KeyProtection =
  /** Sealed under the passphrase (scrypt + XSalsa20-Poly1305; docs/keys-and-roles.md). */
  | 'passphrase'
  /** Sealed under the passphrase, and that file encrypted again by the OS keychain. */
  | 'passphrase+os-keychain'

/** What the OS keychain can do here, for the identities screen to say plainly. */
export interface KeychainStatus {
  /** True when safeStorage has a real keychain behind it (never in the browser). */
  available: boolean
  /** The backend's name where the platform reports one (e.g. gnome_libsecret, basic_text). */
  backend?: string
  /** A sentence for the user when keys are protected by the passphrase alone, and why. */
  explanation: string
}

/** A signing identity held by the host: public data only, never the secret. */
export interface IdentityInfo {
  name: string
  /** SHA-256 of the SPKI DER, hex (the fingerprint people compare). */
  keyid: string
  publicKey: Uint8Array
  createdAt: string
  protection: KeyProtection
}

/** Thrown (as HostError with this code) for a wrong passphrase, so the UI can say so. */
export const WRONG_PASSPHRASE = 'WRONG_PASSPHRASE'

/**
 * The user's signing keys. Secrets stay with the host: in the desktop app, in the main process
 * (sealed under the passphrase and the OS keychain); in the browser host, sealed under the
 * passphrase in this browser profile's storage. The renderer gets public data and signatures.
 */
export interface KeyVault {
  keychain(): Promise<KeychainStatus>
  list(): Promise<IdentityInfo[]>
  /** Creates a new Ed25519 identity sealed under `passphrase` (at least 12 characters). */
  create(input: { name: string; passphrase: string }): Promise<IdentityInfo>
  /**
   * Opens the identity for one action: resolves with a session id to sign with, or throws a
   * HostError whose `code` is WRONG_PASSPHRASE. The session ends on `lock`, or by itself
   * after `ttlMs` (at most 10 minutes, default 2).
   */
  unlock(keyid: string, passphrase: string, ttlMs?: number): Promise<string>
  /** An Ed25519 signature over `message` by the unlocked identity of `session`. */
  sign(session: string, message: Uint8Array): Promise<Uint8Array>
  lock(session: string): Promise<void>
  /** Deletes an identity's secret from this computer (its public key stays in keyrings). */
  remove(keyid: string): Promise<void>
  /**
   * This computer's device key, which signs the workspace log's checkpoints without asking
   * (created on first use; its secret never leaves the host).
   */
  deviceKey(): Promise<{ publicKey: Uint8Array; keyid: string }>
  deviceSign(message: Uint8Array): Promise<Uint8Array>
}

/** What the user picks to sweep: HTML files and zips of pages, or one folder of pages. */
export type A11ySweepSource = 'files' | 'folder'

export interface SweepPagesOptions {
  source: A11ySweepSource
  signal?: AbortSignal
  onProgress?: (progress: { done: number; total: number }) => void
}

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

  /** The user's signing identities and this computer's device key. */
  readonly keys: KeyVault

  /**
   * Lets the user choose HTML pages (files, zips or a folder) and sweeps them for accessibility
   * in isolation (docs/a11y-sweep.md), with the CLI's rules and report format. Resolves with
   * undefined when the user cancels the choice; throws CancelledError when `signal` aborts.
   * Present only where `features.isolatedA11ySweep` can be true.
   */
  sweepPages?(options: SweepPagesOptions): Promise<SweepReport | undefined>
}

/** A platform operation that truly failed (not a cancel): the message is shown to the user. */
export class HostError extends Error {
  constructor(
    message: string,
    /** A stable code where the UI reacts to the kind of failure (e.g. WRONG_PASSPHRASE). */
    readonly code?: string,
  ) {
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
