import { describe, expect, it } from 'vitest'
import {
  builtInTemplates,
  dpiaTemplate,
  requiredSignoffRoles,
  templateFields,
  validateTemplate,
  type PacketTemplate,
  type RiskListField,
} from '../../../../src/core/templates'

const byId = (id: string): PacketTemplate => {
  const t = builtInTemplates.find((x) => x.id === id)
  if (!t) throw new Error(`no built-in template ${id}`)
  return t
}

describe('built-in templates', () => {
  it('are the eight packet kinds of the design, each at 1.0.0', () => {
    expect(builtInTemplates.map((t) => `${t.id}@${t.version}`)).toEqual([
      'dpia@1.0.0',
      'license@1.0.0',
      'partner-sla@1.0.0',
      'request-to-connect@1.0.0',
      'access-review@1.0.0',
      'onboarding-evidence@1.0.0',
      'ga-flip-checklist@1.0.0',
      'demo-deck@1.0.0',
    ])
  })

  it.each(builtInTemplates.map((t) => [t.id, t] as const))('%s passes validateTemplate', (_, t) => {
    expect(validateTemplate(t)).toEqual([])
  })

  it.each(builtInTemplates.map((t) => [t.id, t] as const))(
    '%s is plain data that survives a JSON round trip',
    (_, t) => {
      expect(JSON.parse(JSON.stringify(t))).toEqual(t)
    },
  )

  it('require the sign-off roles the RACI gives them', () => {
    const required = Object.fromEntries(
      builtInTemplates.map((t) => [t.id, requiredSignoffRoles(t)]),
    )
    expect(required).toEqual({
      dpia: ['accountable-manager', 'dpo', 'legal'],
      license: ['legal'],
      'partner-sla': ['accountable-manager', 'legal'],
      'request-to-connect': ['accountable-manager', 'seceng', 'legal'],
      'access-review': ['seceng', 'ombuds'],
      'onboarding-evidence': ['product-ops', 'accountable-manager'],
      'ga-flip-checklist': ['accountable-manager', 'sre'],
      'demo-deck': ['pm', 'accountable-manager'],
    })
  })

  it('require the evidence each packet cannot go out without', () => {
    const required = Object.fromEntries(
      builtInTemplates.map((t) => [t.id, t.requiredEvidence.map((r) => r.role)]),
    )
    expect(required).toEqual({
      dpia: ['data-flow-diagram'],
      license: ['licence-text'],
      'partner-sla': ['signed-sla'],
      'request-to-connect': ['security-review', 'architecture-diagram'],
      'access-review': ['population-export', 'decision-log'],
      'onboarding-evidence': ['policy-sim-report', 'tenant-config'],
      'ga-flip-checklist': ['rollback-rehearsal-log', 'quality-report'],
      'demo-deck': ['deck'],
    })
  })

  it('name exactly one accountable (A) role each', () => {
    for (const t of builtInTemplates) {
      expect(
        t.signoffRoles.filter((r) => r.raci === 'A'),
        t.id,
      ).toHaveLength(1)
    }
  })

  it('DPIA follows the CNIL PIA structure', () => {
    expect(dpiaTemplate.sections.map((s) => s.id)).toEqual([
      'context',
      'proportionality',
      'rights',
      'measures',
      'risks',
      'action-plan',
      'validation',
    ])
    const ids = templateFields(dpiaTemplate).map((f) => f.id)
    for (const id of [
      'processingOverview',
      'processingDescription',
      'dataCategories',
      'supportingAssets',
      'purposes',
      'legalBasis',
      'dataMinimisation',
      'retention',
      'informationOfDataSubjects',
      'consent',
      'rightsAccessPortability',
      'rightsRectificationErasure',
      'rightsRestrictionObjection',
      'processors',
      'transfersOutsideEu',
      'measures',
      'risks',
      'actionPlan',
      'dpoOpinion',
      'dataSubjectsOpinion',
      'validationDecision',
    ]) {
      expect(ids).toContain(id)
    }
    const risks = templateFields(dpiaTemplate).find((f) => f.id === 'risks') as RiskListField
    expect(risks.type).toBe('risks')
    expect(risks.requiredCategories).toEqual([
      'illegitimate-access',
      'unwanted-modification',
      'disappearance',
    ])
  })

  it('the license template covers the terms Legal reviews', () => {
    const ids = templateFields(byId('license')).map((f) => f.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'licensor',
        'licenceType',
        'licenceId',
        'licenceUrl',
        'permittedUses',
        'attributionRequired',
        'restrictions',
        'expiryDate',
        'redistribution',
        'aiTraining',
        'feeModel',
      ]),
    )
  })

  it('the partner SLA template covers the service levels of the pilot', () => {
    const ids = templateFields(byId('partner-sla')).map((f) => f.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'availabilityPercent',
        'latencyP95Ms',
        'supportHours',
        'incidentResponse',
        'freshnessMinutes',
        'terminationNoticeDays',
        'changeNoticeDays',
        'serviceCredits',
      ]),
    )
  })
})
