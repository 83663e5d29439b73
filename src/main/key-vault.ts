// The desktop app's KeyVault, in the main process: secrets never reach the renderer, which gets
// public data, session ids and signatures over IPC.
//
// Each identity is one file, <userData>/keys/<keyid>.json, written atomically and 0600:
//   - the core's sealed key file (scrypt + XSalsa20-Poly1305 under the passphrase, exactly what
//     `evw keygen` writes), protection 'passphrase'; or
//   - when the OS keychain really protects safeStorage, that sealed file encrypted again with
//     safeStorage (encryptStringAsync) inside a small envelope that keeps the public data
//     readable, protection 'passphrase+os-keychain'. Copying such a file to another computer or
//     account yields nothing without that OS keychain, and the passphrase is still needed.
// Chromium's Linux fallback backend 'basic_text' is a fixed, public key: it is treated as no
// keychain at all, and the identities screen says so.
//
// The device key (signs the workspace log's checkpoints without asking) is <keys>/device.json:
// its seed wrapped by safeStorage where the keychain is available; otherwise kept in that file
// protected only by file permissions (0600, like an SSH key without a passphrase), because a
// device key must survive restarts for earlier checkpoints to stay verifiable against the
// keyring. A wrapped device key whose keychain has become unavailable is left untouched and a
// new key is used for this run only. See docs/keys-and-roles.md.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { CryptoProvider, ScryptParams } from '../core/crypto/crypto-provider'
import { fromBase64, fromUtf8, toBase64, utf8 } from '../core/encoding/bytes'
import {
  HostError,
  type IdentityInfo,
  type KeychainStatus,
  type KeyProtection,
  type KeyVault,
} from '../core/host/host-api'
import { checkNewIdentity, KeySessions, unlockError } from '../core/keys/key-sessions'
import {
  decryptIdentity,
  encryptIdentity,
  generateIdentity,
  identityFromSeed,
  parseSecretKeyFile,
  secretKeyFileBytes,
  SECRET_KEY_TYPE,
  type SecretKeyFile,
} from '../core/keys/secret-key'
import { writeBytesAtomic } from '../node/bundle/file-source'

/** The part of Electron's safeStorage this vault uses (tests pass a fake). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  /** Linux only in Electron; absent or throwing elsewhere. */
  getSelectedStorageBackend?(): string
  encryptStringAsync(plainText: string): Promise<Uint8Array>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

export const WRAPPED_KEY_TYPE = 'evidence-workbench/os-wrapped-secret-key'
export const DEVICE_KEY_TYPE = 'evidence-workbench/device-key'
const DEVICE_FILE = 'device.json'
const KEYID = /^[0-9a-f]{64}$/

/** A sealed key file encrypted again by the OS keychain; public data stays readable. */
interface WrappedKeyFile {
  type: typeof WRAPPED_KEY_TYPE
  version: 1
  name: string
  keyid: string
  publicKey: string
  created: string
  /** The safeStorage backend that wrapped it, where the platform names one. */
  backend?: string
  /** base64 of safeStorage.encryptStringAsync(the sealed key file's JSON text). */
  wrapped: string
}

interface DeviceKeyFile {
  type: typeof DEVICE_KEY_TYPE
  version: 1
  keyid: string
  publicKey: string
  created: string
  protection: 'os-keychain' | 'file-permissions'
  /** 'os-keychain': base64 of safeStorage.encryptStringAsync(base64 seed). */
  wrapped?: string
  /** 'file-permissions': base64 seed. */
  seed?: string
}

export interface MainKeyVaultOptions {
  /** Folder of the key files, normally <userData>/keys. */
  dir: string
  safeStorage: SafeStorageLike
  crypto: CryptoProvider
  /** process.platform; the basic_text check applies on Linux. */
  platform: string
  /** scrypt parameters for new identities (tests lower them; the app never does). */
  scrypt?: ScryptParams
  now?: () => Date
}

export interface MainKeyVault extends KeyVault {
  /** Ends every session and forgets the device seed (wiped); call when the app quits. */
  close(): void
}

