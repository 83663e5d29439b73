// A request to connect a partner source to the marketplace: what will connect, how, under which
// DPIA, licence and SLA packets, and the security review that allows it. Signed requests form
// the request-to-connect trail of a source.
import type { PacketTemplate } from './template-model'

const PACKET_REF = {
  regex: '[A-Za-z0-9][A-Za-z0-9._:-]{0,127}',
  message: 'give the packet id of the signed packet, e.g. dpia-northwind-weather-2026-04.',
}

export const requestToConnectTemplate: PacketTemplate = {
  id: 'request-to-connect',
  version: '1.0.0',
  title: 'Request to connect',
  description:
    'Asks to connect a partner source to the marketplace. It names the connection, the signed DPIA, licence and SLA packets it relies on, and carries the security review and allow-list entries that permit it.',
  sections: [
    {
      id: 'request',
      title: 'Request',
      fields: [
        { id: 'requester', type: 'text', label: 'Requested by', required: true },
        { id: 'requesterEmail', type: 'email', label: 'Requester email', required: true },
        {
          id: 'businessPurpose',
          type: 'longtext',
          label: 'Business purpose',
          help: 'What the source adds for tenants and why it is needed now.',
          required: true,
          rules: { minLength: 20 },
        },
        { id: 'requestedGoLive', type: 'date', label: 'Requested go-live', required: true },
      ],
    },
    {
      id: 'connection',
      title: 'Connection',
      fields: [
        {
          id: 'connectionType',
          type: 'select',
          label: 'Connection type',
          required: true,
          options: [
            { value: 'api-pull', label: 'We call the partner’s API' },
            { value: 'webhook-push', label: 'The partner pushes to our webhook' },
            { value: 'file-drop', label: 'File drop (SFTP or object storage)' },
            { value: 'replica', label: 'Database replica or share' },
          ],
        },
        { id: 'endpointUrl', type: 'url', label: 'Endpoint', required: true },
        {
          id: 'authMethod',
          type: 'select',
          label: 'Authentication',
          required: true,
          options: [
            { value: 'oauth2-client-credentials', label: 'OAuth 2.0 client credentials' },
            { value: 'mtls', label: 'Mutual TLS' },
            { value: 'api-key', label: 'API key' },
            { value: 'signed-url', label: 'Signed URLs' },
          ],
        },
        {
          id: 'environments',
          type: 'multiselect',
          label: 'Environments',
          required: true,
          minItems: 1,
          options: [
            { value: 'sandbox', label: 'Sandbox' },
            { value: 'staging', label: 'Staging' },
            { value: 'production', label: 'Production' },
          ],
        },
        {
          id: 'dataCategories',
          type: 'longtext',
          label: 'Data received',
          help: 'What the source sends, and whether any of it is personal data.',
          required: true,
        },
        {
          id: 'personalData',
          type: 'boolean',
          label: 'Includes personal data',
          required: true,
        },
        {
          id: 'rateLimitPerMinute',
          type: 'number',
          label: 'Rate limit',
          unit: 'requests per minute',
          integer: true,
          min: 1,
          required: false,
        },
        {
          id: 'allowList',
          type: 'list',
          label: 'Allow-list entries',
          help: 'Hosts or address ranges to open, one entry each.',
          required: true,
          minItems: 1,
          itemFields: [
            {
              id: 'host',
              type: 'text',
              label: 'Host or CIDR',
              required: true,
              rules: {
                pattern: {
                  regex: '[A-Za-z0-9.:-]+(/[0-9]{1,3})?',
                  message:
                    'write a host name, an IP address or a CIDR range such as 203.0.113.0/24.',
                },
              },
            },
            {
              id: 'port',
              type: 'number',
              label: 'Port',
              integer: true,
              min: 1,
              max: 65535,
              required: true,
            },
            {
              id: 'direction',
              type: 'select',
              label: 'Direction',
              required: true,
              options: [
                { value: 'egress', label: 'Outbound from us' },
                { value: 'ingress', label: 'Inbound to us' },
              ],
            },
          ],
        },
        {
          id: 'disconnectPlan',
          type: 'longtext',
          label: 'Disconnect and rollback plan',
          help: 'How the source is switched off and its data removed if the connection must end.',
          required: true,
        },
      ],
    },
    {
      id: 'packets',
      title: 'Supporting packets',
      help: 'The signed packets this request relies on, by packet id.',
      fields: [
        {
          id: 'dpiaPacketId',
          type: 'text',
          label: 'DPIA packet',
          required: false,
          requiredWhen: { field: 'personalData', equals: true },
          rules: { pattern: PACKET_REF },
        },
        {
          id: 'licensePacketId',
          type: 'text',
          label: 'License packet',
          required: true,
          rules: { pattern: PACKET_REF },
        },
        {
          id: 'slaPacketId',
          type: 'text',
          label: 'Partner SLA packet',
          required: true,
          rules: { pattern: PACKET_REF },
        },
      ],
    },
    {
      id: 'review',
      title: 'Security review',
      fields: [
        {
          id: 'securityReviewOutcome',
          type: 'select',
          label: 'Security review outcome',
          required: true,
          options: [
            { value: 'approved', label: 'Approved' },
            { value: 'approved-with-conditions', label: 'Approved with conditions' },
            { value: 'rejected', label: 'Rejected' },
          ],
        },
        {
          id: 'securityConditions',
          type: 'longtext',
          label: 'Conditions',
          required: false,
          requiredWhen: { field: 'securityReviewOutcome', equals: 'approved-with-conditions' },
        },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'security-review', label: 'Security review notes' },
    { id: 'architecture-diagram', label: 'Connection diagram' },
    { id: 'test-connection-log', label: 'Log of a test connection' },
    { id: 'dpia-packet', label: 'Signed DPIA packet (exported bundle)' },
    { id: 'license-packet', label: 'Signed License packet (exported bundle)' },
    { id: 'sla-packet', label: 'Signed Partner SLA packet (exported bundle)' },
  ],
  requiredEvidence: [
    { role: 'security-review', minCount: 1 },
    { role: 'architecture-diagram', minCount: 1 },
  ],
  signoffRoles: [
    { role: 'data-eng', label: 'Data Engineering (requester)', raci: 'R', required: false },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'A', required: true },
    { role: 'seceng', label: 'Security Engineering', raci: 'C', required: true },
    { role: 'legal', label: 'Legal', raci: 'C', required: true },
    { role: 'ombuds', label: 'Ombuds', raci: 'I', required: false },
  ],
}
