// Verifies a chosen bundle in a Web Worker, with progress and cancellation; falls back to the
// page's own thread when a worker cannot start. Resolves with the report in every outcome the
// verifier can judge (including cancellation); rejects only when the bundle cannot be read.
import type { Progress } from '../../core/bundle/byte-io'
import { FAILURE_GUIDE, type VerificationReport } from '../../core/bundle/report'
import type { PickedFile } from '../../core/host/host-api'
import type { Keyring } from '../../core/keys/keyring'
import type { FromWorker, ToWorker } from './verify-messages'
import { verifyHere } from './verify-here'

export interface VerificationRequest {
  bundle: PickedFile
  keyring: Keyring
  signal: AbortSignal
  onProgress: (progress: Progress) => void
}

/** How long a worker gets to stop after Cancel before it is terminated. */
const CANCEL_GRACE_MS = 2000

export function cancelledReport(): VerificationReport {
  return {
    formatVersion: 1,
    verdict: 'not-verified',
    files: 0,
    bytes: 0,
    signoffs: [],
    items: [
      {
        check: 'container',
        status: 'fail',
        code: 'CANCELLED',
        message: 'Verification was cancelled; nothing was concluded.',
        advice: FAILURE_GUIDE.CANCELLED.action,
      },
    ],
  }
}

const inPage = (r: VerificationRequest) =>
  verifyHere(r.bundle.source, r.keyring, { signal: r.signal, onProgress: r.onProgress })

export function runVerification(request: VerificationRequest): Promise<VerificationReport> {
  if (typeof Worker === 'undefined') return inPage(request)
  let worker: Worker
  try {
    worker = new Worker(new URL('./verify-worker.ts', import.meta.url), {
      type: 'module',
      name: 'verify',
    })
  } catch {
    return inPage(request)
  }
  const { bundle, keyring, signal, onProgress } = request
  const post = (m: ToWorker) => worker.postMessage(m)

  return new Promise<VerificationReport>((resolve, reject) => {
    let started = false
    let settled = false
    let graceTimer: ReturnType<typeof setTimeout> | undefined
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(graceTimer)
      signal.removeEventListener('abort', onAbort)
      worker.terminate()
      finish()
    }
    const onAbort = () => {
      post({ type: 'cancel' })
      graceTimer = setTimeout(() => settle(() => resolve(cancelledReport())), CANCEL_GRACE_MS)
    }
    signal.addEventListener('abort', onAbort)

    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      started = true
      const msg = event.data
      switch (msg.type) {
        case 'ready':
          break
        case 'progress':
          onProgress(msg.progress)
          break
        case 'read':
          bundle.source.read(msg.offset, msg.length).then(
            (bytes) => post({ type: 'read-result', id: msg.id, bytes }),
            (e: unknown) =>
              post({
                type: 'read-error',
                id: msg.id,
                message: e instanceof Error ? e.message : String(e),
              }),
          )
          break
        case 'done':
          settle(() => resolve(msg.report))
          break
        case 'failed':
          settle(() => reject(new Error(msg.message)))
          break
      }
    })
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      // A worker that never started (blocked, unsupported) is replaced by the page itself.
      if (!started) settle(() => resolve(inPage(request)))
      else settle(() => reject(new Error(event.message || 'The verification worker stopped.')))
    })

    post({
      type: 'verify',
      bundle: bundle.blob
        ? { kind: 'blob', blob: bundle.blob }
        : { kind: 'proxy', size: bundle.size },
      keyring,
    })
    if (signal.aborted) onAbort()
  })
}
