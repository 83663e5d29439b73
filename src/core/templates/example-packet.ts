// Example packets: realistic sample content for the built-in templates (a fictional partner
// source, "Northwind Weather API"), and plain placeholder values for any other template. Used
// by the "new from example" action, the docs and the tests.
import type { JsonValue } from '../json/canonical-json'
import type { EvidenceRef, PacketDocument } from './packet'
import type { Field, PacketTemplate, RequiredWhen, RiskEntry } from './template-model'

interface ExampleContent {
  packetId: string
  title: string
  partnerSource?: string
  fields: Record<string, JsonValue>
  evidence: EvidenceRef[]
}

const NORTHWIND = 'Northwind Weather API'

const risk = (entry: RiskEntry): JsonValue => ({ ...entry, measures: [...entry.measures] })

const examples: Record<string, ExampleContent> = {
  dpia: {
    packetId: 'dpia-northwind-weather-2026-04',
    title: 'DPIA: Northwind Weather API',
    partnerSource: NORTHWIND,
    fields: {
      processingOverview:
        'End users of pilot tenants ask the marketplace for local weather. Each request carries an approximate location, which the Northwind Weather API uses to return a forecast.',
      controller: 'Contoso Mission Control Ltd',
      applicableStandards:
        'ISO/IEC 27001 (Northwind certificate NW-ISMS-2025-118); Contoso data classification policy v3.',
      processingDescription:
        'The marketplace rounds the user’s location to a 1 km grid cell, strips user identifiers and sends the request to Northwind over mutual TLS. Northwind logs the grid cell and our egress address for 30 days to detect abuse. Responses are cached per grid cell for 10 minutes, then discarded.',
      dataSubjects: 'End users of tenants that enable the weather source',
      dataCategories: [
        {
          category: 'Approximate location (1 km grid cell)',
          sensitive: false,
          recipients: 'Northwind Weather GmbH (processor)',
          retention: '30 days in Northwind request logs',
        },
        {
          category: 'Pseudonymous tenant id',
          sensitive: false,
          recipients: 'Northwind Weather GmbH (processor)',
          retention: '30 days in Northwind request logs',
        },
      ],
      supportingAssets:
        'Marketplace gateway (Kubernetes, eu-central-1), egress proxy, Northwind API servers in Frankfurt, Northwind support staff.',
      purposes:
        'Return a forecast for the place a user searches for, and detect abuse of the API by request volume.',
      legalBasis: 'legitimate-interests',
      legitimateInterestsAssessment:
        'Local weather is a feature users ask for. Rounding the location and removing identifiers keeps the impact low, no profile is built, and users can switch location features off.',
      dataMinimisation:
        'Only the rounded grid cell and a pseudonymous tenant id leave the marketplace. User ids, end-user IP addresses and precise coordinates are never sent.',
      retention:
        'Northwind deletes request logs after 30 days. Our cache keeps responses for 10 minutes. No location is stored on our side beyond the cache.',
      informationOfDataSubjects:
        'The tenant privacy notice lists Northwind as a processor; the weather card links to it with “Powered by Northwind”.',
      rightsAccessPortability:
        'Requests go through the tenant’s privacy contact. No user id is sent, so neither party holds data linkable to a user beyond the 30-day grid-cell logs.',
      rightsRectificationErasure:
        'Grid-cell logs cannot be linked to a person; erasure requests are answered with the 30-day deletion and, on request, an early purge by Northwind.',
      rightsRestrictionObjection:
        'Users can turn off location features in their settings, which stops all requests to Northwind for them.',
      processors: [
        {
          name: 'Northwind Weather GmbH',
          purpose: 'Forecast computation and abuse detection',
          contractReference: 'DPA NW-2026-014',
          location: 'Frankfurt, Germany',
        },
      ],
      transfersOutsideEu: false,
      measures: [
        { measure: 'Location rounded to a 1 km grid', kind: 'data', status: 'existing' },
        {
          measure: 'Mutual TLS between egress proxy and Northwind',
          kind: 'security',
          status: 'existing',
        },
        {
          measure: 'Quarterly check of Northwind log deletion',
          kind: 'governance',
          status: 'planned',
        },
      ],
      risks: [
        risk({
          category: 'illegitimate-access',
          title: 'Northwind request logs read by an attacker',
          description:
            'A breach at Northwind exposes 30 days of grid cells, which could hint at where a tenant’s users are.',
          measures: ['Location rounded to a 1 km grid', 'Pseudonymous tenant id only'],
          before: { severity: 2, likelihood: 2 },
          after: { severity: 1, likelihood: 2 },
        }),
        risk({
          category: 'unwanted-modification',
          title: 'Forecasts altered in transit',
          description: 'A tampered response shows users a wrong forecast.',
          measures: ['Mutual TLS between egress proxy and Northwind'],
          before: { severity: 2, likelihood: 2 },
          after: { severity: 2, likelihood: 1 },
        }),
        risk({
          category: 'disappearance',
          title: 'Northwind outage',
          description:
            'The weather card is empty while Northwind is unavailable; no personal data is lost.',
          measures: ['10-minute response cache', 'Partner SLA of 99.9 % availability'],
          before: { severity: 1, likelihood: 2 },
          after: { severity: 1, likelihood: 1 },
        }),
      ],
      actionPlan: [
        {
          action: 'Confirm Northwind’s 30-day log deletion in the Q3 processor audit',
          owner: 'Data Eng Lead',
          dueDate: '2026-07-15',
          status: 'planned',
        },
      ],
      dpoName: 'Dana Okafor',
      dpoOpinion:
        'The residual risks are limited thanks to the rounding and pseudonymisation. I support going live subject to the action plan.',
      dpoOpinionDate: '2026-04-16',
      dataSubjectsConsulted: false,
      dataSubjectsNotConsultedReason:
        'Locations are rounded and unlinked and users can opt out, so a consultation would be disproportionate; the tenant advisory board was informed instead.',
      validationDecision: 'approved-with-action-plan',
      validationRationale:
        'The risks are limited after the measures; the one open action confirms a processor commitment.',
      nextReviewDate: '2027-04-16',
    },
    evidence: [
      {
        path: 'dpia/data-flow.png',
        role: 'data-flow-diagram',
        title: 'Data flow: marketplace to Northwind',
        kind: 'diagram',
        collectedBy: 'Priya Raman',
        collectedAt: '2026-04-14',
      },
      {
        path: 'dpia/northwind-dpa.pdf',
        role: 'processor-agreement',
        title: 'Data processing agreement NW-2026-014',
        kind: 'contract',
        source: 'Northwind Weather GmbH',
        effectiveDate: '2026-04-01',
        classification: 'confidential',
      },
    ],
  },
  license: {
    packetId: 'license-northwind-weather-2026-04',
    title: 'License: Northwind Weather API',
    partnerSource: NORTHWIND,
    fields: {
      licensor: 'Northwind Weather GmbH',
      licenceType: 'commercial',
      licenceId: 'NW-2026-014',
      licenceUrl: 'https://legal.northwind-weather.example/terms/data-licence-v3',
      permittedUses: ['search-indexing', 'display'],
      attributionRequired: true,
      attributionText: 'Weather data © Northwind Weather',
      restrictions:
        'No resale of raw forecasts; no caching beyond 24 hours; display only to tenants in the EU and the UK.',
      redistribution: 'tenants-only',
      aiTraining: 'prohibited',
      termType: 'fixed',
      effectiveDate: '2026-04-01',
      expiryDate: '2027-03-31',
      feeModel: 'flat',
      feeAmount: 12000,
      feeCurrency: 'EUR',
    },
    evidence: [
      {
        path: 'license/northwind-data-licence-v3.pdf',
        role: 'licence-text',
        title: 'Northwind data licence v3, countersigned',
        kind: 'contract',
        source: 'Northwind Weather GmbH',
        effectiveDate: '2026-04-01',
        classification: 'confidential',
      },
      {
        path: 'license/attribution-card.png',
        role: 'attribution-sample',
        title: 'Weather card with attribution',
        kind: 'screenshot',
      },
    ],
  },
  'partner-sla': {
    packetId: 'partner-sla-northwind-weather-2026-04',
    title: 'Partner SLA: Northwind Weather API',
    partnerSource: NORTHWIND,
    fields: {
      partner: 'Northwind Weather GmbH',
      effectiveDate: '2026-04-01',
      endDate: '2027-03-31',
      slaUrl: 'https://legal.northwind-weather.example/sla/enterprise-v2',
      escalationEmail: 'escalations@northwind-weather.example',
      availabilityPercent: 99.9,
      measurementWindow: 'monthly',
      latencyP95Ms: 300,
      freshnessMinutes: 15,
      supportHours: 'business-hours',
      supportHoursDetail: 'Mon–Fri 08:00–18:00 Europe/Berlin, excluding German public holidays',
      incidentResponse: [
        { severity: 'sev1', responseMinutes: 30, updateMinutes: 60, resolutionHours: 4 },
        { severity: 'sev2', responseMinutes: 120, updateMinutes: 240, resolutionHours: 24 },
        { severity: 'sev3', responseMinutes: 480, resolutionHours: 72 },
      ],
      serviceCredits: [
        { availabilityBelowPercent: 99.9, creditPercent: 10 },
        { availabilityBelowPercent: 99, creditPercent: 25 },
      ],
      changeNoticeDays: 90,
      terminationNoticeDays: 60,
      terminationTerms:
        'Either party may terminate with 60 days’ notice, or at once for material breach. Northwind deletes request logs within 30 days of termination.',
    },
    evidence: [
      {
        path: 'sla/northwind-sla-signed.pdf',
        role: 'signed-sla',
        title: 'Enterprise SLA v2, signed',
        kind: 'contract',
        effectiveDate: '2026-04-01',
      },
      {
        path: 'sla/status-2026-03.csv',
        role: 'monitoring-report',
        title: 'Availability and latency, March 2026',
        kind: 'report',
        collectedAt: '2026-04-02',
      },
    ],
  },
  'request-to-connect': {
    packetId: 'request-to-connect-northwind-weather-2026-04',
    title: 'Request to connect: Northwind Weather API',
    partnerSource: NORTHWIND,
    fields: {
      requester: 'Priya Raman',
      requesterEmail: 'priya.raman@contoso.example',
      businessPurpose:
        'Add local weather to travel and logistics results for the marketplace pilot tenants.',
      requestedGoLive: '2026-04-22',
      connectionType: 'api-pull',
      endpointUrl: 'https://api.northwind-weather.example/v3/forecast',
      authMethod: 'mtls',
      environments: ['staging', 'production'],
      dataCategories:
        'Forecasts per 1 km grid cell. Requests send the grid cell and a pseudonymous tenant id, so an approximate location (personal data) leaves the marketplace.',
      personalData: true,
      rateLimitPerMinute: 600,
      allowList: [{ host: 'api.northwind-weather.example', port: 443, direction: 'egress' }],
      disconnectPlan:
        'Turn the source off with the flag mpd.source.northwind, revoke the mTLS client certificate and purge the forecast cache.',
      dpiaPacketId: 'dpia-northwind-weather-2026-04',
      licensePacketId: 'license-northwind-weather-2026-04',
      slaPacketId: 'partner-sla-northwind-weather-2026-04',
      securityReviewOutcome: 'approved',
    },
    evidence: [
      {
        path: 'connect/security-review.md',
        role: 'security-review',
        title: 'SecEng review of the Northwind connection',
        collectedBy: 'SecEng Lead',
        collectedAt: '2026-04-17',
      },
      {
        path: 'connect/connection-diagram.svg',
        role: 'architecture-diagram',
        title: 'Gateway, egress proxy and Northwind API',
        kind: 'diagram',
      },
      {
        path: 'connect/test-connection.log',
        role: 'test-connection-log',
        title: 'Staging test call',
        collectedAt: '2026-04-16T14:05:00Z',
      },
    ],
  },
  'access-review': {
    packetId: 'access-review-mpd-admin-2026-q1',
    title: 'Access review: marketplace partner-source admin access, 2026 Q1',
    fields: {
      systems:
        'Marketplace admin console; partner-source credential vault (policy mpd-source-admins); Northwind Weather API key management.',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      cadence: 'quarterly',
      reviewers: 'SecEng Lead; MP-D FE Lead',
      populationSource: 'Identity provider export of groups mpd-* and vault policy bindings',
      populationFrozenOn: '2026-04-13',
      populationSize: 142,
      populationComplete: true,
      keptCount: 121,
      revokedCount: 15,
      modifiedCount: 6,
      allGrantsDecided: true,
      changesApplied: true,
      changesAppliedOn: '2026-04-17',
      gaps: [
        {
          grant: 'svc-northwind-sync',
          issue: 'Service account without a named owner',
          owner: 'Data Eng Lead',
          dueDate: '2026-05-01',
        },
      ],
    },
    evidence: [
      {
        path: 'access-review/population-2026-04-13.csv',
        role: 'population-export',
        title: 'Who has what, frozen 2026-04-13',
        kind: 'export',
        collectedAt: '2026-04-13T08:00:00Z',
        classification: 'internal',
      },
      {
        path: 'access-review/decisions.csv',
        role: 'decision-log',
        title: 'Keep / revoke / modify per grant',
        kind: 'export',
      },
    ],
  },
  'onboarding-evidence': {
    packetId: 'onboarding-fabrikam-logistics-2026-04',
    title: 'Onboarding evidence: Fabrikam Logistics',
    fields: {
      tenantName: 'Fabrikam Logistics',
      tenantId: 'fabrikam-logistics',
      goLiveDate: '2026-04-21',
      tenantContactEmail: 'it-admin@fabrikam.example',
      packs: [
        { name: 'Search starter pack', version: '2.3.0' },
        { name: 'EU data residency pack', version: '1.1.2' },
      ],
      policySimDate: '2026-04-15',
      policySimResult: 'pass',
      policyBlocksAtGoLive: 0,
      appealTokensIssued: 5,
      budgetsConfigured: true,
      connectorsVerified: true,
      sloStatus: 'green',
    },
    evidence: [
      {
        path: 'onboarding/policy-sim-2026-04-15.json',
        role: 'policy-sim-report',
        title: 'Policy simulation, 0 blocks',
        kind: 'report',
        collectedAt: '2026-04-15',
      },
      {
        path: 'onboarding/tenant-config.json',
        role: 'tenant-config',
        title: 'Tenant configuration at go-live',
        kind: 'export',
      },
    ],
  },
  'ga-flip-checklist': {
    packetId: 'ga-flip-checklist-fs-2026-04',
    title: 'GA flip checklist: Federated Search, wave 1',
    fields: {
      feature: 'Federated Search open GA',
      flipDate: '2026-04-20',
      tenants: [
        { tenantId: 'fabrikam-logistics', flagName: 'fs.open-ga', wave: 1 },
        { tenantId: 'tailspin-travel', flagName: 'fs.open-ga', wave: 1 },
      ],
      runbookUrl: 'https://runbooks.contoso.example/fs/open-ga-flip',
      perTenantSwitchTested: true,
      smokePackPassed: true,
      fallbackVerified: true,
      rollbackRehearsed: true,
      rollbackRehearsalDate: '2026-04-13',
      alarmsConfigured: true,
      partialsLabeled: true,
      latencyP95Ms: 1180,
      complaintRatePercent: 0.8,
      qualityDeltaPercent: 5.6,
      gatesMet: true,
      commsReady: true,
      onCallContact: 'fs-oncall@contoso.example',
    },
    evidence: [
      {
        path: 'ga-flip/rollback-rehearsal-2026-04-13.log',
        role: 'rollback-rehearsal-log',
        title: 'Rollback rehearsal',
        collectedAt: '2026-04-13T10:30:00Z',
      },
      {
        path: 'ga-flip/quality-report.pdf',
        role: 'quality-report',
        title: 'FS quality readout, 2026-04-17',
        kind: 'report',
      },
    ],
  },
  'demo-deck': {
    packetId: 'demo-deck-sprint-34',
    title: 'Demo deck: Sprint 34',
    fields: {
      event: 'Sprint 34 demo',
      demoDate: '2026-04-24',
      presenter: 'Sam Whitfield',
      audience: 'internal',
      slides: [
        {
          title: 'Marketplace pilot: Northwind Weather live',
          claim: 'Northwind Weather API connected with signed DPIA, licence and SLA packets.',
          sourcePacketId: 'request-to-connect-northwind-weather-2026-04',
          evidencePath: 'demo/northwind-card.png',
        },
        {
          title: 'Federated Search open GA',
          claim: 'End-to-end p95 1.18 s across wave 1 tenants; ctr@5 up 5.6 % on baseline.',
          sourcePacketId: 'ga-flip-checklist-fs-2026-04',
        },
      ],
      releaseNotes:
        'Federated Search is open GA for wave 1 tenants. The marketplace pilot adds Northwind Weather as a partner source.',
    },
    evidence: [
      { path: 'demo/sprint-34-demo.pdf', role: 'deck', title: 'Sprint 34 demo deck' },
      { path: 'demo/northwind-card.png', role: 'screenshot', title: 'Weather card in search' },
    ],
  },
}

