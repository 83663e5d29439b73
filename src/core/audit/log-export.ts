// Files that carry a workspace audit log out of the app, so anyone can check it without the app
// (docs/audit-log.md, "Export formats"):
//
// - the whole log: every entry's bytes and every stored checkpoint (`evidence-workbench/audit-log`);
// - one packet's trail: its entries, each with a tlog-proof of inclusion against one signed
//   checkpoint (`evidence-workbench/packet-trail`).
//
// Both are UTF-8 JSON. Verification takes its trust from the verifier keys the caller gives;
// the keys listed in a file are only a hint of who signed, never trusted by themselves.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { bytesEqual, fromBase64, toBase64, utf8 } from '../encoding/bytes'
import { canonicalBytes, parseJsonBytes, type JsonValue } from '../json/canonical-json'
import type { AuditEvent } from './audit-event'
import { verifyLog, type LongTaskOptions, type LogVerificationReport } from './audit-log'
import type { NoteVerifier } from './signed-note'
import { verifyTlogProof, type TlogProofErrorCode } from './tlog-proof'

export const AUDIT_LOG_EXPORT_TYPE = 'evidence-workbench/audit-log'
export const PACKET_TRAIL_TYPE = 'evidence-workbench/packet-trail'

export interface AuditLogExport {
  type: typeof AUDIT_LOG_EXPORT_TYPE
  version: 1
  /** The log's origin, as every checkpoint names it. */
  origin: string
  exportedAt: string
  /** Verifier keys (`name+hash+base64`) of the keys that signed checkpoints: a hint only. */
  verifierKeys: string[]
  /** Entry i is the base64 of the canonical JSON bytes of the event at log index i. */
  entries: string[]
  /** Every stored checkpoint, as its signed note text, oldest first. */
  checkpoints: string[]
}

export interface PacketTrailEntry {
  index: number
  /** The event, for reading; a verifier checks it equals the entry carried by `proof`. */
  event: AuditEvent
  /** A c2sp.org/tlog-proof@v1 file: the entry, its index, the inclusion proof, `checkpoint`. */
  proof: string
}

export interface PacketTrailExport {
  type: typeof PACKET_TRAIL_TYPE
  version: 1
  origin: string
  packetId: string
  exportedAt: string
  verifierKeys: string[]
  /** The signed checkpoint every proof is checked against (also inside each proof). */
  checkpoint: string
  entries: PacketTrailEntry[]
}

