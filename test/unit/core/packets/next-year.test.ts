import { describe, expect, it } from 'vitest'
import { duplicateForNextYear, nextYearTitle } from '../../../../src/core/packets/next-year'
import { createPacket } from '../../../../src/core/packets/packet-lifecycle'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import { examplePacket } from '../../../../src/core/templates/example-packet'
import { licenseTemplate } from '../../../../src/core/templates/license'

const now = new Date('2027-04-01T08:00:00Z')

function source(template = dpiaTemplate) {
  const p = createPacket(template, {
    id: 'old',
    title: 'DPIA: Northwind 2026',
    now: new Date('2026-04-02T00:00:00Z'),
    by: 'me',
    partnerSourceId: 'nw',
  })
  p.fields = examplePacket(template).fields
  p.evidence = [{ sha256: 'a'.repeat(64), role: 'data-flow-diagram', path: 'flow.svg' }]
  p.status = 'signed'
  p.revision = 3
  return p
}

describe('duplicateForNextYear', () => {
  it('moves the year in the title forward, or adds the next one', () => {
    expect(nextYearTitle('DPIA: Northwind 2026', 2026)).toBe('DPIA: Northwind 2027')
    expect(nextYearTitle('Review 2025–2026 (2026)', 2026)).toBe('Review 2025–2027 (2027)')
    expect(nextYearTitle('DPIA: Northwind', 2026)).toBe('DPIA: Northwind 2027')
  })

  it('makes a new draft with copied content and a link to the original', () => {
    const old = source()
    const { packet } = duplicateForNextYear(old, dpiaTemplate, { id: 'new', now, by: 'you' })
    expect(packet).toMatchObject({
      id: 'new',
      status: 'draft',
      revision: 1,
      copiedFrom: 'old',
      title: 'DPIA: Northwind 2027',
      partnerSourceId: 'nw',
      createdBy: 'you',
      createdAt: now.toISOString(),
    })
    expect(packet.fields.processingOverview).toBe(old.fields.processingOverview)
    expect(packet.evidence).toEqual(old.evidence)
    expect(packet.evidence).not.toBe(old.evidence)
  })

  it('clears period-bound dates, opinions and decisions, and lists each', () => {
    const old = source()
    const { packet, changes } = duplicateForNextYear(old, dpiaTemplate, {
      id: 'new',
      now,
      by: 'you',
    })
    for (const id of [
      'dpoOpinionDate',
      'nextReviewDate',
      'dpoOpinion',
      'validationDecision',
      'validationRationale',
    ]) {
      expect(packet.fields[id], id).toBeUndefined()
      expect(changes.find((c) => c.path === `fields.${id}`)?.action).toBe('cleared')
    }
    const due = changes.filter((c) => /actionPlan\[\d+\]\.dueDate/.test(c.path))
    expect(due.length).toBeGreaterThan(0)
    expect(changes.find((c) => c.path === 'evidence')?.action).toBe('check')
    expect(old.fields.dpoOpinionDate).toBeDefined()
  })

  it('keeps the term of an agreement and flags it', () => {
    const old = source(licenseTemplate)
    const { packet, changes } = duplicateForNextYear(old, licenseTemplate, {
      id: 'n',
      now,
      by: 'y',
    })
    const expiry = changes.find((c) => c.path === 'fields.expiryDate')
    expect(expiry?.action).toBe('check')
    expect(packet.fields.expiryDate).toBe(old.fields.expiryDate)
  })
})
