// Messages between the page and the record-check worker (record-check-worker.ts).

export type ToRecordCheckWorker = { type: 'check'; dbName: string }

export type FromRecordCheckWorker =
  /** Every record was read; `damaged` lists those that fail their check (empty when none). */
  | { type: 'done'; damaged: string[] }
  /** The database could not be read; `message` says why. */
  | { type: 'failed'; message: string }
  /** Another window asked to upgrade or delete the database; the check stopped unfinished. */
  | { type: 'interrupted' }
