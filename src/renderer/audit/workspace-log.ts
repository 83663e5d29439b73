// The workspace's audit log over its database: a core AuditLogStore on the auditEntries and
// checkpoints tables, the log's origin and trusted keys, and signing checkpoints with this
// computer's device key. Most entries are written by logEvent inside the transaction of the
// change they record, so an AuditLog held in memory is refreshed from the store before use.
import { AuditLog, type AuditLogStore } from '../../core/audit/audit-log'
import { openCheckpoint, type Checkpoint } from '../../core/audit/checkpoint'
import { createNoteVerifier, type NoteVerifier } from '../../core/audit/signed-note'
import { noteKeyName } from '../../core/bundle/log-proof-check'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { fromBase64 } from '../../core/encoding/bytes'
import type { KeyVault } from '../../core/host/host-api'
import type { WorkspaceDb } from '../data/workspace-db'
import { DB_PREFIX } from '../data/workspace-registry'
import { platformCrypto } from '../host/platform-crypto'

/** The log origin of a workspace: `evidence-workbench/workspace/<workspace id>`. */
export const logOriginFor = (workspaceId: string): string =>
  `evidence-workbench/workspace/${workspaceId}`

/** The workspace id of an open workspace database (its name is `evw-workspace-<id>`). */
export const workspaceIdOf = (db: WorkspaceDb): string =>
  db.name.startsWith(DB_PREFIX) ? db.name.slice(DB_PREFIX.length) : db.name

/** The origin of the open workspace's log; every checkpoint of it names this origin. */
export const workspaceLogOrigin = (db: WorkspaceDb): string => logOriginFor(workspaceIdOf(db))

/** The signed-note key name of a device key (identities use noteKeyName: `evw-<keyid16>`). */
export const deviceNoteKeyName = (keyid: string): string => `evw-device-${keyid.slice(0, 16)}`

/** A core AuditLogStore over the workspace database. Entries are never rewritten or removed. */
export class DexieAuditLogStore implements AuditLogStore {
  constructor(private readonly db: WorkspaceDb) {}

  async loadEntries(): Promise<Uint8Array[]> {
    const rows = await this.db.auditEntries.orderBy('index').toArray()
    return rows.map((r) => r.entry)
  }

  async loadEntriesFrom(start: number): Promise<Uint8Array[] | null> {
    const { db } = this
    return db.transaction('r', db.auditEntries, async () => {
      if ((await db.auditEntries.count()) < start) return null
      const rows = await db.auditEntries.where('index').aboveOrEqual(start).sortBy('index')
      return rows.map((r) => r.entry)
    })
  }

  async appendEntry(index: number, entry: Uint8Array): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.auditEntries, async () => {
      const count = await db.auditEntries.count()
      const last = await db.auditEntries.orderBy('index').last()
      if (count !== index || (last ? last.index + 1 : 0) !== index) {
        throw new Error(`append at ${index} refused: the log has ${count} entries`)
      }
      await db.auditEntries.add({ index, entry })
    })
  }

  async saveCheckpoint(note: string): Promise<void> {
    await this.db.checkpoints.add({
      size: sizeOfNote(note),
      note,
      savedAt: new Date().toISOString(),
    })
  }

  async listCheckpoints(): Promise<string[]> {
    const rows = await this.db.checkpoints.orderBy('id').toArray()
    return rows.map((r) => r.note)
  }
}

/** The tree size a checkpoint note states (for the table's index; never trusted). */
function sizeOfNote(note: string): number {
  const size = Number(note.split('\n')[1])
  return Number.isSafeInteger(size) && size >= 0 ? size : -1
}

const logs = new WeakMap<WorkspaceDb, Promise<AuditLog>>()

/**
 * The open workspace's audit log, caught up with every entry in the database. One AuditLog is
 * kept per open database, so only new entries are hashed each time.
 */
export async function openWorkspaceLog(
  db: WorkspaceDb,
  options: { crypto?: CryptoProvider; signal?: AbortSignal } = {},
): Promise<AuditLog> {
  let opening = logs.get(db)
  if (!opening) {
    opening = (async () =>
      AuditLog.open(new DexieAuditLogStore(db), options.crypto ?? (await platformCrypto())))()
    logs.set(db, opening)
    opening.catch(() => logs.delete(db))
  }
  const log = await opening
  await log.refresh(options.signal ? { signal: options.signal } : {})
  return log
}

