// Key files and keyrings on disk. Secret key files are written 0600 and atomically.
import { readFile } from 'node:fs/promises'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { publicKeyFromPem } from '../../core/crypto/ed25519-der'
import { emptyKeyring, keyringBytes, parseKeyring, type Keyring } from '../../core/keys/keyring'
import {
  decryptIdentity,
  parseSecretKeyFile,
  secretKeyFileBytes,
  type Identity,
  type SecretKeyFile,
} from '../../core/keys/secret-key'
import { openFileSource, writeBytesAtomic } from '../bundle/file-source'

export class FileInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FileInputError'
  }
}

/** What went wrong opening or reading input `path` (the `what`, e.g. "bundle"), in a sentence. */
export function inputProblem(what: string, path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return `The ${what} ${path} does not exist; check the path.`
    case 'EISDIR':
      return `${path} is a folder; give the ${what} file itself.`
    case 'ENOTFILE':
      return `${path} is not a regular file; give the ${what} file itself.`
    case 'EACCES':
    case 'EPERM':
      return `The ${what} ${path} cannot be read: permission denied.`
    default:
      return `Cannot read the ${what} ${path} (${code ?? (e as Error).message}).`
  }
}

export async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (e) {
    throw new FileInputError(inputProblem(what, path, e))
  }
}

/** Opens input `path` for random access, or throws FileInputError saying what is wrong. */
export async function openInput(path: string, what: string): ReturnType<typeof openFileSource> {
  try {
    return await openFileSource(path)
  } catch (e) {
    throw new FileInputError(inputProblem(what, path, e))
  }
}

export async function loadIdentity(
  crypto: CryptoProvider,
  path: string,
  passphrase: () => Promise<string>,
): Promise<Identity> {
  const file = parseSecretKeyFile(await readInput(path, 'key file'))
  return decryptIdentity(crypto, file, await passphrase())
}

export const saveSecretKeyFile = (path: string, file: SecretKeyFile): Promise<void> =>
  writeBytesAtomic(path, secretKeyFileBytes(file), 0o600)

export async function loadKeyring(path: string, createIfMissing = false): Promise<Keyring> {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (e) {
    if (createIfMissing && (e as NodeJS.ErrnoException).code === 'ENOENT') return emptyKeyring()
    throw new FileInputError(inputProblem('keyring', path, e))
  }
  return parseKeyring(bytes)
}

export const saveKeyring = (path: string, keyring: Keyring): Promise<void> =>
  writeBytesAtomic(path, keyringBytes(keyring))

/** Reads a public key from a PEM file, or from one of our secret key files' public half. */
export async function readPublicKey(path: string): Promise<Uint8Array> {
  const text = new TextDecoder().decode(await readInput(path, 'public key'))
  if (text.includes('-----BEGIN PUBLIC KEY-----')) {
    try {
      return publicKeyFromPem(text)
    } catch (e) {
      throw new FileInputError(`${path}: ${(e as Error).message}.`)
    }
  }
  throw new FileInputError(
    `${path} is not a PEM public key. Export one with "evw keygen --public-out" or openssl pkey -pubout.`,
  )
}
