// The verification report: every check, passed or failed, with a stable code, the subject it
// concerns, a plain sentence and what to do. Codes are a public contract (docs/bundle-format.md).

/** What a failure means for the person reading the report, and what they should do. */
export interface FailureGuide {
  meaning: string
  action: string
}

const HOSTILE =
  'Treat the file as hostile: do not extract it or open it with other tools; tell the sender.'
const FRESH_COPY = 'Ask the sender for a fresh copy; do not rely on this packet.'
const NEW_BUNDLE = 'Ask the sender for a bundle made by the workbench.'

/**
 * Every failure code with its meaning and what to do: the one source of this text. The CLI and
 * the Verify screen show it; docs/verification-failures.md repeats it word for word (a unit test
 * keeps the two identical).
 */
export const FAILURE_GUIDE = {
  CONTAINER_MALFORMED: {
    meaning:
      'The file is not a readable bundle: damaged in transit, cut short, or not a bundle at all.',
    action: 'Ask the sender for the file again and check that it was copied completely.',
  },
  CONTAINER_LIMIT: {
    meaning:
      'The bundle goes past a safety limit: too many entries, too large, or a compression ratio typical of zip bombs.',
    action: HOSTILE,
  },
  ENTRY_UNSAFE_PATH: {
    meaning:
      'A name inside could escape a folder when extracted (a .. segment, a leading /, a drive letter, a backslash) or pose as another file.',
    action: HOSTILE,
  },
  ENTRY_NOT_FILE: {
    meaning:
      'The bundle holds a symbolic link, a folder or a special file; bundles hold plain files only.',
    action: HOSTILE,
  },
  ENTRY_DUPLICATE: {
    meaning: 'Two entries have the same name, so different tools could show different content.',
    action: HOSTILE,
  },
  ENTRY_OVERLAP: {
    meaning: 'Entries share bytes inside the zip, a trick used by zip bombs.',
    action: HOSTILE,
  },
  ENTRY_ENCRYPTED: {
    meaning: 'An entry is encrypted; bundles never are.',
    action: NEW_BUNDLE,
  },
  ENTRY_UNSUPPORTED: {
    meaning: 'An entry is compressed in a way bundles never are.',
    action: NEW_BUNDLE,
  },
  ENTRY_CORRUPT: {
    meaning: 'An entry cannot be read back intact: its data is damaged.',
    action: FRESH_COPY,
  },
  STATEMENT_MISSING: {
    meaning:
      'The signed description of the packet (statement.dsse.json) is missing, so nothing in the bundle is signed.',
    action: FRESH_COPY,
  },
  STATEMENT_MALFORMED: {
    meaning:
      'The signed description of the packet is not well-formed, so nothing in the bundle can be checked.',
    action: FRESH_COPY,
  },
  SIGNATURE_MISSING: {
    meaning: 'The packet statement carries no signature.',
    action: FRESH_COPY,
  },
  SIGNATURE_INVALID: {
    meaning:
      'A signature does not match what it signs: the content was changed after it was signed.',
    action: FRESH_COPY,
  },
  KEY_UNTRUSTED: {
    meaning:
      "A signer's key is not in your keyring. The bundle may carry the key, but that proves nothing.",
    action:
      'If you know the signer, compare the key fingerprint with them by another channel, then add their key with their roles to your keyring (in the app: Keys; on the command line: evw keyring add) and verify again.',
  },
  KEY_REVOKED: {
    meaning: "A signer's key has been revoked in your keyring (lost, stolen, or the person left).",
    action: 'Ask for the packet to be signed again with a valid key.',
  },
  KEY_EXPIRED: {
    meaning:
      "A signature claims a time outside the signer's validity in your keyring, or in the future.",
    action: 'Ask for it to be signed again with a current key.',
  },
  SIGNER_MISMATCH: {
    meaning:
      'The statement names a creator who did not sign it, or a sign-off is not signed by the person it names.',
    action: FRESH_COPY,
  },
  SUBJECT_UNSAFE_PATH: {
    meaning: 'The signed file list names a file with an unsafe path.',
    action: HOSTILE,
  },
  SUBJECT_DUPLICATE: {
    meaning: 'The signed file list names the same file twice.',
    action: FRESH_COPY,
  },
  SUBJECT_UNEXPECTED: {
    meaning: 'The signed file list names a file outside files/ and packet.pdf.',
    action: FRESH_COPY,
  },
  FILE_MISSING: {
    meaning: 'A signed file is not in the bundle.',
    action: 'Ask the sender for the complete bundle.',
  },
  FILE_EXTRA: {
    meaning: 'The bundle holds a file nobody signed.',
    action: 'Do not use the extra content; ask the sender for a clean copy.',
  },
  DIGEST_MISMATCH: {
    meaning: 'A file changed after it was signed. The report names the file and both digests.',
    action: FRESH_COPY,
  },
  EVIDENCE_MISMATCH: {
    meaning: 'The evidence list (names, digests, sizes) does not match the signed files.',
    action: FRESH_COPY,
  },
  SUMS_MISSING: {
    meaning: 'The checksum file for standard tools (SHA256SUMS) or its signature is missing.',
    action: FRESH_COPY,
  },
  SUMS_MISMATCH: {
    meaning: 'The checksum file does not list exactly the signed files and their digests.',
    action: FRESH_COPY,
  },
  SUMS_SIGNATURE_INVALID: {
    meaning:
      "The checksum file is not signed by the packet's creator with a key your keyring trusts.",
    action: FRESH_COPY,
  },
  SIGNOFF_MALFORMED: {
    meaning: 'A sign-off file is malformed or misnamed.',
    action: 'Ask the signer to sign off again.',
  },
  SIGNOFF_SUBJECT_MISMATCH: {
    meaning:
      'A sign-off was made for another packet or another revision of this one (for example copied from an older bundle).',
    action: 'Ask the role holder to review this revision and sign off.',
  },
  ROLE_NOT_HELD: {
    meaning: 'Someone signed in a role your keyring does not give them.',
    action:
      "If they hold the role, add it to their entry in your keyring; otherwise get the right person's sign-off.",
  },
  SIGNOFF_REJECTED: {
    meaning: 'A role holder rejected the packet; the report quotes their reason.',
    action: 'Read the reason: the packet must be revised and signed again.',
  },
  ROLE_MISSING: {
    meaning: "The packet's template requires an approval from a role that has none that verifies.",
    action: 'Ask the holder of that role to review the packet and sign off.',
  },
  TEMPLATE_UNKNOWN: {
    meaning:
      'The packet uses a template (or version) this workbench does not know, so its required roles cannot be checked.',
    action: "Import your organisation's template definition, then verify again.",
  },
  PACKET_INCOMPLETE: {
    meaning:
      "The signed packet breaks its template's rules: a required field is empty, evidence had already expired when it was signed, and so on.",
    action: 'Ask the sender to complete the packet and sign it again.',
  },
  LOG_PROOF_MISSING: {
    meaning: "There is no proof that the export was recorded in the signer's audit log.",
    action: 'Ask the sender for a fresh export.',
  },
  LOG_PROOF_INVALID: {
    meaning: "The proof that the export was recorded in the signer's audit log does not verify.",
    action: 'Ask the sender for a fresh export.',
  },
  CANCELLED: {
    meaning: 'You stopped the verification before it finished; nothing was concluded.',
    action: 'Run the verification again to get a verdict.',
  },
} as const satisfies Record<string, FailureGuide>

export type FailureCode = keyof typeof FAILURE_GUIDE

/** Every failure code, in the order of the guide. */
export const FAILURE_CODES = Object.keys(FAILURE_GUIDE) as FailureCode[]

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
  /** Records a failure; its advice is the code's action from FAILURE_GUIDE. */
  fail(check: CheckName, code: FailureCode, message: string, subject?: string): void {
    this.items.push({
      check,
      status: 'fail',
      code,
      message,
      advice: FAILURE_GUIDE[code].action,
      ...(subject !== undefined ? { subject } : {}),
    })
  }
  get failed(): boolean {
    return this.items.some((i) => i.status === 'fail')
  }
}
