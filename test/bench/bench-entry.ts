// The benchmark's TypeScript half, bundled by test/bench/run.mjs with esbuild into
// out/bench/bench-entry.mjs: makes the synthetic inputs (evidence files, a keyring, a packed and
// fully signed-off bundle, the bundle's SHA256SUMS next to the files) through the same code as
// `evw pack` and `evw signoff`, and measures the crypto providers. Timing of `evw verify` itself
// is done by run.mjs on the built CLI, as a user runs it.
import { randomFillSync } from 'node:crypto'
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AuditLog, MemoryAuditLogStore } from '../../src/core/audit/audit-log'
import { addSignoff } from '../../src/core/bundle/add-signoff'
import { SUMS_PATH } from '../../src/core/bundle/layout'
import { noteKeyName } from '../../src/core/bundle/log-proof-check'
import { identitySigner } from '../../src/core/keys/key-signer'
import { packBundle } from '../../src/core/bundle/pack-bundle'
import { openContainer, readEntryBytes } from '../../src/core/bundle/zip-container'
import type { CryptoProvider } from '../../src/core/crypto/crypto-provider'
import { portableCrypto } from '../../src/core/crypto/portable-crypto'
import { webCrypto, webCryptoHasEd25519 } from '../../src/core/crypto/web-crypto'
import { addKey, emptyKeyring, keyringBytes } from '../../src/core/keys/keyring'
import { generateIdentity, type Identity } from '../../src/core/keys/secret-key'
import { examplePacket } from '../../src/core/templates/example-packet'
import type { EvidenceRef, PacketDocument } from '../../src/core/templates/packet'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { requiredSignoffRoles } from '../../src/core/templates/template-model'
import { validatePacket } from '../../src/core/templates/validate-packet'
import { evidenceFromFolder } from '../../src/node/bundle/evidence-folder'
import { openFileSource, writeFileAtomic } from '../../src/node/bundle/file-source'
import { nodeCrypto } from '../../src/node/crypto/node-crypto'

export interface DatasetSpec {
  /** Number of evidence files. */
  files: number
  /** Total bytes across all files, when sizes are to be scaled to it. */
  totalBytes?: number
  /** Smallest and largest file before scaling. */
  minSize: number
  maxSize: number
  /** Seed for the size sequence, so a dataset has the same shape on every run. */
  seed: number
  /**
   * File name extension: `bin` (random bytes, stored) unless given; other extensions get hex
   * text, which the bundle deflates when the extension is a compressible type such as `json`.
   */
  ext?: string
}

export interface Dataset {
  dir: string
  bundle: string
  keyring: string
  /** Folder holding files/… and SHA256SUMS, for `sha256sum -c SHA256SUMS`. */
  sumsDir: string
  files: number
  bytes: number
  bundleBytes: number
  sizes: { min: number; median: number; max: number }
  timings: { generateMs: number; packMs: number; signoffMs: number }
}

/** xorshift32: a tiny deterministic generator for file sizes (not for key material). */
function sizeGenerator(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x / 0x1_0000_0000
  }
}

/**
 * File sizes, log-uniform between min and max (many small files, a few large), then scaled to
 * the total when one is given.
 */
export function fileSizes(spec: DatasetSpec): number[] {
  const next = sizeGenerator(spec.seed)
  const lo = Math.log(spec.minSize)
  const hi = Math.log(spec.maxSize)
  const raw = Array.from({ length: spec.files }, () => Math.exp(lo + (hi - lo) * next()))
  const total = spec.totalBytes
  if (total === undefined) return raw.map((s) => Math.round(s))
  const sum = raw.reduce((a, b) => a + b, 0)
  const sizes = raw.map((s) => Math.max(1, Math.round((s * total) / sum)))
  sizes[0]! += total - sizes.reduce((a, b) => a + b, 0)
  return sizes
}

const evidencePath = (i: number, ext: string) =>
  `d${String(Math.floor(i / 100)).padStart(3, '0')}/f${String(i).padStart(5, '0')}.${ext}`

