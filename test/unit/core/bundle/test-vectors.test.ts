// The published test vectors of bundle format v1 (test/fixtures/bundle-v1, docs/bundle-format.md).
// They are regenerated from fixed keys and times and must match the committed bytes exactly, so
// any change to the format shows up here. Regenerate with EVW_WRITE_VECTORS=1 after a deliberate
// format change, and say so in docs/bundle-format.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { keyringBytes } from '../../../../src/core/keys/keyring'
import { utf8 } from '../../../../src/core/encoding/bytes'
import {
  failureCodes,
  fullySignedDpia,
  packInMemory,
  dpiaPacket,
  signOff,
  verifyBytes,
} from '../../../helpers/bundle-fixture'
import { entry, rewrite, unpack } from '../../../helpers/zip-surgery'
import { parseKeyring } from '../../../../src/core/keys/keyring'

const DIR = resolve(__dirname, '../../../fixtures/bundle-v1')
const WRITE = process.env.EVW_WRITE_VECTORS === '1'

interface Vector {
  file: string
  description: string
  verdict: 'verified' | 'not-verified'
  codes: string[]
}

let vectors: { vector: Vector; bytes: Uint8Array }[] = []
let keyring: Uint8Array

beforeAll(async () => {
  const good = await fullySignedDpia()
  keyring = keyringBytes(good.keyring)
  const evidence0 = `files/${good.packet.evidence[0]!.path}`
  const other = dpiaPacket()
  other.packetId = 'dpia-other-packet'
  const otherSigned = await signOff(
    await packInMemory(other, good.parties.packer.identity),
    good.parties.dpo,
    'dpo',
  )
  const moved = (await unpack(otherSigned)).find((e) => e.name.startsWith('signoffs/'))!
  const make = async (file: string, description: string, bytes: Uint8Array) => {
    const report = await verifyBytes(bytes, good.keyring)
    vectors.push({
      vector: {
        file,
        description,
        verdict: report.verdict,
        codes: failureCodes(report) as string[],
      },
      bytes,
    })
  }
  vectors = []
  await make(
    'valid.evb',
    'A DPIA packed by product-ops and approved by dpo, legal and accountable-manager.',
    good.bundle,
  )
  await make(
    'tampered-file.evb',
    `One byte of ${evidence0} flipped.`,
    await rewrite(good.bundle, (es) => {
      const e = entry(es, evidence0)
      e.data = e.data.slice()
      e.data[0] = e.data[0]! ^ 1
      return es
    }),
  )
  await make(
    'extra-file.evb',
    'An unsigned files/extra.txt added.',
    await rewrite(good.bundle, (es) => [
      ...es,
      { name: 'files/extra.txt', data: utf8('unsigned\n') },
    ]),
  )
  await make(
    'moved-signoff.evb',
    'The dpo sign-off replaced by one made for another packet.',
    await rewrite(good.bundle, (es) => [...es.filter((e) => e.name !== moved.name), moved]),
  )
  await make(
    'missing-role.evb',
    'Packed and signed, but no sign-offs yet.',
    await packInMemory(good.packet, good.parties.packer.identity),
  )
})

describe('bundle format v1 test vectors', () => {
  it('are reproduced byte for byte and verify as documented', () => {
    if (WRITE) {
      writeFileSync(join(DIR, 'keyring.json'), keyring)
      for (const { vector, bytes } of vectors) writeFileSync(join(DIR, vector.file), bytes)
      writeFileSync(
        join(DIR, 'vectors.json'),
        `${JSON.stringify(
          vectors.map((v) => v.vector),
          null,
          2,
        )}\n`,
      )
    }
    expect(
      existsSync(join(DIR, 'vectors.json')),
      'run with EVW_WRITE_VECTORS=1 to create the vectors',
    ).toBe(true)
    const published = JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as Vector[]
    expect(published).toEqual(vectors.map((v) => v.vector))
    expect(Buffer.from(readFileSync(join(DIR, 'keyring.json'))).equals(Buffer.from(keyring))).toBe(
      true,
    )
    for (const { vector, bytes } of vectors) {
      expect(
        Buffer.from(readFileSync(join(DIR, vector.file))).equals(Buffer.from(bytes)),
        vector.file,
      ).toBe(true)
    }
    expect(published.find((v) => v.file === 'valid.evb')?.verdict).toBe('verified')
    expect(published.filter((v) => v.verdict === 'verified')).toHaveLength(1)
  })

  it('verify from the committed files with the committed keyring', async () => {
    const ring = parseKeyring(new Uint8Array(readFileSync(join(DIR, 'keyring.json'))))
    const published = JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as Vector[]
    for (const v of published) {
      const report = await verifyBytes(new Uint8Array(readFileSync(join(DIR, v.file))), ring)
      expect([v.file, report.verdict, failureCodes(report)]).toEqual([v.file, v.verdict, v.codes])
    }
  })
})
