import { describe, expect, it } from 'vitest'
import {
  envelopeBytes,
  pae,
  parseEnvelope,
  signEnvelope,
  verifyEnvelopeSignature,
} from '../../../../src/core/intoto/dsse'
import { identitySigner } from '../../../../src/core/keys/key-signer'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import { utf8 } from '../../../../src/core/encoding/bytes'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

describe('DSSE', () => {
  it('encodes PAE as the DSSE protocol specifies', () => {
    // Example from https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
    expect(
      new TextDecoder().decode(pae('http://example.com/HelloWorld', utf8('hello world'))),
    ).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world')
  })

  it('counts lengths in bytes, not characters', () => {
    expect(new TextDecoder().decode(pae('t', utf8('é')))).toBe('DSSEv1 1 t 2 é')
  })

  it('signs and verifies, and fails on any change', async () => {
    const id = await identityFromSeed(nodeCrypto, 'A', new Uint8Array(32).fill(7))
    const env = await signEnvelope('application/x-test', utf8('{"a":1}'), [
      identitySigner(nodeCrypto, id),
    ])
    const parsed = parseEnvelope(envelopeBytes(env))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(
      await verifyEnvelopeSignature(nodeCrypto, parsed.message, env.signatures[0]!, id.publicKey),
    ).toBe(true)
    const other = parseEnvelope(
      utf8(JSON.stringify({ ...env, payloadType: 'application/x-other' })),
    )
    if (!other.ok) throw new Error('parse')
    expect(
      await verifyEnvelopeSignature(nodeCrypto, other.message, env.signatures[0]!, id.publicKey),
    ).toBe(false)
  })

  it('refuses malformed envelopes with a reason', () => {
    for (const bad of [
      '',
      '[]',
      '{"payloadType":"x","payload":"!!","signatures":[]}',
      '{"payloadType":"x","payload":"","signatures":[],"extra":1}',
      '{"payloadType":"x","payloadType":"y","payload":"","signatures":[]}',
    ]) {
      const r = parseEnvelope(utf8(bad))
      expect(r.ok).toBe(false)
    }
  })
})
