// The desktop app's key vault with a fake safeStorage and a temporary folder (no Electron
// binary needed): key files written atomically and 0600, wrapped by the OS keychain when a real
// backend is there and never by Linux's plain-text fallback, sessions that sign and are wiped,
// the wrong passphrase reported by code (also across the IPC error path), and a device key that
// survives restarts.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HostError, WRONG_PASSPHRASE } from '../../../src/core/host/host-api'
import { decryptIdentity, parseSecretKeyFile } from '../../../src/core/keys/secret-key'
import { ARGUMENT_CHECKS } from '../../../src/main/ipc-arguments'
import {
  DEVICE_KEY_TYPE,
  mainKeyVault,
  WRAPPED_KEY_TYPE,
  type SafeStorageLike,
} from '../../../src/main/key-vault'
import { nodeCrypto } from '../../../src/node/crypto/node-crypto'

const FAST = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 }
const PASS = 'correct horse battery staple'
const MSG = new TextEncoder().encode('statement')

/** A stand-in keychain: XOR with a per-"account" byte, so a file is unreadable elsewhere. */
function fakeSafeStorage(
  options: { available?: boolean; backend?: string; account?: number } = {},
) {
  const state = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
    account: options.account ?? 0x5a,
    shouldReEncrypt: false,
    encrypts: 0,
  }
  const xor = (b: Uint8Array) => Buffer.from(b.map((x) => x ^ state.account))
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptStringAsync: async (text) => {
      state.encrypts++
      return Buffer.concat([Buffer.from('FAKE'), xor(Buffer.from(text, 'utf8'))])
    },
    decryptStringAsync: async (encrypted) => {
      if (encrypted.subarray(0, 4).toString() !== 'FAKE') throw new Error('not ours')
      const text = xor(encrypted.subarray(4)).toString('utf8')
      if (!text.startsWith('{') && !/^[A-Za-z0-9+/=]+$/.test(text)) throw new Error('bad key')
      return { result: text, shouldReEncrypt: state.shouldReEncrypt }
    },
  }
  return { storage, state }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'evw-keys-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const vault = (storage: SafeStorageLike, platform = 'linux') =>
  mainKeyVault({
    dir: path.join(dir, 'keys'),
    safeStorage: storage,
    crypto: nodeCrypto,
    platform,
    scrypt: FAST,
  })

describe('main key vault with an OS keychain', () => {
  it('wraps the sealed key file with safeStorage, 0600, and signs after unlock', async () => {
    const { storage } = fakeSafeStorage()
    const keys = vault(storage)
    expect(await keys.keychain()).toMatchObject({ available: true, backend: 'gnome_libsecret' })
    const id = await keys.create({ name: 'Dana Ruiz', passphrase: PASS })
    expect(id.protection).toBe('passphrase+os-keychain')

    const file = path.join(dir, 'keys', `${id.keyid}.json`)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(path.join(dir, 'keys'))).mode & 0o077).toBe(0)
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    expect(stored).toMatchObject({ type: WRAPPED_KEY_TYPE, keyid: id.keyid, name: 'Dana Ruiz' })
    expect(JSON.stringify(stored)).not.toContain('ciphertext')
    // No temporary files are left behind by the atomic write.
    expect(await readdir(path.join(dir, 'keys'))).toEqual([`${id.keyid}.json`])

    expect(await keys.list()).toEqual([id])
    const session = await keys.unlock(id.keyid, PASS)
    expect(await nodeCrypto.ed25519Verify(id.publicKey, MSG, await keys.sign(session, MSG))).toBe(
      true,
    )
    await keys.lock(session)
    await expect(keys.sign(session, MSG)).rejects.toMatchObject({ code: 'SESSION_CLOSED' })
  })

  it('reports a wrong passphrase with its code, also through the IPC message', async () => {
    const keys = vault(fakeSafeStorage().storage)
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const err = await keys.unlock(id.keyid, 'wrong passphrase here').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HostError)
    expect(err).toMatchObject({ code: WRONG_PASSPHRASE })
  })

  it('cannot unlock a wrapped file without that keychain, even with the passphrase', async () => {
    const keys = vault(fakeSafeStorage().storage)
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    const elsewhere = vault(fakeSafeStorage({ account: 0x11 }).storage)
    await expect(elsewhere.unlock(id.keyid, PASS)).rejects.toMatchObject({
      code: 'KEYCHAIN_FAILED',
    })
    const locked = vault(fakeSafeStorage({ available: false }).storage)
    await expect(locked.unlock(id.keyid, PASS)).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    })
  })

  it('re-wraps a key when the keychain asks for it', async () => {
    const { storage, state } = fakeSafeStorage()
    const keys = vault(storage)
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    state.shouldReEncrypt = true
    const before = state.encrypts
    await keys.lock(await keys.unlock(id.keyid, PASS))
    expect(state.encrypts).toBe(before + 1)
  })
})

