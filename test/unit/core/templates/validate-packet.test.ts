import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../../../../src/core/json/canonical-json'
import {
  accessReviewTemplate,
  builtInTemplates,
  dpiaTemplate,
  examplePacket,
  gaFlipChecklistTemplate,
  licenseTemplate,
  onboardingEvidenceTemplate,
  partnerSlaTemplate,
  requestToConnectTemplate,
  validatePacket,
  type PacketDocument,
  type PacketIssue,
  type PacketTemplate,
} from '../../../../src/core/templates'

const now = new Date('2026-04-20T12:00:00Z')
const check = (packet: PacketDocument, template: PacketTemplate) =>
  validatePacket(packet, template, { now })
const codes = (issues: PacketIssue[]) => issues.map((i) => `${i.code} ${i.path}`)

/** The example packet with `edit` applied to its fields. */
function withFields(
  template: PacketTemplate,
  edit: (fields: Record<string, JsonValue>) => void,
): PacketDocument {
  const packet = examplePacket(template)
  edit(packet.fields)
  return packet
}

describe('example packets', () => {
  it.each(builtInTemplates.map((t) => [t.id, t] as const))(
    'the %s example validates and is complete',
    (_, t) => {
      const packet = examplePacket(t)
      const result = check(packet, t)
      expect(result.issues).toEqual([])
      expect(result.ok).toBe(true)
      expect(result.completeness.filled).toBe(result.completeness.required)
      expect(result.completeness.required).toBeGreaterThan(t.requiredEvidence.length)
    },
  )

  it('name a fictional partner source and plausible evidence files', () => {
    const packet = examplePacket(dpiaTemplate)
    expect(packet.partnerSource).toBe('Northwind Weather API')
    expect(packet.template).toEqual({ id: 'dpia', version: '1.0.0' })
    expect(packet.evidence.map((e) => e.path)).toContain('dpia/data-flow.png')
  })

  it('are fresh objects each time', () => {
    const a = examplePacket(dpiaTemplate)
    a.fields.purposes = 'changed'
    expect(examplePacket(dpiaTemplate).fields.purposes).not.toBe('changed')
  })
})

