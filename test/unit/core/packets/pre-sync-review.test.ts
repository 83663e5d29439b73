import { describe, expect, it } from 'vitest'
import type { LogVerificationReport } from '../../../../src/core/audit/audit-log'
import type { VerificationReport } from '../../../../src/core/bundle/report'
import { checkPacket, createPacket } from '../../../../src/core/packets/packet-lifecycle'
import {
  auditItem,
  bundleItem,
  evidenceItem,
  fieldsItem,
  readyToSync,
  signoffsItem,
  type EvidenceFinding,
} from '../../../../src/core/packets/pre-sync-review'
import { signoffProgress } from '../../../../src/core/packets/signoff-rules'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import { examplePacket } from '../../../../src/core/templates/example-packet'
import type { EvidenceRecord, PacketRecord } from '../../../../src/core/workspace/records'

const now = new Date('2026-04-20T10:00:00Z')
const SHA = 'a'.repeat(64)
const record = (extra: Partial<EvidenceRecord> = {}): EvidenceRecord => ({
  sha256: SHA,
  size: 3,
  mimeType: 'text/plain',
  fileName: 'flow.txt',
  folder: '',
  title: 'Flow',
  kind: 'other',
  tags: [],
  classification: 'internal',
  addedAt: '2026-04-01T00:00:00.000Z',
  addedBy: 'me',
  ...extra,
})

function packet(): PacketRecord {
  return {
    ...createPacket(dpiaTemplate, {
      id: 'dpia-x',
      title: 'DPIA: X',
      now,
      by: 'me',
      fields: examplePacket(dpiaTemplate).fields,
    }),
    evidence: [{ sha256: SHA, role: 'data-flow-diagram', path: 'flow.txt' }],
  }
}

describe('pre-sync review items', () => {
  it('passes complete fields and lists field problems with the field path', () => {
    const p = packet()
    const ok = fieldsItem(checkPacket(p, dpiaTemplate, new Map([[SHA, record()]]), now))
    expect(ok).toMatchObject({ id: 'fields', status: 'pass' })
    const bad = fieldsItem(checkPacket({ ...p, fields: {} }, dpiaTemplate, undefined, now))
    expect(bad.status).toBe('fail')
    expect(bad.details.some((d) => d.startsWith('controller:'))).toBe(true)
    expect(bad.details.every((d) => !d.startsWith('evidence'))).toBe(true)
    expect(bad.advice).toMatch(/new revision/)
  })

  it('fails evidence that is missing, changed, without bytes or expired', () => {
    const p = packet()
    const link = p.evidence[0]!
    const judge = (f: Partial<EvidenceFinding>) =>
      evidenceItem(
        p,
        dpiaTemplate,
        [{ link, blobPresent: true, actualSha256: SHA, record: record(), ...f }],
        '2026-04-20',
      )
    expect(judge({})).toMatchObject({ status: 'pass' })
    expect(judge({}).details[0]).toMatch(/flow.txt: present, sha256 aaaaaaaaaaaa… matches/)
    expect(judge({ record: undefined }).details).toEqual([
      'flow.txt is not in the evidence library.',
    ])
    expect(judge({ blobPresent: false, actualSha256: undefined }).details[0]).toMatch(
      /not its bytes/,
    )
    expect(judge({ actualSha256: 'b'.repeat(64) }).details[0]).toMatch(
      /changed in storage: the packet cites sha256 aaaaaaaaaaaa…, the stored bytes hash to bbbbbbbbbbbb…/,
    )
    expect(judge({ record: record({ expires: '2026-04-10' }) }).details[0]).toMatch(
      /flow.txt: Expired 10 days ago \(2026-04-10\)/,
    )
    const none = evidenceItem({ evidence: [] }, dpiaTemplate, [], '2026-04-20')
    expect(none.details).toEqual(['Required evidence missing: Data flow diagram (0 of 1).'])
  })

  it('judges sign-offs, the bundle and the audit log, and is ready only when all pass', () => {
    const waiting = signoffsItem(signoffProgress(packet(), dpiaTemplate, []), dpiaTemplate)
    expect(waiting.status).toBe('fail')
    expect(waiting.summary).toBe('Waiting for Accountable manager, Data Protection Officer, Legal.')
    expect(bundleItem(undefined)).toMatchObject({ status: 'fail' })
    const report = (verdict: 'verified' | 'not-verified', code?: string): VerificationReport =>
      ({
        formatVersion: 1,
        verdict,
        files: 1,
        bytes: 3,
        signoffs: [],
        items: code
          ? [
              {
                check: 'files',
                status: 'fail',
                code,
                subject: 'files/flow.txt',
                message: 'changed',
              },
            ]
          : [],
      }) as VerificationReport
    expect(bundleItem(report('verified')).status).toBe('pass')
    const tampered = bundleItem(report('not-verified', 'DIGEST_MISMATCH'))
    expect(tampered.details).toEqual(['files/flow.txt: changed [DIGEST_MISMATCH]'])
    expect(tampered.advice).toMatch(/fresh copy/)
    expect(bundleItem(report('not-verified', 'CANCELLED')).summary).toMatch(/cancelled/)
    const log = (ok: boolean): LogVerificationReport => ({
      ok,
      entries: 5,
      checkpoints: 1,
      verifiedCheckpoints: 1,
      coveredEntries: 4,
      issues: ok ? [] : [{ code: 'LOG_EDITED', message: 'entry 2 changed' }],
    })
    expect(auditItem(log(true)).summary).toMatch(/newest 1 entry are not yet under a checkpoint/)
    expect(auditItem(log(false)).details).toEqual(['entry 2 changed [LOG_EDITED]'])
    const pass = { id: 'x', title: 'x', status: 'pass' as const, summary: '', details: [] }
    expect(readyToSync([pass, { ...pass, id: 'y' }], ['x', 'y'])).toBe(true)
    expect(readyToSync([pass], ['x', 'y'])).toBe(false)
    expect(readyToSync([pass, { ...pass, id: 'y', status: 'fail' }], ['x', 'y'])).toBe(false)
  })
})