/** Drops the cached log of `db` (after its entries were replaced, e.g. a demo reset). */
export function forgetWorkspaceLog(db: WorkspaceDb): void {
  logs.delete(db)
}

/**
 * The keys whose checkpoint signatures the workspace trusts: this computer's device key and
 * every key in the workspace keyring (own identities and imported colleagues' keys, which sign
 * checkpoints when they pack a bundle). Revoked keys stay: their old checkpoints still attest
 * what the log held then, and a key can only add checks, never hide a problem.
 */
export async function workspaceVerifierKeys(
  db: WorkspaceDb,
  keys: KeyVault,
  crypto: CryptoProvider,
): Promise<NoteVerifier[]> {
  const out: NoteVerifier[] = []
  const device = await keys.deviceKey()
  out.push(await createNoteVerifier(deviceNoteKeyName(device.keyid), device.publicKey, crypto))
  const keyring = await db.keyring.toArray()
  for (const k of keyring) {
    if (k.origin !== 'own' && k.origin !== 'imported') continue
    try {
      out.push(await createNoteVerifier(noteKeyName(k.keyid), fromBase64(k.publicKey), crypto))
    } catch {
      // A damaged keyring entry verifies nothing; the keyring screen reports it.
    }
  }
  return out
}

export class CheckpointRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CheckpointRefusedError'
  }
}

/**
 * The newest trusted checkpoint in the database (largest tree size), or undefined when there
 * is none. Only the largest few are opened, so this stays quick however many there are.
 */
export async function latestTrustedCheckpoint(
  db: WorkspaceDb,
  verifiers: readonly NoteVerifier[],
  crypto: CryptoProvider,
): Promise<{ note: string; checkpoint: Checkpoint } | undefined> {
  const origin = workspaceLogOrigin(db)
  const candidates = await db.checkpoints.orderBy('size').reverse().limit(20).toArray()
  for (const c of candidates) {
    const opened = await openCheckpoint(c.note, verifiers, crypto, { origin })
    if (opened.ok) return { note: c.note, checkpoint: opened.checkpoint }
  }
  return undefined
}

export interface SignedCheckpoint {
  note: string
  checkpoint: Checkpoint
  /** False when the newest checkpoint already covered every entry and nothing was signed. */
  signed: boolean
}

/**
 * Signs a checkpoint of the whole workspace log with this computer's device key, unless the
 * newest trusted checkpoint already covers every entry. Refuses (CheckpointRefusedError) when
 * the stored entries do not extend that checkpoint: signing then would fork the log and hide
 * the damage; the user is asked to verify the log instead.
 */
export function signWorkspaceCheckpoint(
  db: WorkspaceDb,
  keys: KeyVault,
  options: { crypto?: CryptoProvider; force?: boolean } = {},
): Promise<SignedCheckpoint> {
  // One signing at a time per workspace, so two triggers never sign the same state twice.
  const run = (signing.get(db) ?? Promise.resolve()).then(() => signNow(db, keys, options))
  signing.set(
    db,
    run.catch(() => undefined),
  )
  return run
}

const signing = new WeakMap<WorkspaceDb, Promise<unknown>>()

async function signNow(
  db: WorkspaceDb,
  keys: KeyVault,
  options: { crypto?: CryptoProvider; force?: boolean },
): Promise<SignedCheckpoint> {
  const crypto = options.crypto ?? (await platformCrypto())
  const log = await openWorkspaceLog(db, { crypto })
  const verifiers = await workspaceVerifierKeys(db, keys, crypto)
  const latest = await latestTrustedCheckpoint(db, verifiers, crypto)
  if (latest) {
    if (!(await log.extends(latest.checkpoint))) {
      throw new CheckpointRefusedError(
        `The log no longer matches its last signed checkpoint (${latest.checkpoint.size} entries), so no new checkpoint was signed. Verify the whole log to see what changed.`,
      )
    }
    if (latest.checkpoint.size === log.size && !options.force) {
      return { ...latest, signed: false }
    }
  }
  const device = await keys.deviceKey()
  const { note, checkpoint } = await log.signCheckpoint({
    origin: workspaceLogOrigin(db),
    keyName: deviceNoteKeyName(device.keyid),
    publicKey: device.publicKey,
    sign: (message) => keys.deviceSign(message),
  })
  return { note, checkpoint, signed: true }
}
