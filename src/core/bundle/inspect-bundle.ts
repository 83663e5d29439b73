// What a bundle claims, read without judging trust (for `evw inspect` and previews).
import { toHex } from '../encoding/bytes'
import type { JsonValue } from '../json/canonical-json'
import type { RandomAccessSource } from './byte-io'
import { entryKind, PACKET_PREDICATE_TYPE, SIGNOFF_PREDICATE_TYPE, STATEMENT_PATH } from './layout'
import type { EvidenceEntry, PacketPredicate, SignoffPredicate } from './predicates'
import { parseSignedStatement } from './signed-statement'
import { DEFAULT_LIMITS, openContainer, readEntryBytes } from './zip-container'
import type { CryptoProvider } from '../crypto/crypto-provider'

export interface BundleInfo {
  entries: { name: string; size: number; compressedSize: number }[]
  packet?: PacketPredicate['packet']
  fields?: Record<string, JsonValue>
  createdBy?: { name: string; keyid: string }
  createdAt?: string
  statementSha256?: string
  evidence: EvidenceEntry[]
  signoffs: (Pick<SignoffPredicate, 'role' | 'decision' | 'time' | 'comment'> & {
    signer: string
    keyid: string
  })[]
  /** Set when the bundle cannot be read as claimed; inspect reports, verify judges. */
  problem?: string
}

export async function inspectBundle(
  source: RandomAccessSource,
  crypto: CryptoProvider,
): Promise<BundleInfo> {
  const info: BundleInfo = { entries: [], evidence: [], signoffs: [] }
  let container
  try {
    container = await openContainer(source)
  } catch (e) {
    return { ...info, problem: `not a readable bundle: ${(e as Error).message}` }
  }
  try {
    const read = (name: string) => {
      const e = container.entries.find((x) => x.name === name)
      return e ? readEntryBytes(e, DEFAULT_LIMITS.maxMetadataBytes) : undefined
    }
    for (const e of container.entries) {
      info.entries.push({
        name: e.name ?? '(non-UTF-8 name)',
        size: e.uncompressedSize,
        compressedSize: e.compressedSize,
      })
    }
    const statementBytes = await read(STATEMENT_PATH)
    if (!statementBytes) return { ...info, problem: 'no statement.dsse.json' }
    const parsed = parseSignedStatement(statementBytes, PACKET_PREDICATE_TYPE)
    if (!parsed.ok) return { ...info, problem: `statement malformed: ${parsed.reason}` }
    const p = parsed.statement.predicate as unknown as PacketPredicate
    Object.assign(info, {
      packet: p.packet,
      fields: p.packet?.fields,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      statementSha256: toHex(await crypto.sha256(parsed.statement.payload)),
      evidence: Array.isArray(p.evidence) ? p.evidence : [],
    })
    for (const e of container.entries) {
      if (!e.name || entryKind(e.name) !== 'signoff') continue
      const so = parseSignedStatement(
        await readEntryBytes(e, DEFAULT_LIMITS.maxMetadataBytes),
        SIGNOFF_PREDICATE_TYPE,
      )
      if (!so.ok) continue
      const sp = so.statement.predicate as unknown as SignoffPredicate
      info.signoffs.push({
        role: sp.role,
        decision: sp.decision,
        time: sp.time,
        ...(sp.comment !== undefined ? { comment: sp.comment } : {}),
        signer: sp.signer?.name,
        keyid: sp.signer?.keyid,
      })
    }
    return info
  } catch (e) {
    return { ...info, problem: `unreadable: ${(e as Error).message}` }
  } finally {
    await container.close().catch(() => undefined)
  }
}
