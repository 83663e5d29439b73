// Writing the workspace keyring: the user's own identities (origin 'own', with the roles they
// claim), colleagues' keys imported from files (origin 'imported'), and revocations. Each change
// is one transaction together with its audit entry (key.created, key.imported, key.updated,
// key.revoked).
// Key ids and other crypto are computed before the transaction opens. Nothing is ever deleted:
// a key no longer trusted is revoked with a reason, and stays visible as revoked.
import { keyringBytes, keyringOf, validateRoles, KeyringError } from '../../core/keys/keyring'
import type { KeyCandidate } from '../../core/keys/key-import'
import { toBase64 } from '../../core/encoding/bytes'
import type { IdentityInfo } from '../../core/host/host-api'
import type { KeyringRecord } from '../../core/workspace/records'
import { logEvent } from '../audit/log-event'
import type { WorkspaceDb } from './workspace-db'

const MAX_NOTE = 500
const MAX_REASON = 500

const checkWindow = (validFrom?: string, validUntil?: string) => {
  for (const d of [validFrom, validUntil]) {
    if (d !== undefined && Number.isNaN(Date.parse(d))) {
      throw new KeyringError(`"${d}" is not a date.`)
    }
  }
  if (validFrom && validUntil && Date.parse(validFrom) > Date.parse(validUntil)) {
    throw new KeyringError('“Valid until” is before “Valid from”: swap or correct the dates.')
  }
}

/**
 * Adds one of the user's identities to the workspace keyring with the roles they claim, logging
 * `key.created` (a new identity) or `key.imported` (an existing identity added to another
 * workspace). An identity already in the keyring keeps its record and is not logged again.
 */
export async function addOwnIdentity(
  db: WorkspaceDb,
  identity: IdentityInfo,
  roles: string[],
  actor: string,
  options: { created: boolean; now?: Date },
): Promise<KeyringRecord> {
  const now = options.now ?? new Date()
  const record: KeyringRecord = {
    keyid: identity.keyid,
    name: identity.name,
    publicKey: toBase64(identity.publicKey),
    roles: validateRoles(roles),
    addedAt: now.toISOString(),
    origin: 'own',
  }
  return db.transaction('rw', db.keyring, db.auditEntries, async () => {
    const existing = await db.keyring.get(identity.keyid)
    if (existing) return existing
    await db.keyring.add(record)
    await logEvent(db, {
      action: options.created ? 'key.created' : 'key.imported',
      actor,
      time: record.addedAt,
      subject: record.keyid,
      details: { name: record.name, roles: record.roles, origin: 'own' },
    })
    return record
  })
}

export interface ImportChoice {
  candidate: KeyCandidate
  name: string
  roles: string[]
  validFrom?: string
  validUntil?: string
  note?: string
}

/**
 * Imports colleagues' keys with the name, roles, validity and note the importer chose, logging
 * `key.imported` for each. Refuses (changing nothing) when a key is already in the keyring.
 */
export async function importKeys(
  db: WorkspaceDb,
  choices: ImportChoice[],
  actor: string,
  now = new Date(),
): Promise<KeyringRecord[]> {
  const records = choices.map((c): KeyringRecord => {
    const name = c.name.trim()
    if (name === '') throw new KeyringError('Give the key a name (whose key is it?).')
    checkWindow(c.validFrom, c.validUntil)
    const note = c.note?.trim()
    if (note && note.length > MAX_NOTE) {
      throw new KeyringError(`The note is too long: use at most ${MAX_NOTE} characters.`)
    }
    return {
      keyid: c.candidate.keyid,
      name,
      publicKey: toBase64(c.candidate.publicKey),
      roles: validateRoles(c.roles),
      addedAt: now.toISOString(),
      ...(c.validFrom ? { validFrom: c.validFrom } : {}),
      ...(c.validUntil ? { validUntil: c.validUntil } : {}),
      ...(c.candidate.revoked ? { revoked: { ...c.candidate.revoked } } : {}),
      origin: 'imported',
      ...(note ? { note } : {}),
    }
  })
  return db.transaction('rw', db.keyring, db.auditEntries, async () => {
    for (const r of records) {
      const existing = await db.keyring.get(r.keyid)
      if (existing) {
        throw new KeyringError(
          `Key ${r.keyid.slice(0, 16)} is already in this workspace’s keyring as “${existing.name}”. Nothing was imported.`,
        )
      }
    }
    for (const r of records) {
      await db.keyring.add(r)
      await logEvent(db, {
        action: 'key.imported',
        actor,
        time: r.addedAt,
        subject: r.keyid,
        details: {
          name: r.name,
          roles: r.roles,
          origin: 'imported',
          ...(r.validFrom ? { validFrom: r.validFrom } : {}),
          ...(r.validUntil ? { validUntil: r.validUntil } : {}),
          ...(r.revoked ? { revokedInFile: r.revoked.reason } : {}),
        },
      })
    }
    return records
  })
}

