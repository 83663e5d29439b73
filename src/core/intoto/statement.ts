// in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md).
import type { JsonValue } from '../json/canonical-json'

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'

export interface ResourceDescriptor {
  name: string
  digest: { sha256: string }
}

export interface Statement<P = Record<string, JsonValue>> {
  _type: typeof STATEMENT_TYPE
  subject: ResourceDescriptor[]
  predicateType: string
  predicate: P
}

const SHA256_HEX = /^[0-9a-f]{64}$/

/** Checks the generic Statement shape; predicate contents are checked by their own readers. */
export function statementShapeError(value: JsonValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object'
  const s = value as Record<string, JsonValue>
  if (s._type !== STATEMENT_TYPE) return `_type is not ${STATEMENT_TYPE}`
  if (typeof s.predicateType !== 'string') return 'predicateType missing'
  if (typeof s.predicate !== 'object' || s.predicate === null || Array.isArray(s.predicate)) {
    return 'predicate is not an object'
  }
  if (!Array.isArray(s.subject)) return 'subject is not a list'
  for (const [i, d] of s.subject.entries()) {
    if (typeof d !== 'object' || d === null || Array.isArray(d))
      return `subject[${i}] is not an object`
    const { name, digest } = d as Record<string, JsonValue>
    if (typeof name !== 'string') return `subject[${i}] has no name`
    if (typeof digest !== 'object' || digest === null || Array.isArray(digest)) {
      return `subject[${i}] has no digest`
    }
    const sha = (digest as Record<string, JsonValue>).sha256
    if (typeof sha !== 'string' || !SHA256_HEX.test(sha)) {
      return `subject[${i}] has no lowercase hex sha256 digest`
    }
  }
  return undefined
}
