// C2SP signed notes (https://c2sp.org/signed-note), the format of Go's golang.org/x/mod/sumdb/note,
// with Ed25519 keys (signature type 0x01) only. A note is UTF-8 text ending in a newline, a blank
// line, then one or more lines "— <key name> base64(key ID ‖ signature)".
import type { CryptoProvider } from '../crypto/crypto-provider'
import { bytesEqual, concatBytes, fromBase64, toBase64, utf8 } from '../encoding/bytes'

/** Go's note.Open rejects more than 100 signatures; C2SP requires accepting at least 16. */
export const NOTE_MAX_SIGNATURES = 100
export const NOTE_MAX_BYTES = 256 * 1024
export const NOTE_MAX_LINE_BYTES = 16 * 1024

export interface NoteLimits {
  maxBytes?: number
  maxLineBytes?: number
  maxSignatures?: number
}

export type NoteErrorCode =
  /** Not a well-formed signed note (syntax, encoding, size or signature-count limits). */
  | 'NOTE_MALFORMED'
  /** A signature by a known key does not verify: the note was altered or mis-signed. */
  | 'NOTE_SIGNATURE_INVALID'
  /** Well-formed, but no signature is by a known key. */
  | 'NOTE_UNVERIFIED'
  /** A verifier key given by the caller is malformed, or two differ under one name and ID. */
  | 'NOTE_VERIFIER_KEY_INVALID'

export interface NoteError {
  ok: false
  code: NoteErrorCode
  message: string
}

export interface NoteSignature {
  name: string
  /** The 32-bit key ID (big-endian first four bytes of the signature blob). */
  keyHash: number
  /** The signature bytes after the key ID. */
  signature: Uint8Array
  /** The signature blob exactly as it appeared in the note. */
  base64: string
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  text: string
  signatures: NoteSignature[]
}

/** A trusted Ed25519 verifier key. `key` is its text form `name+hash+base64(0x01 ‖ pub)`. */
export interface NoteVerifier {
  readonly name: string
  readonly keyHash: number
  readonly publicKey: Uint8Array
  readonly key: string
}

/**
 * A note signer: a key name and either a 32-byte Ed25519 seed (RFC 8032 private key) in memory,
 * or the public key and a function that signs (a key held elsewhere).
 */
export type NoteSigner =
  | { readonly name: string; readonly seed: Uint8Array }
  | {
      readonly name: string
      readonly publicKey: Uint8Array
      sign(message: Uint8Array): Promise<Uint8Array>
    }

export interface OpenedNote {
  ok: true
  text: string
  /** Signatures by known keys, each verified (one per key). */
  verified: NoteSignature[]
  /** Signatures by keys not in the verifier set: ignored, reported so callers can show them. */
  unknown: NoteSignature[]
}

const ALG_ED25519 = 0x01
const SIG_PREFIX = '\u2014 ' // em dash, space
// Go's unicode.IsSpace is the Unicode White_Space property.
const SPACE = /\p{White_Space}/u
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// ASCII control characters other than newline are forbidden anywhere in a note.
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/ // eslint-disable-line no-control-regex
// fromUtf8 in encoding/bytes strips a leading BOM; a note must be checked byte for byte.
const noteDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

const malformed = (message: string): NoteError => ({ ok: false, code: 'NOTE_MALFORMED', message })
const keyLabel = (name: string, keyHash: number) => `${name}+${hex8(keyHash)}`
const hex8 = (n: number) => n.toString(16).padStart(8, '0')

/** A key name is non-empty and contains no Unicode space and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !SPACE.test(name) && !name.includes('+') && !LONE_SURROGATE.test(name)
}

/** Ed25519 key ID: big-endian first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey). */
export async function noteKeyHash(
  name: string,
  publicKey: Uint8Array,
  crypto: CryptoProvider,
): Promise<number> {
  const digest = await crypto.sha256(
    concatBytes(utf8(name), new Uint8Array([0x0a, ALG_ED25519]), publicKey),
  )
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0)
}