/** A plain value that satisfies the field's type and range (not its pattern, if any). */
function placeholder(field: Field): JsonValue {
  switch (field.type) {
    case 'text':
    case 'longtext': {
      const min = field.rules?.minLength ?? 0
      const max = field.rules?.maxLength ?? Infinity
      const base = `Example ${field.label.toLowerCase()}`
      return base.padEnd(min, '.').slice(0, Math.max(min, Math.min(max, base.length)))
    }
    case 'date':
      return '2026-04-24'
    case 'number': {
      const n = Math.min(Math.max(1, field.min ?? -Infinity), field.max ?? Infinity)
      return field.integer ? Math.ceil(n) : n
    }
    case 'select':
      return field.options[0]?.value ?? ''
    case 'multiselect':
      return field.options.slice(0, Math.max(1, field.minItems ?? 1)).map((o) => o.value)
    case 'boolean':
      return true
    case 'url':
      return 'https://example.org/'
    case 'email':
      return 'someone@example.org'
    case 'list':
      return Array.from({ length: Math.max(1, field.minItems ?? 1) }, () =>
        Object.fromEntries(field.itemFields.map((f) => [f.id, placeholder(f)])),
      )
    case 'risks':
      return field.categories.map((c) =>
        risk({
          category: c.id,
          title: `Example risk: ${c.label.toLowerCase()}`,
          description: 'Example description of the feared event and its impact.',
          measures: ['Example measure'],
          before: { severity: 2, likelihood: 2 },
          after: { severity: 1, likelihood: 1 },
        }),
      )
  }
}

