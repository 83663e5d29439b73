// The verifier's trust store: which public keys are trusted, for which roles, when.
// Trust comes only from here, never from key hints inside a bundle.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { fromBase64, toBase64, utf8 } from '../encoding/bytes'
import { parseJsonBytes, type JsonValue } from '../json/canonical-json'
import { keyIdOf } from './keyid'

export const KEYRING_TYPE = 'evidence-workbench/keyring'

export interface KeyringEntry {
  keyid: string
  name: string
  publicKey: string
  roles: string[]
  addedAt: string
  validFrom?: string
  validUntil?: string
  revoked?: { at: string; reason: string }
}

export interface Keyring {
  type: typeof KEYRING_TYPE
  version: 1
  keys: KeyringEntry[]
}

export const emptyKeyring = (): Keyring => ({ type: KEYRING_TYPE, version: 1, keys: [] })

/**
 * A keyring of `entries`, keeping only the keyring members of each (a workspace's keyring
 * records carry more, e.g. where they came from): what a verifier and an exported file see.
 */
export function keyringOf(entries: readonly KeyringEntry[]): Keyring {
  return {
    type: KEYRING_TYPE,
    version: 1,
    keys: entries.map((e) => ({
      keyid: e.keyid,
      name: e.name,
      publicKey: e.publicKey,
      roles: [...e.roles],
      addedAt: e.addedAt,
      ...(e.validFrom !== undefined ? { validFrom: e.validFrom } : {}),
      ...(e.validUntil !== undefined ? { validUntil: e.validUntil } : {}),
      ...(e.revoked !== undefined
        ? { revoked: { at: e.revoked.at, reason: e.revoked.reason } }
        : {}),
    })),
  }
}

export class KeyringError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyringError'
  }
}

const ROLE = /^[a-z][a-z0-9-]{0,63}$/
const isIsoDate = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s))

export function parseKeyring(bytes: Uint8Array): Keyring {
  let json: JsonValue
  try {
    json = parseJsonBytes(bytes)
  } catch (e) {
    throw new KeyringError(`The keyring is not valid JSON: ${(e as Error).message}.`)
  }
  const k = json as unknown as Keyring
  if (typeof k !== 'object' || k === null || k.type !== KEYRING_TYPE || k.version !== 1) {
    throw new KeyringError(`Not a keyring: expected "type": "${KEYRING_TYPE}", "version": 1.`)
  }
  if (!Array.isArray(k.keys)) throw new KeyringError('The keyring has no "keys" list.')
  const seen = new Set<string>()
  for (const [i, e] of k.keys.entries()) {
    const where = `keys[${i}]`
    if (typeof e !== 'object' || e === null) throw new KeyringError(`${where} is not an object.`)
    if (typeof e.keyid !== 'string' || !/^[0-9a-f]{64}$/.test(e.keyid)) {
      throw new KeyringError(`${where} has no valid keyid.`)
    }
    if (seen.has(e.keyid)) throw new KeyringError(`${where} repeats key ${e.keyid.slice(0, 16)}.`)
    seen.add(e.keyid)
    if (typeof e.name !== 'string' || typeof e.publicKey !== 'string') {
      throw new KeyringError(`${where} needs a name and a publicKey.`)
    }
    if (!Array.isArray(e.roles) || !e.roles.every((r) => typeof r === 'string' && ROLE.test(r))) {
      throw new KeyringError(`${where} has invalid roles (lowercase words like "legal").`)
    }
    for (const d of ['validFrom', 'validUntil'] as const) {
      if (e[d] !== undefined && !isIsoDate(e[d]))
        throw new KeyringError(`${where}.${d} is not a date.`)
    }
    if (
      e.revoked !== undefined &&
      (!isIsoDate(e.revoked.at) || typeof e.revoked.reason !== 'string')
    ) {
      throw new KeyringError(`${where}.revoked needs "at" (a date) and "reason".`)
    }
  }
  return k
}

export const keyringBytes = (keyring: Keyring): Uint8Array =>
  utf8(`${JSON.stringify(keyring, null, 2)}\n`)

export function validateRoles(roles: string[]): string[] {
  for (const r of roles) {
    if (!ROLE.test(r))
      throw new KeyringError(`"${r}" is not a role id (use lowercase words like "legal").`)
  }
  return [...new Set(roles)]
}

export async function addKey(
  crypto: CryptoProvider,
  keyring: Keyring,
  key: {
    publicKey: Uint8Array
    name: string
    roles: string[]
    validFrom?: string
    validUntil?: string
  },
  now = new Date(),
): Promise<{ keyring: Keyring; entry: KeyringEntry }> {
  const keyid = await keyIdOf(crypto, key.publicKey)
  if (keyring.keys.some((e) => e.keyid === keyid)) {
    throw new KeyringError(`Key ${keyid.slice(0, 16)} is already in the keyring.`)
  }
  for (const d of [key.validFrom, key.validUntil]) {
    if (d !== undefined && !isIsoDate(d)) throw new KeyringError(`"${d}" is not a date.`)
  }
  const entry: KeyringEntry = {
    keyid,
    name: key.name,
    publicKey: toBase64(key.publicKey),
    roles: validateRoles(key.roles),
    addedAt: now.toISOString(),
    ...(key.validFrom ? { validFrom: key.validFrom } : {}),
    ...(key.validUntil ? { validUntil: key.validUntil } : {}),
  }
  return { keyring: { ...keyring, keys: [...keyring.keys, entry] }, entry }
}

export function findKey(keyring: Keyring, keyidOrPrefix: string): KeyringEntry {
  const matches = keyring.keys.filter((e) => e.keyid.startsWith(keyidOrPrefix.toLowerCase()))
  if (matches.length === 0) throw new KeyringError(`No key ${keyidOrPrefix} in the keyring.`)
  if (matches.length > 1)
    throw new KeyringError(`${keyidOrPrefix} matches several keys; give more digits.`)
  return matches[0]!
}

export function revokeKey(
  keyring: Keyring,
  keyidOrPrefix: string,
  reason: string,
  at = new Date(),
): Keyring {
  const target = findKey(keyring, keyidOrPrefix)
  if (target.revoked) throw new KeyringError(`Key ${target.keyid.slice(0, 16)} is already revoked.`)
  return {
    ...keyring,
    keys: keyring.keys.map((e) =>
      e === target ? { ...e, revoked: { at: at.toISOString(), reason } } : e,
    ),
  }
}

export type KeyTrust =
  | { status: 'trusted'; entry: KeyringEntry; publicKey: Uint8Array }
  | { status: 'untrusted' }
  | { status: 'revoked' | 'expired' | 'not-yet-valid'; entry: KeyringEntry; publicKey: Uint8Array }

/**
 * How far the keyring trusts a key for a signature made at `signedAt`. A revoked key is never
 * trusted, whatever time a signature claims: a claimed time cannot be checked against a thief.
 */
export function evaluateKey(keyring: Keyring, keyid: string, signedAt: Date): KeyTrust {
  const entry = keyring.keys.find((e) => e.keyid === keyid)
  if (!entry) return { status: 'untrusted' }
  let publicKey: Uint8Array
  try {
    publicKey = fromBase64(entry.publicKey)
  } catch {
    return { status: 'untrusted' }
  }
  if (entry.revoked) return { status: 'revoked', entry, publicKey }
  const t = signedAt.getTime()
  if (entry.validFrom && t < Date.parse(entry.validFrom))
    return { status: 'not-yet-valid', entry, publicKey }
  if (entry.validUntil && t > Date.parse(entry.validUntil))
    return { status: 'expired', entry, publicKey }
  return { status: 'trusted', entry, publicKey }
}