const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`)

export function mainKeyVault(options: MainKeyVaultOptions): MainKeyVault {
  const { dir, safeStorage, crypto } = options
  const sessions = new KeySessions(crypto)
  const now = () => (options.now ? options.now() : new Date())
  const fileOf = (keyid: string) => {
    if (!KEYID.test(keyid)) throw new HostError('That is not a key id.')
    return path.join(dir, `${keyid}.json`)
  }
  const write = async (file: string, bytes: Uint8Array) => {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await writeBytesAtomic(file, bytes, 0o600)
  }

  const backend = (): string | undefined => {
    if (options.platform !== 'linux') return undefined
    try {
      return safeStorage.getSelectedStorageBackend?.()
    } catch {
      return undefined
    }
  }

  const keychain = async (): Promise<KeychainStatus> => {
    let available = false
    try {
      available = await safeStorage.isAsyncEncryptionAvailable()
    } catch {
      available = false
    }
    const name = backend()
    const named = name ? { backend: name } : {}
    if (!available) {
      return {
        available: false,
        ...named,
        explanation:
          'The operating system offers no keychain to this app, so your keys are protected by your passphrase alone.',
      }
    }
    if (name === 'basic_text') {
      return {
        available: false,
        ...named,
        explanation:
          'No keychain (GNOME Keyring or KWallet) is running, and the fallback Electron offers ("basic_text") stores secrets under a fixed, public key. It is not used: your keys are protected by your passphrase alone. Start a keyring service and restart the app to add OS keychain protection to new keys.',
      }
    }
    return {
      available: true,
      ...named,
      explanation:
        'New keys are sealed under your passphrase and then encrypted again by the operating system keychain, so a copied key file is useless on another computer or account.',
    }
  }
  const keychainOk = async () => (await keychain()).available

  const wrap = async (text: string): Promise<string> =>
    toBase64(await safeStorage.encryptStringAsync(text))
  const unwrap = async (wrapped: string): Promise<{ result: string; shouldReEncrypt: boolean }> => {
    if (!(await keychainOk())) {
      throw new HostError(
        'This key is also protected by the operating system keychain, which is not available now. Unlock your keychain (or log in to your desktop session) and try again.',
        'KEYCHAIN_UNAVAILABLE',
      )
    }
    try {
      return await safeStorage.decryptStringAsync(Buffer.from(fromBase64(wrapped)))
    } catch {
      throw new HostError(
        'The operating system keychain could not decrypt this key file. It was probably made on another computer or user account, where its secret must be used.',
        'KEYCHAIN_FAILED',
      )
    }
  }

  type Stored =
    | { protection: 'passphrase'; file: SecretKeyFile }
    | { protection: 'passphrase+os-keychain'; file: WrappedKeyFile }

  const parseStored = (bytes: Uint8Array): Stored => {
    const raw = JSON.parse(fromUtf8(bytes)) as { type?: unknown }
    if (raw.type === WRAPPED_KEY_TYPE) {
      const w = raw as WrappedKeyFile
      for (const k of ['name', 'keyid', 'publicKey', 'created', 'wrapped'] as const) {
        if (typeof w[k] !== 'string') throw new Error(`"${k}" is missing`)
      }
      return { protection: 'passphrase+os-keychain', file: w }
    }
    if (raw.type === SECRET_KEY_TYPE) {
      return { protection: 'passphrase', file: parseSecretKeyFile(bytes) }
    }
    throw new Error('not a key file')
  }

  const identityInfo = (s: Stored): IdentityInfo => ({
    name: s.file.name,
    keyid: s.file.keyid,
    publicKey: fromBase64(s.file.publicKey),
    createdAt: s.file.created,
    protection: s.protection satisfies KeyProtection,
  })

  const readStored = async (keyid: string): Promise<Stored> => {
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(fileOf(keyid)))
    } catch (e) {
      if (e instanceof HostError) throw e
      throw new HostError(`No identity ${keyid.slice(0, 16)} on this computer.`)
    }
    try {
      return parseStored(bytes)
    } catch (e) {
      throw new HostError(
        `The key file of ${keyid.slice(0, 16)} is damaged (${(e as Error).message}).`,
      )
    }
  }

  /** The sealed key file inside a stored identity, unwrapping (and refreshing) as needed. */
  const sealedFile = async (stored: Stored): Promise<SecretKeyFile> => {
    if (stored.protection === 'passphrase') return stored.file
    const { result, shouldReEncrypt } = await unwrap(stored.file.wrapped)
    const sealed = parseSecretKeyFile(utf8(result))
    if (sealed.keyid !== stored.file.keyid || sealed.publicKey !== stored.file.publicKey) {
      throw new HostError(
        'The key file decrypts, but its public key or key id was altered. Do not use it.',
        'KEY_FILE_TAMPERED',
      )
    }
    if (shouldReEncrypt) {
      // The keychain rotated its key: store the file under the new one (best effort).
      const refreshed: WrappedKeyFile = { ...stored.file, wrapped: await wrap(result) }
      await write(fileOf(stored.file.keyid), json(refreshed)).catch(() => undefined)
    }
    return sealed
  }

  // The device key: loaded or created once per run; its seed stays in this closure.
  let device: Promise<{ keyid: string; publicKey: Uint8Array; seed: Uint8Array }> | undefined
  const loadDevice = async () => {
    const file = path.join(dir, DEVICE_FILE)
    let stored: DeviceKeyFile | undefined
    try {
      stored = JSON.parse(fromUtf8(new Uint8Array(await readFile(file)))) as DeviceKeyFile
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        console.warn(`[keys] device key file unreadable (${(e as Error).message}); not replaced`)
        return { ...(await identityFromSeed(crypto, 'device', crypto.randomBytes(32))) }
      }
    }
    if (stored?.type === DEVICE_KEY_TYPE) {
      try {
        const seedB64 =
          stored.protection === 'os-keychain' && stored.wrapped
            ? (await unwrap(stored.wrapped)).result
            : stored.seed
        if (typeof seedB64 !== 'string') throw new Error('no seed')
        const identity = await identityFromSeed(crypto, 'device', fromBase64(seedB64))
        if (identity.keyid !== stored.keyid) throw new Error('keyid mismatch')
        return identity
      } catch (e) {
        // Never overwrite a device key that cannot be read now: it may be readable later.
        console.warn(`[keys] device key unavailable (${(e as Error).message}); new key this run`)
        return identityFromSeed(crypto, 'device', crypto.randomBytes(32))
      }
    }
    const identity = await identityFromSeed(crypto, 'device', crypto.randomBytes(32))
    const seedB64 = toBase64(identity.seed)
    const protectedByKeychain = await keychainOk()
    const created: DeviceKeyFile = {
      type: DEVICE_KEY_TYPE,
      version: 1,
      keyid: identity.keyid,
      publicKey: toBase64(identity.publicKey),
      created: now().toISOString(),
      ...(protectedByKeychain
        ? { protection: 'os-keychain', wrapped: await wrap(seedB64) }
        : { protection: 'file-permissions', seed: seedB64 }),
    }
    await write(file, json(created))
    return identity
  }
  const deviceKey = () =>
    (device ??= loadDevice().catch((e: unknown) => {
      device = undefined
      throw e
    }))

  return {
    keychain,

    list: async () => {
      let names: string[]
      try {
        names = await readdir(dir)
      } catch {
        return []
      }
      const out: IdentityInfo[] = []
      for (const name of names) {
        const keyid = name.replace(/\.json$/, '')
        if (!KEYID.test(keyid) || name !== `${keyid}.json`) continue
        try {
          out.push(identityInfo(parseStored(new Uint8Array(await readFile(path.join(dir, name))))))
        } catch (e) {
          console.warn(`[keys] skipped ${name}: ${(e as Error).message}`)
        }
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },

    create: async (input) => {
      const name = checkNewIdentity(input)
      const identity = await generateIdentity(crypto, name)
      try {
        const sealed = await encryptIdentity(crypto, identity, input.passphrase, {
          now: now(),
          ...(options.scrypt ? { params: options.scrypt } : {}),
        })
        const sealedBytes = secretKeyFileBytes(sealed)
        let stored: Stored = { protection: 'passphrase', file: sealed }
        if (await keychainOk()) {
          const b = backend()
          const wrapped: WrappedKeyFile = {
            type: WRAPPED_KEY_TYPE,
            version: 1,
            name: sealed.name,
            keyid: sealed.keyid,
            publicKey: sealed.publicKey,
            created: sealed.created,
            ...(b ? { backend: b } : {}),
            wrapped: await wrap(fromUtf8(sealedBytes)),
          }
          stored = { protection: 'passphrase+os-keychain', file: wrapped }
          await write(fileOf(sealed.keyid), json(wrapped))
        } else {
          await write(fileOf(sealed.keyid), sealedBytes)
        }
        return identityInfo(stored)
      } finally {
        identity.seed.fill(0)
      }
    },

    unlock: async (keyid, passphrase, ttlMs) => {
      const sealed = await sealedFile(await readStored(keyid))
      let seed: Uint8Array
      try {
        seed = (await decryptIdentity(crypto, sealed, passphrase)).seed
      } catch (e) {
        throw unlockError(e)
      }
      return sessions.open(sealed.keyid, seed, ttlMs)
    },

    sign: async (session, message) => crypto.ed25519Sign(sessions.seed(session).seed, message),

    lock: async (session) => sessions.close(session),

    remove: async (keyid) => {
      const file = fileOf(keyid)
      sessions.closeAll(keyid)
      await rm(file, { force: true })
    },

    deviceKey: async () => {
      const d = await deviceKey()
      return { keyid: d.keyid, publicKey: d.publicKey.slice() }
    },

    deviceSign: async (message) => crypto.ed25519Sign((await deviceKey()).seed, message),

    close: () => {
      sessions.closeAll()
      void device?.then((d) => d.seed.fill(0)).catch(() => undefined)
      device = undefined
    },
  }
}
