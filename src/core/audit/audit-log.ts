// The per-workspace append-only audit log: entries are canonical-JSON audit events, hashed into an
// RFC 9162 Merkle tree; checkpoints are C2SP signed notes over (origin, size, root). Storage is a
// port (AuditLogStore) so the renderer can back it with Dexie and tests with memory. verifyLog
// recomputes everything from the stored bytes and reports every problem it finds, itemised.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { bytesEqual, toBase64 } from '../encoding/bytes'
import { decodeAuditEvent, encodeAuditEvent, type AuditEvent } from './audit-event'
import { openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint'
import { leafHash, MerkleTree, verifyConsistency } from './merkle'
import { parseNote, parseVerifierKey, type NoteVerifier } from './signed-note'
import { formatTlogProof } from './tlog-proof'

/** Where a log keeps its entries and checkpoints. Entries are never rewritten or removed. */
export interface AuditLogStore {
  /** Every entry's bytes, in log order. */
  loadEntries(): Promise<Uint8Array[]>
  /**
   * The entries from `start` on, or null when the store holds fewer than `start` entries. Lets a
   * log catch up cheaply with entries another writer appended (AuditLog.refresh); without it,
   * catching up reads every entry.
   */
  loadEntriesFrom?(start: number): Promise<Uint8Array[] | null>
  /** Stores `entry` at `index`; must reject unless `index` equals the current entry count. */
  appendEntry(index: number, entry: Uint8Array): Promise<void>
  saveCheckpoint(note: string): Promise<void>
  /** Every saved checkpoint note, oldest first. */
  listCheckpoints(): Promise<string[]>
}

export class MemoryAuditLogStore implements AuditLogStore {
  private readonly entries: Uint8Array[]
  private readonly checkpoints: string[]

  constructor(init: { entries?: readonly Uint8Array[]; checkpoints?: readonly string[] } = {}) {
    this.entries = (init.entries ?? []).map((e) => e.slice())
    this.checkpoints = [...(init.checkpoints ?? [])]
  }

  async loadEntries(): Promise<Uint8Array[]> {
    return this.entries.map((e) => e.slice())
  }

  async loadEntriesFrom(start: number): Promise<Uint8Array[] | null> {
    if (start > this.entries.length) return null
    return this.entries.slice(start).map((e) => e.slice())
  }

  async appendEntry(index: number, entry: Uint8Array): Promise<void> {
    if (index !== this.entries.length) {
      throw new Error(`append at ${index} refused: the log has ${this.entries.length} entries`)
    }
    this.entries.push(entry.slice())
  }

  async saveCheckpoint(note: string): Promise<void> {
    this.checkpoints.push(note)
  }

  async listCheckpoints(): Promise<string[]> {
    return [...this.checkpoints]
  }
}

export interface AuditProgress {
  phase: 'entries' | 'checkpoints'
  done: number
  total: number
}

export interface LongTaskOptions {
  onProgress?: (progress: AuditProgress) => void
  /** Cancels the work: the promise rejects with the signal's reason. */
  signal?: AbortSignal
}

export type AuditLogErrorCode =
  'LOG_NO_CHECKPOINT' | 'LOG_CHECKPOINT_MISMATCH' | 'LOG_INDEX_OUT_OF_RANGE'

/** Misuse of a local log (asking for a proof it cannot give). Verification never throws these. */
export class AuditLogError extends Error {
  constructor(
    readonly code: AuditLogErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AuditLogError'
  }
}

export type LogIssueCode =
  | 'LOG_VERIFIER_KEY_INVALID'
  | 'LOG_CHECKPOINT_MALFORMED'
  | 'LOG_CHECKPOINT_SIGNATURE_INVALID'
  | 'LOG_CHECKPOINT_UNTRUSTED_KEY'
  | 'LOG_CHECKPOINT_ORIGIN_MISMATCH'
  | 'LOG_TRUNCATED'
  | 'LOG_EDITED'
  | 'LOG_FORKED'
  | 'LOG_INCONSISTENT'
  | 'LOG_ENTRY_MALFORMED'

export interface LogIssue {
  code: LogIssueCode
  message: string
  /** Position of the checkpoint concerned in the list given to verifyLog. */
  checkpoint?: number
  /** Tree size concerned. */
  size?: number
  /**
   * Entry index concerned. For LOG_EDITED, the first entry that may have changed: the changed
   * entry is between `index` and `size - 1` (the entries up to `index` match a smaller signed
   * checkpoint).
   */
  index?: number
}

export interface LogVerificationReport {
  /** True only when there is no issue at all. */
  ok: boolean
  entries: number
  checkpoints: number
  /** Checkpoints with a trusted signature whose root matches the stored entries. */
  verifiedCheckpoints: number
  /** Entries covered by the largest verified checkpoint; later entries are not yet signed. */
  coveredEntries: number
  issues: LogIssue[]
}

const YIELD_EVERY = 2048

// Lets an abort (a message or a click, both macrotasks) land during long runs of microtasks.
const yieldToEventLoop = (): Promise<void> =>
  typeof globalThis.setTimeout === 'function'
    ? new Promise((resolve) => globalThis.setTimeout(resolve, 0))
    : Promise.resolve()

async function hashEntries(
  entries: readonly Uint8Array[],
  crypto: CryptoProvider,
  options: LongTaskOptions,
  visit?: (index: number, entry: Uint8Array) => void,
): Promise<MerkleTree> {
  const { onProgress, signal } = options
  const tree = new MerkleTree(crypto)
  const total = entries.length
  for (let i = 0; i < total; i++) {
    if (i % YIELD_EVERY === 0) {
      signal?.throwIfAborted()
      if (i > 0) {
        onProgress?.({ phase: 'entries', done: i, total })
        if (signal) await yieldToEventLoop()
        signal?.throwIfAborted()
      }
    }
    const entry = entries[i]!
    visit?.(i, entry)
    tree.append(await leafHash(entry, crypto))
  }
  // Build every complete subtree now, so progress covers the slow part and later calls are fast.
  await tree.rootHash()
  signal?.throwIfAborted()
  onProgress?.({ phase: 'entries', done: total, total })
  return tree
}

const short = (hash: Uint8Array) => `${toBase64(hash).slice(0, 12)}…`

/**
 * Recomputes the log from `entries` and checks every checkpoint: trusted signature (and origin,
 * if given), size within the log (else LOG_TRUNCATED), root equal to the root of the first
 * `size` entries (else LOG_EDITED), no two checkpoints of one size with different roots
 * (LOG_FORKED), successive checkpoints consistent (RFC 9162 consistency proofs), and every entry
 * a canonical audit event. Problems are reported, never repaired. Rejects only when aborted.
 */
export async function verifyLog(
  entries: readonly Uint8Array[],
  checkpoints: readonly string[],
  verifierKeys: readonly (NoteVerifier | string)[],
  crypto: CryptoProvider,
  options: LongTaskOptions & { origin?: string; checkEntries?: boolean } = {},
): Promise<LogVerificationReport> {
  const issues: LogIssue[] = []
  const report = (verifiedCheckpoints: number, coveredEntries: number): LogVerificationReport => ({
    ok: issues.length === 0,
    entries: entries.length,
    checkpoints: checkpoints.length,
    verifiedCheckpoints,
    coveredEntries,
    issues,
  })

  // Parse the trusted keys once, not once per checkpoint.
  const verifiers: NoteVerifier[] = []
  for (const key of verifierKeys) {
    if (typeof key !== 'string') {
      verifiers.push(key)
      continue
    }
    const parsed = await parseVerifierKey(key, crypto)
    if (!parsed.ok) {
      issues.push({ code: 'LOG_VERIFIER_KEY_INVALID', message: parsed.message })
      return report(0, 0)
    }
    verifiers.push(parsed.verifier)
  }

  const checkEntries = options.checkEntries ?? true
  const tree = await hashEntries(entries, crypto, options, (index, entry) => {
    if (!checkEntries) return
    const decoded = decodeAuditEvent(entry)
    if (!decoded.ok)
      issues.push({ code: decoded.code, message: `entry ${index}: ${decoded.message}`, index })
  })

  // Signatures first: only checkpoints with a trusted signature say anything about the log.
  const trusted: { position: number; checkpoint: Checkpoint }[] = []
  for (const [position, note] of checkpoints.entries()) {
    options.signal?.throwIfAborted()
    options.onProgress?.({ phase: 'checkpoints', done: position, total: checkpoints.length })
    const opened = await openCheckpoint(note, verifiers, crypto, { origin: options.origin })
    if (!opened.ok) {
      issues.push({
        code: opened.code,
        message: `checkpoint ${position}: ${opened.message}`,
        checkpoint: position,
      })
    } else {
      trusted.push({ position, checkpoint: opened.checkpoint })
    }
  }
  options.onProgress?.({
    phase: 'checkpoints',
    done: checkpoints.length,
    total: checkpoints.length,
  })

  // Two signed views of the same size that differ: the signer's history split.
  const bySize = new Map<number, { position: number; checkpoint: Checkpoint }>()
  for (const item of trusted) {
    const first = bySize.get(item.checkpoint.size)
    if (!first) {
      bySize.set(item.checkpoint.size, item)
    } else if (!bytesEqual(first.checkpoint.rootHash, item.checkpoint.rootHash)) {
      issues.push({
        code: 'LOG_FORKED',
        message: `checkpoints ${first.position} and ${item.position} are both signed for ${item.checkpoint.size} entries but with different roots (${short(first.checkpoint.rootHash)} vs ${short(item.checkpoint.rootHash)}): the log was forked`,
        checkpoint: item.position,
        size: item.checkpoint.size,
      })
    }
  }

  const matching: Checkpoint[] = []
  const sorted = [...trusted].sort((a, b) => a.checkpoint.size - b.checkpoint.size)
  for (const { position, checkpoint } of sorted) {
    const { size } = checkpoint
    if (size > entries.length) {
      issues.push({
        code: 'LOG_TRUNCATED',
        message: `checkpoint ${position} was signed for ${size} entries but the log holds only ${entries.length}: entries were removed or the log was rolled back`,
        checkpoint: position,
        size,
      })
      continue
    }
    const root = await tree.rootHash(size)
    if (!bytesEqual(root, checkpoint.rootHash)) {
      const lastGood = matching.at(-1)?.size ?? 0
      const where =
        lastGood < size
          ? `an entry between index ${lastGood} and ${size - 1} was changed`
          : 'they match another checkpoint of the same size instead (see LOG_FORKED)'
      issues.push({
        code: 'LOG_EDITED',
        message: `the first ${size} entries no longer hash to the root signed in checkpoint ${position} (${short(checkpoint.rootHash)}, now ${short(root)}): ${where}`,
        checkpoint: position,
        size,
        ...(lastGood < size ? { index: lastGood } : {}),
      })
      continue
    }
    matching.push(checkpoint)
  }

  // The check the archive runs on sync: each verified checkpoint extends the previous one.
  for (let i = 1; i < matching.length; i++) {
    const older = matching[i - 1]!
    const newer = matching[i]!
    if (older.size === newer.size) continue
    const proof = await tree.consistencyProof(older.size, newer.size)
    const consistent = await verifyConsistency(
      older.size,
      newer.size,
      older.rootHash,
      newer.rootHash,
      proof,
      crypto,
    )
    if (!consistent) {
      issues.push({
        code: 'LOG_INCONSISTENT',
        message: `the checkpoint for ${newer.size} entries does not extend the one for ${older.size}`,
        size: newer.size,
      })
    }
  }

  return report(matching.length, matching.at(-1)?.size ?? 0)
}

/** A local audit log over a store. Appends and checkpoint signing are serialised. */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly store: AuditLogStore,
    private readonly crypto: CryptoProvider,
    private entries: Uint8Array[],
    private tree: MerkleTree,
  ) {}

  /** Loads and hashes the stored entries. Nothing is verified here; use verify() for that. */
  static async open(
    store: AuditLogStore,
    crypto: CryptoProvider,
    options: LongTaskOptions = {},
  ): Promise<AuditLog> {
    const entries = await store.loadEntries()
    const tree = await hashEntries(entries, crypto, options)
    return new AuditLog(store, crypto, entries, tree)
  }

  get size(): number {
    return this.entries.length
  }

  /** The stored bytes of entry `index` (a copy). */
  entry(index: number): Uint8Array {
    const entry = this.entries[index]
    if (!entry) throw new AuditLogError('LOG_INDEX_OUT_OF_RANGE', `no entry ${index}`)
    return entry.slice()
  }

  /**
   * Catches up with entries other writers appended to the store (the workbench appends most
   * entries in the database transaction of the change they record, not through this object).
   * When the store holds fewer entries than this log (entries were removed), everything is
   * re-read and re-hashed, so the log never signs or proves entries the store no longer has.
   * Returns the new size.
   */
  refresh(options: LongTaskOptions = {}): Promise<number> {
    return this.serialise(() => this.catchUp(options))
  }

  /**
   * True when the first `checkpoint.size` entries of this log hash to `checkpoint.rootHash`:
   * this log extends that checkpoint. Signing a checkpoint that does not is a fork.
   */
  async extends(checkpoint: Checkpoint): Promise<boolean> {
    if (checkpoint.size > this.size) return false
    return bytesEqual(await this.tree.rootHash(checkpoint.size), checkpoint.rootHash)
  }

  /** Appends an event and returns its index. Throws AuditEventError for an invalid event. */
  async append(event: AuditEvent): Promise<number> {
    const bytes = encodeAuditEvent(event)
    return this.serialise(async () => {
      await this.catchUp()
      const hash = await leafHash(bytes, this.crypto)
      const index = this.entries.length
      await this.store.appendEntry(index, bytes)
      this.entries.push(bytes)
      this.tree.append(hash)
      return index
    })
  }

  rootHash(size: number = this.size): Promise<Uint8Array> {
    return this.tree.rootHash(size)
  }

  async checkpoint(origin: string, size: number = this.size): Promise<Checkpoint> {
    return { origin, size, rootHash: await this.tree.rootHash(size), extensions: [] }
  }

  /** Signs a checkpoint of the whole log and saves it. The key name defaults to the origin. */
  signCheckpoint(
    signer: { origin: string; keyName?: string } & (
      | { seed: Uint8Array }
      | { publicKey: Uint8Array; sign(message: Uint8Array): Promise<Uint8Array> }
    ),
  ): Promise<{ note: string; checkpoint: Checkpoint }> {
    return this.serialise(async () => {
      const checkpoint = await this.checkpoint(signer.origin)
      const key =
        'seed' in signer
          ? { seed: signer.seed }
          : { publicKey: signer.publicKey, sign: (m: Uint8Array) => signer.sign(m) }
      const note = await signCheckpoint(
        checkpoint,
        { ...key, name: signer.keyName ?? signer.origin },
        this.crypto,
      )
      await this.store.saveCheckpoint(note)
      return { note, checkpoint }
    })
  }

  inclusionProof(index: number, size: number = this.size): Promise<Uint8Array[]> {
    return this.tree.inclusionProof(index, size)
  }

  consistencyProof(oldSize: number, newSize: number = this.size): Promise<Uint8Array[]> {
    return this.tree.consistencyProof(oldSize, newSize)
  }

  /**
   * A tlog-proof file for entry `index` against `checkpointNote`, or else against the largest
   * stored checkpoint that covers it. The checkpoint must match this log's entries.
   */
  async proofFile(index: number, checkpointNote?: string): Promise<string> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new AuditLogError('LOG_INDEX_OUT_OF_RANGE', `no entry ${index}`)
    }
    let chosen: { note: string; checkpoint: Checkpoint } | undefined
    const candidates =
      checkpointNote === undefined ? await this.store.listCheckpoints() : [checkpointNote]
    for (const note of candidates) {
      const parsed = parseNote(note)
      const body = parsed.ok ? parseCheckpoint(parsed.note.text) : undefined
      if (!body?.ok || body.checkpoint.size <= index || body.checkpoint.size > this.size) continue
      if (!chosen || body.checkpoint.size >= chosen.checkpoint.size) {
        chosen = { note, checkpoint: body.checkpoint }
      }
    }
    if (!chosen) {
      throw new AuditLogError(
        'LOG_NO_CHECKPOINT',
        `no checkpoint covers entry ${index}; sign a checkpoint first`,
      )
    }
    const { note, checkpoint } = chosen
    if (!bytesEqual(await this.tree.rootHash(checkpoint.size), checkpoint.rootHash)) {
      throw new AuditLogError(
        'LOG_CHECKPOINT_MISMATCH',
        `the checkpoint of ${checkpoint.origin} for ${checkpoint.size} entries does not match this log`,
      )
    }
    const proof = await this.tree.inclusionProof(index, checkpoint.size)
    return formatTlogProof({ index, entry: this.entries[index]!.slice(), proof, checkpoint: note })
  }

  /** verifyLog over this store's entries and checkpoints, re-read from the store. */
  async verify(
    verifierKeys: readonly (NoteVerifier | string)[],
    options: LongTaskOptions & { origin?: string } = {},
  ): Promise<LogVerificationReport> {
    const [entries, checkpoints] = await Promise.all([
      this.store.loadEntries(),
      this.store.listCheckpoints(),
    ])
    return verifyLog(entries, checkpoints, verifierKeys, this.crypto, options)
  }

  private async catchUp(options: LongTaskOptions = {}): Promise<number> {
    const from = this.size
    let fresh: Uint8Array[] | null
    if (this.store.loadEntriesFrom) {
      fresh = await this.store.loadEntriesFrom(from)
    } else {
      const all = await this.store.loadEntries()
      fresh = all.length < from ? null : all.slice(from)
    }
    if (fresh === null) {
      const entries = await this.store.loadEntries()
      this.tree = await hashEntries(entries, this.crypto, options)
      this.entries = entries
      return this.size
    }
    for (const entry of fresh) {
      options.signal?.throwIfAborted()
      this.tree.append(await leafHash(entry, this.crypto))
      this.entries.push(entry)
    }
    return this.size
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
