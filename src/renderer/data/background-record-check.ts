// Checks every record of an open workspace in the background. Opening a workspace checks only a
// sample (open-workspace.ts), so a 100,000-item library shows its first rows at once; this reads
// the rest in a worker, with its own read-only connection, off the page's thread (in the page
// when no worker can start, e.g. under Node tests), once the screen's own loading is done
// (foreground-loads.ts). The caller reports damage the same way as a damaged sample: the
// workspace is closed and shown as a problem, and nothing is written.
import { foregroundSettled } from './foreground-loads'
import { errorText, findDamagedRecords } from './record-scan'
import type { FromRecordCheckWorker, ToRecordCheckWorker } from './record-check-messages'
import type { WorkspaceDb } from './workspace-db'

/**
 * What the check found: the damaged records (empty when every record fits), or `interrupted`
 * when it could not finish for a reason that says nothing about the data (cancelled, or another
 * window upgrading the database). A database that cannot be read counts as damaged, as at open.
 */
export type BackgroundCheckResult = { damaged: string[] } | 'interrupted'

async function checkInPage(db: WorkspaceDb, signal?: AbortSignal): Promise<BackgroundCheckResult> {
  try {
    return { damaged: await findDamagedRecords(db.backendDB(), { mode: 'all', signal }) }
  } catch (e) {
    return signal?.aborted || !db.isOpen() ? 'interrupted' : { damaged: [errorText(e)] }
  }
}

export async function checkRecordsInBackground(
  db: WorkspaceDb,
  options: { signal?: AbortSignal } = {},
): Promise<BackgroundCheckResult> {
  const { signal } = options
  await foregroundSettled()
  if (signal?.aborted || !db.isOpen()) return 'interrupted'
  return checkInWorker(db, signal)
}

function checkInWorker(db: WorkspaceDb, signal?: AbortSignal): Promise<BackgroundCheckResult> {
  if (typeof Worker === 'undefined') return checkInPage(db, signal)
  let worker: Worker
  try {
    worker = new Worker(new URL('./record-check-worker.ts', import.meta.url), {
      type: 'module',
      name: 'workspace-record-check',
    })
  } catch {
    return checkInPage(db, signal)
  }
  return new Promise<BackgroundCheckResult>((resolve) => {
    let settled = false
    const settle = (result: BackgroundCheckResult | Promise<BackgroundCheckResult>) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      worker.terminate()
      resolve(result)
    }
    const onAbort = () => settle('interrupted')
    signal?.addEventListener('abort', onAbort)
    worker.addEventListener('message', (event: MessageEvent<FromRecordCheckWorker>) => {
      const msg = event.data
      if (msg.type === 'done') settle({ damaged: msg.damaged })
      else if (msg.type === 'failed') settle({ damaged: [msg.message] })
      else if (msg.type === 'interrupted') settle('interrupted')
    })
    // A worker that cannot start or run says nothing about the data: check in the page.
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      settle(checkInPage(db, signal))
    })
    const message: ToRecordCheckWorker = { type: 'check', dbName: db.name }
    worker.postMessage(message)
  })
}
