// `evw log verify`: checks an audit log exported from the workbench (the whole log, or one
// packet's trail with inclusion proofs) without the app. Trust comes only from the keys given
// here: a workbench device key (--key, as the audit screen shows it) and/or the identities in a
// keyring (--keyring); the keys listed inside the file are never trusted by themselves.
import { readFile } from 'node:fs/promises'
import type { LogIssue } from '../../core/audit/audit-log'
import {
  LogExportError,
  PACKET_TRAIL_TYPE,
  verifyAuditLogExport,
  verifyPacketTrail,
} from '../../core/audit/log-export'
import { parseVerifierKey, type NoteVerifier } from '../../core/audit/signed-note'
import { trustedNoteVerifiers } from '../../core/bundle/log-proof-check'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { FileInputError, inputProblem, loadKeyring } from '../../node/keys/key-files'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'

const USAGE = 'evw log verify FILE.json (--key VERIFIER-KEY… | --keyring KEYRING) [--json]'

async function verifiers(keys: string[], keyringPath?: string): Promise<NoteVerifier[]> {
  const out: NoteVerifier[] = []
  for (const key of keys) {
    const parsed = await parseVerifierKey(key, nodeCrypto)
    if (!parsed.ok) throw new UsageError(`--key ${key}: ${parsed.message}`)
    out.push(parsed.verifier)
  }
  if (keyringPath) {
    out.push(
      ...(await trustedNoteVerifiers(nodeCrypto, await loadKeyring(keyringPath), new Date())),
    )
  }
  if (out.length === 0) throw new UsageError(`give --key or --keyring\nusage: ${USAGE}`)
  return out
}

const issueLine = (i: LogIssue) =>
  `  ✗ ${i.code}: ${i.message}${i.index !== undefined ? ` (entry ${i.index})` : ''}`

/** Exit 0 verified, 1 not verified, 2 usage error or unreadable input. */
export async function log(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'verify')
    throw new UsageError(`unknown subcommand ${sub ?? '(none)'}\nusage: ${USAGE}`)
  const { values, positionals } = parse(
    rest,
    {
      key: { type: 'string', multiple: true },
      keyring: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  )
  const path = required(positionals[0], 'FILE', USAGE)
  const trusted = await verifiers(values.key ?? [], values.keyring)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (e) {
    throw new FileInputError(inputProblem('log file', path, e))
  }
  let type: unknown
  try {
    type = (JSON.parse(new TextDecoder().decode(bytes)) as { type?: unknown }).type
  } catch {
    throw new FileInputError(`${path} is not JSON.`)
  }
  try {
    if (type === PACKET_TRAIL_TYPE) {
      const report = await verifyPacketTrail(bytes, trusted, nodeCrypto)
      if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      else {
        const head = report.ok
          ? `VERIFIED: the trail of packet ${report.packetId} (${report.entries} entries) is in log ${report.origin}, under a checkpoint signed by a trusted key.`
          : `NOT VERIFIED: the trail of packet ${report.packetId} has ${report.problems.length} problem(s).`
        const lines = report.problems.map((p) => `  ✗ ${p.code}: ${p.message}`)
        process.stdout.write(`${[head, ...lines].join('\n')}\n`)
      }
      return report.ok ? 0 : 1
    }
    const report = await verifyAuditLogExport(bytes, trusted, nodeCrypto)
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    else {
      const head = report.ok
        ? `VERIFIED: log ${report.origin}, ${report.entries} entries; ${report.verifiedCheckpoints} signed checkpoint(s) match, covering ${report.coveredEntries}.`
        : `NOT VERIFIED: log ${report.origin} has ${report.issues.length} problem(s).`
      process.stdout.write(`${[head, ...report.issues.map(issueLine)].join('\n')}\n`)
    }
    return report.ok ? 0 : 1
  } catch (e) {
    if (e instanceof LogExportError) throw new FileInputError(`${path}: ${e.message}`)
    throw e
  }
}
