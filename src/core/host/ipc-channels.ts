// Every IPC channel between the preload and main, in one place, as types only. Main registers
// a handler for each channel through one typed wrapper (src/main/ipc.ts) and the preload
// exposes one function per channel (src/preload/index.ts); change a signature here and every
// call site fails to compile. No runtime code, no electron import.
//
// All arguments and results cross a process boundary by structured clone: plain data only.
// Main treats every argument as untrusted input and validates it before use.
import type { SweepReport } from '../a11y/sweep-report'
import type {
  AppInfo,
  FileKind,
  IdentityInfo,
  KeychainStatus,
  A11ySweepSource,
  OpenFileOptions,
  SaveFileResult,
} from './host-api'

/** A file opened by main on the renderer's behalf, read in ranges through `files:read`. */
export interface OpenedFileHandle {
  /** Opaque id, valid for the window that opened it until `files:close`. */
  handle: string
  /** Base name only; the full path stays in main. */
  name: string
  size: number
}

/** Where an accessibility sweep stands (polled by the renderer; main keeps the job). */
export type A11ySweepStatus =
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; report: SweepReport }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }

/** Request/response channels: the renderer invokes, main answers with a promise. */
export type RequestChannels = {
  /** Product name, version, runtime versions and host features. */
  'app:info': () => Promise<AppInfo>
  /** Shows a native open dialog; resolves with no handles when the user cancels. */
  'files:open': (options: OpenFileOptions) => Promise<OpenedFileHandle[]>
  /** Reads up to MAX_READ_BYTES (host-api.ts) from an opened file; shorter only at the end of the file. */
  'files:read': (handle: string, offset: number, length: number) => Promise<Uint8Array>
  /** Releases an opened file. Unknown handles are ignored. */
  'files:close': (handle: string) => Promise<void>
  /** Shows a native save dialog and writes the bytes where the user chose. */
  'files:save': (
    suggestedName: string,
    bytes: Uint8Array,
    kind: FileKind,
  ) => Promise<SaveFileResult>
  /** Whether safeStorage has a real OS keychain behind it. */
  'keychain:available': () => Promise<boolean>
  /** KeyVault (host-api.ts), one channel per method; secrets never cross this boundary. */
  'keys:keychain': () => Promise<KeychainStatus>
  'keys:list': () => Promise<IdentityInfo[]>
  'keys:create': (input: { name: string; passphrase: string }) => Promise<IdentityInfo>
  'keys:unlock': (keyid: string, passphrase: string, ttlMs?: number) => Promise<string>
  'keys:sign': (session: string, message: Uint8Array) => Promise<Uint8Array>
  'keys:lock': (session: string) => Promise<void>
  'keys:remove': (keyid: string) => Promise<void>
  'keys:device-key': () => Promise<{ publicKey: Uint8Array; keyid: string }>
  'keys:device-sign': (message: Uint8Array) => Promise<Uint8Array>
  /**
   * Shows a native open dialog (HTML files and zips, or one folder) and sweeps what the user
   * chose in the isolated sweep window; resolves with no job when the user cancels.
   */
  'a11y:sweep-start': (source: A11ySweepSource) => Promise<{ job: string; inputs: string[] } | null>
  /** Progress of a sweep; the report (or failure) once, after which the job is gone. */
  'a11y:sweep-status': (job: string) => Promise<A11ySweepStatus>
  /** Stops a sweep; unknown jobs are ignored. */
  'a11y:sweep-cancel': (job: string) => Promise<void>
}

export type RequestChannel = keyof RequestChannels

/** What the preload exposes as `window.evw`: one function per request channel, same name. */
export type EvwBridge = { readonly [K in RequestChannel]: RequestChannels[K] }