/** Random bytes, or for text random hex digits (which deflate to about half their size). */
function writeRandomFile(path: string, size: number, buf: Buffer, text: boolean): void {
  const fd = openSync(path, 'w')
  try {
    for (let done = 0; done < size;) {
      const n = Math.min(buf.length >> 1, size - done)
      if (text) {
        const half = buf.subarray(buf.length >> 1)
        randomFillSync(half, 0, (n + 1) >> 1)
        buf.write(half.toString('hex', 0, (n + 1) >> 1), 0, n, 'latin1')
      } else {
        randomFillSync(buf, 0, n)
      }
      writeSync(fd, buf, 0, n)
      done += n
    }
  } finally {
    closeSync(fd)
  }
}

const ROLES = ['policy-sim-report', 'tenant-config', 'slo-dashboard', 'runbook']

/**
 * Writes the dataset into `dir`: files/… (random bytes), keyring.json, packet.json and
 * bundle.evb packed by one key and signed off for every role the template requires, then
 * SHA256SUMS taken from the bundle (the same names and digests `sha256sum -c` checks).
 */
export async function prepareDataset(dir: string, spec: DatasetSpec): Promise<Dataset> {
  const filesDir = join(dir, 'files')
  const t0 = performance.now()
  const sizes = fileSizes(spec)
  const buf = Buffer.allocUnsafe(1024 * 1024)
  const paths = sizes.map((_, i) => evidencePath(i, spec.ext ?? 'bin'))
  for (const [i, p] of paths.entries()) {
    if (i % 100 === 0) mkdirSync(join(filesDir, p.split('/')[0]!), { recursive: true })
    writeRandomFile(join(filesDir, p), sizes[i]!, buf, (spec.ext ?? 'bin') !== 'bin')
  }
  const t1 = performance.now()

  const template = new TemplateRegistry().latest('onboarding-evidence')!
  const evidence: EvidenceRef[] = paths.map((path, i) => ({
    path,
    role: ROLES[i % ROLES.length]!,
    title: `Synthetic evidence ${i}`,
  }))
  const packet: PacketDocument = { ...examplePacket(template), evidence }
  const check = validatePacket(packet, template)
  if (!check.ok) throw new Error(`bench packet is invalid: ${JSON.stringify(check.issues)}`)
  writeFileSync(join(dir, 'packet.json'), `${JSON.stringify(packet)}\n`)

  // Roles: the packer holds the first required role, one more key per further role.
  const required = requiredSignoffRoles(template)
  const signers: { identity: Identity; role: string }[] = []
  for (const [i, role] of required.entries()) {
    signers.push({ identity: await generateIdentity(nodeCrypto, `Bench signer ${i}`), role })
  }
  const packer = signers[0]!.identity
  let ring = emptyKeyring()
  const addedAt = new Date(Date.now() - 60_000)
  for (const s of signers) {
    ring = (
      await addKey(
        nodeCrypto,
        ring,
        { publicKey: s.identity.publicKey, name: s.identity.name, roles: [s.role] },
        addedAt,
      )
    ).keyring
  }
  const keyring = join(dir, 'keyring.json')
  writeFileSync(keyring, keyringBytes(ring))

  const bundle = join(dir, 'bundle.evb')
  const sources = await evidenceFromFolder(filesDir, paths)
  const log = await AuditLog.open(new MemoryAuditLogStore(), nodeCrypto)
  const origin = `bench/${packer.keyid.slice(0, 16)}`
  await writeFileAtomic(bundle, (sink) =>
    packBundle(sink, {
      crypto: nodeCrypto,
      packet,
      evidence: (p) => sources.get(p)!,
      signer: identitySigner(nodeCrypto, packer),
      logOrigin: origin,
      recordInLog: async ({ packetId, statementSha256 }) => {
        const index = await log.append({
          action: 'bundle.exported',
          actor: packer.name,
          time: new Date().toISOString(),
          packetId,
          subject: statementSha256,
        })
        const { note } = await log.signCheckpoint({
          origin,
          seed: packer.seed,
          keyName: noteKeyName(packer.keyid),
        })
        return log.proofFile(index, note)
      },
    }).then(() => undefined),
  )
  const t2 = performance.now()

  for (const s of signers) {
    const source = await openFileSource(bundle)
    try {
      await writeFileAtomic(bundle, (sink) =>
        addSignoff(source, sink, {
          crypto: nodeCrypto,
          signer: identitySigner(nodeCrypto, s.identity),
          role: s.role,
          decision: 'approve',
        }).then(() => undefined),
      )
    } finally {
      await source.close()
    }
  }
  const t3 = performance.now()

  const source = await openFileSource(bundle)
  const container = await openContainer(source)
  try {
    const sums = container.entries.find((e) => e.name === SUMS_PATH)
    if (!sums) throw new Error('bundle has no SHA256SUMS')
    writeFileSync(join(dir, 'SHA256SUMS'), await readEntryBytes(sums, 64 * 1024 ** 2))
  } finally {
    await container.close()
    await source.close()
  }
  return {
    dir,
    bundle,
    keyring,
    sumsDir: dir,
    files: spec.files,
    bytes: sizes.reduce((a, b) => a + b, 0),
    sizes: {
      min: Math.min(...sizes),
      median: [...sizes].sort((a, b) => a - b)[sizes.length >> 1]!,
      max: Math.max(...sizes),
    },
    bundleBytes: source.size,
    timings: { generateMs: t1 - t0, packMs: t2 - t1, signoffMs: t3 - t2 },
  }
}

