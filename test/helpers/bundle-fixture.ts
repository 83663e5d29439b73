// Builds real, signed bundles in memory for tests: the same code paths as `evw pack` and
// `evw signoff`, with fixed keys so failures are reproducible.
import { AuditLog, MemoryAuditLogStore } from '../../src/core/audit/audit-log'
import { addSignoff } from '../../src/core/bundle/add-signoff'
import { bytesSource, MemorySink } from '../../src/core/bundle/byte-io'
import { noteKeyName } from '../../src/core/bundle/log-proof-check'
import { identitySigner } from '../../src/core/keys/key-signer'
import { packBundle } from '../../src/core/bundle/pack-bundle'
import { verifyBundle, type VerifyOptions } from '../../src/core/bundle/verify-bundle'
import type { CryptoProvider } from '../../src/core/crypto/crypto-provider'
import { utf8 } from '../../src/core/encoding/bytes'
import { addKey, emptyKeyring, type Keyring } from '../../src/core/keys/keyring'
import { identityFromSeed, type Identity } from '../../src/core/keys/secret-key'
import type { PacketDocument } from '../../src/core/templates/packet'
import { templatePolicy } from '../../src/core/templates/verify-policy'
import { examplePacket } from '../../src/core/templates/example-packet'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { requiredSignoffRoles } from '../../src/core/templates/template-model'
import { nodeCrypto } from '../../src/node/crypto/node-crypto'
// Deflated entries inflate with Node's zlib, as in `evw`: Node's DecompressionStream cannot say
// whether bytes follow the end of a deflate stream, so without it the reader refuses them all.
import '../../src/node/bundle/file-source'

export const NOW = new Date('2026-11-20T10:00:00.000Z')

export const seed = (n: number) => new Uint8Array(32).fill(n)

export interface Party {
  identity: Identity
  roles: string[]
}

export async function parties(crypto: CryptoProvider = nodeCrypto) {
  const mk = async (n: number, name: string, roles: string[]): Promise<Party> => ({
    identity: await identityFromSeed(crypto, name, seed(n)),
    roles,
  })
  return {
    packer: await mk(1, 'Priya Product-Ops', ['product-ops', 'pm']),
    dpo: await mk(2, 'Dana DPO', ['dpo']),
    legal: await mk(3, 'Lee Legal', ['legal', 'ombuds']),
    manager: await mk(4, 'Max Manager', ['accountable-manager']),
    outsider: await mk(9, 'Oscar Outsider', ['legal']),
  }
}

export async function keyringFor(
  list: Party[],
  crypto: CryptoProvider = nodeCrypto,
): Promise<Keyring> {
  let ring = emptyKeyring()
  for (const p of list) {
    ring = (
      await addKey(
        crypto,
        ring,
        { publicKey: p.identity.publicKey, name: p.identity.name, roles: p.roles },
        NOW,
      )
    ).keyring
  }
  return ring
}

export function dpiaPacket(): PacketDocument {
  const t = new TemplateRegistry().latest('dpia')!
  return examplePacket(t)
}

/** Evidence bytes for each of the packet's evidence paths: deterministic, path-dependent. */
export const evidenceBytes = (path: string): Uint8Array => utf8(`evidence for ${path}\n`.repeat(50))

export async function packInMemory(
  packet: PacketDocument,
  signer: Identity,
  options: {
    crypto?: CryptoProvider
    evidence?: (p: string) => Uint8Array
    log?: AuditLog
    /** packet.pdf to pack as a signed subject (evw pack and the app always pack one). */
    pdf?: Uint8Array
  } = {},
): Promise<Uint8Array> {
  const crypto = options.crypto ?? nodeCrypto
  const log = options.log ?? (await AuditLog.open(new MemoryAuditLogStore(), crypto))
  const sink = new MemorySink()
  const content = options.evidence ?? evidenceBytes
  await packBundle(sink, {
    crypto,
    packet,
    evidence: (p) => bytesSource(content(p)),
    ...(options.pdf ? { pdf: bytesSource(options.pdf) } : {}),
    signer: identitySigner(crypto, signer),
    logOrigin: `test/${signer.keyid.slice(0, 16)}`,
    now: NOW,
    recordInLog: async ({ packetId, statementSha256 }) => {
      const index = await log.append({
        action: 'bundle.exported',
        actor: signer.name,
        time: NOW.toISOString(),
        packetId,
        subject: statementSha256,
      })
      const { note } = await log.signCheckpoint({
        origin: `test/${signer.keyid.slice(0, 16)}`,
        seed: signer.seed,
        keyName: noteKeyName(signer.keyid),
      })
      return log.proofFile(index, note)
    },
  })
  return sink.bytes()
}

export async function signOff(
  bundle: Uint8Array,
  party: Party,
  role: string,
  decision: 'approve' | 'reject' = 'approve',
  comment?: string,
): Promise<Uint8Array> {
  const sink = new MemorySink()
  await addSignoff(bytesSource(bundle), sink, {
    crypto: nodeCrypto,
    signer: identitySigner(nodeCrypto, party.identity),
    role,
    decision,
    now: NOW,
    ...(comment ? { comment } : {}),
  })
  return sink.bytes()
}

/** A DPIA bundle packed by product-ops and approved by every required role. */
export async function fullySignedDpia(
  options: { evidence?: (p: string) => Uint8Array; pdf?: Uint8Array } = {},
) {
  const ps = await parties()
  const packet = dpiaPacket()
  let bundle = await packInMemory(packet, ps.packer.identity, options)
  const required = requiredSignoffRoles(new TemplateRegistry().resolve(packet.template)!)
  const holders: Record<string, Party> = {
    dpo: ps.dpo,
    legal: ps.legal,
    'accountable-manager': ps.manager,
  }
  for (const role of required) {
    const who = holders[role]
    if (!who) throw new Error(`fixture has no holder for role ${role}`)
    bundle = await signOff(bundle, who, role)
  }
  const keyring = await keyringFor([ps.packer, ps.dpo, ps.legal, ps.manager])
  return { bundle, keyring, parties: ps, packet, required }
}

export const verifyBytes = (
  bytes: Uint8Array,
  keyring: Keyring,
  extra: Partial<VerifyOptions> = {},
) =>
  verifyBundle(bytesSource(bytes), {
    crypto: nodeCrypto,
    keyring,
    policy: templatePolicy(),
    now: new Date('2026-11-21T00:00:00.000Z'),
    ...extra,
  })

export const failureCodes = (report: { items: { status: string; code?: string }[] }) =>
  [...new Set(report.items.filter((i) => i.status === 'fail').map((i) => i.code))].sort()
