// The browser host's key vault over fake-indexeddb and Node's WebCrypto: identities sealed with
// the core's key file format in a database of their own, unlock sessions that sign and are
// wiped on lock or timeout, the wrong passphrase reported by code, the passphrase rule, and a
// non-extractable WebCrypto device key that survives a reload.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { webCrypto } from '../../../../src/core/crypto/web-crypto'
import { ed25519Spki } from '../../../../src/core/crypto/ed25519-der'
import { sha256Hex } from '../../../../src/core/crypto/sha256'
import { HostError, WRONG_PASSPHRASE } from '../../../../src/core/host/host-api'
import {
  BROWSER_KEYCHAIN_EXPLANATION,
  browserKeyVault,
  KEY_DB_NAME,
} from '../../../../src/renderer/host/browser-key-vault'
import { withUnlockedSigner } from '../../../../src/renderer/identity/unlocked-signer'
import type { Host } from '../../../../src/core/host/host-api'

const FAST = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 }
const PASS = 'correct horse battery staple'
let n = 0
const names: string[] = []
const vault = (extra: Parameters<typeof browserKeyVault>[0] = {}) => {
  const dbName = `keys-test-${++n}`
  names.push(dbName)
  return browserKeyVault({ dbName, crypto: webCrypto, scrypt: FAST, ...extra })
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name)
})

describe('browser key vault', () => {
  it('uses its own database, not a workspace', () => {
    expect(KEY_DB_NAME).toBe('evidence-workbench-keys')
  })

  it('says the passphrase alone protects keys', async () => {
    expect(await vault().keychain()).toEqual({
      available: false,
      explanation: BROWSER_KEYCHAIN_EXPLANATION,
    })
  })

  it('creates, lists, unlocks, signs and locks', async () => {
    const keys = vault()
    const id = await keys.create({ name: '  Dana Ruiz ', passphrase: PASS })
    expect(id).toMatchObject({ name: 'Dana Ruiz', protection: 'passphrase' })
    expect(id.keyid).toBe(await sha256Hex(webCrypto, ed25519Spki(id.publicKey)))
    expect((await keys.list()).map((i) => i.keyid)).toEqual([id.keyid])

    const session = await keys.unlock(id.keyid, PASS)
    const message = new TextEncoder().encode('statement')
    const sig = await keys.sign(session, message)
    expect(await webCrypto.ed25519Verify(id.publicKey, message, sig)).toBe(true)
    await keys.lock(session)
    await expect(keys.sign(session, message)).rejects.toMatchObject({ code: 'SESSION_CLOSED' })
  })

  it('reports a wrong passphrase with its code and opens no session', async () => {
    const keys = vault()
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const err = await keys.unlock(id.keyid, 'not the passphrase').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HostError)
    expect(err).toMatchObject({ code: WRONG_PASSPHRASE })
    expect((err as Error).message).toMatch(/Wrong passphrase/)
  })

  it('refuses passphrases shorter than 12 characters, and empty names', async () => {
    const keys = vault()
    await expect(keys.create({ name: 'Dana', passphrase: 'short pass' })).rejects.toThrow(
      /at least 12 characters/,
    )
    await expect(keys.create({ name: '   ', passphrase: PASS })).rejects.toThrow(/name/)
    expect(await keys.list()).toEqual([])
  })

  it('seals with scrypt N=2^17 by default', async () => {
    const dbName = `keys-test-${++n}`
    names.push(dbName)
    const keys = browserKeyVault({ dbName, crypto: webCrypto })
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const db = new Dexie(dbName)
    db.version(1).stores({ identities: '&keyid', device: '&id' })
    const row = (await db.table('identities').get(id.keyid)) as {
      sealed: { kdf: { N: number; r: number; p: number }; ciphertext: string }
    }
    db.close()
    expect(row.sealed.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 })
    expect(JSON.stringify(row)).not.toContain(PASS)
  }, 60_000)

  it('ends a session by itself when its time is up, wiping the seed', async () => {
    const keys = vault()
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const session = await keys.unlock(id.keyid, PASS, 150)
    await keys.sign(session, new Uint8Array([1]))
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(keys.sign(session, new Uint8Array([1]))).rejects.toThrow(/locked again/)
  })

  it('withUnlockedSigner locks even when the action fails', async () => {
    const keys = vault()
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const lock = vi.spyOn(keys, 'lock')
    const host = { keys } as unknown as Host
    let seen: string | undefined
    await expect(
      withUnlockedSigner(host, id, PASS, async (signer) => {
        seen = signer.keyid
        await signer.sign(new Uint8Array([1]))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(seen).toBe(id.keyid)
    expect(lock).toHaveBeenCalledTimes(1)
    const session = lock.mock.calls[0]![0]
    await expect(keys.sign(session, new Uint8Array([1]))).rejects.toThrow(/locked again/)
  })

  it('removes an identity and closes its sessions', async () => {
    const keys = vault()
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const session = await keys.unlock(id.keyid, PASS)
    await keys.remove(id.keyid)
    expect(await keys.list()).toEqual([])
    await expect(keys.sign(session, new Uint8Array([1]))).rejects.toThrow(/locked again/)
    await expect(keys.unlock(id.keyid, PASS)).rejects.toThrow(/No identity/)
  })

  it('keeps one non-extractable device key across reloads', async () => {
    const dbName = `keys-test-${++n}`
    names.push(dbName)
    const first = browserKeyVault({ dbName, crypto: webCrypto })
    const key = await first.deviceKey()
    expect(key.publicKey).toHaveLength(32)
    expect(key.keyid).toBe(await sha256Hex(webCrypto, ed25519Spki(key.publicKey)))
    const message = new TextEncoder().encode('checkpoint')
    const sig = await first.deviceSign(message)
    expect(await webCrypto.ed25519Verify(key.publicKey, message, sig)).toBe(true)

    const again = browserKeyVault({ dbName, crypto: webCrypto })
    expect((await again.deviceKey()).keyid).toBe(key.keyid)
    const db = new Dexie(dbName)
    db.version(1).stores({ identities: '&keyid', device: '&id' })
    const row = (await db.table('device').get('device')) as { privateKey: CryptoKey }
    db.close()
    expect(row.privateKey.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('pkcs8', row.privateKey)).rejects.toThrow()
  })
})
