// Offline proof that one audit entry is in the log: the C2SP tlog-proof format
// (https://c2sp.org/tlog-proof), with the entry's canonical JSON bytes carried in the format's
// optional `extra` line. The spec calls `extra` unauthenticated; here it is authenticated by
// hashing it into the leaf that the inclusion proof checks against the signed checkpoint.
//
//   c2sp.org/tlog-proof@v1
//   extra <base64 of the entry bytes>
//   index <decimal leaf index>
//   <base64 hash>            zero or more, leaf's sibling first
//   <empty line>
//   <signed checkpoint note, verbatim>
import type { CryptoProvider } from '../crypto/crypto-provider'
import { fromBase64, toBase64, utf8 } from '../encoding/bytes'
import { decodeAuditEvent, MAX_AUDIT_ENTRY_BYTES, type AuditEvent } from './audit-event'
import { openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint'
import { HASH_SIZE, leafHash, verifyInclusion } from './merkle'
import { NOTE_MAX_BYTES, parseNote, type NoteSignature, type NoteVerifier } from './signed-note'

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1'
/** More hashes than any tree of up to 2^64 leaves needs. */
export const TLOG_PROOF_MAX_HASHES = 64
const MAX_EXTRA_CHARS = 4 * Math.ceil(MAX_AUDIT_ENTRY_BYTES / 3)
export const TLOG_PROOF_MAX_BYTES =
  1024 + MAX_EXTRA_CHARS + TLOG_PROOF_MAX_HASHES * 45 + NOTE_MAX_BYTES

export interface TlogProof {
  index: number
  /** The logged entry (the `extra` line): canonical JSON of an AuditEvent. */
  entry?: Uint8Array
  /** Inclusion proof hashes, leaf's sibling first. */
  proof: Uint8Array[]
  /** The signed checkpoint note, verbatim. */
  checkpoint: string
}

export type TlogProofErrorCode =
  /** The file is not a tlog-proof: syntax, encoding, size, or the entry is missing. */
  | 'LOG_PROOF_MALFORMED'
  /** The embedded checkpoint is not a well-formed checkpoint note. */
  | 'LOG_CHECKPOINT_MALFORMED'
  /** A trusted key's signature on the checkpoint does not verify. */
  | 'LOG_CHECKPOINT_SIGNATURE_INVALID'
  /** The checkpoint carries no signature by a trusted key. */
  | 'LOG_CHECKPOINT_UNTRUSTED_KEY'
  /** The checkpoint is from a different log than the one asked for. */
  | 'LOG_CHECKPOINT_ORIGIN_MISMATCH'
  /** A verifier key supplied by the caller is malformed. */
  | 'LOG_VERIFIER_KEY_INVALID'
  /** The entry is not in the checkpointed tree at that index. */
  | 'LOG_INCLUSION_INVALID'
  /** The entry is in the log but is not a well-formed canonical audit event. */
  | 'LOG_ENTRY_MALFORMED'

export interface TlogProofError {
  ok: false
  code: TlogProofErrorCode
  message: string
}

export interface VerifiedTlogProof {
  ok: true
  entry: AuditEvent
  entryBytes: Uint8Array
  index: number
  checkpoint: Checkpoint
  /** Trusted keys whose signatures on the checkpoint verified. */
  signedBy: NoteSignature[]
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const malformed = (message: string): TlogProofError => ({
  ok: false,
  code: 'LOG_PROOF_MALFORMED',
  message: `log proof: ${message}`,
})

export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new Error('bad proof index')
  if (proof.proof.some((h) => h.length !== HASH_SIZE)) throw new Error('proof hashes are 32 bytes')
  let out = `${TLOG_PROOF_HEADER}\n`
  if (proof.entry) out += `extra ${toBase64(proof.entry)}\n`
  out += `index ${proof.index}\n`
  for (const h of proof.proof) out += `${toBase64(h)}\n`
  return `${out}\n${proof.checkpoint}`
}

/**
 * Parses a tlog-proof file strictly: bounded size and line count, canonical numbers and base64,
 * a syntactically valid checkpoint note. Signatures are not checked here. Never throws.
 */
export function parseTlogProof(
  input: Uint8Array | string,
): { ok: true; proof: TlogProof } | TlogProofError {
  let text: string
  if (typeof input === 'string') {
    if (input.length > TLOG_PROOF_MAX_BYTES) return malformed('file is too large')
    text = input
  } else if (input instanceof Uint8Array) {
    if (input.length > TLOG_PROOF_MAX_BYTES) return malformed('file is too large')
    try {
      text = decoder.decode(input)
    } catch {
      return malformed('file is not valid UTF-8')
    }
  } else {
    return malformed('input is neither text nor bytes')
  }

  let pos = 0
  // Next line without its newline, or undefined when the text ends before a newline.
  const nextLine = (maxChars: number): string | undefined => {
    const end = text.indexOf('\n', pos)
    if (end < 0 || end - pos > maxChars) return undefined
    const line = text.slice(pos, end)
    pos = end + 1
    return line
  }

  if (nextLine(TLOG_PROOF_HEADER.length) !== TLOG_PROOF_HEADER) {
    return malformed(`first line is not ${TLOG_PROOF_HEADER}`)
  }
  let line = nextLine(MAX_EXTRA_CHARS + 'extra '.length)
  if (line === undefined) return malformed('second line is missing or longer than an entry allows')
  let entry: Uint8Array | undefined
  if (line.startsWith('extra ')) {
    try {
      entry = fromBase64(line.slice('extra '.length))
    } catch {
      return malformed('extra line is not valid base64')
    }
    line = nextLine(32)
  }
  if (line === undefined || !line.startsWith('index ')) return malformed('no index line')
  const digits = line.slice('index '.length)
  const index = Number(digits)
  if (!DECIMAL.test(digits) || !Number.isSafeInteger(index)) {
    return malformed('index is not a decimal number without leading zeros')
  }
  const proof: Uint8Array[] = []
  for (;;) {
    const hashLine = nextLine(64)
    if (hashLine === undefined) return malformed('inclusion proof is truncated or has a long line')
    if (hashLine === '') break
    if (proof.length === TLOG_PROOF_MAX_HASHES) return malformed('inclusion proof is too long')
    let hash: Uint8Array
    try {
      hash = fromBase64(hashLine)
    } catch {
      return malformed(`proof hash ${proof.length + 1} is not valid base64`)
    }
    if (hash.length !== HASH_SIZE)
      return malformed(`proof hash ${proof.length + 1} is not 32 bytes`)
    proof.push(hash)
  }
  const checkpoint = text.slice(pos)
  const note = parseNote(checkpoint)
  const body = note.ok ? parseCheckpoint(note.note.text) : note
  if (!body.ok) {
    return {
      ok: false,
      code: 'LOG_CHECKPOINT_MALFORMED',
      message: `log proof: checkpoint is malformed: ${body.message}`,
    }
  }
  return { ok: true, proof: { index, ...(entry ? { entry } : {}), proof, checkpoint } }
}

/**
 * Verifies a tlog-proof: the checkpoint is signed by a trusted key (and from `origin`, when
 * given), the carried entry is the leaf at `index` in that checkpoint's tree, and the entry is a
 * canonical audit event. Never throws on hostile input.
 */
export async function verifyTlogProof(
  proof: TlogProof | Uint8Array | string,
  verifierKeys: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
  options: { origin?: string } = {},
): Promise<VerifiedTlogProof | TlogProofError> {
  let parsed: TlogProof
  if (typeof proof === 'string' || proof instanceof Uint8Array) {
    const result = parseTlogProof(proof)
    if (!result.ok) return result
    parsed = result.proof
  } else {
    // Re-parse what the caller built, so a hand-made object gets the same checks as a file.
    let text: string
    try {
      text = formatTlogProof(proof)
    } catch (e) {
      return malformed((e as Error).message)
    }
    const result = parseTlogProof(utf8(text))
    if (!result.ok) return result
    parsed = result.proof
  }
  const { entry, index } = parsed
  if (!entry) return malformed('the proof carries no entry (no extra line)')

  const opened = await openCheckpoint(parsed.checkpoint, verifierKeys, crypto, options)
  if (!opened.ok) return { ok: false, code: opened.code, message: `log proof: ${opened.message}` }
  const { checkpoint } = opened

  if (index >= checkpoint.size) {
    return {
      ok: false,
      code: 'LOG_INCLUSION_INVALID',
      message: `log proof: entry index ${index} is outside the checkpoint's tree of ${checkpoint.size} entries`,
    }
  }
  const leaf = await leafHash(entry, crypto)
  if (
    !(await verifyInclusion(
      leaf,
      index,
      checkpoint.size,
      parsed.proof,
      checkpoint.rootHash,
      crypto,
    ))
  ) {
    return {
      ok: false,
      code: 'LOG_INCLUSION_INVALID',
      message: `log proof: the entry is not at index ${index} of the signed log of ${checkpoint.size} entries (entry or proof altered)`,
    }
  }
  const decoded = decodeAuditEvent(entry)
  if (!decoded.ok)
    return { ok: false, code: decoded.code, message: `log proof: ${decoded.message}` }
  return {
    ok: true,
    entry: decoded.event,
    entryBytes: entry,
    index,
    checkpoint,
    signedBy: opened.verified,
  }
}