export interface CryptoRow {
  provider: string
  ed25519SignPerSec: number | undefined
  ed25519VerifyPerSec: number | undefined
  /** Streamed in 1 MiB updates (createSha256), as the verifier hashes files. */
  sha256StreamMBps: number
  /** One call over 16 MiB (sha256), as statements and sign-offs are hashed. */
  sha256OneShotMBps: number
}

/** Runs `op` repeatedly for about `ms` milliseconds; returns operations per second. */
async function rate(op: () => Promise<unknown>, ms: number, warmUp: number): Promise<number> {
  for (let i = 0; i < warmUp; i++) await op() // JIT, key caches
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    await op()
    n++
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

async function measureProvider(
  crypto: CryptoProvider,
  hasEd25519: boolean,
  ms: number,
): Promise<CryptoRow> {
  const seed = new Uint8Array(32).fill(7)
  // About the size of a DSSE pre-authentication message for a sign-off statement.
  const message = new Uint8Array(512).fill(1)
  let signPerSec: number | undefined
  let verifyPerSec: number | undefined
  if (hasEd25519) {
    const publicKey = await nodeCrypto.ed25519PublicKey(seed)
    const signature = await nodeCrypto.ed25519Sign(seed, message)
    signPerSec = await rate(() => crypto.ed25519Sign(seed, message), ms, 50)
    verifyPerSec = await rate(
      async () => {
        if (!(await crypto.ed25519Verify(publicKey, message, signature))) throw new Error('verify')
      },
      ms,
      50,
    )
  }
  const chunk = new Uint8Array(1024 * 1024)
  randomFillSync(chunk)
  const whole = new Uint8Array(16 * 1024 * 1024)
  randomFillSync(whole)
  const streamed = await rate(
    async () => {
      const h = crypto.createSha256()
      for (let i = 0; i < 16; i++) h.update(chunk)
      h.digest()
    },
    ms,
    2,
  )
  const oneShot = await rate(() => crypto.sha256(whole), ms, 2)
  const mb = (16 * 1024 * 1024) / 1e6
  return {
    provider: crypto.name,
    ed25519SignPerSec: signPerSec,
    ed25519VerifyPerSec: verifyPerSec,
    sha256StreamMBps: streamed * mb,
    sha256OneShotMBps: oneShot * mb,
  }
}

/** Ed25519 sign/verify per second and SHA-256 MB/s for each crypto provider. */
export async function cryptoBench(ms = 1000): Promise<CryptoRow[]> {
  return [
    await measureProvider(nodeCrypto, true, ms),
    await measureProvider(webCrypto, await webCryptoHasEd25519(), ms),
    await measureProvider(portableCrypto, true, ms),
  ]
}
