// Reading colleagues' keys from files: PEM and keyring JSON, key ids recomputed (an altered
// keyid is refused), secret key files refused with a warning, and the one-key keyring a person
// exports for colleagues.
import { describe, expect, it } from 'vitest'
import { publicKeyToPem } from '../../../../src/core/crypto/ed25519-der'
import { utf8 } from '../../../../src/core/encoding/bytes'
import {
  nameFromFileName,
  readKeyCandidates,
  singleKeyKeyring,
} from '../../../../src/core/keys/key-import'
import { keyringBytes, parseKeyring } from '../../../../src/core/keys/keyring'
import {
  encryptIdentity,
  identityFromSeed,
  secretKeyFileBytes,
} from '../../../../src/core/keys/secret-key'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const lee = () => identityFromSeed(nodeCrypto, 'Lee Chen', new Uint8Array(32).fill(4))
const sam = () => identityFromSeed(nodeCrypto, 'Sam Okafor', new Uint8Array(32).fill(5))

describe('readKeyCandidates', () => {
  it('reads a PEM public key, naming it after the file', async () => {
    const id = await lee()
    const [c, ...rest] = await readKeyCandidates(
      nodeCrypto,
      'lee-chen.pub.pem',
      utf8(publicKeyToPem(id.publicKey)),
    )
    expect(rest).toEqual([])
    expect(c).toMatchObject({ keyid: id.keyid, name: 'lee-chen', roles: [] })
    expect(c!.publicKey).toEqual(id.publicKey)
    expect(nameFromFileName('x.pem')).toBe('x')
    expect(nameFromFileName('.pem')).toBe('Imported key')
  })

  it('reads every key of a keyring file, with roles, validity and revocation', async () => {
    const [a, b] = [await lee(), await sam()]
    const keyring = singleKeyKeyring({ ...a, roles: ['legal'] }, new Date('2026-01-01'))
    const two = {
      ...keyring,
      keys: [
        { ...keyring.keys[0]!, validUntil: '2027-01-01T00:00:00.000Z' },
        {
          ...singleKeyKeyring({ ...b, roles: ['dpo'] }).keys[0]!,
          revoked: { at: '2026-02-01T00:00:00.000Z', reason: 'lost' },
        },
      ],
    }
    const out = await readKeyCandidates(nodeCrypto, 'team.json', keyringBytes(two))
    expect(out.map((c) => [c.name, c.roles, c.validUntil, c.revoked?.reason])).toEqual([
      ['Lee Chen', ['legal'], '2027-01-01T00:00:00.000Z', undefined],
      ['Sam Okafor', ['dpo'], undefined, 'lost'],
    ])
  })

  it('refuses a keyring entry whose keyid is not its key’s', async () => {
    const [a, b] = [await lee(), await sam()]
    const keyring = singleKeyKeyring({ ...a, roles: [] })
    keyring.keys[0]!.keyid = b.keyid
    await expect(readKeyCandidates(nodeCrypto, 'k.json', keyringBytes(keyring))).rejects.toThrow(
      /claims key id .* altered/,
    )
  })

  it('refuses secret keys, binary files, other JSON and non-Ed25519 PEM', async () => {
    const id = await lee()
    const secret = secretKeyFileBytes(
      await encryptIdentity(nodeCrypto, id, 'a long passphrase', {
        params: { N: 2 ** 14, r: 8, p: 1, dkLen: 32 },
      }),
    )
    await expect(readKeyCandidates(nodeCrypto, 'lee.key', secret)).rejects.toThrow(
      /secret key, not a public key/,
    )
    await expect(
      readKeyCandidates(nodeCrypto, 'x.pem', utf8('-----BEGIN PRIVATE KEY-----\nAA\n')),
    ).rejects.toThrow(/secret key/)
    await expect(
      readKeyCandidates(nodeCrypto, 'x.bin', new Uint8Array([0xff, 0xfe, 0x00])),
    ).rejects.toThrow(/not a text file/)
    await expect(readKeyCandidates(nodeCrypto, 'x.json', utf8('{"a":1}'))).rejects.toThrow(
      /x\.json: Not a keyring/,
    )
    await expect(readKeyCandidates(nodeCrypto, 'notes.txt', utf8('hello'))).rejects.toThrow(
      /neither a PEM public key nor a keyring/,
    )
    await expect(
      readKeyCandidates(
        nodeCrypto,
        'rsa.pem',
        utf8('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQY=\n-----END PUBLIC KEY-----\n'),
      ),
    ).rejects.toThrow(/not an Ed25519 key/)
  })

  it('exports one key as a keyring `evw verify --keyring` reads', async () => {
    const id = await lee()
    const keyring = parseKeyring(keyringBytes(singleKeyKeyring({ ...id, roles: ['legal'] })))
    expect(keyring.keys).toHaveLength(1)
    expect(keyring.keys[0]).toMatchObject({ keyid: id.keyid, name: 'Lee Chen', roles: ['legal'] })
  })
})
