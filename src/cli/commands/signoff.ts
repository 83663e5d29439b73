import { basename } from 'node:path'
import { addSignoff } from '../../core/bundle/add-signoff'
import { verifyBundle } from '../../core/bundle/verify-bundle'
import { emptyKeyring } from '../../core/keys/keyring'
import { templatePolicy } from '../../core/templates/verify-policy'
import { recordInDeviceLog } from '../../node/audit/device-log'
import { writeFileAtomic } from '../../node/bundle/file-source'
import { identitySigner } from '../../core/keys/key-signer'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { loadIdentity, loadKeyring, openInput } from '../../node/keys/key-files'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'
import { readPassphrase } from '../passphrase'

const USAGE =
  'evw signoff BUNDLE.evb --key KEYFILE --role ROLE --decision approve|reject [--comment TEXT] [--keyring KEYRING]'

// Failures that mean the content itself is not intact: nobody should sign off such a bundle.
// Trust and policy failures (unknown signer, missing roles) are expected before sign-off.
const INTEGRITY_CODES = new Set([
  'CONTAINER_MALFORMED',
  'CONTAINER_LIMIT',
  'ENTRY_UNSAFE_PATH',
  'ENTRY_NOT_FILE',
  'ENTRY_DUPLICATE',
  'ENTRY_OVERLAP',
  'ENTRY_ENCRYPTED',
  'ENTRY_UNSUPPORTED',
  'ENTRY_CORRUPT',
  'STATEMENT_MISSING',
  'STATEMENT_MALFORMED',
  'SIGNATURE_INVALID',
  'SUBJECT_UNSAFE_PATH',
  'SUBJECT_DUPLICATE',
  'SUBJECT_UNEXPECTED',
  'FILE_MISSING',
  'FILE_EXTRA',
  'DIGEST_MISMATCH',
  'EVIDENCE_MISMATCH',
  'SUMS_MISMATCH',
  'KEY_REVOKED',
  'PACKET_INCOMPLETE',
])

export async function signoff(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      key: { type: 'string' },
      role: { type: 'string' },
      decision: { type: 'string' },
      comment: { type: 'string' },
      keyring: { type: 'string' },
    },
    USAGE,
  )
  const path = required(positionals[0], 'BUNDLE', USAGE)
  const decision = required(values.decision, '--decision', USAGE)
  if (decision !== 'approve' && decision !== 'reject') {
    throw new UsageError(`--decision must be approve or reject, not "${decision}"`)
  }
  const role = required(values.role, '--role', USAGE)
  const keyPath = required(values.key, '--key', USAGE)
  const keyring = values.keyring ? await loadKeyring(values.keyring) : emptyKeyring()

  const source = await openInput(path, 'bundle')
  try {
    // Show, and check, what is being signed before asking for the passphrase.
    const report = await verifyBundle(source, {
      crypto: nodeCrypto,
      keyring,
      policy: templatePolicy(),
    })
    const broken = report.items.filter(
      (i) => i.status === 'fail' && i.code && INTEGRITY_CODES.has(i.code),
    )
    if (broken.length) {
      throw new UsageError(
        `${basename(path)} is not intact, so it cannot be signed off:\n${broken.map((b) => `  [${b.code}] ${b.message}`).join('\n')}`,
      )
    }
    const p = report.packet!
    process.stderr.write(
      `Signing off as ${role} (${decision}):\n  ${p.title} — ${p.template.id}@${p.template.version}, revision ${p.revision}, id ${p.packetId}\n  statement sha256 ${report.statementSha256}\n  ${report.files} files, ${report.bytes} bytes, all matching their signed digests\n`,
    )
    const identity = await loadIdentity(nodeCrypto, keyPath, () =>
      readPassphrase(`Passphrase for ${keyPath}: `),
    )
    let result
    await writeFileAtomic(path, async (sink) => {
      result = await addSignoff(source, sink, {
        crypto: nodeCrypto,
        signer: identitySigner(nodeCrypto, identity),
        role,
        decision,
        ...(values.comment ? { comment: values.comment } : {}),
      })
    })
    const r = result!
    await recordInDeviceLog(identity, {
      action: 'signoff.added',
      actor: identity.name,
      time: new Date().toISOString(),
      packetId: r.packetId,
      subject: r.statementSha256,
      details: { role, decision, bundle: path },
    })
    process.stderr.write(`${r.replaced ? 'Replaced' : 'Added'} ${r.path} in ${path}.\n`)
    return 0
  } finally {
    await source.close()
  }
}
