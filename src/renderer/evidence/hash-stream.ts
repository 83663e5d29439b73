// Streaming SHA-256 of a Blob: reads it through Blob.stream() chunk by chunk into an incremental
// hasher (@noble/hashes), so a file of any size is hashed with memory for one chunk at a time.
// Runs in the hash worker, and in the page when a worker cannot start.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

export class HashCancelled extends Error {
  constructor() {
    super('Hashing was cancelled.')
    this.name = 'HashCancelled'
  }
}

export async function hashBlob(
  blob: Blob,
  onBytes: (bytesDone: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hasher = sha256.create()
  const reader = blob.stream().getReader()
  let done = 0
  try {
    for (;;) {
      if (signal?.aborted) throw new HashCancelled()
      const chunk = await reader.read()
      if (chunk.done) break
      hasher.update(chunk.value)
      done += chunk.value.byteLength
      onBytes(done)
    }
  } finally {
    reader.releaseLock()
  }
  return bytesToHex(hasher.digest())
}