describe('validatePacket field rules', () => {
  it('reports an empty required field with FIELD_REQUIRED and counts it as not filled', () => {
    const complete = check(examplePacket(dpiaTemplate), dpiaTemplate).completeness
    const packet = withFields(dpiaTemplate, (f) => {
      f.purposes = '   '
      delete f.dpoOpinion
    })
    const result = check(packet, dpiaTemplate)
    expect(result.ok).toBe(false)
    expect(codes(result.issues)).toEqual([
      'FIELD_REQUIRED fields.purposes',
      'FIELD_REQUIRED fields.dpoOpinion',
    ])
    expect(result.issues[0]?.message).toMatch(/"Purposes of the processing" .* is empty/)
    expect(result.completeness).toEqual({
      filled: complete.filled - 2,
      required: complete.required,
    })
  })

  it('makes a field required while its condition holds (requiredWhen)', () => {
    const packet = withFields(dpiaTemplate, (f) => {
      f.transfersOutsideEu = true
    })
    expect(codes(check(packet, dpiaTemplate).issues)).toEqual([
      'FIELD_REQUIRED fields.transferSafeguards',
    ])
    const consent = withFields(dpiaTemplate, (f) => {
      f.legalBasis = 'consent'
    })
    expect(codes(check(consent, dpiaTemplate).issues)).toEqual(['FIELD_REQUIRED fields.consent'])
  })

  it('reports values of the wrong kind with FIELD_TYPE', () => {
    const packet = withFields(partnerSlaTemplate, (f) => {
      f.availabilityPercent = '99.9'
      f.latencyP95Ms = 250.5
      f.incidentResponse = 'fast'
    })
    expect(codes(check(packet, partnerSlaTemplate).issues)).toEqual([
      'FIELD_TYPE fields.availabilityPercent',
      'FIELD_TYPE fields.latencyP95Ms',
      'FIELD_TYPE fields.incidentResponse',
    ])
  })

  it('reports malformed dates, URLs, emails and pattern mismatches with FIELD_PATTERN', () => {
    const packet = withFields(licenseTemplate, (f) => {
      f.effectiveDate = '2026-02-30'
      f.licenceUrl = 'javascript:alert(1)'
      f.licenceId = 'NW 2026'
      f.feeCurrency = 'euro'
    })
    const result = check(packet, licenseTemplate)
    expect(codes(result.issues)).toEqual([
      'FIELD_PATTERN fields.licenceId',
      'FIELD_PATTERN fields.licenceUrl',
      'FIELD_PATTERN fields.effectiveDate',
      'FIELD_PATTERN fields.feeCurrency',
    ])
    expect(result.issues[3]?.message).toContain('three-letter ISO 4217 code')
    const sla = withFields(partnerSlaTemplate, (f) => {
      f.escalationEmail = 'escalations at northwind'
    })
    expect(codes(check(sla, partnerSlaTemplate).issues)).toEqual([
      'FIELD_PATTERN fields.escalationEmail',
    ])
  })

  it('matches patterns against the whole value', () => {
    const packet = withFields(onboardingEvidenceTemplate, (f) => {
      f.tenantId = 'fabrikam-logistics; drop'
    })
    expect(codes(check(packet, onboardingEvidenceTemplate).issues)).toEqual([
      'FIELD_PATTERN fields.tenantId',
    ])
  })

  it('reports numbers, lengths and counts outside their bounds with FIELD_RANGE', () => {
    const packet = withFields(partnerSlaTemplate, (f) => {
      f.availabilityPercent = 100.5
      f.incidentResponse = (f.incidentResponse as JsonValue[]).slice(0, 2)
    })
    expect(codes(check(packet, partnerSlaTemplate).issues)).toEqual([
      'FIELD_RANGE fields.availabilityPercent',
      'FIELD_RANGE fields.incidentResponse',
    ])
    const onboarding = withFields(onboardingEvidenceTemplate, (f) => {
      f.policyBlocksAtGoLive = 2
    })
    const result = check(onboarding, onboardingEvidenceTemplate)
    expect(codes(result.issues)).toEqual(['FIELD_RANGE fields.policyBlocksAtGoLive'])
    expect(result.issues[0]?.message).toBe('"Policy blocks at go-live" is 2; it must be at most 0.')
    const short = withFields(dpiaTemplate, (f) => {
      f.purposes = 'Weather.'
    })
    expect(codes(check(short, dpiaTemplate).issues)).toEqual(['FIELD_RANGE fields.purposes'])
  })

  it('reports values that are not among the choices with FIELD_OPTION', () => {
    const packet = withFields(licenseTemplate, (f) => {
      f.redistribution = 'anywhere'
      f.permittedUses = ['display', 'resale', 'display']
    })
    expect(codes(check(packet, licenseTemplate).issues)).toEqual([
      'FIELD_OPTION fields.permittedUses[1]',
      'FIELD_OPTION fields.permittedUses[2]',
      'FIELD_OPTION fields.redistribution',
    ])
  })

  it('reports fields the template does not have with FIELD_UNKNOWN', () => {
    const packet = withFields(licenseTemplate, (f) => {
      f.licensee = 'Contoso'
      f['fee amount'] = 3
    })
    expect(codes(check(packet, licenseTemplate).issues)).toEqual([
      'FIELD_UNKNOWN fields.licensee',
      'FIELD_UNKNOWN fields["fee amount"]',
    ])
  })

  it('checks the fields of list items', () => {
    const packet = withFields(requestToConnectTemplate, (f) => {
      f.allowList = [
        { host: 'api.northwind-weather.example', port: 70000, direction: 'egress' },
        { host: '', port: 443, direction: 'sideways', comment: 'x' },
        'api.northwind-weather.example',
      ]
    })
    expect(codes(check(packet, requestToConnectTemplate).issues)).toEqual([
      'FIELD_RANGE fields.allowList[0].port',
      'FIELD_UNKNOWN fields.allowList[1].comment',
      'FIELD_REQUIRED fields.allowList[1].host',
      'FIELD_OPTION fields.allowList[1].direction',
      'FIELD_TYPE fields.allowList[2]',
    ])
  })

  it('treats a checklist item left unticked as not done', () => {
    const packet = withFields(gaFlipChecklistTemplate, (f) => {
      f.rollbackRehearsed = false
    })
    const result = check(packet, gaFlipChecklistTemplate)
    expect(codes(result.issues)).toEqual(['FIELD_REQUIRED fields.rollbackRehearsed'])
    expect(result.completeness.filled).toBe(result.completeness.required - 1)
    // A plain required yes/no question accepts either answer.
    const access = withFields(accessReviewTemplate, (f) => {
      f.changesApplied = false
      delete f.changesAppliedOn
    })
    expect(check(access, accessReviewTemplate).issues).toEqual([])
  })
})

