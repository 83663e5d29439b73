// A periodic access review: the frozen population of grants, a keep/revoke/modify decision for
// each, the gaps found, and the SecEng and Ombuds sign-offs auditors ask for.
import type { PacketTemplate } from './template-model'

export const accessReviewTemplate: PacketTemplate = {
  id: 'access-review',
  version: '1.0.0',
  title: 'Access review',
  description:
    'Records one access review campaign: which systems were reviewed, the frozen population of grants, the decisions taken, and the gaps still open, for export to auditors.',
  sections: [
    {
      id: 'scope',
      title: 'Scope',
      fields: [
        {
          id: 'systems',
          type: 'longtext',
          label: 'Systems in scope',
          help: 'Every system, group or role whose grants were reviewed.',
          required: true,
        },
        { id: 'periodStart', type: 'date', label: 'Review period from', required: true },
        { id: 'periodEnd', type: 'date', label: 'Review period to', required: true },
        {
          id: 'cadence',
          type: 'select',
          label: 'Cadence',
          required: true,
          options: [
            { value: 'monthly', label: 'Monthly' },
            { value: 'quarterly', label: 'Quarterly' },
            { value: 'semi-annual', label: 'Every six months' },
            { value: 'annual', label: 'Yearly' },
            { value: 'ad-hoc', label: 'Ad hoc' },
          ],
        },
        { id: 'reviewers', type: 'text', label: 'Reviewers', required: true },
      ],
    },
    {
      id: 'population',
      title: 'Population',
      help: 'The complete who-has-what list, frozen before the review started.',
      fields: [
        {
          id: 'populationSource',
          type: 'text',
          label: 'Population source',
          help: 'Where the grants were exported from, e.g. the identity provider and the query used.',
          required: true,
        },
        { id: 'populationFrozenOn', type: 'date', label: 'Population frozen on', required: true },
        {
          id: 'populationSize',
          type: 'number',
          label: 'Grants in the population',
          integer: true,
          min: 1,
          required: true,
        },
        {
          id: 'populationComplete',
          type: 'boolean',
          label: 'The population is complete',
          help: 'Every account and grant of the systems in scope is in the export, service accounts included.',
          required: true,
          mustBeTrue: true,
        },
      ],
    },
    {
      id: 'decisions',
      title: 'Decisions',
      fields: [
        {
          id: 'keptCount',
          type: 'number',
          label: 'Grants kept',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'revokedCount',
          type: 'number',
          label: 'Grants revoked',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'modifiedCount',
          type: 'number',
          label: 'Grants modified',
          integer: true,
          min: 0,
          required: true,
        },
        {
          id: 'allGrantsDecided',
          type: 'boolean',
          label: 'Every grant has a decision',
          required: true,
          mustBeTrue: true,
        },
        {
          id: 'changesApplied',
          type: 'boolean',
          label: 'Revocations and modifications applied',
          help: 'Tick once every revoke and modify decision has been carried out in the systems.',
          required: true,
        },
        {
          id: 'changesAppliedOn',
          type: 'date',
          label: 'Changes applied on',
          required: false,
          requiredWhen: { field: 'changesApplied', equals: true },
        },
      ],
    },
    {
      id: 'gaps',
      title: 'Gaps and exceptions',
      fields: [
        {
          id: 'gaps',
          type: 'list',
          label: 'Open gaps',
          help: 'Anything the review could not settle: orphaned accounts, grants without an owner, changes still to apply.',
          required: false,
          itemFields: [
            { id: 'grant', type: 'text', label: 'Account or grant', required: true },
            { id: 'issue', type: 'text', label: 'Gap', required: true },
            { id: 'owner', type: 'text', label: 'Owner', required: true },
            { id: 'dueDate', type: 'date', label: 'Due', required: true },
          ],
        },
        {
          id: 'exceptions',
          type: 'longtext',
          label: 'Accepted exceptions',
          help: 'Grants kept against policy, with the reason and who accepted them.',
          required: false,
        },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'population-export', label: 'Population export (who has what)' },
    { id: 'decision-log', label: 'Decision log (keep / revoke / modify per grant)' },
    { id: 'change-tickets', label: 'Tickets for applied changes' },
    { id: 'exception-approval', label: 'Exception approvals' },
  ],
  requiredEvidence: [
    { role: 'population-export', minCount: 1 },
    { role: 'decision-log', minCount: 1 },
  ],
  signoffRoles: [
    { role: 'seceng', label: 'Security Engineering', raci: 'A', required: true },
    { role: 'ombuds', label: 'Ombuds', raci: 'C', required: true },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'I', required: false },
  ],
}