/** Builds a verifier for a 32-byte Ed25519 public key. Throws on an invalid name or key. */
export async function createNoteVerifier(
  name: string,
  publicKey: Uint8Array,
  crypto: CryptoProvider,
): Promise<NoteVerifier> {
  if (!isValidKeyName(name)) throw new Error(`invalid note key name ${JSON.stringify(name)}`)
  if (publicKey.length !== 32) throw new Error('Ed25519 public key must be 32 bytes')
  const keyHash = await noteKeyHash(name, publicKey, crypto)
  const encoded = toBase64(concatBytes(new Uint8Array([ALG_ED25519]), publicKey))
  return {
    name,
    keyHash,
    publicKey: publicKey.slice(),
    key: `${keyLabel(name, keyHash)}+${encoded}`,
  }
}

/** Parses a verifier key `name+hash+base64(0x01 ‖ pub)`, checking that the hash matches. */
export async function parseVerifierKey(
  key: string,
  crypto: CryptoProvider,
): Promise<{ ok: true; verifier: NoteVerifier } | NoteError> {
  const fail = (why: string): NoteError => ({
    ok: false,
    code: 'NOTE_VERIFIER_KEY_INVALID',
    message: `verifier key ${JSON.stringify(String(key).slice(0, 200))} ${why}`,
  })
  if (typeof key !== 'string' || key.length > 1024) return fail('is not a verifier key')
  const [name, rest] = chop(key, '+')
  const [hash16, key64] = chop(rest, '+')
  if (!isValidKeyName(name)) return fail('has an invalid name')
  if (!/^[0-9a-fA-F]{8}$/.test(hash16)) return fail('has no 8-digit hex key ID')
  let blob: Uint8Array
  try {
    blob = fromBase64(key64)
  } catch {
    return fail('has malformed base64 key data')
  }
  if (blob[0] !== ALG_ED25519) return fail('is not an Ed25519 (type 0x01) key')
  if (blob.length !== 33) return fail('has an Ed25519 key that is not 32 bytes')
  const verifier = await createNoteVerifier(name, blob.subarray(1), crypto)
  if (verifier.keyHash !== parseInt(hash16, 16)) return fail('has a key ID that does not match')
  return { ok: true, verifier: { ...verifier, key } }
}

// Splits at the first separator; without one, everything is "before" (as Go's note.chop).
function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep)
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)]
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  crypto: CryptoProvider,
): Promise<string> {
  if (!text.endsWith('\n')) throw new Error('note text must end with a newline')
  if (CONTROL.test(text)) throw new Error('note text contains a control character')
  if (LONE_SURROGATE.test(text)) throw new Error('note text is not well-formed Unicode')
  if (signers.length === 0) throw new Error('a note needs at least one signer')
  const message = utf8(text)
  let lines = ''
  for (const signer of signers) {
    const { name } = signer
    if (!isValidKeyName(name)) throw new Error(`invalid note key name ${JSON.stringify(name)}`)
    const publicKey =
      'seed' in signer ? await crypto.ed25519PublicKey(signer.seed) : signer.publicKey
    const keyHash = await noteKeyHash(name, publicKey, crypto)
    const id = new Uint8Array(4)
    new DataView(id.buffer).setUint32(0, keyHash)
    const signature =
      'seed' in signer ? await crypto.ed25519Sign(signer.seed, message) : await signer.sign(message)
    lines += `${SIG_PREFIX}${name} ${toBase64(concatBytes(id, signature))}\n`
  }
  return `${text}\n${lines}`
}

