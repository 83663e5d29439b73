import { describe, expect, it } from 'vitest'
import {
  addKey,
  emptyKeyring,
  evaluateKey,
  keyringBytes,
  parseKeyring,
  revokeKey,
} from '../../../../src/core/keys/keyring'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

describe('keyring', () => {
  it('adds, evaluates validity windows, revokes, and round-trips', async () => {
    const id = await identityFromSeed(nodeCrypto, 'Lee', new Uint8Array(32).fill(3))
    const { keyring } = await addKey(nodeCrypto, emptyKeyring(), {
      publicKey: id.publicKey,
      name: 'Lee',
      roles: ['legal', 'legal', 'ombuds'],
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-12-31T00:00:00Z',
    })
    expect(keyring.keys[0]!.roles).toEqual(['legal', 'ombuds'])
    expect(evaluateKey(keyring, id.keyid, new Date('2026-06-01')).status).toBe('trusted')
    expect(evaluateKey(keyring, id.keyid, new Date('2025-06-01')).status).toBe('not-yet-valid')
    expect(evaluateKey(keyring, id.keyid, new Date('2027-06-01')).status).toBe('expired')
    expect(evaluateKey(keyring, 'ab'.repeat(32), new Date()).status).toBe('untrusted')
    const revoked = revokeKey(keyring, id.keyid.slice(0, 8), 'left the company')
    expect(evaluateKey(revoked, id.keyid, new Date('2026-06-01')).status).toBe('revoked')
    expect(parseKeyring(keyringBytes(revoked))).toEqual(revoked)
    await expect(
      addKey(nodeCrypto, keyring, { publicKey: id.publicKey, name: 'again', roles: [] }),
    ).rejects.toThrow(/already/)
  })

  it('rejects malformed keyrings with a message', () => {
    expect(() => parseKeyring(utf8('{}'))).toThrow(/Not a keyring/)
    expect(() =>
      parseKeyring(
        utf8('{"type":"evidence-workbench/keyring","version":1,"keys":[{"keyid":"x"}]}'),
      ),
    ).toThrow(/keyid/)
    expect(() =>
      parseKeyring(utf8('{"type":"evidence-workbench/keyring","version":1,"keys":[],"keys":[]}')),
    ).toThrow(/duplicate/)
  })
})
