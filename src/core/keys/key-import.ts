// Reading colleagues' public keys for import into a keyring: a PEM public key (what
// `evw keygen` and `openssl pkey -pubout` write) or a keyring JSON file (the format
// `evw verify --keyring` reads, and what the app exports for one identity or a whole
// workspace). Every key id is recomputed from its public key: a file cannot name a key id that
// is not its key's. Roles and validity in a file are only a proposal; whoever imports decides.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { publicKeyFromPem } from '../crypto/ed25519-der'
import { fromBase64, fromUtf8, toBase64 } from '../encoding/bytes'
import { keyIdOf } from './keyid'
import {
  KEYRING_TYPE,
  KeyringError,
  parseKeyring,
  type Keyring,
  type KeyringEntry,
} from './keyring'

/** A public key read from a file, not yet in any keyring. */
export interface KeyCandidate {
  keyid: string
  publicKey: Uint8Array
  /** The name the file gives (keyring entry), or one made from the file name (PEM). */
  name: string
  /** The roles the file proposes (empty for PEM). */
  roles: string[]
  validFrom?: string
  validUntil?: string
  /** Set when the file says the key was revoked. */
  revoked?: { at: string; reason: string }
}

const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024

/** A readable name from a PEM file's name: "dana-ruiz.pub.pem" -> "dana-ruiz". */
export const nameFromFileName = (fileName: string): string =>
  fileName.replace(/(\.(pem|pub|txt))+$/i, '').trim() || 'Imported key'

/**
 * The keys in a PEM or keyring JSON file, with key ids recomputed. Throws KeyringError with a
 * message that says what is wrong and what to do.
 */
export async function readKeyCandidates(
  crypto: CryptoProvider,
  fileName: string,
  bytes: Uint8Array,
): Promise<KeyCandidate[]> {
  if (bytes.length > MAX_KEY_FILE_BYTES) {
    throw new KeyringError(
      `${fileName} is too large to be a key or keyring file (over 4 MiB). Choose the .pem or keyring .json file your colleague sent.`,
    )
  }
  let text: string
  try {
    text = fromUtf8(bytes)
  } catch {
    throw new KeyringError(
      `${fileName} is not a text file. Choose a PEM public key (-----BEGIN PUBLIC KEY-----) or a keyring .json file.`,
    )
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || text.includes('secret-key')) {
    throw new KeyringError(
      `${fileName} holds a secret key, not a public key. Do not share it; ask your colleague for their public key instead.`,
    )
  }
  if (text.includes('-----BEGIN PUBLIC KEY-----')) {
    let publicKey: Uint8Array
    try {
      publicKey = publicKeyFromPem(text)
    } catch (e) {
      throw new KeyringError(
        `${fileName} has a PEM public key that is not an Ed25519 key (${(e as Error).message}). The workbench signs with Ed25519 keys only.`,
      )
    }
    return [
      {
        keyid: await keyIdOf(crypto, publicKey),
        publicKey,
        name: nameFromFileName(fileName),
        roles: [],
      },
    ]
  }
  if (!text.trimStart().startsWith('{')) {
    throw new KeyringError(
      `${fileName} is neither a PEM public key nor a keyring file. Choose the .pem or keyring .json file your colleague sent.`,
    )
  }
  let keyring: Keyring
  try {
    keyring = parseKeyring(bytes)
  } catch (e) {
    throw new KeyringError(`${fileName}: ${(e as Error).message}`)
  }
  if (keyring.keys.length === 0) throw new KeyringError(`${fileName} is a keyring with no keys.`)
  const out: KeyCandidate[] = []
  for (const entry of keyring.keys) {
    let publicKey: Uint8Array
    try {
      publicKey = fromBase64(entry.publicKey)
      if (publicKey.length !== 32) throw new Error('not 32 bytes')
    } catch {
      throw new KeyringError(
        `${fileName}: the key "${entry.name}" has an unusable publicKey (32 bytes of base64 expected).`,
      )
    }
    const keyid = await keyIdOf(crypto, publicKey)
    if (keyid !== entry.keyid) {
      throw new KeyringError(
        `${fileName}: the key "${entry.name}" claims key id ${entry.keyid.slice(0, 16)} but its public key has ${keyid.slice(0, 16)}. The file was altered; ask for it again.`,
      )
    }
    out.push({
      keyid,
      publicKey,
      name: entry.name,
      roles: [...entry.roles],
      ...(entry.validFrom ? { validFrom: entry.validFrom } : {}),
      ...(entry.validUntil ? { validUntil: entry.validUntil } : {}),
      ...(entry.revoked ? { revoked: { ...entry.revoked } } : {}),
    })
  }
  return out
}

/** A keyring file with one entry: what a person sends colleagues so they can import their key. */
export function singleKeyKeyring(
  key: { keyid: string; name: string; publicKey: Uint8Array; roles: readonly string[] },
  now = new Date(),
): Keyring {
  const entry: KeyringEntry = {
    keyid: key.keyid,
    name: key.name,
    publicKey: toBase64(key.publicKey),
    roles: [...key.roles],
    addedAt: now.toISOString(),
  }
  return { type: KEYRING_TYPE, version: 1, keys: [entry] }
}