/** Parses a signed note without checking any signature. Never throws. */
export function parseNote(
  note: Uint8Array | string,
  limits: NoteLimits = {},
): { ok: true; note: ParsedNote } | NoteError {
  const maxBytes = limits.maxBytes ?? NOTE_MAX_BYTES
  const maxLine = limits.maxLineBytes ?? NOTE_MAX_LINE_BYTES
  const maxSigs = limits.maxSignatures ?? NOTE_MAX_SIGNATURES

  let s: string
  if (typeof note === 'string') {
    // Cheap bound before encoding: a UTF-16 unit never becomes more than 3 UTF-8 bytes.
    if (note.length > maxBytes) return malformed(`note is larger than ${maxBytes} bytes`)
    if (LONE_SURROGATE.test(note)) return malformed('note is not well-formed Unicode')
    s = note
    if (utf8(s).length > maxBytes) return malformed(`note is larger than ${maxBytes} bytes`)
  } else if (note instanceof Uint8Array) {
    if (note.length > maxBytes) return malformed(`note is larger than ${maxBytes} bytes`)
    try {
      s = noteDecoder.decode(note)
    } catch {
      return malformed('note is not valid UTF-8')
    }
  } else {
    return malformed('note is neither text nor bytes')
  }

  if (CONTROL.test(s)) return malformed('note contains a control character other than newline')
  const split = s.lastIndexOf('\n\n')
  if (split < 0) return malformed('note has no blank line before its signatures')
  const text = s.slice(0, split + 1)
  const block = s.slice(split + 2)
  if (block === '' || !block.endsWith('\n')) {
    return malformed('note signatures must follow the blank line and end with a newline')
  }
  for (const line of s.split('\n')) {
    if (line.length > maxLine / 3 && utf8(line).length > maxLine) {
      return malformed(`note has a line longer than ${maxLine} bytes`)
    }
  }

  const lines = block.slice(0, -1).split('\n')
  if (lines.length > maxSigs) return malformed(`note has more than ${maxSigs} signatures`)
  const signatures: NoteSignature[] = []
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return malformed('note has a line that is not a signature')
    const [name, b64] = chop(line.slice(SIG_PREFIX.length), ' ')
    if (!isValidKeyName(name)) return malformed('note signature has an invalid key name')
    let blob: Uint8Array
    try {
      blob = fromBase64(b64)
    } catch {
      return malformed(`note signature by ${name} is not valid base64`)
    }
    if (blob.length < 5) return malformed(`note signature by ${name} is too short`)
    const keyHash = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0)
    signatures.push({ name, keyHash, signature: blob.slice(4), base64: b64 })
  }
  return { ok: true, note: { text, signatures } }
}

/**
 * Parses a note and checks it against known verifiers, as C2SP requires: signatures by unknown
 * keys are ignored (and reported in `unknown`); every signature by a known key must verify; at
 * least one must. Never throws on hostile note input.
 */
export async function openNote(
  note: Uint8Array | string,
  verifiers: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
  limits: NoteLimits = {},
): Promise<OpenedNote | (NoteError & { unknown?: NoteSignature[] })> {
  const known = new Map<string, NoteVerifier>()
  for (const v of verifiers) {
    let verifier: NoteVerifier
    if (typeof v === 'string') {
      const parsed = await parseVerifierKey(v, crypto)
      if (!parsed.ok) return parsed
      verifier = parsed.verifier
    } else {
      verifier = v
    }
    const id = keyLabel(verifier.name, verifier.keyHash)
    const other = known.get(id)
    if (other && !bytesEqual(other.publicKey, verifier.publicKey)) {
      return {
        ok: false,
        code: 'NOTE_VERIFIER_KEY_INVALID',
        message: `two different verifier keys share the name and ID ${id}`,
      }
    }
    known.set(id, verifier)
  }

  const parsed = parseNote(note, limits)
  if (!parsed.ok) return parsed
  const { text, signatures } = parsed.note
  const message = utf8(text)
  const verified: NoteSignature[] = []
  const unknown: NoteSignature[] = []
  const seen = new Set<string>()
  for (const sig of signatures) {
    const id = keyLabel(sig.name, sig.keyHash)
    const verifier = known.get(id)
    if (!verifier) {
      // Drop repeated identical unknown signatures, as Go does.
      if (!unknown.some((u) => u.name === sig.name && u.base64 === sig.base64)) unknown.push(sig)
      continue
    }
    let valid = false
    try {
      valid = await crypto.ed25519Verify(verifier.publicKey, message, sig.signature)
    } catch {
      valid = false
    }
    if (!valid) {
      return {
        ok: false,
        code: 'NOTE_SIGNATURE_INVALID',
        message: `the signature by key ${id} does not verify: the note was changed after signing or the signature is corrupt`,
      }
    }
    if (!seen.has(id)) {
      seen.add(id)
      verified.push(sig)
    }
  }
  if (verified.length === 0) {
    const names = unknown.map((u) => keyLabel(u.name, u.keyHash)).join(', ')
    return {
      ok: false,
      code: 'NOTE_UNVERIFIED',
      message: `the note is signed by no trusted key (signed by: ${names})`,
      unknown,
    }
  }
  return { ok: true, text, verified, unknown }
}
