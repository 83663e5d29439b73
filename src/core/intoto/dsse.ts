// DSSE v1 envelopes (https://github.com/secure-systems-lab/dsse/blob/master/protocol.md).
// The signature covers PAE(payloadType, payload); verifiers check the exact payload bytes and
// never re-serialise them.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { concatBytes, fromBase64, toBase64, utf8 } from '../encoding/bytes'
import { canonicalize, jsonText, parseJsonStrict, type JsonValue } from '../json/canonical-json'

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

export interface DsseSignature {
  keyid: string
  sig: string
}

export interface DsseEnvelope {
  payloadType: string
  payload: string
  signatures: DsseSignature[]
}

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType)
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload)
}

export interface Signer {
  keyid: string
  sign(message: Uint8Array): Promise<Uint8Array>
}

export async function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  signers: Signer[],
): Promise<DsseEnvelope> {
  const message = pae(payloadType, payload)
  const signatures: DsseSignature[] = []
  for (const s of signers) signatures.push({ keyid: s.keyid, sig: toBase64(await s.sign(message)) })
  return { payloadType, payload: toBase64(payload), signatures }
}

/** The one form bundles hold an envelope in: RFC 8785 JSON and one newline. */
export const envelopeText = (envelope: DsseEnvelope): string => `${canonicalize(envelope)}\n`

export const envelopeBytes = (envelope: DsseEnvelope): Uint8Array => utf8(envelopeText(envelope))

export type ParsedEnvelope =
  | {
      ok: true
      envelope: DsseEnvelope
      payload: Uint8Array
      message: Uint8Array
      /** The envelope's bytes as text (they are valid UTF-8). */
      text: string
    }
  | { ok: false; reason: string }

const isString = (v: unknown): v is string => typeof v === 'string'

/** Parses an envelope strictly: exact members, base64 that decodes, no duplicate keys. */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  let json: JsonValue
  let text: string
  try {
    text = jsonText(bytes)
    json = parseJsonStrict(text)
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${(e as Error).message}` }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'not a JSON object' }
  }
  const { payloadType, payload, signatures } = json as Record<string, JsonValue>
  const extra = Object.keys(json).filter(
    (k) => !['payloadType', 'payload', 'signatures'].includes(k),
  )
  if (extra.length) return { ok: false, reason: `unexpected member "${extra[0]}"` }
  if (!isString(payloadType) || !isString(payload) || !Array.isArray(signatures)) {
    return { ok: false, reason: 'payloadType, payload and signatures are required' }
  }
  const sigs: DsseSignature[] = []
  for (const s of signatures) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      return { ok: false, reason: 'a signature is not an object' }
    }
    const { keyid, sig } = s as Record<string, JsonValue>
    if (!isString(keyid) || !isString(sig))
      return { ok: false, reason: 'signature needs keyid and sig' }
    sigs.push({ keyid, sig })
  }
  let payloadBytes: Uint8Array
  try {
    payloadBytes = fromBase64(payload)
  } catch {
    return { ok: false, reason: 'payload is not valid base64' }
  }
  return {
    ok: true,
    envelope: { payloadType, payload, signatures: sigs },
    payload: payloadBytes,
    message: pae(payloadType, payloadBytes),
    text,
  }
}

/** Checks one signature over the envelope's PAE; false for malformed base64 or key. */
export async function verifyEnvelopeSignature(
  crypto: CryptoProvider,
  message: Uint8Array,
  signature: DsseSignature,
  publicKey: Uint8Array,
): Promise<boolean> {
  let sig: Uint8Array
  try {
    sig = fromBase64(signature.sig)
  } catch {
    return false
  }
  return crypto.ed25519Verify(publicKey, message, sig)
}
