// C2SP transparency log checkpoints (https://c2sp.org/tlog-checkpoint): a signed note whose text
// is "<origin>\n<tree size>\n<base64 root hash>\n" followed by optional non-empty extension lines.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { fromBase64, toBase64 } from '../encoding/bytes'
import { HASH_SIZE } from './merkle'
import {
  openNote,
  signNote,
  type NoteLimits,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note'

export interface Checkpoint {
  origin: string
  size: number
  rootHash: Uint8Array
  /** Opaque extension lines (not recommended by the spec; kept for round trips). */
  extensions: string[]
}

export type CheckpointErrorCode =
  | 'LOG_CHECKPOINT_MALFORMED'
  | 'LOG_CHECKPOINT_SIGNATURE_INVALID'
  | 'LOG_CHECKPOINT_UNTRUSTED_KEY'
  | 'LOG_CHECKPOINT_ORIGIN_MISMATCH'
  | 'LOG_VERIFIER_KEY_INVALID'

export interface CheckpointError {
  ok: false
  code: CheckpointErrorCode
  message: string
}

export interface OpenedCheckpoint {
  ok: true
  checkpoint: Checkpoint
  /** The note text that was signed (the checkpoint body). */
  text: string
  verified: NoteSignature[]
  unknown: NoteSignature[]
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/ // eslint-disable-line no-control-regex

const bodyError = (message: string): CheckpointError => ({
  ok: false,
  code: 'LOG_CHECKPOINT_MALFORMED',
  message,
})

/** The checkpoint body (the note text). Throws on values that cannot be written faithfully. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint
  if (origin === '' || origin.includes('\n')) throw new Error('checkpoint origin must be one line')
  if (!Number.isSafeInteger(size) || size < 0) throw new Error('checkpoint size must be >= 0')
  if (rootHash.length !== HASH_SIZE) throw new Error('checkpoint root hash must be 32 bytes')
  for (const line of extensions) {
    if (line === '' || line.includes('\n')) throw new Error('extension lines must be one line')
  }
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('')
}

/** Parses a checkpoint body strictly. Never throws. */
export function parseCheckpoint(
  text: string,
): { ok: true; checkpoint: Checkpoint } | CheckpointError {
  if (typeof text !== 'string' || !text.endsWith('\n')) {
    return bodyError('checkpoint text must end with a newline')
  }
  if (CONTROL.test(text)) return bodyError('checkpoint contains a control character')
  const lines = text.slice(0, -1).split('\n')
  const [origin, size, root, ...extensions] = lines
  if (origin === undefined || size === undefined || root === undefined) {
    return bodyError('checkpoint needs an origin, a tree size and a root hash line')
  }
  if (lines.some((l) => l === '')) return bodyError('checkpoint lines must not be empty')
  if (!DECIMAL.test(size)) return bodyError('checkpoint tree size is not a plain decimal number')
  const n = Number(size)
  if (!Number.isSafeInteger(n)) return bodyError('checkpoint tree size is too large')
  let rootHash: Uint8Array
  try {
    rootHash = fromBase64(root)
  } catch {
    return bodyError('checkpoint root hash is not valid base64')
  }
  if (rootHash.length !== HASH_SIZE) return bodyError('checkpoint root hash is not 32 bytes')
  return { ok: true, checkpoint: { origin, size: n, rootHash, extensions } }
}

/**
 * Signs a checkpoint as a signed note. The C2SP spec says the log's key name SHOULD match the
 * origin, so `signer.name` defaults to it.
 */
/** A NoteSigner whose name may be left out (it defaults to the checkpoint's origin). */
export type CheckpointSigner = DistributiveOmit<NoteSigner, 'name'> & { name?: string }
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

export function signCheckpoint(
  checkpoint: Checkpoint,
  signer: CheckpointSigner,
  crypto: CryptoProvider,
): Promise<string> {
  const note = { ...signer, name: signer.name ?? checkpoint.origin } as NoteSigner
  return signNote(formatCheckpoint(checkpoint), [note], crypto)
}

/**
 * Verifies a signed checkpoint against trusted verifier keys and parses its body. With
 * `origin`, a checkpoint from another log is refused. Never throws on hostile input.
 */
export async function openCheckpoint(
  note: Uint8Array | string,
  verifiers: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
  options: { origin?: string; limits?: NoteLimits } = {},
): Promise<OpenedCheckpoint | CheckpointError> {
  const opened = await openNote(note, verifiers, crypto, options.limits)
  if (!opened.ok) {
    const code: CheckpointErrorCode = {
      NOTE_MALFORMED: 'LOG_CHECKPOINT_MALFORMED' as const,
      NOTE_SIGNATURE_INVALID: 'LOG_CHECKPOINT_SIGNATURE_INVALID' as const,
      NOTE_UNVERIFIED: 'LOG_CHECKPOINT_UNTRUSTED_KEY' as const,
      NOTE_VERIFIER_KEY_INVALID: 'LOG_VERIFIER_KEY_INVALID' as const,
    }[opened.code]
    return { ok: false, code, message: `checkpoint: ${opened.message}` }
  }
  const parsed = parseCheckpoint(opened.text)
  if (!parsed.ok) return parsed
  if (options.origin !== undefined && parsed.checkpoint.origin !== options.origin) {
    return {
      ok: false,
      code: 'LOG_CHECKPOINT_ORIGIN_MISMATCH',
      message: `checkpoint is from log ${JSON.stringify(parsed.checkpoint.origin)}, expected ${JSON.stringify(options.origin)}`,
    }
  }
  return {
    ok: true,
    checkpoint: parsed.checkpoint,
    text: opened.text,
    verified: opened.verified,
    unknown: opened.unknown,
  }
}
