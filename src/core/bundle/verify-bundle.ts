// The bundle verifier: a plain function of the bundle bytes, the verifier's keyring and the
// template policy, returning an itemised report. "verified" only when every check ran and
// passed; any exception, cancellation or skipped check is "not-verified".
import { chunkHasher } from '../crypto/chunk-hasher'
import type { CryptoProvider } from '../crypto/crypto-provider'
import { fromBase64, fromUtf8, toHex } from '../encoding/bytes'
import { verifyEnvelopeSignature } from '../intoto/dsse'
import type { ResourceDescriptor } from '../intoto/statement'
import type { JsonValue } from '../json/canonical-json'
import { keyIdOf } from '../keys/keyid'
import { evaluateKey, type Keyring, type KeyringEntry } from '../keys/keyring'
import { minisignPublicKey, minisignVerify } from '../crypto/minisign'
import { publicKeyFromPem, publicKeyToPem } from '../crypto/ed25519-der'
import type { PacketDocument, TemplateRef } from '../templates/packet'
import {
  CancelledError,
  throwIfAborted,
  type ProgressListener,
  type RandomAccessSource,
} from './byte-io'
import {
  entryKind,
  FILES_DIR,
  PACKET_PREDICATE_TYPE,
  PDF_PATH,
  formatSums,
  keyHintPath,
  minisignKeyHintPath,
  SIGNOFF_PREDICATE_TYPE,
  SIGNOFF_SUBJECT_NAME,
  signoffPath,
  STATEMENT_LOG_PROOF_PATH,
  STATEMENT_PATH,
  SUMS_PATH,
  SUMS_SIG_PATH,
} from './layout'
import { checkStatementLogProof } from './log-proof-check'
import { unsafePathReason } from './paths'
import { parseSignedStatement } from './signed-statement'
import type { PacketPredicate, SignoffPredicate } from './predicates'
import { ReportBuilder, type SignoffSummary, type VerificationReport } from './report'
import {
  DEFAULT_LIMITS,
  EntryTooLargeError,
  openContainer,
  overlappingEntries,
  readEntryBytes,
  streamEntry,
  type ContainerEntry,
  type ContainerLimits,
} from './zip-container'

/** What the organisation requires of a packet, from its templates. */
export interface VerifyPolicy {
  /** Required approving roles for a template, or undefined when the template is unknown. */
  requiredRoles(template: TemplateRef): string[] | undefined
  /** Rule violations of the signed packet against its template, as of when it was signed. */
  packetIssues?(packet: PacketDocument, signedAt: Date): { path: string; message: string }[]
}

export interface VerifyOptions {
  crypto: CryptoProvider
  keyring: Keyring
  policy: VerifyPolicy
  now?: Date
  limits?: Partial<ContainerLimits>
  signal?: AbortSignal
  onProgress?: ProgressListener
}

const short = (hex: string) => `${hex.slice(0, 12)}…`

/** An error's message, and its cause's where a library wrapped one (zip.js does). */
function reasonOf(e: unknown): string {
  const message = (e as Error).message
  const cause = (e as { cause?: unknown }).cause
  return cause instanceof Error && cause.message && cause.message !== message
    ? `${message} (${cause.message})`
    : message
}

type Obj = Record<string, JsonValue>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'

function predicateError(p: Obj): string | undefined {
  if (p.bundleFormat !== 1) return 'unsupported bundleFormat (this verifier reads format 1)'
  const pk = p.packet
  if (!isObj(pk) || !isStr(pk.packetId) || !isStr(pk.title) || !isObj(pk.fields)) {
    return 'predicate.packet needs packetId, title and fields'
  }
  if (!isObj(pk.template) || !isStr(pk.template.id) || !isStr(pk.template.version)) {
    return 'predicate.packet.template needs id and version'
  }
  if (typeof pk.revision !== 'number' || !Number.isInteger(pk.revision)) return 'revision missing'
  if (
    !Array.isArray(p.evidence) ||
    !p.evidence.every(
      (e) =>
        isObj(e) && isStr(e.name) && isStr(e.sha256) && typeof e.size === 'number' && isStr(e.role),
    )
  ) {
    return 'predicate.evidence must list name, role, sha256 and size for each file'
  }
  if (!isObj(p.createdBy) || !isStr(p.createdBy.keyid) || !isStr(p.createdBy.name)) {
    return 'predicate.createdBy needs name and keyid'
  }
  if (!isStr(p.createdAt) || Number.isNaN(Date.parse(p.createdAt))) return 'createdAt is not a date'
  if (!isObj(p.log) || !isStr(p.log.origin)) return 'predicate.log.origin missing'
  return undefined
}

