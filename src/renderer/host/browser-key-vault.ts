// The browser host's KeyVault. Identities are sealed under their passphrase (scrypt N=2^17,
// r=8, p=1 + XSalsa20-Poly1305: the core's encryptIdentity, the same key file the CLI writes)
// and kept in this browser profile's IndexedDB, in a database of their own: a person's keys
// span workspaces, so deleting a workspace never deletes a key. There is no OS keychain here,
// so the passphrase alone protects them, and the identities screen says so.
//
// The device key is a WebCrypto Ed25519 key generated non-extractable: the page can sign with
// it but no script can read its secret out. A browser without WebCrypto Ed25519 gets a clear
// error instead of a weaker key (see docs/keys-and-roles.md).
import Dexie, { type Table } from 'dexie'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { webCryptoHasEd25519 } from '../../core/crypto/web-crypto'
import {
  HostError,
  type IdentityInfo,
  type KeychainStatus,
  type KeyVault,
} from '../../core/host/host-api'
import { keyIdOf } from '../../core/keys/keyid'
import { checkNewIdentity, KeySessions, unlockError } from '../../core/keys/key-sessions'
import {
  decryptIdentity,
  encryptIdentity,
  generateIdentity,
  type SecretKeyFile,
} from '../../core/keys/secret-key'
import type { ScryptParams } from '../../core/crypto/crypto-provider'
import { fromBase64 } from '../../core/encoding/bytes'
import { platformCrypto } from './platform-crypto'

/** The IndexedDB database holding this browser profile's identities and device key. */
export const KEY_DB_NAME = 'evidence-workbench-keys'

export const BROWSER_KEYCHAIN_EXPLANATION =
  'In the browser your keys are protected by your passphrase alone; the desktop app adds the OS keychain.'

interface IdentityRow {
  keyid: string
  name: string
  createdAt: string
  /** The sealed key file (core SecretKeyFile), exactly as `evw keygen` writes it. */
  sealed: SecretKeyFile
}

interface DeviceRow {
  id: 'device'
  keyid: string
  publicKey: Uint8Array
  /** A non-extractable WebCrypto Ed25519 private key (IndexedDB stores CryptoKeys as they are). */
  privateKey: CryptoKey
}

class KeyDb extends Dexie {
  identities!: Table<IdentityRow, string>
  device!: Table<DeviceRow, string>

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options)
    this.version(1).stores({ identities: '&keyid, name, createdAt', device: '&id' })
  }
}

export interface BrowserKeyVaultOptions {
  /** Database name (tests use their own). */
  dbName?: string
  /** Dexie options, e.g. fake-indexeddb's indexedDB and IDBKeyRange in unit tests. */
  dexie?: ConstructorParameters<typeof Dexie>[1]
  crypto?: CryptoProvider
  /** scrypt parameters for new identities (tests lower them; the app never does). */
  scrypt?: ScryptParams
  now?: () => Date
}

const info = (row: IdentityRow): IdentityInfo => ({
  name: row.name,
  keyid: row.keyid,
  publicKey: fromBase64(row.sealed.publicKey),
  createdAt: row.createdAt,
  protection: 'passphrase',
})

const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer

export function browserKeyVault(options: BrowserKeyVaultOptions = {}): KeyVault {
  let db: KeyDb | undefined
  const keyDb = () => (db ??= new KeyDb(options.dbName ?? KEY_DB_NAME, options.dexie))
  const cryptoP = options.crypto ? Promise.resolve(options.crypto) : platformCrypto()
  let sessions: KeySessions | undefined
  const sessionTable = async () => (sessions ??= new KeySessions(await cryptoP))
  const now = () => (options.now ? options.now() : new Date())

  const row = async (keyid: string): Promise<IdentityRow> => {
    const found = typeof keyid === 'string' ? await keyDb().identities.get(keyid) : undefined
    if (!found) throw new HostError(`No identity ${String(keyid).slice(0, 16)} in this browser.`)
    return found
  }

  let device: Promise<DeviceRow> | undefined
  const deviceRow = () =>
    (device ??= (async () => {
      const stored = await keyDb().device.get('device')
      if (stored) return stored
      if (!(await webCryptoHasEd25519())) {
        throw new HostError(
          'This browser cannot keep a device key (it lacks WebCrypto Ed25519). Use a current Chromium, Firefox or Safari, or the desktop app.',
        )
      }
      const pair = (await crypto.subtle.generateKey('Ed25519', false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair
      const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
      const created: DeviceRow = {
        id: 'device',
        keyid: await keyIdOf(await cryptoP, publicKey),
        publicKey,
        privateKey: pair.privateKey,
      }
      // Two tabs may race to create it: the first stored one wins, the other is discarded.
      return keyDb().transaction('rw', keyDb().device, async () => {
        const first = await keyDb().device.get('device')
        if (first) return first
        await keyDb().device.add(created)
        return created
      })
    })().catch((e: unknown) => {
      device = undefined
      throw e
    }))

  return {
    keychain: async (): Promise<KeychainStatus> => ({
      available: false,
      explanation: BROWSER_KEYCHAIN_EXPLANATION,
    }),

    list: async () => (await keyDb().identities.orderBy('createdAt').toArray()).map(info),

    create: async (input) => {
      const name = checkNewIdentity(input)
      const crypto = await cryptoP
      const identity = await generateIdentity(crypto, name)
      try {
        const createdAt = now()
        const sealed = await encryptIdentity(crypto, identity, input.passphrase, {
          now: createdAt,
          ...(options.scrypt ? { params: options.scrypt } : {}),
        })
        const created: IdentityRow = {
          keyid: identity.keyid,
          name,
          createdAt: createdAt.toISOString(),
          sealed,
        }
        await keyDb().identities.add(created)
        return info(created)
      } finally {
        identity.seed.fill(0)
      }
    },

    unlock: async (keyid, passphrase, ttlMs) => {
      const found = await row(keyid)
      const crypto = await cryptoP
      let seed: Uint8Array
      try {
        seed = (await decryptIdentity(crypto, found.sealed, passphrase)).seed
      } catch (e) {
        throw unlockError(e)
      }
      return (await sessionTable()).open(found.keyid, seed, ttlMs)
    },

    sign: async (session, message) => {
      const { seed } = (await sessionTable()).seed(session)
      return (await cryptoP).ed25519Sign(seed, message)
    },

    lock: async (session) => (await sessionTable()).close(session),

    remove: async (keyid) => {
      ;(await sessionTable()).closeAll(keyid)
      await keyDb().identities.delete(keyid)
    },

    deviceKey: async () => {
      const d = await deviceRow()
      return { publicKey: d.publicKey.slice(), keyid: d.keyid }
    },

    deviceSign: async (message) => {
      const d = await deviceRow()
      return new Uint8Array(await crypto.subtle.sign('Ed25519', d.privateKey, buf(message)))
    },
  }
}
