import { beforeAll, describe, expect, it } from 'vitest'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { envelopeBytes, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../../../../src/core/intoto/dsse'
import { identitySigner } from '../../../../src/core/keys/key-signer'
import { fromBase64, toBase64, utf8 } from '../../../../src/core/encoding/bytes'
import { revokeKey, type Keyring } from '../../../../src/core/keys/keyring'
import { verifyBundle } from '../../../../src/core/bundle/verify-bundle'
import { templatePolicy } from '../../../../src/core/templates/verify-policy'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import {
  dpiaPacket,
  failureCodes,
  fullySignedDpia,
  keyringFor,
  packInMemory,
  signOff,
  verifyBytes,
  type Party,
} from '../../../helpers/bundle-fixture'
import { entry, patchBytes, rewrite, unpack } from '../../../helpers/zip-surgery'

let good: Awaited<ReturnType<typeof fullySignedDpia>>
const firstEvidence = () => `files/${good.packet.evidence[0]!.path}`

beforeAll(async () => {
  good = await fullySignedDpia()
})

describe('verifyBundle on a fully signed DPIA', () => {
  it('is verified, with every check itemised and every sign-off valid', async () => {
    const report = await verifyBytes(good.bundle, good.keyring)
    expect(failureCodes(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(report.files).toBe(good.packet.evidence.length)
    expect(report.signoffs.map((s) => s.role).sort()).toEqual([...good.required].sort())
    expect(report.signoffs.every((s) => s.valid && s.decision === 'approve')).toBe(true)
    const checks = new Set(report.items.map((i) => i.check))
    for (const c of [
      'container',
      'statement',
      'signature',
      'files',
      'sums',
      'signoffs',
      'policy',
      'log',
    ]) {
      expect(checks).toContain(c)
    }
  })

  it('produces byte-identical bundles with node:crypto and the portable tweetnacl provider', async () => {
    const { portableCrypto } = await import('../../../../src/core/crypto/portable-crypto')
    const packet = dpiaPacket()
    const a = await packInMemory(packet, good.parties.packer.identity)
    const b = await packInMemory(packet, good.parties.packer.identity, { crypto: portableCrypto })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })
})

describe('tampering is rejected with the right code', () => {
  const expectFail = async (bytes: Uint8Array, code: string, keyring: Keyring = good.keyring) => {
    const report = await verifyBytes(bytes, keyring)
    expect(report.verdict).toBe('not-verified')
    expect(failureCodes(report)).toContain(code)
    return report
  }

  it('names the file when one evidence byte changes', async () => {
    const bytes = await rewrite(good.bundle, (es) => {
      const e = entry(es, firstEvidence())
      e.data = e.data.slice()
      e.data[3] = e.data[3]! ^ 1
      return es
    })
    const report = await expectFail(bytes, 'DIGEST_MISMATCH')
    const item = report.items.find((i) => i.code === 'DIGEST_MISMATCH')!
    expect(item.subject).toBe(firstEvidence())
    expect(item.message).toContain(firstEvidence())
    expect(item.advice).toBeTruthy()
  })

  it('rejects a removed file', async () => {
    const bytes = await rewrite(good.bundle, (es) => es.filter((e) => e.name !== firstEvidence()))
    await expectFail(bytes, 'FILE_MISSING')
  })

  it('rejects an added file', async () => {
    const bytes = await rewrite(good.bundle, (es) => [
      ...es,
      { name: 'files/extra.txt', data: utf8('x') },
    ])
    const report = await expectFail(bytes, 'FILE_EXTRA')
    expect(report.items.find((i) => i.code === 'FILE_EXTRA')?.subject).toBe('files/extra.txt')
  })

  it('rejects an added file outside the layout', async () => {
    await expectFail(
      await rewrite(good.bundle, (es) => [...es, { name: 'README.txt', data: utf8('hi') }]),
      'FILE_EXTRA',
    )
  })

  it('rejects a renamed file', async () => {
    const bytes = await rewrite(good.bundle, (es) => {
      entry(es, firstEvidence()).name = 'files/renamed.bin'
      return es
    })
    const report = await verifyBytes(bytes, good.keyring)
    expect(failureCodes(report)).toEqual(expect.arrayContaining(['FILE_EXTRA', 'FILE_MISSING']))
  })

  it('rejects a duplicated entry name', async () => {
    // Give two entries the same name in both the local headers and the central directory.
    const bytes = await rewrite(good.bundle, (es) => [
      ...es,
      { name: 'files/dup-x.txt', data: utf8('one') },
      { name: 'files/dup-y.txt', data: utf8('two') },
    ])
    await expectFail(patchBytes(bytes, 'files/dup-y.txt', 'files/dup-x.txt'), 'ENTRY_DUPLICATE')
  })

  it('rejects a sign-off moved from another bundle', async () => {
    const other = dpiaPacket()
    other.packetId = 'pkt-other-0001'
    const otherBundle = await signOff(
      await packInMemory(other, good.parties.packer.identity),
      good.parties.dpo,
      'dpo',
    )
    const moved = (await unpack(otherBundle)).find((e) => e.name.startsWith('signoffs/'))!
    const bytes = await rewrite(good.bundle, (es) => [
      ...es.filter((e) => e.name !== moved.name),
      moved,
    ])
    await expectFail(bytes, 'SIGNOFF_SUBJECT_MISMATCH')
  })

  it('rejects a payload that is not what was signed', async () => {
    const bytes = await rewrite(good.bundle, (es) => {
      const e = entry(es, 'statement.dsse.json')
      const env = JSON.parse(new TextDecoder().decode(e.data))
      const payload = JSON.parse(new TextDecoder().decode(fromBase64(env.payload)))
      payload.predicate.packet.title = 'A different title'
      env.payload = toBase64(utf8(JSON.stringify(payload)))
      e.data = envelopeBytes(env)
      return es
    })
    await expectFail(bytes, 'SIGNATURE_INVALID')
  })

  it('rejects a signed payload with duplicate JSON keys', async () => {
    const packer = good.parties.packer.identity
    const bytes = await rewrite(good.bundle, (es) => es)
    const es = await unpack(bytes)
    const e = entry(es, 'statement.dsse.json')
    const env = JSON.parse(new TextDecoder().decode(e.data))
    const text = new TextDecoder().decode(fromBase64(env.payload))
    const dup = text.replace('"_type":', '"predicateType":"x","_type":')
    e.data = envelopeBytes(
      await signEnvelope(IN_TOTO_PAYLOAD_TYPE, utf8(dup), [identitySigner(nodeCrypto, packer)]),
    )
    const { repack } = await import('../../../helpers/zip-surgery')
    const report = await expectFail(await repack(es), 'STATEMENT_MALFORMED')
    expect(report.items.find((i) => i.code === 'STATEMENT_MALFORMED')?.message).toMatch(
      /duplicate key/,
    )
  })

  it('rejects a substituted key hint, which never adds trust', async () => {
    const { publicKeyToPem } = await import('../../../../src/core/crypto/ed25519-der')
    const bytes = await rewrite(good.bundle, (es) => {
      for (const e of es) {
        if (e.name.endsWith('.pem'))
          e.data = utf8(publicKeyToPem(good.parties.outsider.identity.publicKey))
      }
      return es
    })
    const report = await expectFail(bytes, 'FILE_EXTRA')
    expect(failureCodes(report)).toEqual(['FILE_EXTRA'])
    // Trust still comes from the keyring: every signature remains attributed to its real signer.
    expect(report.signoffs.every((s) => s.valid)).toBe(true)
  })

  it('accepts a bundle without key hints: they are optional', async () => {
    const bytes = await rewrite(good.bundle, (es) => es.filter((e) => !e.name.startsWith('keys/')))
    expect((await verifyBytes(bytes, good.keyring)).verdict).toBe('verified')
  })

  it('rejects a statement re-signed by a key the keyring does not hold', async () => {
    const outsider = good.parties.outsider.identity
    const es = await unpack(good.bundle)
    const e = entry(es, 'statement.dsse.json')
    const env = JSON.parse(new TextDecoder().decode(e.data))
    e.data = envelopeBytes(
      await signEnvelope(IN_TOTO_PAYLOAD_TYPE, fromBase64(env.payload), [
        identitySigner(nodeCrypto, outsider),
      ]),
    )
    const { repack } = await import('../../../helpers/zip-surgery')
    await expectFail(await repack(es), 'KEY_UNTRUSTED')
  })

  it('rejects an untrusted, a revoked and an expired signer', async () => {
    const ps = good.parties
    const withoutPacker = await keyringFor([ps.dpo, ps.legal, ps.manager])
    await expectFail(good.bundle, 'KEY_UNTRUSTED', withoutPacker)
    const revoked = revokeKey(
      good.keyring,
      ps.legal.identity.keyid,
      'laptop stolen',
      new Date('2026-11-01T00:00:00Z'),
    )
    const r = await expectFail(good.bundle, 'KEY_REVOKED', revoked)
    expect(r.items.find((i) => i.code === 'KEY_REVOKED')?.message).toMatch(/laptop stolen/)
    const expired: Keyring = {
      ...good.keyring,
      keys: good.keyring.keys.map((k) =>
        k.keyid === ps.dpo.identity.keyid ? { ...k, validUntil: '2026-01-01T00:00:00Z' } : k,
      ),
    }
    await expectFail(good.bundle, 'KEY_EXPIRED', expired)
  })

  it('rejects a rejected sign-off, naming the reason', async () => {
    const rejected = await signOff(
      good.bundle,
      good.parties.legal,
      'legal',
      'reject',
      'Retention period missing',
    )
    const report = await expectFail(rejected, 'SIGNOFF_REJECTED')
    expect(report.items.find((i) => i.code === 'SIGNOFF_REJECTED')?.message).toContain(
      'Retention period missing',
    )
  })

  it('rejects a packet missing a required role, and a role the signer does not hold', async () => {
    const ps = good.parties
    const packed = await packInMemory(dpiaPacket(), ps.packer.identity)
    const report = await expectFail(packed, 'ROLE_MISSING')
    expect(
      report.items
        .filter((i) => i.code === 'ROLE_MISSING')
        .map((i) => i.subject)
        .sort(),
    ).toEqual([...good.required].sort())
    const impostor: Party = { identity: ps.manager.identity, roles: [] }
    await expectFail(await signOff(packed, impostor, 'dpo'), 'ROLE_NOT_HELD')
  })

  it('rejects truncated files and files that are not zips', async () => {
    for (const cut of [10, 100, Math.floor(good.bundle.length / 2), good.bundle.length - 10]) {
      await expectFail(good.bundle.slice(0, cut), 'CONTAINER_MALFORMED')
    }
    await expectFail(utf8('%PDF-1.7 not a bundle'), 'CONTAINER_MALFORMED')
    await expectFail(new Uint8Array(0), 'CONTAINER_MALFORMED')
  })

  it('rejects path traversal, absolute paths and backslashes', async () => {
    for (const [name, evil] of [
      ['files/aaaaaa.txt', 'files/../xxx.txt'],
      ['files/aaaaaa.txt', '/etc/passwd.xxxx'],
      ['files/aaaaaa.txt', 'files\\aaaaaa.txt'],
      ['files/aaaaaa.txt', 'C:/aaaaaaaaa.txt'],
    ] as const) {
      const bytes = await rewrite(good.bundle, (es) => [...es, { name, data: utf8('evil') }])
      await expectFail(patchBytes(bytes, name, evil), 'ENTRY_UNSAFE_PATH')
    }
  })

  it('rejects symbolic link entries', async () => {
    const bytes = await rewrite(good.bundle, (es) => [
      ...es,
      { name: 'files/link', data: utf8('/etc/passwd'), unixMode: 0o120777 },
    ])
    await expectFail(bytes, 'ENTRY_NOT_FILE')
  })

  it('stops a zip bomb by ratio without inflating it', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024)
    const bytes = await rewrite(good.bundle, (es) => [
      ...es,
      { name: 'files/bomb.bin', data: zeros, level: 9 },
    ])
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024)
    await expectFail(bytes, 'CONTAINER_LIMIT')
  })

  it('stops an entry that inflates past its declared size', async () => {
    // Declared sizes are lied about in the central directory; the stream cap still holds.
    const data = new Uint8Array(4096).fill(65)
    const bytes = await rewrite(good.bundle, (es) => {
      entry(es, firstEvidence()).data = data
      entry(es, firstEvidence()).level = 6
      return es
    })
    const report = await verifyBytes(bytes, good.keyring, { limits: { maxTotalUncompressed: 10 } })
    expect(report.verdict).toBe('not-verified')
    expect(failureCodes(report)).toContain('CONTAINER_LIMIT')
  })

  it('rejects a damaged SHA256SUMS and a missing log proof', async () => {
    const sums = await rewrite(good.bundle, (es) => {
      const e = entry(es, 'SHA256SUMS')
      e.data = utf8(new TextDecoder().decode(e.data).replace(/^./, (c) => (c === '0' ? '1' : '0')))
      return es
    })
    const r = await expectFail(sums, 'SUMS_MISMATCH')
    expect(failureCodes(r)).toContain('SUMS_SIGNATURE_INVALID')
    await expectFail(
      await rewrite(good.bundle, (es) => es.filter((e) => !e.name.startsWith('log/'))),
      'LOG_PROOF_MISSING',
    )
    const badLog = await rewrite(good.bundle, (es) => {
      const e = entry(es, 'log/statement.tlog-proof')
      e.data = utf8(
        new TextDecoder()
          .decode(e.data)
          .replace(/\nindex (\d+)\n/, (_m, n) => `\nindex ${Number(n) + 1}\n`),
      )
      return es
    })
    await expectFail(badLog, 'LOG_PROOF_INVALID')
  })

  it('reports cancellation as not verified', async () => {
    const controller = new AbortController()
    controller.abort()
    const report = await verifyBundle(bytesSource(good.bundle), {
      crypto: nodeCrypto,
      keyring: good.keyring,
      policy: templatePolicy(),
      signal: controller.signal,
    })
    expect(report.verdict).toBe('not-verified')
    expect(failureCodes(report)).toContain('CANCELLED')
  })
})
