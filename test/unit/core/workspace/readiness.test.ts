// The readiness matrix decision: per source, the most advanced packet of each required
// template decides the cell; a source is ready when all four are signed or beyond.
import { describe, expect, it } from 'vitest'
import {
  isDoneState,
  readinessHeadline,
  sourceReadiness,
} from '../../../../src/core/workspace/readiness'
import type {
  PacketRecord,
  PacketStatus,
  PartnerSourceRecord,
} from '../../../../src/core/workspace/records'

const source = (
  id: string,
  status: PartnerSourceRecord['status'] = 'pilot',
): PartnerSourceRecord => ({
  id,
  name: id,
  owner: 'owner',
  slaTier: 'tier-2',
  status,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
})

let seq = 0
const packet = (sourceId: string, templateId: string, status: PacketStatus): PacketRecord => ({
  id: `p${++seq}`,
  templateId,
  templateVersion: '1.0.0',
  title: 't',
  partnerSourceId: sourceId,
  status,
  revision: 1,
  fields: {},
  evidence: [],
  createdAt: '',
  createdBy: '',
  updatedAt: '',
})

const four = (sourceId: string, status: PacketStatus) =>
  ['dpia', 'license', 'partner-sla', 'request-to-connect'].map((t) => packet(sourceId, t, status))

describe('sourceReadiness', () => {
  it('counts a source ready only when all four packets are signed or beyond', () => {
    const r = sourceReadiness(
      [source('a'), source('b'), source('c')],
      [
        ...four('a', 'signed'),
        ...four('b', 'verified').slice(0, 3),
        packet('b', 'request-to-connect', 'in-review'),
        packet('c', 'license', 'synced'),
      ],
    )
    expect(r.ready).toBe(1)
    expect(r.total).toBe(3)
    const [a, b, c] = r.rows
    expect(a).toMatchObject({ ready: true, lacking: [], done: 4 })
    expect(b).toMatchObject({ ready: false, lacking: ['request-to-connect'], done: 3 })
    expect(c).toMatchObject({ ready: false, done: 1 })
    expect(c!.lacking).toEqual(['dpia', 'partner-sla', 'request-to-connect'])
    expect(c!.cells.map((x) => x.state)).toEqual(['missing', 'synced', 'missing', 'missing'])
  })

  it('shows a new source as 0 of 4, every cell missing and without a packet', () => {
    const r = sourceReadiness([source('new')], [])
    expect(r.rows[0]).toMatchObject({ done: 0, ready: false })
    expect(r.rows[0]!.cells.every((c) => c.state === 'missing' && !c.packetId)).toBe(true)
  })

  it('lets the most advanced packet of a template decide, and a rejection not mask a signature', () => {
    const rejected = packet('a', 'dpia', 'rejected')
    const signed = packet('a', 'dpia', 'signed')
    const draft = packet('a', 'dpia', 'draft')
    const r = sourceReadiness([source('a')], [rejected, signed, draft])
    expect(r.rows[0]!.cells[0]).toEqual({
      templateId: 'dpia',
      state: 'signed',
      packetId: signed.id,
    })
  })

  it('leaves out retired sources and ignores packets of other templates or no source', () => {
    const stray = { ...packet('a', 'dpia', 'signed'), partnerSourceId: undefined }
    const r = sourceReadiness(
      [source('a'), source('old', 'retired')],
      [stray, packet('a', 'demo-deck', 'signed'), ...four('old', 'signed')],
    )
    expect(r.total).toBe(1)
    expect(r.rows[0]!.done).toBe(0)
  })

  it('treats signed, verified and synced as done', () => {
    expect(['signed', 'verified', 'synced'].every((s) => isDoneState(s as PacketStatus))).toBe(true)
    expect(['missing', 'draft', 'in-review', 'rejected'].some((s) => isDoneState(s as never))).toBe(
      false,
    )
  })
})

describe('readinessHeadline', () => {
  it('reads as a PM would say it', () => {
    expect(readinessHeadline(7, 10)).toBe('7 of 10 sources ready')
    expect(readinessHeadline(0, 1)).toBe('0 of 1 source ready')
    expect(readinessHeadline(0, 0)).toBe('No partner sources yet')
  })
})
