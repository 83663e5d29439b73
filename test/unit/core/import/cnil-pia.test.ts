import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  importCnilPia,
  importCnilPiaJson,
  suggestEvidenceRole,
} from '../../../../src/core/import/cnil-pia'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import { validatePacket } from '../../../../src/core/templates/validate-packet'

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../../fixtures/cnil-pia', name), 'utf8')

function ok(name: string) {
  const r = importCnilPiaJson(fixture(name))
  if (!r.ok) throw new Error(JSON.stringify(r.notes))
  return r
}

describe('importCnilPia: a realistic export', () => {
  const r = ok('northwind-weather.json')

  it('maps answers to the DPIA fields as plain text', () => {
    expect(r.title).toBe('DPIA: Northwind Weather API')
    expect(r.fields.processingOverview).toBe(
      'Northwind Weather API returns local forecasts for marketplace searches. Each request sends a 1 km grid cell and a pseudonymous tenant id.\n\nWhat is at stake: approximate location of end users leaves the marketplace.',
    )
    expect(r.fields.controller).toBe(
      'Controller: Contoso Marketplace SAS.; Processor: Northwind Weather GmbH (forecast provider).',
    )
    expect(r.fields.applicableStandards).toBe(
      '- ISO/IEC 27001 certified hosting\n- Contoso data classification policy v3',
    )
    expect(r.fields.processingDescription).toContain(
      '2. The gateway calls Northwind over mTLS.\n3.',
    )
    expect(r.fields.dataCategories).toEqual([
      { category: 'Approximate location (1 km grid cell)' },
      { category: 'Pseudonymous tenant id' },
      { category: 'Request time stamps' },
    ])
    expect(r.fields.legalBasis).toBe('legitimate-interests')
    expect(r.fields.purposes).toMatch(/Legal basis \(from the PIA\): Legitimate interest/)
    expect(r.fields.informationOfDataSubjects).toBe(
      'Privacy notice section « Partner data », linked from every result card.',
    )
    expect(r.fields.transferSafeguards).toMatch(/No transfer/)
    expect(r.fields.transfersOutsideEu).toBeUndefined()
  })

  it('maps measures with their kind from the knowledge-base slug', () => {
    expect(r.fields.measures).toEqual([
      {
        measure: 'Encryption in transit',
        kind: 'data',
        description: 'mTLS between the gateway and Northwind; TLS 1.3 only.',
      },
      {
        measure: 'Location rounded to a grid',
        kind: 'data',
        description: 'Positions are rounded to a 1 km grid before they leave the device.',
      },
      {
        measure: 'Cache with 1 hour expiry',
        kind: 'security',
        description: 'Forecasts are cached for one hour so an outage does not break search.',
      },
      {
        measure: 'Processor audit',
        kind: 'governance',
        description: "Yearly review of Northwind's ISO report.",
      },
    ])
  })

  it('maps the three risks with ratings before and after', () => {
    const risks = r.fields.risks as Record<string, unknown>[]
    expect(risks.map((x) => x.category)).toEqual([
      'illegitimate-access',
      'unwanted-modification',
      'disappearance',
    ])
    expect(risks[0]).toMatchObject({
      title: 'Illegitimate access to data',
      measures: ['Encryption in transit', 'Location rounded to a grid'],
      before: { severity: 2, likelihood: 2 },
      after: { severity: 1, likelihood: 1 },
    })
    expect(risks[0]!.description).toContain(
      "Impacts on the data subjects: Profiling of a user's movements",
    )
    expect(risks[0]!.description).toContain('Evaluation: Acceptable with the planned rounding.')
    // No re-evaluation for 3.4: residual = initial, and the report says so.
    expect(risks[2]).toMatchObject({
      before: { severity: 1, likelihood: 3 },
      after: { severity: 1, likelihood: 3 },
    })
    expect(
      r.notes.some((n) => n.subject === '3.4 Data disappearance' && n.severity === 'review'),
    ).toBe(true)
  })

  it('builds the action plan from the evaluations', () => {
    expect(r.fields.actionPlan).toEqual([
      {
        action:
          '2.1.2 (What are the legal basis making the processing lawful?): Attach the legitimate interests assessment.',
        status: 'planned',
        owner: 'Legal',
        dueDate: '2026-04-15',
      },
      {
        action:
          'Measure "Processor audit": Ask Northwind for its 2026 ISO report; Record the review',
        status: 'planned',
        owner: 'SecEng Lead',
        dueDate: '2026-05-01',
      },
    ])
    expect(r.fields.validationDecision).toBe('approved-with-action-plan')
  })

  it('maps opinions and keeps provenance in the revision note', () => {
    expect(r.fields.dpoName).toBe('Amelie Laurent (DPO)')
    expect(r.fields.dpoOpinion).toBe(
      'Favourable.\n\nThe residual risks are acceptable provided the action plan is carried out.',
    )
    expect(r.fields.dataSubjectsConsulted).toBe(false)
    expect(r.fields.dataSubjectsNotConsultedReason).toMatch(/cannot be linked/)
    expect(r.fields.dataSubjectsOpinion).toBeUndefined()
    expect(r.revisionNote).toBe(
      'Imported from CNIL PIA "Northwind Weather API"; author Priya Raman, evaluator Jonas Weber, validator Amelie Laurent; status validated; created 2026-03-02; updated 2026-03-10; category Marketplace partner sources',
    )
  })

  it('lists what it could not map, never silently', () => {
    const codes = r.notes.map((n) => `${n.severity}:${n.code}`)
    expect(codes).toContain('dropped:COMMENT_NOT_MAPPED')
    expect(codes).toContain('dropped:EVALUATION_NOT_MAPPED')
    expect(codes).toContain('info:ATTACHMENT_NOT_INCLUDED')
    expect(codes).toContain('info:FORMATTING_IGNORED')
    expect(r.notes.find((n) => n.code === 'COMMENT_NOT_MAPPED')?.sample).toBe(
      'Check with Legal that the LIA is signed.',
    )
    // Dropped first, then review, then info.
    const order = r.notes.map((n) => ({ dropped: 0, review: 1, info: 2 })[n.severity])
    expect([...order].sort()).toEqual(order)
  })

  it('produces fields the DPIA template accepts except for what needs a person', () => {
    const v = validatePacket(
      {
        packetId: 'dpia-x',
        template: { id: 'dpia', version: '1.0.0' },
        title: r.title,
        fields: r.fields,
        evidence: [],
      },
      dpiaTemplate,
    )
    const codes = new Set(v.issues.map((i) => i.code))
    expect(codes.has('FIELD_UNKNOWN')).toBe(false)
    expect(codes.has('FIELD_TYPE')).toBe(false)
    expect(v.completeness.filled).toBeGreaterThan(15)
  })
})

