// The verification report: every check, passed or failed, with a stable code, the subject it
// concerns, a plain sentence and what to do. Codes are a public contract (docs/bundle-format.md).

export const FAILURE_CODES = {
  CONTAINER_MALFORMED: 'The file is not a readable bundle (damaged, truncated or not a zip).',
  CONTAINER_LIMIT: 'The bundle exceeds a safety limit (size, entry count or compression ratio).',
  ENTRY_UNSAFE_PATH: 'An entry has a name that could escape a folder or pose as another file.',
  ENTRY_NOT_FILE: 'An entry is a symbolic link, directory or special file.',
  ENTRY_DUPLICATE: 'Two entries have the same name.',
  ENTRY_OVERLAP: 'Entries share bytes inside the zip (a known zip-bomb trick).',
  ENTRY_ENCRYPTED: 'An entry is encrypted; bundles never are.',
  ENTRY_UNSUPPORTED: 'An entry uses a compression method bundles do not use.',
  ENTRY_CORRUPT: 'An entry cannot be read back intact (CRC error, size mismatch or bad data).',
  STATEMENT_MISSING: 'The bundle has no statement.dsse.json.',
  STATEMENT_MALFORMED: 'The statement is not a well-formed signed in-toto statement.',
  SIGNATURE_MISSING: 'The statement carries no signature.',
  SIGNATURE_INVALID: 'A signature does not match what it claims to sign.',
  KEY_UNTRUSTED: 'A signer is not in your keyring.',
  KEY_REVOKED: "A signer's key has been revoked in your keyring.",
  KEY_EXPIRED: "A signer's key was not valid at the time it signed.",
  SIGNER_MISMATCH: 'The statement names a creator other than the key that signed it.',
  SUBJECT_UNSAFE_PATH: 'The statement names a file with an unsafe path.',
  SUBJECT_DUPLICATE: 'The statement names the same file twice.',
  SUBJECT_UNEXPECTED: 'The statement names a file outside files/ and packet.pdf.',
  FILE_MISSING: 'A file the statement names is not in the bundle.',
  FILE_EXTRA: 'The bundle holds a file the statement does not name.',
  DIGEST_MISMATCH: 'A file changed after it was signed.',
  EVIDENCE_MISMATCH: 'The evidence list does not match the signed file list.',
  SUMS_MISSING: 'SHA256SUMS or its minisign signature is missing.',
  SUMS_MISMATCH: 'SHA256SUMS does not list exactly the signed files and digests.',
  SUMS_SIGNATURE_INVALID: "SHA256SUMS.minisig is not a valid signature by the packet's signer.",
  SIGNOFF_MALFORMED: 'A sign-off is not a well-formed signed statement.',
  SIGNOFF_SUBJECT_MISMATCH: 'A sign-off was made for a different packet or revision.',
  ROLE_NOT_HELD: 'A sign-off claims a role the signer does not hold in your keyring.',
  SIGNOFF_REJECTED: 'A signer rejected the packet.',
  ROLE_MISSING: "A sign-off required by the packet's template is missing.",
  TEMPLATE_UNKNOWN:
    "The packet's template is not known here, so its required roles cannot be checked.",
  PACKET_INCOMPLETE: "The signed packet does not meet its template's rules.",
  LOG_PROOF_MISSING: 'The bundle carries no audit-log inclusion proof.',
  LOG_PROOF_INVALID: 'The audit-log proof does not verify.',
  CANCELLED: 'Verification was cancelled before it finished.',
} as const

export type FailureCode = keyof typeof FAILURE_CODES

export type CheckName =
  'container' | 'statement' | 'signature' | 'files' | 'sums' | 'signoffs' | 'policy' | 'log'

export interface ReportItem {
  check: CheckName
  status: 'pass' | 'fail'
  code?: FailureCode
  /** The file, signer, role or field the item is about. */
  subject?: string
  message: string
  /** What the reader should do about a failure. */
  advice?: string
}

export interface SignoffSummary {
  role: string
  decision: 'approve' | 'reject'
  signer: string
  keyid: string
  time: string
  comment?: string
  valid: boolean
}

export interface VerificationReport {
  formatVersion: 1
  verdict: 'verified' | 'not-verified'
  packet?: {
    packetId: string
    title: string
    template: { id: string; version: string }
    partnerSource?: string
    revision?: number
    createdBy?: { name: string; keyid: string }
    createdAt?: string
  }
  statementSha256?: string
  files: number
  bytes: number
  signoffs: SignoffSummary[]
  items: ReportItem[]
}

export class ReportBuilder {
  readonly items: ReportItem[] = []
  pass(check: CheckName, message: string, subject?: string): void {
    this.items.push({
      check,
      status: 'pass',
      message,
      ...(subject !== undefined ? { subject } : {}),
    })
  }
  fail(
    check: CheckName,
    code: FailureCode,
    message: string,
    advice: string,
    subject?: string,
  ): void {
    this.items.push({
      check,
      status: 'fail',
      code,
      message,
      advice,
      ...(subject !== undefined ? { subject } : {}),
    })
  }
  get failed(): boolean {
    return this.items.some((i) => i.status === 'fail')
  }
}

export const ADVICE = {
  tampered: 'Ask the sender for a fresh copy; do not rely on this packet.',
  hostile: 'Do not open this file with other tools; ask the sender for a new bundle.',
  trust: 'If you know this signer, check the key fingerprint with them and add it to your keyring.',
  revoked: 'Ask for the packet to be signed again with a valid key.',
  missingRole: 'Ask the holder of that role to review and sign off the packet.',
  rejected: 'Read the rejection reason; the packet must be revised and signed again.',
  template: "Import the organisation's template definition, then verify again.",
} as const