export class LogExportError extends Error {
  readonly code = 'LOG_EXPORT_MALFORMED'
  constructor(message: string) {
    super(message)
    this.name = 'LogExportError'
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isStrArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')

export function formatAuditLogExport(input: {
  origin: string
  exportedAt: string
  verifierKeys: readonly string[]
  entries: readonly Uint8Array[]
  checkpoints: readonly string[]
}): Uint8Array {
  const file: AuditLogExport = {
    type: AUDIT_LOG_EXPORT_TYPE,
    version: 1,
    origin: input.origin,
    exportedAt: input.exportedAt,
    verifierKeys: [...input.verifierKeys],
    entries: input.entries.map(toBase64),
    checkpoints: [...input.checkpoints],
  }
  return utf8(`${JSON.stringify(file, null, 2)}\n`)
}

export function formatPacketTrail(input: Omit<PacketTrailExport, 'type' | 'version'>): Uint8Array {
  const file: PacketTrailExport = { type: PACKET_TRAIL_TYPE, version: 1, ...input }
  return utf8(`${JSON.stringify(file, null, 2)}\n`)
}

function parseObject(bytes: Uint8Array, type: string): Record<string, unknown> {
  let json: JsonValue
  try {
    json = parseJsonBytes(bytes)
  } catch (e) {
    throw new LogExportError(`The file is not valid JSON: ${(e as Error).message}.`)
  }
  if (!isObj(json) || json.type !== type || json.version !== 1) {
    throw new LogExportError(`Not an exported log: expected "type": "${type}", "version": 1.`)
  }
  if (typeof json.origin !== 'string' || json.origin === '')
    throw new LogExportError('The file names no log origin.')
  if (!isStrArray(json.verifierKeys)) throw new LogExportError('"verifierKeys" is not a list.')
  return json
}

/** Parses an exported whole log. Throws LogExportError when the file is not one. */
export function parseAuditLogExport(bytes: Uint8Array): {
  origin: string
  exportedAt: string
  verifierKeys: string[]
  entries: Uint8Array[]
  checkpoints: string[]
} {
  const json = parseObject(bytes, AUDIT_LOG_EXPORT_TYPE)
  if (!isStrArray(json.entries)) throw new LogExportError('"entries" is not a list of strings.')
  if (!isStrArray(json.checkpoints))
    throw new LogExportError('"checkpoints" is not a list of strings.')
  const entries = json.entries.map((e, i) => {
    try {
      return fromBase64(e)
    } catch {
      throw new LogExportError(`entries[${i}] is not base64.`)
    }
  })
  return {
    origin: json.origin as string,
    exportedAt: typeof json.exportedAt === 'string' ? json.exportedAt : '',
    verifierKeys: json.verifierKeys as string[],
    entries,
    checkpoints: json.checkpoints,
  }
}

/**
 * Verifies an exported whole log exactly as the app verifies its own (verifyLog): entries
 * hashed, checkpoints checked against `verifierKeys` and the file's origin.
 */
export async function verifyAuditLogExport(
  bytes: Uint8Array,
  verifierKeys: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
  options: LongTaskOptions = {},
): Promise<LogVerificationReport & { origin: string }> {
  const file = parseAuditLogExport(bytes)
  const report = await verifyLog(file.entries, file.checkpoints, verifierKeys, crypto, {
    ...options,
    origin: file.origin,
  })
  return { ...report, origin: file.origin }
}

export interface PacketTrailProblem {
  /** Position in the file's entries. */
  position: number
  index?: number
  code: TlogProofErrorCode | 'LOG_TRAIL_MISMATCH'
  message: string
}

export interface PacketTrailReport {
  ok: boolean
  origin: string
  packetId: string
  entries: number
  problems: PacketTrailProblem[]
}

/**
 * Verifies an exported packet trail: every proof verifies against a checkpoint signed by one of
 * `verifierKeys` for the file's origin, every proof uses the file's checkpoint, and every shown
 * event is exactly the entry its proof carries. Throws LogExportError for a file that is not one.
 */
export async function verifyPacketTrail(
  bytes: Uint8Array,
  verifierKeys: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
): Promise<PacketTrailReport> {
  const json = parseObject(bytes, PACKET_TRAIL_TYPE)
  if (typeof json.packetId !== 'string') throw new LogExportError('The file names no packet.')
  if (typeof json.checkpoint !== 'string') throw new LogExportError('The file has no checkpoint.')
  if (!Array.isArray(json.entries)) throw new LogExportError('"entries" is not a list.')
  const origin = json.origin as string
  const problems: PacketTrailProblem[] = []
  for (const [position, item] of json.entries.entries()) {
    if (!isObj(item) || typeof item.proof !== 'string' || typeof item.index !== 'number') {
      problems.push({
        position,
        code: 'LOG_TRAIL_MISMATCH',
        message: `entry ${position} of the file has no index or proof`,
      })
      continue
    }
    const result = await verifyTlogProof(item.proof, verifierKeys, crypto, { origin })
    if (!result.ok) {
      problems.push({ position, index: item.index, code: result.code, message: result.message })
      continue
    }
    const mismatch =
      result.index !== item.index
        ? `the proof is for entry ${result.index}, the file says ${item.index}`
        : !bytesEqual(canonicalBytes(item.event ?? null), result.entryBytes)
          ? 'the event shown is not the entry the proof carries'
          : result.entry.packetId !== json.packetId && !result.entry.action.startsWith('evidence.')
            ? `the entry is about packet ${result.entry.packetId ?? '(none)'}, not ${json.packetId}`
            : !item.proof.endsWith(json.checkpoint)
              ? 'the proof is against a different checkpoint than the file names'
              : undefined
    if (mismatch) {
      problems.push({
        position,
        index: item.index,
        code: 'LOG_TRAIL_MISMATCH',
        message: `entry ${item.index}: ${mismatch}`,
      })
    }
  }
  return {
    ok: problems.length === 0,
    origin,
    packetId: json.packetId,
    entries: json.entries.length,
    problems,
  }
}
