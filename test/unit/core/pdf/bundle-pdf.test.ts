// packet.pdf as a signed subject of a bundle: rendered before packing from the digests the
// statement signs, verified with the rest, read back only when it matches.
import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { readSignedPdf, signedPdf } from '../../../../src/core/bundle/signed-pdf'
import { createHash } from 'node:crypto'
import { MemorySink } from '../../../../src/core/bundle/byte-io'
import { packBundle } from '../../../../src/core/bundle/pack-bundle'
import { identitySigner } from '../../../../src/core/keys/key-signer'
import { digestEvidence, renderBundlePdf } from '../../../../src/core/pdf/bundle-pdf'
import { TemplateRegistry } from '../../../../src/core/templates/registry'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import { loadPdfFonts } from '../../../../src/node/pdf/font-files'
import {
  dpiaPacket,
  evidenceBytes,
  failureCodes,
  fullySignedDpia,
  NOW,
  parties,
  verifyBytes,
} from '../../../helpers/bundle-fixture'

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

async function packetPdf() {
  const ps = await parties()
  const packet = dpiaPacket()
  const digests = await digestEvidence(nodeCrypto, packet, (p) => bytesSource(evidenceBytes(p)))
  return renderBundlePdf({
    packet,
    digests: (p) => digests.get(p)!,
    signer: { name: ps.packer.identity.name, keyid: ps.packer.identity.keyid },
    now: NOW,
    logOrigin: `test/${ps.packer.identity.keyid.slice(0, 16)}`,
    template: new TemplateRegistry().resolve(packet.template)!,
    fonts: await loadPdfFonts(),
  })
}

describe('packet.pdf in a bundle', () => {
  it('renders the same bytes for the same packet, digests, signer and time', async () => {
    const [a, b] = [await packetPdf(), await packetPdf()]
    expect(new TextDecoder().decode(a.subarray(0, 5))).toBe('%PDF-')
    expect(sha256Hex(a)).toBe(sha256Hex(b))
    // No evidence is attached to it (the files are in the bundle already).
    const doc = await PDFDocument.load(a, { updateMetadata: false })
    expect(doc.catalog.lookup(PDFName.of('Names'))).toBeUndefined()
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3)
  }, 60_000)

  it('verifies as signed, and reads back byte for byte', async () => {
    const pdf = await packetPdf()
    const { bundle, keyring } = await fullySignedDpia({ pdf })
    const report = await verifyBytes(bundle, keyring)
    expect(failureCodes(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(report.items).toContainEqual(
      expect.objectContaining({ check: 'files', status: 'pass', subject: 'packet.pdf' }),
    )
    expect(signedPdf(report).state).toBe('signed')
    expect(signedPdf(report).sentence).toMatch(/^packet\.pdf: the PDF you read is the one/)
    const back = await readSignedPdf(bytesSource(bundle), nodeCrypto)
    expect(sha256Hex(back)).toBe(sha256Hex(pdf))
  }, 60_000)

  it('names packet.pdf with DIGEST_MISMATCH when one of its bytes changes', async () => {
    const pdf = await packetPdf()
    const { bundle, keyring } = await fullySignedDpia({ pdf })
    const tampered = new Uint8Array(bundle)
    // packet.pdf is stored, not deflated: change a byte inside its data.
    const start = Buffer.from(tampered).indexOf(Buffer.from(pdf.subarray(0, 64)))
    expect(start).toBeGreaterThan(0)
    const at = start + Math.floor(pdf.length / 2)
    tampered[at] = tampered[at]! ^ 0x01
    const report = await verifyBytes(tampered, keyring)
    expect(report.verdict).toBe('not-verified')
    expect(report.items).toContainEqual(
      expect.objectContaining({ code: 'DIGEST_MISMATCH', subject: 'packet.pdf' }),
    )
    expect(signedPdf(report).state).toBe('changed')
    await expect(readSignedPdf(bytesSource(tampered), nodeCrypto)).rejects.toThrow(
      /packet\.pdf (does not match its signed digest|cannot be read intact)/,
    )
  }, 60_000)

  it('still accepts a format-v1 bundle without packet.pdf, and says it has none', async () => {
    const { bundle, keyring } = await fullySignedDpia()
    const report = await verifyBytes(bundle, keyring)
    expect(report.verdict).toBe('verified')
    expect(signedPdf(report)).toMatchObject({ state: 'absent' })
    expect(signedPdf(report).sentence).toMatch(/^No signed PDF in this bundle/)
    await expect(readSignedPdf(bytesSource(bundle), nodeCrypto)).rejects.toThrow(/no signed/)
  }, 60_000)

  it('refuses to pack evidence whose bytes differ from the digests the PDF shows', async () => {
    const pdf = await packetPdf()
    const ps = await parties()
    const packet = dpiaPacket()
    // Same size, different bytes: what a file edited between the two passes looks like.
    const changed = (p: string) => {
      const b = new Uint8Array(evidenceBytes(p))
      b[0] = b[0]! ^ 0x01
      return b
    }
    const first = packet.evidence[0]!.path
    await expect(
      packBundle(new MemorySink(), {
        crypto: nodeCrypto,
        packet,
        evidence: (p) => bytesSource(p === first ? changed(p) : evidenceBytes(p)),
        pdf: bytesSource(pdf),
        expectedDigests: (p) => sha256Hex(evidenceBytes(p)),
        signer: identitySigner(nodeCrypto, ps.packer.identity),
        logOrigin: 'test',
        now: NOW,
        recordInLog: async () => '',
      }),
    ).rejects.toThrow(`${first} changed while it was being packed`)
  }, 60_000)
})