export interface KeyChange {
  roles: string[]
  /** ISO times; absent means no bound. */
  validFrom?: string
  validUntil?: string
  note?: string
}

export interface KeyUpdate {
  record: KeyringRecord
  /** False when the change equals the entry: nothing was written or logged. */
  changed: boolean
}

const terms = (e: { roles: string[]; validFrom?: string; validUntil?: string }) => ({
  roles: [...e.roles],
  ...(e.validFrom ? { validFrom: e.validFrom } : {}),
  ...(e.validUntil ? { validUntil: e.validUntil } : {}),
})

const sameTerms = (a: ReturnType<typeof terms>, b: ReturnType<typeof terms>) =>
  a.roles.length === b.roles.length &&
  [...a.roles].sort().join() === [...b.roles].sort().join() &&
  a.validFrom === b.validFrom &&
  a.validUntil === b.validUntil

/**
 * Changes the roles, validity window and note of a key that is not revoked (a colleague's or
 * one of the user's own identities: the keyring is where both get their roles), logging
 * `key.updated` with the roles and validity before and after. At least one role is required:
 * a key that should sign for nothing is revoked instead. Nothing is written when nothing changes.
 */
export async function updateKeyringEntry(
  db: WorkspaceDb,
  keyid: string,
  change: KeyChange,
  actor: string,
  now = new Date(),
): Promise<KeyUpdate> {
  const roles = validateRoles(change.roles)
  if (roles.length === 0) {
    throw new KeyringError(
      'Choose at least one role this key may sign for. To trust it for nothing, revoke it instead.',
    )
  }
  checkWindow(change.validFrom, change.validUntil)
  if (change.validFrom && change.validUntil && change.validFrom === change.validUntil) {
    throw new KeyringError('“Valid until” must be after “Valid from”.')
  }
  const note = change.note?.trim() ?? ''
  if (note.length > MAX_NOTE) {
    throw new KeyringError(`The note is too long: use at most ${MAX_NOTE} characters.`)
  }
  return db.transaction('rw', db.keyring, db.auditEntries, async () => {
    const entry = await db.keyring.get(keyid)
    if (!entry) throw new KeyringError('That key is no longer in the keyring.')
    if (entry.revoked) {
      throw new KeyringError(
        `The key of ${entry.name} was revoked on ${entry.revoked.at.slice(0, 10)}: a revoked key cannot be given roles again. Import the person’s new key instead.`,
      )
    }
    const before = terms(entry)
    const after = terms({ ...change, roles })
    const noteChanged = (entry.note ?? '') !== note
    if (sameTerms(before, after) && !noteChanged) return { record: entry, changed: false }
    const record: KeyringRecord = {
      keyid: entry.keyid,
      name: entry.name,
      publicKey: entry.publicKey,
      addedAt: entry.addedAt,
      origin: entry.origin,
      ...after,
      ...(note ? { note } : {}),
    }
    await db.keyring.put(record)
    await logEvent(db, {
      action: 'key.updated',
      actor,
      time: now.toISOString(),
      subject: keyid,
      details: {
        name: entry.name,
        origin: entry.origin,
        before,
        after,
        ...(noteChanged ? { noteChanged: true } : {}),
      },
    })
    return { record, changed: true }
  })
}

/** Revokes a key with a reason (required), logging `key.revoked`. The entry stays, revoked. */
export async function revokeKeyringKey(
  db: WorkspaceDb,
  keyid: string,
  reason: string,
  actor: string,
  now = new Date(),
): Promise<KeyringRecord> {
  const why = reason.trim()
  if (why === '') {
    throw new KeyringError(
      'Say why the key is revoked (for example “laptop lost”, “left the team”).',
    )
  }
  if (why.length > MAX_REASON) {
    throw new KeyringError(`The reason is too long: use at most ${MAX_REASON} characters.`)
  }
  return db.transaction('rw', db.keyring, db.auditEntries, async () => {
    const entry = await db.keyring.get(keyid)
    if (!entry) throw new KeyringError('That key is no longer in the keyring.')
    if (entry.revoked) {
      throw new KeyringError(
        `Key ${keyid.slice(0, 16)} was already revoked on ${entry.revoked.at}.`,
      )
    }
    const revoked = { ...entry, revoked: { at: now.toISOString(), reason: why } }
    await db.keyring.put(revoked)
    await logEvent(db, {
      action: 'key.revoked',
      actor,
      time: revoked.revoked.at,
      subject: keyid,
      details: { name: entry.name, reason: why },
    })
    return revoked
  })
}

/** The workspace keyring as the core keyring JSON file (what `evw verify --keyring` reads). */
export async function workspaceKeyringBytes(db: WorkspaceDb): Promise<Uint8Array> {
  const records = await db.keyring.orderBy('name').toArray()
  return keyringBytes(keyringOf(records))
}
