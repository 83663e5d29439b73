import { describe, expect, it } from 'vitest'
import {
  applyEdit,
  checkPacket,
  createPacket,
  evidenceRequirements,
  packetIdFor,
  returnToDraft,
  revisionRecord,
  startNewRevision,
  submitForReview,
} from '../../../../src/core/packets/packet-lifecycle'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import { examplePacket } from '../../../../src/core/templates/example-packet'
import { PACKET_ID_PATTERN } from '../../../../src/core/templates/validate-packet'

const now = new Date('2026-04-20T10:00:00Z')
const blank = () =>
  createPacket(dpiaTemplate, {
    id: 'dpia-a',
    title: ' DPIA: A ',
    now,
    by: 'me',
    partnerSourceId: 'src-1',
  })

function complete() {
  const ex = examplePacket(dpiaTemplate)
  const p = blank()
  p.fields = ex.fields
  p.evidence = ex.evidence.map((e, i) => ({
    sha256: String(i).repeat(64),
    role: e.role,
    path: e.path,
  }))
  return p
}

describe('packet lifecycle', () => {
  it('creates a draft at revision 1 naming the template version', () => {
    const p = blank()
    expect(p).toMatchObject({
      templateId: 'dpia',
      templateVersion: '1.0.0',
      status: 'draft',
      revision: 1,
      title: 'DPIA: A',
      partnerSourceId: 'src-1',
      evidence: [],
      fields: {},
    })
    const v = checkPacket(p, dpiaTemplate)
    expect(v.ok).toBe(false)
    expect(v.completeness.filled).toBe(0)
  })

  it('makes ids that fit the packet id pattern', () => {
    const id = packetIdFor('dpia', 'DPIA: Northwind Wéather API 2026!', 'A1B2c3d4e5')
    expect(id).toBe('dpia-northwind-weather-api-2026-a1b2c3d4')
    expect(PACKET_ID_PATTERN.test(id)).toBe(true)
    expect(PACKET_ID_PATTERN.test(packetIdFor('x', '!!!', '!'))).toBe(true)
  })

  it('refuses to submit an incomplete packet and says why', () => {
    const p = blank()
    const r = submitForReview(p, checkPacket(p, dpiaTemplate), now)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.reason).toMatch(/problems to fix before review \(0 of \d+ required items filled\)/)
  })

  it('moves draft → in review → draft; in review is read-only', () => {
    const p = complete()
    const v = checkPacket(p, dpiaTemplate, undefined, now)
    expect(v.issues).toEqual([])
    const r = submitForReview(p, v, now)
    expect(r.ok && r.packet.status).toBe('in-review')
    if (!r.ok) return
    const edit = applyEdit(r.packet, { title: 'x' }, now)
    expect(edit.ok).toBe(false)
    const back = returnToDraft(r.packet, now)
    expect(back.ok && back.packet.status).toBe('draft')
  })

  it('freezes a signed packet: edits refused, a new revision starts a draft', () => {
    const signed = { ...complete(), status: 'signed' as const, revision: 2 }
    const edit = applyEdit(signed, { title: 'changed' }, now)
    expect(edit.ok).toBe(false)
    if (!edit.ok) expect(edit.reason).toMatch(/start a new revision/)
    expect(returnToDraft(signed, now).ok).toBe(false)
    const next = startNewRevision(signed, now)
    expect(next.ok).toBe(true)
    if (next.ok) {
      expect(next.packet).toMatchObject({ status: 'draft', revision: 3 })
      expect(next.packet.fields).toEqual(signed.fields)
      expect(next.packet.fields).not.toBe(signed.fields)
    }
    expect(startNewRevision(blank(), now).ok).toBe(false)
  })

  it('numbers versions within a revision', () => {
    const p = blank()
    const r1 = revisionRecord(p, [], { now, by: 'me', note: 'Created' })
    expect(r1).toMatchObject({ revision: 1, version: 1, note: 'Created', status: 'draft' })
    const r2 = revisionRecord(p, [r1, { revision: 1, version: 4 }, { revision: 0, version: 9 }], {
      now,
      by: 'me',
    })
    expect(r2.version).toBe(5)
    const r3 = revisionRecord({ ...p, revision: 2 }, [r1, r2], { now, by: 'me' })
    expect(r3.version).toBe(1)
  })

  it('reports evidence requirements met and unmet', () => {
    expect(evidenceRequirements(blank(), dpiaTemplate)).toEqual([
      { role: 'data-flow-diagram', label: 'Data flow diagram', minCount: 1, have: 0, met: false },
    ])
    expect(evidenceRequirements(complete(), dpiaTemplate)[0]?.met).toBe(true)
  })
})
