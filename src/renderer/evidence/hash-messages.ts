// Messages between the page and the evidence hash worker (hash-worker.ts).

export type ToHashWorker = { type: 'hash'; files: Blob[] } | { type: 'cancel' }

export type FromHashWorker =
  | { type: 'ready' }
  /** Bytes hashed so far across the batch, and the position of the file being read. */
  | { type: 'progress'; fileIndex: number; bytesDone: number }
  | { type: 'file'; fileIndex: number; sha256: string }
  | { type: 'done' }
  | { type: 'failed'; fileIndex: number; message: string }
