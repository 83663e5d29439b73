// The checklist gating a general-availability flip of a feature for a set of tenants: per-tenant
// switches, guardrails, fallback and rollback rehearsed, quality and latency gates, comms.
import type { PacketTemplate } from './template-model'

export const gaFlipChecklistTemplate: PacketTemplate = {
  id: 'ga-flip-checklist',
  version: '1.0.0',
  title: 'GA flip checklist',
  description:
    'Gates the general-availability flip of a feature for a set of tenants: every guardrail ticked, rollback rehearsed, quality and latency measured, and comms ready.',
  sections: [
    {
      id: 'flip',
      title: 'Flip',
      fields: [
        { id: 'feature', type: 'text', label: 'Feature', required: true },
        { id: 'flipDate', type: 'date', label: 'Planned flip date', required: true },
        {
          id: 'tenants',
          type: 'list',
          label: 'Tenants flipped',
          required: true,
          minItems: 1,
          itemFields: [
            { id: 'tenantId', type: 'text', label: 'Tenant id', required: true },
            { id: 'flagName', type: 'text', label: 'Switch or flag', required: true },
            {
              id: 'wave',
              type: 'number',
              label: 'Wave',
              integer: true,
              min: 1,
              required: true,
            },
          ],
        },
        { id: 'runbookUrl', type: 'url', label: 'Runbook', required: true },
      ],
    },
    {
      id: 'guardrails',
      title: 'Guardrails',
      help: 'Each item must be ticked before the flip is signed.',
      fields: [
        {
          id: 'perTenantSwitchTested',
          type: 'boolean',
          label: 'Per-tenant switch tested on and off',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'smokePackPassed',
          type: 'boolean',
          label: 'Smoke pack passed',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'fallbackVerified',
          type: 'boolean',
          label: 'Fallback path verified',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'rollbackRehearsed',
          type: 'boolean',
          label: 'Rollback rehearsed',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'rollbackRehearsalDate',
          type: 'date',
          label: 'Rollback rehearsed on',
          required: true,
        },
        {
          id: 'alarmsConfigured',
          type: 'boolean',
          label: 'Burn-rate and regression alarms configured',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'partialsLabeled',
          type: 'boolean',
          label: 'Partial results labelled for users',
          required: true,
          mustBeTrue: true,
        },
      ],
    },
    {
      id: 'gates',
      title: 'Quality and latency gates',
      fields: [
        {
          id: 'latencyP95Ms',
          type: 'number',
          label: 'End-to-end latency, 95th percentile',
          unit: 'ms',
          min: 0,
          required: true,
        },
        {
          id: 'complaintRatePercent',
          type: 'number',
          label: 'Complaint rate',
          unit: '%',
          min: 0,
          max: 100,
          required: true,
        },
        {
          id: 'qualityDeltaPercent',
          type: 'number',
          label: 'Quality change vs baseline (e.g. ctr@5)',
          unit: '%',
          required: true,
        },
        {
          id: 'gatesMet',
          type: 'boolean',
          label: 'All release gates met',
          help: 'Latency, complaint and quality targets of the release plan are met, or a rationale is recorded below.',
          required: true,
        },
        {
          id: 'gatesRationale',
          type: 'longtext',
          label: 'Rationale for proceeding',
          required: false,
          requiredWhen: { field: 'gatesMet', equals: false },
        },
      ],
    },
    {
      id: 'comms',
      title: 'Communications',
      fields: [
        {
          id: 'commsReady',
          type: 'boolean',
          label: 'Tenant comms ready',
          required: true,
          mustBeTrue: true,
        },
        { id: 'onCallContact', type: 'email', label: 'On-call contact', required: true },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'rollback-rehearsal-log', label: 'Rollback rehearsal log' },
    { id: 'quality-report', label: 'Quality and latency report' },
    { id: 'dashboard-screenshot', label: 'Dashboard screenshot' },
    { id: 'provenance-bundle', label: 'Stitched provenance export bundle' },
    { id: 'comms-draft', label: 'Tenant comms' },
  ],
  requiredEvidence: [
    { role: 'rollback-rehearsal-log', minCount: 1 },
    { role: 'quality-report', minCount: 1 },
  ],
  signoffRoles: [
    { role: 'backend-lead', label: 'Backend Lead', raci: 'R', required: false },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'A', required: true },
    { role: 'sre', label: 'SRE', raci: 'C', required: true },
    { role: 'pm', label: 'Product manager', raci: 'I', required: false },
  ],
}
