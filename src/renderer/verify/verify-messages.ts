// Messages between the page and the verification worker. A bundle crosses either as a Blob
// (browser files, dropped files) or as a proxy: the worker asks the page for byte ranges,
// which the page reads through the host (files opened by Electron's main process).
import type { Progress } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import type { Keyring } from '../../core/keys/keyring'

export type BundleTransfer = { kind: 'blob'; blob: Blob } | { kind: 'proxy'; size: number }

export type ToWorker =
  | { type: 'verify'; bundle: BundleTransfer; keyring: Keyring }
  | { type: 'cancel' }
  | { type: 'read-result'; id: number; bytes: Uint8Array }
  | { type: 'read-error'; id: number; message: string }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; progress: Progress }
  | { type: 'read'; id: number; offset: number; length: number }
  | { type: 'done'; report: VerificationReport }
  | { type: 'failed'; message: string }
