// The service levels a partner source commits to: availability, latency, support, incident
// response by severity, data freshness, notice periods and service credits.
import type { PacketTemplate, SelectField } from './template-model'

const severity: SelectField = {
  id: 'severity',
  type: 'select',
  label: 'Severity',
  required: true,
  options: [
    { value: 'sev1', label: 'Sev 1 — service down' },
    { value: 'sev2', label: 'Sev 2 — major degradation' },
    { value: 'sev3', label: 'Sev 3 — minor issue' },
    { value: 'sev4', label: 'Sev 4 — question or request' },
  ],
}

export const partnerSlaTemplate: PacketTemplate = {
  id: 'partner-sla',
  version: '1.0.0',
  title: 'Partner SLA',
  description:
    'Records the service levels a partner source commits to, so that the pilot can hold it to them and spot SLA drift.',
  sections: [
    {
      id: 'agreement',
      title: 'Agreement',
      fields: [
        { id: 'partner', type: 'text', label: 'Partner', required: true },
        { id: 'effectiveDate', type: 'date', label: 'Effective from', required: true },
        { id: 'endDate', type: 'date', label: 'Ends on', required: false },
        { id: 'slaUrl', type: 'url', label: 'SLA document URL', required: false },
        {
          id: 'escalationEmail',
          type: 'email',
          label: 'Partner escalation contact',
          required: true,
        },
      ],
    },
    {
      id: 'service-levels',
      title: 'Service levels',
      fields: [
        {
          id: 'availabilityPercent',
          type: 'number',
          label: 'Availability',
          unit: '%',
          min: 0,
          max: 100,
          required: true,
        },
        {
          id: 'measurementWindow',
          type: 'select',
          label: 'Measured over',
          required: true,
          options: [
            { value: 'monthly', label: 'Calendar month' },
            { value: 'quarterly', label: 'Calendar quarter' },
          ],
        },
        {
          id: 'latencyP95Ms',
          type: 'number',
          label: 'Latency, 95th percentile',
          unit: 'ms',
          integer: true,
          min: 1,
          required: true,
        },
        {
          id: 'freshnessMinutes',
          type: 'number',
          label: 'Data freshness (maximum age)',
          help: 'The oldest the served data may be, measured from the source’s update.',
          unit: 'minutes',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'supportHours',
          type: 'select',
          label: 'Support hours',
          required: true,
          options: [
            { value: '24x7', label: '24 × 7' },
            { value: 'business-hours', label: 'Business hours' },
            { value: 'extended', label: 'Extended hours' },
          ],
        },
        {
          id: 'supportHoursDetail',
          type: 'text',
          label: 'Support hours and time zone',
          help: 'e.g. Mon–Fri 08:00–18:00 Europe/Berlin, excluding public holidays.',
          required: false,
          requiredWhen: { field: 'supportHours', equals: 'business-hours' },
        },
      ],
    },
    {
      id: 'incidents',
      title: 'Incident response',
      fields: [
        {
          id: 'incidentResponse',
          type: 'list',
          label: 'Response times by severity',
          help: 'One entry per severity level the partner commits to.',
          required: true,
          minItems: 3,
          maxItems: 4,
          itemFields: [
            severity,
            {
              id: 'responseMinutes',
              type: 'number',
              label: 'First response',
              unit: 'minutes',
              integer: true,
              min: 1,
              required: true,
            },
            {
              id: 'updateMinutes',
              type: 'number',
              label: 'Status updates every',
              unit: 'minutes',
              integer: true,
              min: 1,
              required: false,
            },
            {
              id: 'resolutionHours',
              type: 'number',
              label: 'Resolution target',
              unit: 'hours',
              min: 0,
              required: false,
            },
          ],
        },
      ],
    },
    {
      id: 'termination',
      title: 'Credits, notice and termination',
      fields: [
        {
          id: 'serviceCredits',
          type: 'list',
          label: 'Service credits',
          help: 'The credit owed when availability falls below a threshold.',
          required: false,
          itemFields: [
            {
              id: 'availabilityBelowPercent',
              type: 'number',
              label: 'Availability below',
              unit: '%',
              min: 0,
              max: 100,
              required: true,
            },
            {
              id: 'creditPercent',
              type: 'number',
              label: 'Credit',
              unit: '% of monthly fee',
              min: 0,
              max: 100,
              required: true,
            },
          ],
        },
        {
          id: 'changeNoticeDays',
          type: 'number',
          label: 'Notice of breaking changes',
          unit: 'days',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'terminationNoticeDays',
          type: 'number',
          label: 'Termination notice',
          unit: 'days',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'terminationTerms',
          type: 'longtext',
          label: 'Termination terms',
          help: 'Grounds for termination and what happens to the data afterwards.',
          required: true,
        },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'signed-sla', label: 'Signed SLA' },
    { id: 'monitoring-report', label: 'Monitoring or status-page report' },
    { id: 'correspondence', label: 'Correspondence' },
  ],
  requiredEvidence: [{ role: 'signed-sla', minCount: 1 }],
  signoffRoles: [
    { role: 'product-ops', label: 'Product Ops (author)', raci: 'R', required: false },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'A', required: true },
    { role: 'legal', label: 'Legal', raci: 'C', required: true },
    { role: 'ombuds', label: 'Ombuds', raci: 'C', required: false },
  ],
}
