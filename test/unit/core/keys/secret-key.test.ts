import { describe, expect, it } from 'vitest'
import {
  decryptIdentity,
  encryptIdentity,
  generateIdentity,
  KeyFileError,
  parseSecretKeyFile,
  secretKeyFileBytes,
} from '../../../../src/core/keys/secret-key'
import { keyIdOf } from '../../../../src/core/keys/keyid'
import { toHex, utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const FAST = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 }

describe('passphrase-protected key files', () => {
  it('round-trips and keeps the keyid', async () => {
    const id = await generateIdentity(nodeCrypto, 'Dana DPO')
    const file = parseSecretKeyFile(
      secretKeyFileBytes(await encryptIdentity(nodeCrypto, id, 'pässwörd', { params: FAST })),
    )
    expect(file.keyid).toBe(await keyIdOf(nodeCrypto, id.publicKey))
    expect(JSON.stringify(file)).not.toContain(toHex(id.seed))
    const back = await decryptIdentity(nodeCrypto, file, 'pässwörd')
    expect(toHex(back.seed)).toBe(toHex(id.seed))
  })

  it('says "wrong passphrase" for a wrong passphrase', async () => {
    const id = await generateIdentity(nodeCrypto, 'Dana')
    const file = await encryptIdentity(nodeCrypto, id, 'right', { params: FAST })
    await expect(decryptIdentity(nodeCrypto, file, 'wrong')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: expect.stringMatching(/Wrong passphrase/),
    })
  })

  it('detects a swapped public key', async () => {
    const a = await generateIdentity(nodeCrypto, 'A')
    const b = await generateIdentity(nodeCrypto, 'B')
    const file = await encryptIdentity(nodeCrypto, a, 'pw', { params: FAST })
    const bFile = await encryptIdentity(nodeCrypto, b, 'pw', { params: FAST })
    await expect(
      decryptIdentity(
        nodeCrypto,
        { ...file, publicKey: bFile.publicKey, keyid: bFile.keyid },
        'pw',
      ),
    ).rejects.toMatchObject({ code: 'KEY_FILE_TAMPERED' })
  })

  it('refuses malformed files and weak or absurd KDF parameters', async () => {
    const id = await generateIdentity(nodeCrypto, 'A')
    const file = await encryptIdentity(nodeCrypto, id, 'pw', { params: FAST })
    expect(() => parseSecretKeyFile(utf8('not json'))).toThrow(KeyFileError)
    expect(() =>
      parseSecretKeyFile(utf8(JSON.stringify({ ...file, kdf: { ...file.kdf, N: 1024 } }))),
    ).toThrow(/KDF/)
    expect(() =>
      parseSecretKeyFile(utf8(JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }))),
    ).toThrow(/KDF/)
    expect(() => parseSecretKeyFile(utf8('{"type":"evidence-workbench/keyring"}'))).toThrow(
      /public key or a keyring/,
    )
  })
})