describe('importCnilPia: attachments', () => {
  const r = ok('northwind-weather-with-attachments.json')
  it('decodes data URLs into evidence with suggested roles and lists referenced-only files', () => {
    expect(r.attachments.map((a) => [a.fileName, a.mimeType, a.suggestedRole, a.signed])).toEqual([
      ['data-flow-diagram.png', 'image/png', 'data-flow-diagram', false],
      ['pia-signed.pdf', 'application/pdf', 'dpo-opinion', true],
    ])
    expect(new TextDecoder().decode(r.attachments[1]!.bytes)).toContain('% signed DPO opinion')
    const missing = r.notes.find((n) => n.code === 'ATTACHMENT_NOT_INCLUDED')
    expect(missing).toMatchObject({ severity: 'dropped', subject: 'Attachment "old-dpa.pdf"' })
  })
  it('suggests roles from names', () => {
    expect(suggestEvidenceRole('SCC-signed.pdf', false)).toBe('transfer-safeguards')
    expect(suggestEvidenceRole('notes.txt', false)).toBe('processing-record')
  })
})

describe('importCnilPia: a hostile export', () => {
  const r = ok('hostile.json')
  const all = JSON.stringify(r.fields) + r.title + r.revisionNote

  it('keeps no script, style, handler or remote address', () => {
    expect(all).not.toMatch(
      /<script|alert|evil\.example|tracker\.example|onerror|onclick|display:none|steal/i,
    )
    expect(r.fields.processingOverview).toBe('Overview of the processing.')
    expect(r.fields.controller).toBe('Contoso & partners')
    expect(r.fields.purposes).toBe('Purposes click me and the method (https://cnil.fr/pia).')
    expect(r.title).toBe('DPIA: Hostile PIA')
  })

  it('reports every dropped part with where it was', () => {
    const dropped = r.notes.filter((n) => n.severity === 'dropped')
    const msg = dropped.map((n) => `${n.subject} | ${n.message} | ${n.sample ?? ''}`).join('\n')
    expect(msg).toMatch(/Answer 1\.1\.1.*A script was removed/)
    expect(msg).toMatch(/Answer 1\.1\.1.*Remote content.*<img>.*tracker\.example\/pixel\.gif/)
    expect(msg).toMatch(/Answer 1\.1\.1.*event handler.*onerror/)
    expect(msg).toMatch(/Answer 1\.1\.1.*style sheet/)
    expect(msg).toMatch(/Answer 1\.1\.2.*Embedded content.*<iframe>/)
    expect(msg).toMatch(/Answer 2\.1\.1.*not a web address/)
    expect(msg).toMatch(/Answer 2\.1\.1.*<link>/)
    expect(msg).toMatch(/Answer to question 999.*not part of CNIL/)
    expect(msg).toMatch(/Attachment "\.\._\.\._etc_passwd".*not a readable data: URL/)
    expect(msg).toMatch(/Users of the PIA server/)
    expect(msg).toMatch(/PIA name.*A script was removed/)
  })

  it('ignores out-of-range gauges and an invalid date', () => {
    const risk = (r.fields.risks as Record<string, unknown>[])[0]!
    expect(risk.before).toEqual({ severity: 2 })
    expect(risk.after).toEqual({ severity: 3, likelihood: 1 })
    expect(r.fields.actionPlan).toEqual([
      {
        action: '3.2 Illegitimate access to data: Rework the filter',
        status: 'planned',
        owner: 'Bob',
      },
    ])
    expect(r.fields.validationDecision).toBeUndefined()
  })
})

describe('importCnilPia: not a PIA', () => {
  it('refuses other JSON and non-JSON with one plain line', () => {
    const a = importCnilPiaJson(fixture('not-a-pia.json'))
    expect(a.ok).toBe(false)
    expect(a.notes[0]?.code).toBe('NOT_A_PIA')
    const b = importCnilPiaJson('<html>')
    expect(b.ok).toBe(false)
    expect(importCnilPia(null).ok).toBe(false)
  })
})