function signoffPredicateError(p: Obj): string | undefined {
  if (!isStr(p.packetId) || typeof p.revision !== 'number') return 'packetId and revision required'
  if (!isStr(p.role) || (p.decision !== 'approve' && p.decision !== 'reject')) {
    return 'role and decision (approve or reject) required'
  }
  if (!isObj(p.signer) || !isStr(p.signer.keyid) || !isStr(p.signer.name)) return 'signer required'
  if (!isStr(p.time) || Number.isNaN(Date.parse(p.time))) return 'time is not a date'
  if (p.comment !== undefined && !isStr(p.comment)) return 'comment must be text'
  return undefined
}

export async function verifyBundle(
  source: RandomAccessSource,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const r = new ReportBuilder()
  const report: VerificationReport = {
    formatVersion: 1,
    verdict: 'not-verified',
    files: 0,
    bytes: 0,
    signoffs: [],
    items: r.items,
  }
  try {
    const completed = await runChecks(source, options, r, report)
    report.verdict = completed && !r.failed ? 'verified' : 'not-verified'
  } catch (e) {
    if (e instanceof CancelledError || options.signal?.aborted) {
      r.fail('container', 'CANCELLED', 'Verification was cancelled; nothing was concluded.')
    } else {
      r.fail(
        'container',
        'CONTAINER_MALFORMED',
        `Verification stopped on unreadable data: ${(e as Error).message}`,
      )
    }
    report.verdict = 'not-verified'
  }
  return report
}

/** Returns true only when every check ran to its end. */
async function runChecks(
  source: RandomAccessSource,
  options: VerifyOptions,
  r: ReportBuilder,
  report: VerificationReport,
): Promise<boolean> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const now = options.now ?? new Date()

  // 1. Container: read the central directory and refuse hostile archives before any data.
  let container: Awaited<ReturnType<typeof openContainer>>
  try {
    container = await openContainer(source)
  } catch (e) {
    // zip.js names the ambiguity of an ambiguous archive in `reason`.
    const reason = (e as { reason?: unknown }).reason
    const why = `${(e as Error).message}${typeof reason === 'string' ? ` (${reason})` : ''}`
    if (reason === 'duplicate filename') {
      r.fail(
        'container',
        'ENTRY_DUPLICATE',
        'Two entries in the zip have the same name; a reader could see either copy.',
      )
    } else {
      r.fail('container', 'CONTAINER_MALFORMED', `This is not a readable bundle: ${why}.`)
    }
    return false
  }
  try {
    return await checkContainer(container.entries, options, limits, now, r, report)
  } finally {
    await container.close().catch(() => undefined)
  }
}

