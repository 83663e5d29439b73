// Ports for bundle bytes: a random-access source to read a bundle from (a file, a Blob, a
// buffer) and a sink to write one to. The node layer and the renderer provide implementations.

export interface RandomAccessSource {
  readonly size: number
  read(offset: number, length: number): Promise<Uint8Array>
}

export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>
}

/** Where a bundle's evidence bytes come from when writing: streamed, never held whole. */
export interface ContentSource {
  readonly size: number
  stream(): ReadableStream<Uint8Array>
}

export const bytesSource = (bytes: Uint8Array): RandomAccessSource & ContentSource => ({
  size: bytes.length,
  read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  stream: () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    }),
})

export class MemorySink implements ByteSink {
  private chunks: Uint8Array[] = []
  async write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk.slice())
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0))
    let o = 0
    for (const c of this.chunks) {
      out.set(c, o)
      o += c.length
    }
    return out
  }
}

export interface Progress {
  phase: string
  done: number
  total: number
  /** Bytes processed so far and expected in all, where the work is byte-bound. */
  bytesDone?: number
  bytesTotal?: number
}

export type ProgressListener = (p: Progress) => void

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.')
    this.name = 'CancelledError'
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError()
}
