// The decisions about received bundles: names that can never become paths or hide their
// direction, verified → packet and anything else → quarantine, the received packet's shape,
// and when a reader may add their own sign-off.
import { describe, expect, it } from 'vitest'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { inspectBundle } from '../../../../src/core/bundle/inspect-bundle'
import type { VerificationReport } from '../../../../src/core/bundle/report'
import {
  planReceivedPacket,
  receiveDecision,
  receivedEvidenceRecord,
  safeFileName,
  signedBundleFileName,
  signoffEligibility,
} from '../../../../src/core/workspace/received-bundle'
import type { PacketRecord } from '../../../../src/core/workspace/records'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import { fullySignedDpia, verifyBytes } from '../../../helpers/bundle-fixture'

const NOW = new Date('2026-11-22T08:00:00.000Z')

const report = (codes: string[], extra: Partial<VerificationReport> = {}): VerificationReport => ({
  formatVersion: 1,
  verdict: codes.length === 0 ? 'verified' : 'not-verified',
  files: 0,
  bytes: 0,
  signoffs: [],
  packet: {
    packetId: 'p',
    title: 'P',
    template: { id: 'access-review', version: '1.0.0' },
    revision: 1,
  },
  statementSha256: 'a'.repeat(64),
  items: codes.map((code) => ({
    check: 'policy' as const,
    status: 'fail' as const,
    code: code as never,
    message: code,
    ...(code === 'ROLE_MISSING' ? { subject: 'ombuds' } : {}),
  })),
  ...extra,
})

describe('safeFileName', () => {
  it.each([
    ['dpia.evb', 'dpia.evb'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\evil.evb', 'evil.evb'],
    ['invoice\u202egnp.exe', 'invoicegnp.exe'],
    ['bell\u0007.evb', 'bell.evb'],
    ['zero\u200bwidth.evb', 'zerowidth.evb'],
    ['..', 'bundle.evb'],
    ['   ', 'bundle.evb'],
    ['lone\ud800.evb', 'lone\ufffd.evb'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it('keeps the extension of a long name', () => {
    const name = safeFileName(`${'x'.repeat(500)}.evb`)
    expect(name).toHaveLength(200)
    expect(name.endsWith('.evb')).toBe(true)
  })
})

describe('receiveDecision', () => {
  it('makes a packet only of a verified report', () => {
    expect(receiveDecision(report([]))).toEqual({ kind: 'packet' })
    expect(receiveDecision(report(['DIGEST_MISMATCH'])).kind).toBe('quarantine')
    expect(receiveDecision(report(['ROLE_MISSING'])).kind).toBe('quarantine')
    expect(receiveDecision(report(['CANCELLED'])).kind).toBe('refuse')
  })
})

describe('signoffEligibility', () => {
  it('allows a verified bundle, or one whose only problems are missing roles', () => {
    expect(signoffEligibility(report([]))).toEqual({ ok: true, missingRoles: [] })
    expect(signoffEligibility(report(['ROLE_MISSING']))).toEqual({
      ok: true,
      missingRoles: ['ombuds'],
    })
  })
  it('refuses anything else, saying why', () => {
    const r = signoffEligibility(report(['ROLE_MISSING', 'DIGEST_MISMATCH']))
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toContain('DIGEST_MISMATCH')
    expect(signoffEligibility(report(['CANCELLED'])).ok).toBe(false)
    expect(signoffEligibility(report([], { packet: undefined })).ok).toBe(false)
  })
})

describe('signedBundleFileName', () => {
  it('names the role once', () => {
    expect(signedBundleFileName('review.evb', 'ombuds')).toBe('review-ombuds.evb')
    expect(signedBundleFileName('review-ombuds.evb', 'ombuds')).toBe('review-ombuds.evb')
    expect(signedBundleFileName('../x/review.zip', 'legal')).toBe('review-legal.evb')
  })
})

describe('planReceivedPacket', () => {
  it('makes a verified, received packet with the signed fields, evidence and sign-offs', async () => {
    const { bundle, keyring, packet } = await fullySignedDpia()
    const info = await inspectBundle(bytesSource(bundle), nodeCrypto)
    const verified = await verifyBytes(bundle, keyring)
    const plan = planReceivedPacket(info, verified, {
      bundleSha256: 'b'.repeat(64),
      fileName: 'dpia.evb',
      now: NOW,
      partnerSourceIds: new Set(),
    })
    expect(plan.action).toBe('created')
    expect(plan.packet).toMatchObject({
      id: packet.packetId,
      status: 'verified',
      revision: 1,
      receivedFrom: { bundleSha256: 'b'.repeat(64), fileName: 'dpia.evb' },
      updatedAt: NOW.toISOString(),
    })
    // The packet's partner source is not in this workspace: the link is left out.
    expect(plan.packet?.partnerSourceId).toBeUndefined()
    expect(plan.signoffs).toHaveLength(3)
    expect(plan.bundle?.statementSha256).toBe(verified.statementSha256)

    const own = { ...plan.packet!, receivedFrom: undefined } as PacketRecord
    delete own.receivedFrom
    expect(
      planReceivedPacket(info, verified, {
        bundleSha256: 'c',
        fileName: 'x',
        now: NOW,
        existing: own,
      }).action,
    ).toBe('kept-local')
    const newer = { ...plan.packet!, revision: 2 }
    expect(
      planReceivedPacket(info, verified, {
        bundleSha256: 'c',
        fileName: 'x',
        now: NOW,
        existing: newer,
      }).action,
    ).toBe('kept-newer')
    expect(
      planReceivedPacket(info, verified, {
        bundleSha256: 'b'.repeat(64),
        fileName: 'x',
        now: NOW,
        existing: plan.packet!,
      }).action,
    ).toBe('unchanged')
  })
})

describe('receivedEvidenceRecord', () => {
  it('takes the signed metadata, keeps only valid values, and tags it received', () => {
    const record = receivedEvidenceRecord(
      {
        name: 'files/dpia/flow\u202e.png',
        role: 'data-flow-diagram',
        sha256: 'd'.repeat(64),
        size: 10,
        title: 'Data flow',
        kind: 'not-a-kind',
        classification: 'secret',
        expires: '2027-02-30',
        effectiveDate: '2026-01-01',
        tags: ['dpia', 'dpia', ''],
      },
      { now: NOW, by: 'me', bundleName: 'x.evb' },
    )
    expect(record).toMatchObject({
      sha256: 'd'.repeat(64),
      fileName: 'flow.png',
      folder: 'dpia',
      title: 'Data flow',
      kind: 'screenshot',
      classification: 'internal',
      effectiveDate: '2026-01-01',
      tags: ['dpia', 'received'],
      mimeType: 'image/png',
    })
    expect(record.expires).toBeUndefined()
  })
})