async function checkContainer(
  entries: ContainerEntry[],
  options: VerifyOptions,
  limits: ContainerLimits,
  now: Date,
  r: ReportBuilder,
  report: VerificationReport,
): Promise<boolean> {
  const { crypto, keyring, signal, onProgress: progress } = options
  throwIfAborted(signal)
  if (entries.length > limits.maxEntries) {
    r.fail(
      'container',
      'CONTAINER_LIMIT',
      `The bundle has ${entries.length} entries; the limit is ${limits.maxEntries}.`,
    )
    return false
  }
  let totalDeclared = 0
  let hostile = false
  const byName = new Map<string, ContainerEntry>()
  for (const e of entries) {
    const label = e.name ?? `(entry with non-UTF-8 name ${toHex(e.rawName.subarray(0, 32))})`
    totalDeclared += e.uncompressedSize
    const why = e.name === undefined ? 'name is not valid UTF-8' : unsafePathReason(e.name)
    if (why) {
      r.fail(
        'container',
        'ENTRY_UNSAFE_PATH',
        `${JSON.stringify(label)} is refused: ${why}.`,
        label,
      )
      continue
    }
    const name = e.name!
    if (e.fileType !== 'file') {
      r.fail(
        'container',
        'ENTRY_NOT_FILE',
        `${name} is a ${e.fileType === 'other' ? 'special file' : e.fileType}, not a regular file.`,
        name,
      )
      continue
    }
    if (e.encrypted) {
      r.fail('container', 'ENTRY_ENCRYPTED', `${name} is encrypted.`, name)
      continue
    }
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
      r.fail(
        'container',
        'ENTRY_UNSUPPORTED',
        `${name} uses compression method ${e.compressionMethod}; bundles use only stored (0) or deflate (8).`,
        name,
      )
      continue
    }
    if (e.uncompressedSize > limits.maxEntryUncompressed) {
      r.fail(
        'container',
        'CONTAINER_LIMIT',
        `${name} declares ${e.uncompressedSize} bytes; the limit for one file is ${limits.maxEntryUncompressed}.`,
        name,
      )
      hostile = true
      continue
    }
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize)
    if (e.compressionMethod === 8 && e.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) {
      r.fail(
        'container',
        'CONTAINER_LIMIT',
        `${name} expands ${Math.round(ratio)}-fold; the limit is ${limits.maxRatio} (zip-bomb guard).`,
        name,
      )
      hostile = true
      continue
    }
    byName.set(name, e)
  }
  if (totalDeclared > limits.maxTotalUncompressed) {
    r.fail(
      'container',
      'CONTAINER_LIMIT',
      `The bundle declares ${totalDeclared} bytes in all; the limit is ${limits.maxTotalUncompressed}.`,
    )
    hostile = true
  }
  for (const e of overlappingEntries(entries)) {
    r.fail(
      'container',
      'ENTRY_OVERLAP',
      `${e.name ?? 'An entry'} overlaps another entry's data.`,
      e.name,
    )
    hostile = true
  }
  if (hostile) return false
  if (!r.failed)
    r.pass('container', `The zip container is well-formed (${entries.length} entries).`)

  const readSmall = async (e: ContainerEntry, name: string): Promise<Uint8Array | undefined> => {
    try {
      return await readEntryBytes(e, Math.min(limits.maxMetadataBytes, e.uncompressedSize), signal)
    } catch (err) {
      if (err instanceof CancelledError || signal?.aborted) throw new CancelledError()
      if (err instanceof EntryTooLargeError || e.uncompressedSize > limits.maxMetadataBytes) {
        r.fail(
          'container',
          'CONTAINER_LIMIT',
          `${name} is larger than it declares or than ${limits.maxMetadataBytes} bytes.`,
          name,
        )
      } else {
        r.fail(
          'container',
          'ENTRY_CORRUPT',
          `${name} cannot be read intact: ${reasonOf(err)}.`,
          name,
        )
      }
      return undefined
    }
  }

  // 2. Statement.
  const statementEntry = byName.get(STATEMENT_PATH)
  if (!statementEntry) {
    r.fail(
      'statement',
      'STATEMENT_MISSING',
      'The bundle has no statement.dsse.json, so nothing in it is signed.',
      STATEMENT_PATH,
    )
    return false
  }
  const statementBytes = await readSmall(statementEntry, STATEMENT_PATH)
  if (!statementBytes) return false
  const malformed = (why: string) => {
    r.fail(
      'statement',
      'STATEMENT_MALFORMED',
      `statement.dsse.json is malformed: ${why}.`,
      STATEMENT_PATH,
    )
    return false
  }
  const parsed = parseSignedStatement(statementBytes, PACKET_PREDICATE_TYPE)
  if (!parsed.ok) return malformed(parsed.reason)
  const statement = parsed.statement
  const predErr = predicateError(statement.predicate)
  if (predErr) return malformed(predErr)
  const predicate = statement.predicate as unknown as PacketPredicate
  const statementSha256 = toHex(await crypto.sha256(statement.payload))
  report.statementSha256 = statementSha256
  report.packet = {
    packetId: predicate.packet.packetId,
    title: predicate.packet.title,
    template: predicate.packet.template,
    ...(predicate.packet.partnerSource !== undefined
      ? { partnerSource: predicate.packet.partnerSource }
      : {}),
    revision: predicate.packet.revision,
    createdBy: predicate.createdBy,
    createdAt: predicate.createdAt,
  }
  r.pass(
    'statement',
    `The statement is a well-formed in-toto statement (sha256 ${short(statementSha256)}).`,
    STATEMENT_PATH,
  )

  // 3. Statement signatures: every one must be valid and trusted; the creator must have signed.
  const createdAt = new Date(predicate.createdAt)
  const checkSigner = async (
    check: 'signature' | 'signoffs',
    keyid: string,
    signedAt: Date,
    message: Uint8Array,
    sig: { keyid: string; sig: string },
    what: string,
  ): Promise<KeyringEntry | undefined> => {
    const trust = evaluateKey(keyring, keyid, signedAt)
    if (trust.status === 'untrusted') {
      const hint = byName.has(`keys/${keyid.slice(0, 16)}.pem`)
        ? ' The bundle carries this key as a hint, but trust comes only from your keyring.'
        : ''
      r.fail(
        check,
        'KEY_UNTRUSTED',
        `${what} was signed by key ${short(keyid)}, which is not in your keyring.${hint}`,
        keyid,
      )
      return undefined
    }
    if ((await keyIdOf(crypto, trust.publicKey)) !== keyid) {
      r.fail(
        check,
        'KEY_UNTRUSTED',
        `Your keyring's entry for ${short(keyid)} holds a different public key; the keyring is damaged. Re-import the key from a trusted source.`,
        keyid,
      )
      return undefined
    }
    if (!(await verifyEnvelopeSignature(crypto, message, sig, trust.publicKey))) {
      r.fail(
        check,
        'SIGNATURE_INVALID',
        `${what}: the signature by ${trust.entry.name} (${short(keyid)}) does not match the signed content.`,
        keyid,
      )
      return undefined
    }
    if (trust.status === 'revoked') {
      r.fail(
        check,
        'KEY_REVOKED',
        `${what} was signed by ${trust.entry.name}, whose key was revoked on ${trust.entry.revoked?.at} (${trust.entry.revoked?.reason}).`,
        keyid,
      )
      return undefined
    }
    if (trust.status !== 'trusted') {
      r.fail(
        check,
        'KEY_EXPIRED',
        `${what} was signed by ${trust.entry.name} at ${signedAt.toISOString()}, outside the key's validity (${trust.entry.validFrom ?? '…'} to ${trust.entry.validUntil ?? '…'}).`,
        keyid,
      )
      return undefined
    }
    if (signedAt.getTime() > now.getTime() + 5 * 60_000) {
      r.fail(
        check,
        'KEY_EXPIRED',
        `${what} claims to be signed in the future (${signedAt.toISOString()}).`,
        keyid,
      )
      return undefined
    }
    return trust.entry
  }
  const sigs = statement.envelope.signatures
  const signerKeyids = new Set(sigs.map((sig) => sig.keyid))
  if (sigs.length === 0) {
    r.fail('signature', 'SIGNATURE_MISSING', 'The statement carries no signature.', STATEMENT_PATH)
  }
  for (const sig of sigs.slice(0, 16)) {
    const entry = await checkSigner(
      'signature',
      sig.keyid,
      createdAt,
      statement.message,
      sig,
      'The packet statement',
    )
    if (entry) {
      r.pass(
        'signature',
        `The statement is signed by ${entry.name} (${short(entry.keyid)}), trusted in your keyring.`,
        entry.keyid,
      )
    }
  }
  if (sigs.length > 16)
    r.fail(
      'signature',
      'STATEMENT_MALFORMED',
      `The statement carries ${sigs.length} signatures; at most 16 are read.`,
    )
  if (sigs.length > 0 && !sigs.some((s) => s.keyid === predicate.createdBy.keyid)) {
    r.fail(
      'signature',
      'SIGNER_MISMATCH',
      `The statement says ${predicate.createdBy.name} (${short(predicate.createdBy.keyid)}) created it, but that key did not sign it.`,
    )
  }

  // 4. Subjects and files.
  const subjectNames = new Set<string>()
  const subjects: ResourceDescriptor[] = []
  for (const s of statement.subject) {
    const why = unsafePathReason(s.name)
    if (why) {
      r.fail(
        'files',
        'SUBJECT_UNSAFE_PATH',
        `The statement names ${JSON.stringify(s.name)}: ${why}.`,
        s.name,
      )
    } else if (subjectNames.has(s.name)) {
      r.fail('files', 'SUBJECT_DUPLICATE', `The statement names ${s.name} twice.`, s.name)
    } else if (!(s.name.startsWith(FILES_DIR) || s.name === PDF_PATH)) {
      r.fail(
        'files',
        'SUBJECT_UNEXPECTED',
        `The statement names ${s.name}, which is outside files/ and packet.pdf.`,
        s.name,
      )
    } else {
      subjectNames.add(s.name)
      subjects.push(s)
    }
  }
  const bytesTotal = subjects.reduce((n, s) => n + (byName.get(s.name)?.uncompressedSize ?? 0), 0)
  let bytesDone = 0
  const actualSizes = new Map<string, number>()
  for (const [i, s] of subjects.entries()) {
    throwIfAborted(signal)
    progress?.({ phase: 'checking files', done: i, total: subjects.length, bytesDone, bytesTotal })
    const e = byName.get(s.name)
    if (!e) {
      r.fail(
        'files',
        'FILE_MISSING',
        `${s.name} is signed for but missing from the bundle.`,
        s.name,
      )
      continue
    }
    const h = chunkHasher(crypto, e.uncompressedSize)
    let size: number
    try {
      size = await streamEntry(
        e,
        (chunk) => {
          h.update(chunk)
          bytesDone += chunk.length
        },
        // SHA-256 is the check here; skipping the weaker CRC-32 makes a flipped byte read as
        // the clearer DIGEST_MISMATCH and saves a second pass over the bytes.
        { cap: e.uncompressedSize, checkCrc: false, ...(signal ? { signal } : {}) },
      )
    } catch (err) {
      if (err instanceof CancelledError || signal?.aborted) throw new CancelledError()
      r.fail('files', 'ENTRY_CORRUPT', `${s.name} cannot be read intact: ${reasonOf(err)}.`, s.name)
      continue
    }
    const found = h.hex()
    if (found !== s.digest.sha256) {
      r.fail(
        'files',
        'DIGEST_MISMATCH',
        `${s.name} changed after it was signed (expected sha256 ${short(s.digest.sha256)}, found ${short(found)}).`,
        s.name,
      )
      continue
    }
    actualSizes.set(s.name, size)
    report.files++
    report.bytes += size
    r.pass('files', `${s.name} matches its signed digest.`, s.name)
  }
  progress?.({
    phase: 'checking files',
    done: subjects.length,
    total: subjects.length,
    bytesDone,
    bytesTotal,
  })
  for (const name of byName.keys()) {
    const kind = entryKind(name)
    if (kind === undefined || (kind === 'subject' && !subjectNames.has(name))) {
      r.fail('files', 'FILE_EXTRA', `${name} is in the bundle but nothing signed names it.`, name)
    }
  }
  const evidenceNames = new Set<string>()
  const subjectByName = new Map(subjects.map((s) => [s.name, s]))
  for (const ev of predicate.evidence) {
    const subj = subjectByName.get(ev.name)
    const size = actualSizes.get(ev.name)
    if (
      evidenceNames.has(ev.name) ||
      !subj ||
      subj.digest.sha256 !== ev.sha256 ||
      (size !== undefined && size !== ev.size)
    ) {
      r.fail(
        'files',
        'EVIDENCE_MISMATCH',
        `The evidence entry for ${ev.name} does not match the signed files (name, digest or size).`,
        ev.name,
      )
    }
    evidenceNames.add(ev.name)
  }
  for (const s of subjects) {
    if (s.name.startsWith(FILES_DIR) && !evidenceNames.has(s.name)) {
      r.fail(
        'files',
        'EVIDENCE_MISMATCH',
        `${s.name} is signed but has no entry in the evidence list.`,
        s.name,
      )
    }
  }

  // 5. SHA256SUMS and its minisign signature, for users of standard tools.
  const sumsEntry = byName.get(SUMS_PATH)
  const sigEntry = byName.get(SUMS_SIG_PATH)
  if (!sumsEntry || !sigEntry) {
    r.fail(
      'sums',
      'SUMS_MISSING',
      `${!sumsEntry ? SUMS_PATH : SUMS_SIG_PATH} is missing.`,
      !sumsEntry ? SUMS_PATH : SUMS_SIG_PATH,
    )
  } else {
    const sums = await readSmall(sumsEntry, SUMS_PATH)
    const sig = await readSmall(sigEntry, SUMS_SIG_PATH)
    if (sums && sig) {
      const expected = formatSums(statement.subject)
      let sumsText: string | undefined
      try {
        sumsText = fromUtf8(sums)
      } catch {
        sumsText = undefined
      }
      if (sumsText !== expected) {
        r.fail(
          'sums',
          'SUMS_MISMATCH',
          'SHA256SUMS does not list exactly the signed files with their digests.',
          SUMS_PATH,
        )
      } else {
        r.pass('sums', 'SHA256SUMS lists exactly the signed files.', SUMS_PATH)
      }
      const creatorTrust = evaluateKey(keyring, predicate.createdBy.keyid, createdAt)
      let sigText: string | undefined
      try {
        sigText = fromUtf8(sig)
      } catch {
        sigText = undefined
      }
      const ms =
        creatorTrust.status === 'untrusted' || sigText === undefined
          ? {
              ok: false as const,
              reason:
                sigText === undefined
                  ? 'not UTF-8 text'
                  : 'the packet creator is not in your keyring',
            }
          : await minisignVerify(
              crypto,
              creatorTrust.publicKey,
              predicate.createdBy.keyid,
              sums,
              sigText,
            )
      if (!ms.ok) {
        r.fail(
          'sums',
          'SUMS_SIGNATURE_INVALID',
          `SHA256SUMS.minisig does not verify: ${ms.reason}.`,
          SUMS_SIG_PATH,
        )
      } else {
        r.pass(
          'sums',
          `SHA256SUMS.minisig is a valid minisign signature by ${predicate.createdBy.name}.`,
          SUMS_SIG_PATH,
        )
      }
    }
  }

  // 6. Sign-offs.
  const approvedRoles = new Set<string>()
  for (const [name, e] of byName) {
    if (entryKind(name) !== 'signoff') continue
    throwIfAborted(signal)
    const bytes = await readSmall(e, name)
    if (!bytes) continue
    const bad = (why: string) =>
      r.fail('signoffs', 'SIGNOFF_MALFORMED', `${name} is malformed: ${why}.`, name)
    const parsedSo = parseSignedStatement(bytes, SIGNOFF_PREDICATE_TYPE)
    if (!parsedSo.ok) {
      bad(parsedSo.reason)
      continue
    }
    const sst = parsedSo.statement
    const pErr = signoffPredicateError(sst.predicate)
    if (pErr) {
      bad(pErr)
      continue
    }
    const sp = sst.predicate as unknown as SignoffPredicate
    signerKeyids.add(sp.signer.keyid)
    if (name !== signoffPath(sp.role, sp.signer.keyid)) {
      bad(
        `its name should be ${signoffPath(sp.role, sp.signer.keyid)} for a ${sp.role} sign-off by ${sp.signer.keyid.slice(0, 16)}`,
      )
      continue
    }
    const summary: SignoffSummary = {
      role: sp.role,
      decision: sp.decision,
      signer: sp.signer.name,
      keyid: sp.signer.keyid,
      time: sp.time,
      ...(sp.comment !== undefined ? { comment: sp.comment } : {}),
      valid: false,
    }
    report.signoffs.push(summary)
    const subj = sst.subject
    if (
      subj.length !== 1 ||
      subj[0]!.name !== SIGNOFF_SUBJECT_NAME ||
      subj[0]!.digest.sha256 !== statementSha256 ||
      sp.packetId !== predicate.packet.packetId ||
      sp.revision !== predicate.packet.revision
    ) {
      r.fail(
        'signoffs',
        'SIGNOFF_SUBJECT_MISMATCH',
        `${name} (${sp.role}, ${sp.signer.name}) was made for a different packet or revision, not this statement.`,
        name,
      )
      continue
    }
    if (
      sst.envelope.signatures.length !== 1 ||
      sst.envelope.signatures[0]!.keyid !== sp.signer.keyid
    ) {
      r.fail(
        'signoffs',
        'SIGNER_MISMATCH',
        `${name} must carry exactly one signature, by the signer it names.`,
        name,
      )
      continue
    }
    const entry = await checkSigner(
      'signoffs',
      sp.signer.keyid,
      new Date(sp.time),
      sst.message,
      sst.envelope.signatures[0]!,
      `The ${sp.role} sign-off`,
    )
    if (!entry) continue
    if (!entry.roles.includes(sp.role)) {
      r.fail(
        'signoffs',
        'ROLE_NOT_HELD',
        `${entry.name} signed as ${sp.role}, but your keyring gives them ${entry.roles.length ? entry.roles.join(', ') : 'no roles'}.`,
        name,
      )
      continue
    }
    summary.valid = true
    if (sp.decision === 'reject') {
      r.fail(
        'signoffs',
        'SIGNOFF_REJECTED',
        `${entry.name} rejected the packet as ${sp.role}${sp.comment ? `: "${sp.comment}"` : ' (no reason given)'}.`,
        name,
      )
      continue
    }
    approvedRoles.add(sp.role)
    r.pass('signoffs', `${entry.name} approved as ${sp.role} on ${sp.time}.`, name)
  }

  // 7. Policy from the template.
  const required = options.policy.requiredRoles(predicate.packet.template)
  const tpl = `${predicate.packet.template.id}@${predicate.packet.template.version}`
  if (!required) {
    r.fail(
      'policy',
      'TEMPLATE_UNKNOWN',
      `Template ${tpl} is not known here, so its required sign-offs cannot be checked.`,
      tpl,
    )
  } else {
    for (const role of required) {
      if (!approvedRoles.has(role)) {
        r.fail(
          'policy',
          'ROLE_MISSING',
          `Template ${tpl} requires an approving sign-off by ${role}; there is none that verifies.`,
          role,
        )
      }
    }
    if (required.every((role) => approvedRoles.has(role))) {
      r.pass(
        'policy',
        `Every sign-off ${tpl} requires is present (${required.join(', ') || 'none'}).`,
      )
    }
    const packetDoc: PacketDocument = {
      packetId: predicate.packet.packetId,
      template: predicate.packet.template,
      title: predicate.packet.title,
      ...(predicate.packet.partnerSource !== undefined
        ? { partnerSource: predicate.packet.partnerSource }
        : {}),
      revision: predicate.packet.revision,
      fields: predicate.packet.fields,
      evidence: predicate.evidence.map(({ name, sha256: _s, size: _z, ...meta }) => ({
        ...meta,
        path: name.slice(FILES_DIR.length),
      })),
    }
    const issues = options.policy.packetIssues?.(packetDoc, createdAt) ?? []
    for (const issue of issues) {
      r.fail('policy', 'PACKET_INCOMPLETE', `${issue.path}: ${issue.message}`, issue.path)
    }
    if (issues.length === 0) r.pass('policy', `The packet meets the rules of ${tpl}.`)
  }

  // 8. Audit-log inclusion proof.
  const logEntry = byName.get(STATEMENT_LOG_PROOF_PATH)
  if (!logEntry) {
    r.fail(
      'log',
      'LOG_PROOF_MISSING',
      'The bundle carries no proof that its export was recorded in an audit log.',
      STATEMENT_LOG_PROOF_PATH,
    )
  } else {
    const bytes = await readSmall(logEntry, STATEMENT_LOG_PROOF_PATH)
    if (bytes) {
      const res = await checkStatementLogProof(bytes, {
        crypto,
        keyring,
        statementSha256,
        packetId: predicate.packet.packetId,
        origin: predicate.log.origin,
        at: createdAt,
      })
      if (res.ok) r.pass('log', res.message, STATEMENT_LOG_PROOF_PATH)
      else r.fail('log', 'LOG_PROOF_INVALID', res.message, STATEMENT_LOG_PROOF_PATH)
    }
  }

  // Key hints are never trusted, but each must be exactly the hint the writer makes for one of
  // this bundle's signers, so that no byte of a verified bundle is unaccounted for.
  const expectedHint = async (name: string, text: string): Promise<boolean> => {
    const minisign = name.endsWith('.minisign.pub')
    const publicKey = minisign
      ? fromBase64(text.split('\n')[1] ?? '').subarray(10)
      : publicKeyFromPem(text)
    const keyid = await keyIdOf(crypto, publicKey)
    if (!signerKeyids.has(keyid)) return false
    return minisign
      ? keyid === predicate.createdBy.keyid &&
          name === minisignKeyHintPath(keyid) &&
          text === minisignPublicKey(publicKey, keyid)
      : name === keyHintPath(keyid) && text === publicKeyToPem(publicKey)
  }
  for (const [name, e] of byName) {
    if (entryKind(name) !== 'key') continue
    const bytes = await readSmall(e, name)
    if (!bytes) continue
    let ok: boolean
    try {
      ok = await expectedHint(name, fromUtf8(bytes))
    } catch {
      ok = false
    }
    if (!ok) {
      r.fail(
        'files',
        'FILE_EXTRA',
        `${name} is not the public key hint of a signer of this bundle.`,
        name,
      )
    }
  }
  return true
}
