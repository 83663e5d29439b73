// Shape checks for stored workspace records. Opening a workspace runs them over its tables so
// a damaged database is reported (and left alone) instead of half-working; the schema's
// upgrade functions run them before migrating a record.
import {
  CLASSIFICATIONS,
  EVIDENCE_KINDS,
  PACKET_STATUSES,
  SLA_TIERS,
  SOURCE_STATUSES,
} from './records'

/** What is wrong with a record, as a sentence, or undefined when it looks right. */
export type RecordCheck = (value: unknown) => string | undefined

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

type Want = 'string' | 'number' | 'boolean' | 'array' | 'object' | readonly string[]

function check(
  what: string,
  required: Record<string, Want>,
  optional: Record<string, Want> = {},
): RecordCheck {
  const fits = (v: unknown, want: Want): boolean => {
    if (Array.isArray(want)) return typeof v === 'string' && want.includes(v)
    if (want === 'array') return Array.isArray(v)
    if (want === 'object') return isObject(v)
    return typeof v === want
  }
  const describe = (want: Want) =>
    Array.isArray(want) ? `one of ${want.join(', ')}` : `a${want === 'array' ? 'n' : ''} ${want}`
  // Listed once: a workspace can hold 100,000 records of one kind to check.
  const requiredFields = Object.entries(required)
  const optionalFields = Object.entries(optional)
  return (value) => {
    if (!isObject(value)) return `is not ${what} record (not an object)`
    for (const [k, want] of requiredFields) {
      if (!(k in value)) return `is missing “${k}”`
      if (!fits(value[k], want)) return `has “${k}” that is not ${describe(want)}`
    }
    for (const [k, want] of optionalFields) {
      if (value[k] !== undefined && !fits(value[k], want))
        return `has “${k}” that is not ${describe(want)}`
    }
    return undefined
  }
}

export const checkPartnerSource = check(
  'a partner source',
  {
    id: 'string',
    name: 'string',
    owner: 'string',
    slaTier: SLA_TIERS,
    status: SOURCE_STATUSES,
    createdAt: 'string',
    updatedAt: 'string',
  },
  { notes: 'string' },
)

export const checkPacket = check(
  'a packet',
  {
    id: 'string',
    templateId: 'string',
    templateVersion: 'string',
    title: 'string',
    status: PACKET_STATUSES,
    revision: 'number',
    fields: 'object',
    evidence: 'array',
    createdAt: 'string',
    createdBy: 'string',
    updatedAt: 'string',
  },
  {
    partnerSourceId: 'string',
    rejectionReason: 'string',
    copiedFrom: 'string',
    receivedFrom: 'object',
  },
)

export const checkPacketRevision = check('a packet revision', {
  packetId: 'string',
  revision: 'number',
  version: 'number',
  savedAt: 'string',
  title: 'string',
  fields: 'object',
  evidence: 'array',
  status: PACKET_STATUSES,
})

export const checkEvidence = check(
  'an evidence',
  {
    sha256: 'string',
    size: 'number',
    mimeType: 'string',
    fileName: 'string',
    title: 'string',
    kind: EVIDENCE_KINDS,
    tags: 'array',
    classification: CLASSIFICATIONS,
    addedAt: 'string',
  },
  { partnerSourceId: 'string', expires: 'string', effectiveDate: 'string', folder: 'string' },
)

export const checkMeta = check('a workspace', {
  key: 'string',
  name: 'string',
  isDemo: 'boolean',
  createdAt: 'string',
})

/** The checks per table; tables not listed (blobs) are not read when a workspace opens. */
export const RECORD_CHECKS: Readonly<Record<string, RecordCheck>> = {
  meta: checkMeta,
  partnerSources: checkPartnerSource,
  packets: checkPacket,
  packetRevisions: checkPacketRevision,
  evidence: checkEvidence,
}