describe('validatePacket risks', () => {
  const risks = (f: Record<string, JsonValue>) => f.risks as Record<string, JsonValue>[]

  it('requires every CNIL risk category to be assessed', () => {
    const packet = withFields(dpiaTemplate, (f) => {
      f.risks = risks(f).filter((r) => r.category !== 'disappearance')
    })
    const result = check(packet, dpiaTemplate)
    expect(codes(result.issues)).toEqual(['FIELD_REQUIRED fields.risks'])
    expect(result.issues[0]?.message).toContain('"Disappearance of data"')
  })

  it('rates severity and likelihood from 1 to 4, before and after the measures', () => {
    const packet = withFields(dpiaTemplate, (f) => {
      const [first, second, third] = risks(f)
      first!.before = { severity: 5, likelihood: 0 }
      second!.after = { severity: 1.5 }
      third!.category = 'meteor-strike'
      third!.measures = []
    })
    expect(codes(check(packet, dpiaTemplate).issues)).toEqual([
      'FIELD_RANGE fields.risks[0].before.severity',
      'FIELD_RANGE fields.risks[0].before.likelihood',
      'FIELD_TYPE fields.risks[1].after.severity',
      'FIELD_REQUIRED fields.risks[1].after.likelihood',
      'FIELD_OPTION fields.risks[2].category',
      'FIELD_REQUIRED fields.risks[2].measures',
      'FIELD_REQUIRED fields.risks',
    ])
  })

  it('flags a residual rating above the initial one', () => {
    const packet = withFields(dpiaTemplate, (f) => {
      risks(f)[0]!.after = { severity: 3, likelihood: 1 }
    })
    expect(codes(check(packet, dpiaTemplate).issues)).toEqual([
      'FIELD_RANGE fields.risks[0].after.severity',
    ])
  })

  it('accepts more than one risk per category (the list is open)', () => {
    const packet = withFields(dpiaTemplate, (f) => {
      risks(f).push({
        category: 'illegitimate-access',
        title: 'Support staff browse request logs',
        description: 'Northwind support reads logs beyond what a ticket needs.',
        measures: ['Northwind access logging'],
        before: { severity: 1, likelihood: 2 },
        after: { severity: 1, likelihood: 1 },
      })
    })
    expect(check(packet, dpiaTemplate).ok).toBe(true)
  })
})

describe('validatePacket evidence', () => {
  it('requires the template’s evidence (EVIDENCE_REQUIRED)', () => {
    const packet = examplePacket(licenseTemplate)
    packet.evidence = packet.evidence.filter((e) => e.role !== 'licence-text')
    const result = check(packet, licenseTemplate)
    expect(codes(result.issues)).toEqual(['EVIDENCE_REQUIRED evidence'])
    expect(result.issues[0]?.message).toContain('"licence-text"')
    const full = check(examplePacket(licenseTemplate), licenseTemplate).completeness
    expect(result.completeness).toEqual({ filled: full.filled - 1, required: full.required })
  })

  it('rejects roles the template does not define (EVIDENCE_ROLE_UNKNOWN)', () => {
    const packet = examplePacket(dpiaTemplate)
    packet.evidence.push({ path: 'dpia/notes.txt', role: 'misc' })
    expect(codes(check(packet, dpiaTemplate).issues)).toEqual([
      'EVIDENCE_ROLE_UNKNOWN evidence[2].role',
    ])
  })

  it('reports evidence past its expiry (EVIDENCE_EXPIRED), a date lasting to its end', () => {
    const packet = examplePacket(licenseTemplate)
    packet.evidence[0]!.expires = '2026-04-20'
    expect(check(packet, licenseTemplate).ok).toBe(true) // valid through 2026-04-20 UTC
    packet.evidence[0]!.expires = '2026-04-19'
    const result = check(packet, licenseTemplate)
    expect(codes(result.issues)).toEqual(['EVIDENCE_EXPIRED evidence[0].expires'])
    expect(result.issues[0]?.message).toMatch(/license\/northwind-data-licence-v3\.pdf.*expired/)
    packet.evidence[0]!.expires = '2026-04-20T11:59:59Z'
    expect(codes(check(packet, licenseTemplate).issues)).toEqual([
      'EVIDENCE_EXPIRED evidence[0].expires',
    ])
  })

  it('judges expiry against the current time by default', () => {
    const packet = examplePacket(licenseTemplate)
    packet.evidence[0]!.expires = '2000-01-01'
    expect(codes(validatePacket(packet, licenseTemplate).issues)).toEqual([
      'EVIDENCE_EXPIRED evidence[0].expires',
    ])
  })
})

describe('validatePacket structure', () => {
  it('reports a packet of another template with TEMPLATE_MISMATCH and nothing else', () => {
    const result = check(examplePacket(licenseTemplate), dpiaTemplate)
    expect(codes(result.issues)).toEqual(['TEMPLATE_MISMATCH template'])
    const older = examplePacket(dpiaTemplate)
    older.template.version = '0.9.0'
    expect(codes(check(older, dpiaTemplate).issues)).toEqual(['TEMPLATE_MISMATCH template'])
  })

  it('reports a malformed packet with PACKET_MALFORMED', () => {
    const packet = examplePacket(dpiaTemplate) as unknown as Record<string, unknown>
    delete packet.packetId
    packet.evidence = [{ path: '../secrets.txt', role: 'data-flow-diagram' }]
    const result = validatePacket(packet as unknown as PacketDocument, dpiaTemplate, { now })
    expect(codes(result.issues)).toEqual([
      'PACKET_MALFORMED packetId',
      'PACKET_MALFORMED evidence[0].path',
    ])
  })

  it('survives a packet that is not an object at all', () => {
    const result = validatePacket(null as unknown as PacketDocument, dpiaTemplate, { now })
    expect(result.ok).toBe(false)
    expect(result.issues[0]?.code).toBe('PACKET_MALFORMED')
  })
})
