// SHA-256 over the chunks of one file of known size. Most bundle files arrive in one chunk;
// such a chunk is hashed at once in a single call where the provider has one, which costs less
// than a streaming hash object. Nothing is held back: a chunk is hashed when it arrives.
import { toHex } from '../encoding/bytes'
import type { CryptoProvider, Sha256Stream } from './crypto-provider'

export interface ChunkHasher {
  update(chunk: Uint8Array): void
  /** The digest as lowercase hex; call once, after the last chunk. */
  hex(): string
}

/** `size` is the size the file should have; more bytes than that are an error. */
export function chunkHasher(crypto: CryptoProvider, size: number): ChunkHasher {
  let whole: string | undefined
  let stream: Sha256Stream | undefined
  return {
    update(chunk) {
      if (whole !== undefined) throw new Error(`more than the ${size} bytes declared`)
      if (!stream && crypto.sha256Hex && chunk.length === size) {
        whole = crypto.sha256Hex(chunk)
        return
      }
      stream ??= crypto.createSha256()
      stream.update(chunk)
    },
    hex() {
      if (whole !== undefined) return whole
      if (!stream && crypto.sha256Hex) return crypto.sha256Hex(new Uint8Array(0))
      return toHex((stream ?? crypto.createSha256()).digest())
    },
  }
}
