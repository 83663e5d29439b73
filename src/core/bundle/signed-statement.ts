// Reads a DSSE-wrapped in-toto statement of an expected predicate type, strictly.
import {
  envelopeText,
  IN_TOTO_PAYLOAD_TYPE,
  parseEnvelope,
  type DsseEnvelope,
} from '../intoto/dsse'
import { statementShapeError, type ResourceDescriptor } from '../intoto/statement'
import { parseJsonBytes, type JsonValue } from '../json/canonical-json'

export type SignedStatement = {
  envelope: DsseEnvelope
  /** The exact signed payload bytes and the PAE message the signatures cover. */
  payload: Uint8Array
  message: Uint8Array
  subject: ResourceDescriptor[]
  predicate: Record<string, JsonValue>
}

export function parseSignedStatement(
  bytes: Uint8Array,
  predicateType: string,
): { ok: true; statement: SignedStatement } | { ok: false; reason: string } {
  const env = parseEnvelope(bytes)
  if (!env.ok) return env
  // Bundles hold envelopes in one exact form, so that every byte of a verified bundle is fixed.
  if (env.text !== envelopeText(env.envelope)) {
    return {
      ok: false,
      reason: 'the envelope is not in canonical form (RFC 8785 JSON and one newline)',
    }
  }
  if (env.envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return { ok: false, reason: `payloadType is not ${IN_TOTO_PAYLOAD_TYPE}` }
  }
  let json: JsonValue
  try {
    json = parseJsonBytes(env.payload)
  } catch (e) {
    return { ok: false, reason: `the signed payload is not strict JSON (${(e as Error).message})` }
  }
  const shape = statementShapeError(json)
  if (shape) return { ok: false, reason: shape }
  const s = json as unknown as {
    subject: ResourceDescriptor[]
    predicateType: string
    predicate: Record<string, JsonValue>
  }
  if (s.predicateType !== predicateType)
    return { ok: false, reason: `predicateType is not ${predicateType}` }
  return {
    ok: true,
    statement: {
      envelope: env.envelope,
      payload: env.payload,
      message: env.message,
      subject: s.subject,
      predicate: s.predicate,
    },
  }
}