function holds(when: RequiredWhen | undefined, fields: Record<string, JsonValue>): boolean {
  if (!when || !Object.hasOwn(fields, when.field)) return false
  const v = fields[when.field]
  return Array.isArray(v) ? v.includes(when.equals) : v === when.equals
}

/**
 * An example packet for a template. Built-in templates get realistic sample content about a
 * fictional partner source ("Northwind Weather API"); for any other template the required
 * fields and evidence are filled with placeholders, which satisfy every rule except text
 * patterns the placeholder cannot know. The packet is a fresh object each call.
 */
export function examplePacket(template: PacketTemplate): PacketDocument {
  const sample = Object.hasOwn(examples, template.id) ? examples[template.id] : undefined
  const all = template.sections.flatMap((s) => s.fields)
  const fields: Record<string, JsonValue> = {}
  for (const f of all) {
    const v = sample?.fields[f.id]
    if (v !== undefined) fields[f.id] = structuredClone(v)
  }
  // Required fields first, then those whose condition the values so far make required.
  for (const f of all) if (f.required && !(f.id in fields)) fields[f.id] = placeholder(f)
  for (let pass = 0; pass < 2; pass++) {
    for (const f of all) {
      if (!(f.id in fields) && holds(f.requiredWhen, fields)) fields[f.id] = placeholder(f)
    }
  }

  const roles = new Set(template.evidenceRoles.map((r) => r.id))
  const evidence = (sample?.evidence ?? [])
    .filter((e) => roles.has(e.role))
    .map((e) => structuredClone(e))
  for (const req of template.requiredEvidence) {
    const have = evidence.filter((e) => e.role === req.role).length
    for (let i = have; i < req.minCount; i++) {
      evidence.push({ path: `${template.id}/${req.role}-${i + 1}.pdf`, role: req.role })
    }
  }

  const packet: PacketDocument = {
    packetId: sample?.packetId ?? `${template.id}-example`,
    template: { id: template.id, version: template.version },
    title: sample?.title ?? `${template.title}: example`,
    revision: 1,
    fields,
    evidence,
  }
  if (sample?.partnerSource) packet.partnerSource = sample.partnerSource
  return packet
}