describe('main key vault without a usable keychain', () => {
  it("refuses Linux's basic_text backend and explains why", async () => {
    const keys = vault(fakeSafeStorage({ backend: 'basic_text' }).storage)
    const status = await keys.keychain()
    expect(status).toMatchObject({ available: false, backend: 'basic_text' })
    expect(status.explanation).toMatch(/basic_text.*passphrase alone/s)
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    expect(id.protection).toBe('passphrase')
    // The file is the core's sealed key file, usable with `evw sign --key` as it is.
    const bytes = new Uint8Array(await readFile(path.join(dir, 'keys', `${id.keyid}.json`)))
    const identity = await decryptIdentity(nodeCrypto, parseSecretKeyFile(bytes), PASS)
    expect(identity.keyid).toBe(id.keyid)
  })

  it('ignores the backend name off Linux', async () => {
    const keys = vault(fakeSafeStorage({ backend: 'basic_text' }).storage, 'darwin')
    expect(await keys.keychain()).toMatchObject({ available: true })
  })

  it('says so when safeStorage is unavailable', async () => {
    const keys = vault(fakeSafeStorage({ available: false }).storage)
    expect(await keys.keychain()).toMatchObject({ available: false })
    expect((await keys.create({ name: 'Dana', passphrase: PASS })).protection).toBe('passphrase')
  })

  it('refuses short passphrases, and key ids that are not key ids', async () => {
    const keys = vault(fakeSafeStorage().storage)
    await expect(keys.create({ name: 'Dana', passphrase: 'short' })).rejects.toThrow(
      /at least 12 characters/,
    )
    await expect(keys.unlock('../../etc/passwd', PASS)).rejects.toThrow(/not a key id/)
    await expect(keys.remove('../x')).rejects.toThrow(/not a key id/)
  })

  it('skips damaged files in the list and removes identities', async () => {
    const keys = vault(fakeSafeStorage().storage)
    const id = await keys.create({ name: 'Dana', passphrase: PASS })
    await writeFile(path.join(dir, 'keys', `${'a'.repeat(64)}.json`), 'not json')
    expect((await keys.list()).map((i) => i.keyid)).toEqual([id.keyid])
    const session = await keys.unlock(id.keyid, PASS)
    await keys.remove(id.keyid)
    await expect(keys.sign(session, MSG)).rejects.toThrow(/locked again/)
    expect(await keys.list()).toEqual([])
  })
})

describe('the device key in main', () => {
  it('is wrapped by the keychain and the same after a restart', async () => {
    const { storage } = fakeSafeStorage()
    const first = vault(storage)
    const key = await first.deviceKey()
    const sig = await first.deviceSign(MSG)
    expect(await nodeCrypto.ed25519Verify(key.publicKey, MSG, sig)).toBe(true)
    const stored = JSON.parse(await readFile(path.join(dir, 'keys', 'device.json'), 'utf8'))
    expect(stored).toMatchObject({ type: DEVICE_KEY_TYPE, protection: 'os-keychain' })
    expect(stored.seed).toBeUndefined()
    first.close()
    expect((await vault(storage).deviceKey()).keyid).toBe(key.keyid)
  })

  it('is kept by file permissions where there is no keychain, and not listed', async () => {
    const keys = vault(fakeSafeStorage({ backend: 'basic_text' }).storage)
    const key = await keys.deviceKey()
    const file = path.join(dir, 'keys', 'device.json')
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      protection: 'file-permissions',
    })
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await keys.list()).toEqual([])
    expect(
      (await vault(fakeSafeStorage({ backend: 'basic_text' }).storage).deviceKey()).keyid,
    ).toBe(key.keyid)
  })

  it('is never overwritten when its keychain is unavailable: a key for this run instead', async () => {
    const key = await vault(fakeSafeStorage().storage).deviceKey()
    const before = await readFile(path.join(dir, 'keys', 'device.json'), 'utf8')
    const other = await vault(fakeSafeStorage({ available: false }).storage).deviceKey()
    expect(other.keyid).not.toBe(key.keyid)
    expect(await readFile(path.join(dir, 'keys', 'device.json'), 'utf8')).toBe(before)
  })
})

describe('IPC argument checks for keys:*', () => {
  const keyid = 'ab'.repeat(32)
  const session = 'cd'.repeat(16)
  it('accepts well-formed calls', () => {
    expect(ARGUMENT_CHECKS['keys:list']([])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:create']([{ name: 'Dana', passphrase: PASS }])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, PASS])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, PASS, undefined])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, PASS, 60_000])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:sign']([session, MSG])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:lock']([session])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:remove']([keyid])).toBe(true)
    expect(ARGUMENT_CHECKS['keys:device-sign']([MSG])).toBe(true)
  })
  it('refuses anything else', () => {
    expect(ARGUMENT_CHECKS['keys:list'](['x'])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:create']([{ name: 'Dana', passphrase: PASS, seed: 'x' }])).toBe(
      false,
    )
    expect(ARGUMENT_CHECKS['keys:create']([{ name: 3, passphrase: PASS }])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:create']([{ name: 'Dana', passphrase: 'x'.repeat(2000) }])).toBe(
      false,
    )
    expect(ARGUMENT_CHECKS['keys:unlock'](['../x', PASS])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, ''])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, PASS, 11 * 60_000])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:unlock']([keyid, PASS, 1.5])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:sign']([session, 'text'])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:sign']([keyid, MSG])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:lock']([])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:remove']([keyid.toUpperCase()])).toBe(false)
    expect(ARGUMENT_CHECKS['keys:device-sign']([[1, 2]])).toBe(false)
  })
})
