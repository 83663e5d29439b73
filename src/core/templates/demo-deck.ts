// A demo deck and its release notes, where every slide names the signed packet or evidence it
// shows, so a claim in a demo can be traced back to something signed.
import type { PacketTemplate } from './template-model'

export const demoDeckTemplate: PacketTemplate = {
  id: 'demo-deck',
  version: '1.0.0',
  title: 'Demo deck',
  description:
    'A sprint or release demo deck with its release notes. Each slide lists the signed packet it draws on, so every claim traces back to signed evidence.',
  sections: [
    {
      id: 'event',
      title: 'Demo',
      fields: [
        { id: 'event', type: 'text', label: 'Event', help: 'e.g. Sprint 34 demo.', required: true },
        { id: 'demoDate', type: 'date', label: 'Date', required: true },
        { id: 'presenter', type: 'text', label: 'Presenter', required: true },
        {
          id: 'audience',
          type: 'select',
          label: 'Audience',
          required: true,
          options: [
            { value: 'internal', label: 'Internal' },
            { value: 'tenants', label: 'Tenants' },
            { value: 'public', label: 'Public' },
          ],
        },
      ],
    },
    {
      id: 'slides',
      title: 'Slides',
      help: 'One entry per slide that makes a claim; name the signed packet behind it.',
      fields: [
        {
          id: 'slides',
          type: 'list',
          label: 'Slides',
          required: true,
          minItems: 1,
          itemFields: [
            { id: 'title', type: 'text', label: 'Slide title', required: true },
            { id: 'claim', type: 'longtext', label: 'Claim or KPI shown', required: true },
            {
              id: 'sourcePacketId',
              type: 'text',
              label: 'Signed packet behind it',
              required: true,
              rules: {
                pattern: {
                  regex: '[A-Za-z0-9][A-Za-z0-9._:-]{0,127}',
                  message: 'give the packet id of the signed packet the slide draws on.',
                },
              },
            },
            {
              id: 'evidencePath',
              type: 'text',
              label: 'Evidence file shown',
              help: 'The path of the screenshot or export in this packet’s evidence, if any.',
              required: false,
            },
          ],
        },
      ],
    },
    {
      id: 'release-notes',
      title: 'Release notes',
      fields: [
        {
          id: 'releaseNotes',
          type: 'longtext',
          label: 'Release notes',
          required: true,
          rules: { minLength: 20 },
        },
        {
          id: 'knownIssues',
          type: 'longtext',
          label: 'Known issues and caveats',
          required: false,
        },
      ],
    },
  ],
  evidenceRoles: [
    { id: 'deck', label: 'The deck (PDF)' },
    { id: 'screenshot', label: 'Screenshot' },
    { id: 'kpi-export', label: 'KPI export' },
    { id: 'release-notes', label: 'Release notes document' },
  ],
  requiredEvidence: [{ role: 'deck', minCount: 1 }],
  signoffRoles: [
    { role: 'pm', label: 'Product manager', raci: 'R', required: true },
    { role: 'accountable-manager', label: 'Accountable manager', raci: 'A', required: true },
    { role: 'legal', label: 'Legal', raci: 'C', required: false },
  ],
}
