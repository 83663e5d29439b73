// Signing identities and their passphrase-protected key files.
// KDF: scrypt (N=2^17, r=8, p=1, 16-byte salt) -> 32-byte key; cipher: XSalsa20-Poly1305
// (tweetnacl secretbox, 24-byte random nonce). The seed never leaves this module unencrypted
// except to the caller that unlocked it. See docs/keys-and-roles.md.
import type { CryptoProvider, ScryptParams } from '../crypto/crypto-provider'
import { bytesEqual, fromBase64, toBase64, utf8 } from '../encoding/bytes'
import { canonicalize, parseJsonBytes, type JsonValue } from '../json/canonical-json'
import { keyIdOf } from './keyid'

// Loaded when a key is sealed or opened, so that verifying, which never does, does not load it.
const secretbox = async () => (await import('tweetnacl')).default.secretbox

export const SECRET_KEY_TYPE = 'evidence-workbench/secret-key'
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, dkLen: 32 }

export interface Identity {
  name: string
  keyid: string
  publicKey: Uint8Array
  seed: Uint8Array
}

export interface SecretKeyFile {
  type: typeof SECRET_KEY_TYPE
  version: 1
  name: string
  keyid: string
  publicKey: string
  created: string
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: { name: 'xsalsa20-poly1305'; nonce: string }
  ciphertext: string
}

export class KeyFileError extends Error {
  constructor(
    readonly code: 'KEY_FILE_MALFORMED' | 'WRONG_PASSPHRASE' | 'KEY_FILE_TAMPERED',
    message: string,
  ) {
    super(message)
    this.name = 'KeyFileError'
  }
}

export async function generateIdentity(crypto: CryptoProvider, name: string): Promise<Identity> {
  const seed = crypto.randomBytes(32)
  return identityFromSeed(crypto, name, seed)
}

export async function identityFromSeed(
  crypto: CryptoProvider,
  name: string,
  seed: Uint8Array,
): Promise<Identity> {
  const publicKey = await crypto.ed25519PublicKey(seed)
  return { name, seed, publicKey, keyid: await keyIdOf(crypto, publicKey) }
}

const kdfParamsOk = (k: { N: number; r: number; p: number }) =>
  Number.isInteger(k.N) &&
  k.N >= 2 ** 14 &&
  k.N <= 2 ** 20 &&
  (k.N & (k.N - 1)) === 0 &&
  Number.isInteger(k.r) &&
  k.r >= 1 &&
  k.r <= 32 &&
  Number.isInteger(k.p) &&
  k.p >= 1 &&
  k.p <= 16

export async function encryptIdentity(
  crypto: CryptoProvider,
  identity: Identity,
  passphrase: string,
  options: { params?: ScryptParams; now?: Date } = {},
): Promise<SecretKeyFile> {
  if (passphrase.length === 0)
    throw new KeyFileError('KEY_FILE_MALFORMED', 'A passphrase is required.')
  const params = options.params ?? DEFAULT_SCRYPT
  const salt = crypto.randomBytes(16)
  const nonce = crypto.randomBytes(24)
  const key = await crypto.scrypt(utf8(passphrase.normalize('NFC')), salt, params)
  return {
    type: SECRET_KEY_TYPE,
    version: 1,
    name: identity.name,
    keyid: identity.keyid,
    publicKey: toBase64(identity.publicKey),
    created: (options.now ?? new Date()).toISOString(),
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: toBase64(salt) },
    cipher: { name: 'xsalsa20-poly1305', nonce: toBase64(nonce) },
    ciphertext: toBase64((await secretbox())(identity.seed, nonce, key)),
  }
}

export const secretKeyFileBytes = (file: SecretKeyFile): Uint8Array =>
  utf8(`${JSON.stringify(JSON.parse(canonicalize(file)), null, 2)}\n`)

export function parseSecretKeyFile(bytes: Uint8Array): SecretKeyFile {
  const bad = (why: string): never => {
    throw new KeyFileError('KEY_FILE_MALFORMED', `This is not a usable key file: ${why}.`)
  }
  let json: JsonValue
  try {
    json = parseJsonBytes(bytes)
  } catch (e) {
    return bad(`not valid JSON (${(e as Error).message})`)
  }
  const f = json as unknown as SecretKeyFile
  if (typeof f !== 'object' || f === null || f.type !== SECRET_KEY_TYPE) {
    return bad(`expected "type": "${SECRET_KEY_TYPE}" (is this a public key or a keyring?)`)
  }
  if (f.version !== 1) bad(`unsupported version ${String(f.version)}`)
  if (f.kdf?.name !== 'scrypt' || !kdfParamsOk(f.kdf)) bad('unsupported or unsafe KDF parameters')
  if (f.cipher?.name !== 'xsalsa20-poly1305') bad('unsupported cipher')
  for (const k of ['name', 'keyid', 'publicKey', 'ciphertext'] as const) {
    if (typeof f[k] !== 'string') bad(`"${k}" is missing`)
  }
  if (typeof f.kdf.salt !== 'string' || typeof f.cipher.nonce !== 'string')
    bad('salt or nonce missing')
  return f
}

/** Unlocks a key file. A wrong passphrase is KeyFileError('WRONG_PASSPHRASE'). */
export async function decryptIdentity(
  crypto: CryptoProvider,
  file: SecretKeyFile,
  passphrase: string,
): Promise<Identity> {
  let salt: Uint8Array, nonce: Uint8Array, box: Uint8Array, publicKey: Uint8Array
  try {
    salt = fromBase64(file.kdf.salt)
    nonce = fromBase64(file.cipher.nonce)
    box = fromBase64(file.ciphertext)
    publicKey = fromBase64(file.publicKey)
  } catch {
    throw new KeyFileError('KEY_FILE_MALFORMED', 'The key file has invalid base64 data.')
  }
  if (nonce.length !== 24 || salt.length < 16) {
    throw new KeyFileError('KEY_FILE_MALFORMED', 'The key file has a bad nonce or salt.')
  }
  const { N, r, p } = file.kdf
  const key = await crypto.scrypt(utf8(passphrase.normalize('NFC')), salt, { N, r, p, dkLen: 32 })
  const seed = (await secretbox()).open(box, nonce, key)
  if (!seed) {
    throw new KeyFileError(
      'WRONG_PASSPHRASE',
      `Wrong passphrase for the key of "${file.name}". Check the passphrase and try again; nothing was changed.`,
    )
  }
  const identity = await identityFromSeed(crypto, file.name, seed)
  if (!bytesEqual(identity.publicKey, publicKey) || identity.keyid !== file.keyid) {
    throw new KeyFileError(
      'KEY_FILE_TAMPERED',
      'The key file decrypts, but its public key or keyid was altered. Do not use it.',
    )
  }
  return identity
}
