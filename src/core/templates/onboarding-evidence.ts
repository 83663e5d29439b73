// The evidence that a new tenant went live through the onboarding factory: packs applied, the
// policy simulation and its result, budgets, appeal tokens and the go-live checks.
import type { PacketTemplate } from './template-model'

export const onboardingEvidenceTemplate: PacketTemplate = {
  id: 'onboarding-evidence',
  version: '1.0.0',
  title: 'Onboarding evidence',
  description:
    'Collects the evidence that a tenant was onboarded through self-serve packs with a passing policy simulation and no policy blocks at go-live.',
  sections: [
    {
      id: 'tenant',
      title: 'Tenant',
      fields: [
        { id: 'tenantName', type: 'text', label: 'Tenant', required: true },
        {
          id: 'tenantId',
          type: 'text',
          label: 'Tenant id',
          required: true,
          rules: {
            pattern: {
              regex: '[a-z0-9][a-z0-9-]{1,62}',
              message: 'use 2–63 lowercase letters, digits or hyphens, as in the tenant registry.',
            },
          },
        },
        { id: 'goLiveDate', type: 'date', label: 'Go-live date', required: true },
        { id: 'tenantContactEmail', type: 'email', label: 'Tenant contact', required: true },
      ],
    },
    {
      id: 'packs',
      title: 'Packs and policy',
      fields: [
        {
          id: 'packs',
          type: 'list',
          label: 'Packs applied',
          required: true,
          minItems: 1,
          itemFields: [
            { id: 'name', type: 'text', label: 'Pack', required: true },
            {
              id: 'version',
              type: 'text',
              label: 'Version',
              required: true,
              rules: {
                pattern: { regex: '\\d+\\.\\d+\\.\\d+', message: 'write the version as 1.2.3.' },
              },
            },
          ],
        },
        { id: 'policySimDate', type: 'date', label: 'Policy simulation run on', required: true },
        {
          id: 'policySimResult',
          type: 'select',
          label: 'Policy simulation result',
          required: true,
          options: [
            { value: 'pass', label: 'Pass' },
            { value: 'pass-with-waivers', label: 'Pass with waivers' },
            { value: 'fail', label: 'Fail' },
          ],
        },
        {
          id: 'waivers',
          type: 'longtext',
          label: 'Waivers',
          required: false,
          requiredWhen: { field: 'policySimResult', equals: 'pass-with-waivers' },
        },
        {
          id: 'policyBlocksAtGoLive',
          type: 'number',
          label: 'Policy blocks at go-live',
          help: 'Must be zero: a tenant does not go live with a policy block.',
          integer: true,
          min: 0,
          max: 0,
          required: true,
        },
        {
          id: 'appealTokensIssued',
          type: 'number',
          label: 'Appeal tokens issued',
          integer: true,
          min: 0,
          required: false,
        },
      ],
    },
    {
      id: 'go-live',
      title: 'Go-live checks',
      fields: [
        {
          id: 'budgetsConfigured',
          type: 'boolean',
          label: 'Budgets configured',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'connectorsVerified',
          type: 'boolean',
          label: 'Connectors verified end to end',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'sloStatus',
          type: 'select',
          label: 'SLO status at go-live',
          required: true,
          options: [
            { value: 'green', label: 'Green' },
            { value: 'amber', label: 'Amber' },
            { value: 'red', label: 'Red' },
          ],
        },
        { id: 'notes', type: 'longtext', label: 'Notes', required: false },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'policy-sim-report', label: 'Policy simulation report' },
    { id: 'tenant-config', label: 'Tenant configuration export' },
    { id: 'slo-dashboard', label: 'SLO dashboard at go-live' },
    { id: 'runbook', label: 'Tenant runbook' },
  ],
  requiredEvidence: [
    { role: 'policy-sim-report', minCount: 1 },
    { role: 'tenant-config', minCount: 1 },
  ],
  signoffRoles: [
    { role: 'product-ops', label: 'Product Ops', raci: 'R', required: true },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'A', required: true },
    { role: 'data-eng', label: 'Data Engineering', raci: 'C', required: false },
    { role: 'seceng', label: 'Security Engineering', raci: 'C', required: false },
  ],
}
