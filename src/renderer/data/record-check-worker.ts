// The record-check worker: reads every record of a workspace's checked tables off the page's
// thread, with its own read-only connection, and reports the damaged ones. It gives its
// connection up at once if another window needs to upgrade the database.
import type { FromRecordCheckWorker, ToRecordCheckWorker } from './record-check-messages'
import { errorText, findDamagedRecords, openExistingDatabase } from './record-scan'

interface WorkerScope {
  postMessage(message: FromRecordCheckWorker): void
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ToRecordCheckWorker>) => void,
  ): void
}
const scope = self as unknown as WorkerScope

async function check(dbName: string): Promise<void> {
  let interrupted = false
  let db: IDBDatabase | undefined
  try {
    db = await openExistingDatabase(dbName, indexedDB)
    const open = db
    open.onversionchange = () => {
      interrupted = true
      open.close()
    }
    const damaged = await findDamagedRecords(open, { mode: 'all' })
    scope.postMessage({ type: 'done', damaged })
  } catch (e) {
    scope.postMessage(
      interrupted ? { type: 'interrupted' } : { type: 'failed', message: errorText(e) },
    )
  } finally {
    db?.close()
  }
}

scope.addEventListener('message', (event) => {
  if (event.data.type === 'check') void check(event.data.dbName)
})
