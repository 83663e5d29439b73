// Bundle format v1 layout (docs/bundle-format.md).

export const BUNDLE_FORMAT_VERSION = 1
export const STATEMENT_PATH = 'statement.dsse.json'
export const SIGNOFFS_DIR = 'signoffs/'
export const FILES_DIR = 'files/'
export const PDF_PATH = 'packet.pdf'
export const SUMS_PATH = 'SHA256SUMS'
export const SUMS_SIG_PATH = 'SHA256SUMS.minisig'
export const KEYS_DIR = 'keys/'
export const LOG_DIR = 'log/'
export const STATEMENT_LOG_PROOF_PATH = 'log/statement.tlog-proof'

export const PACKET_PREDICATE_TYPE = 'https://evidence-workbench.dev/attestation/packet/v1'
export const SIGNOFF_PREDICATE_TYPE = 'https://evidence-workbench.dev/attestation/signoff/v1'
/** The sign-off subject names the statement's payload, which is what the sign-off covers. */
export const SIGNOFF_SUBJECT_NAME = 'statement.dsse.json#payload'

export type EntryKind = 'statement' | 'signoff' | 'subject' | 'sums' | 'sums-sig' | 'key' | 'log'

/** What a name is in the layout; undefined for names the format has no place for. */
export function entryKind(name: string): EntryKind | undefined {
  if (name === STATEMENT_PATH) return 'statement'
  if (name === SUMS_PATH) return 'sums'
  if (name === SUMS_SIG_PATH) return 'sums-sig'
  if (name === PDF_PATH || name.startsWith(FILES_DIR)) return 'subject'
  if (/^signoffs\/[^/]+\.dsse\.json$/.test(name)) return 'signoff'
  if (/^keys\/[^/]+\.(pem|pub)$/.test(name)) return 'key'
  if (name === STATEMENT_LOG_PROOF_PATH) return 'log'
  return undefined
}

export const signoffPath = (role: string, keyid: string): string =>
  `${SIGNOFFS_DIR}${role}.${keyid.slice(0, 16)}.dsse.json`

export const keyHintPath = (keyid: string): string => `${KEYS_DIR}${keyid.slice(0, 16)}.pem`
export const minisignKeyHintPath = (keyid: string): string =>
  `${KEYS_DIR}${keyid.slice(0, 16)}.minisign.pub`

/** SHA256SUMS lines, sorted by name, in the form `sha256sum -c` reads. */
export function formatSums(subjects: { name: string; digest: { sha256: string } }[]): string {
  return [...subjects]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => `${s.digest.sha256}  ${s.name}\n`)
    .join('')
}
