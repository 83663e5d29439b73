import { describe, expect, it } from 'vitest'
import { diffPackets, type PacketSnapshot } from '../../../../src/core/packets/packet-diff'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'

const base: PacketSnapshot = {
  title: 'DPIA: A',
  status: 'draft',
  fields: {
    controller: 'Contoso',
    legalBasis: 'consent',
    transfersOutsideEu: false,
    dataCategories: [
      { category: 'Location', sensitive: true, recipients: 'Ops', retention: '30 days' },
      { category: 'Tenant id', sensitive: false, recipients: 'Ops', retention: '1 year' },
      { category: 'Time stamps', sensitive: false, recipients: 'Ops', retention: '1 year' },
    ],
    risks: [
      {
        category: 'illegitimate-access',
        title: 'Log theft',
        description: 'd',
        measures: ['TLS'],
        before: { severity: 3, likelihood: 2 },
        after: { severity: 2, likelihood: 1 },
      },
    ],
  },
  evidence: [{ sha256: 'a'.repeat(64), role: 'data-flow-diagram', path: 'flow.svg' }],
}

const copy = (): PacketSnapshot => structuredClone(base)

describe('diffPackets', () => {
  it('finds nothing between equal snapshots', () => {
    expect(diffPackets(base, copy(), dpiaTemplate)).toEqual([])
  })

  it('shows field changes by label with readable values', () => {
    const b = copy()
    b.title = 'DPIA: B'
    b.status = 'in-review'
    b.fields.controller = 'Contoso SAS'
    b.fields.legalBasis = 'contract'
    b.fields.transfersOutsideEu = true
    b.fields.dataMinimisation = 'Only grid cells.'
    expect(diffPackets(base, b, dpiaTemplate)).toEqual([
      { kind: 'title', label: 'Title', from: 'DPIA: A', to: 'DPIA: B' },
      { kind: 'status', label: 'Status', from: 'Draft', to: 'In review' },
      {
        kind: 'field',
        path: 'fields.controller',
        section: 'Context',
        label: 'Controller',
        from: 'Contoso',
        to: 'Contoso SAS',
      },
      {
        kind: 'field',
        path: 'fields.legalBasis',
        section: 'Fundamental principles: proportionality and necessity',
        label: 'Legal basis (GDPR Art. 6)',
        from: 'Consent',
        to: 'Performance of a contract',
      },
      {
        kind: 'field',
        path: 'fields.dataMinimisation',
        section: 'Fundamental principles: proportionality and necessity',
        label: 'Data minimisation',
        from: '(empty)',
        to: 'Only grid cells.',
      },
      {
        kind: 'field',
        path: 'fields.transfersOutsideEu',
        section: 'Fundamental principles: controls protecting data subjects’ rights',
        label: 'Transfers outside the EU',
        from: 'No',
        to: 'Yes',
      },
    ])
  })

  it('shows a removed list entry as removed, not as every later one changed', () => {
    const b = copy()
    ;(b.fields.dataCategories as unknown[]).splice(1, 1)
    expect(diffPackets(base, b, dpiaTemplate)).toEqual([
      {
        kind: 'item-removed',
        path: 'fields.dataCategories[1]',
        section: 'Context',
        label: 'Personal data processed',
        item: 'Tenant id',
      },
    ])
  })

  it('shows an edited entry with what changed inside it, and added entries', () => {
    const b = copy()
    const cats = b.fields.dataCategories as Record<string, unknown>[]
    cats[0]!.retention = '7 days'
    cats.push({ category: 'IP address' })
    const d = diffPackets(base, b, dpiaTemplate)
    expect(d).toEqual([
      {
        kind: 'item-changed',
        path: 'fields.dataCategories[0]',
        section: 'Context',
        label: 'Personal data processed',
        item: 'Location',
        changes: [{ label: 'Retention period', from: '30 days', to: '7 days' }],
      },
      {
        kind: 'item-added',
        path: 'fields.dataCategories[3]',
        section: 'Context',
        label: 'Personal data processed',
        item: 'IP address',
      },
    ])
  })

  it('shows risk changes: ratings, measures added and removed', () => {
    const b = copy()
    const risk = (b.fields.risks as Record<string, unknown>[])[0]!
    risk.after = { severity: 1, likelihood: 1 }
    risk.measures = ['TLS', 'Rounding']
    const [entry] = diffPackets(base, b, dpiaTemplate)
    expect(entry).toMatchObject({
      kind: 'item-changed',
      label: 'Risks',
      item: 'Log theft (Illegitimate access to data)',
    })
    expect(entry && 'changes' in entry ? entry.changes : []).toEqual([
      { label: 'Measure added', from: '(empty)', to: 'Rounding' },
      {
        label: 'After the measures',
        from: 'severity 2 (Limited), likelihood 1 (Negligible)',
        to: 'severity 1 (Negligible), likelihood 1 (Negligible)',
      },
    ])
  })

  it('shows evidence attached and removed with titles and role labels', () => {
    const b = copy()
    b.evidence = [{ sha256: 'b'.repeat(64), role: 'processor-agreement', path: 'dpa.pdf' }]
    const titles = new Map([['b'.repeat(64), 'Northwind DPA']])
    expect(diffPackets(base, b, dpiaTemplate, (s) => titles.get(s))).toEqual([
      { kind: 'evidence-removed', label: 'flow.svg', role: 'Data flow diagram', path: 'flow.svg' },
      {
        kind: 'evidence-attached',
        label: 'Northwind DPA',
        role: 'Processor agreement (DPA)',
        path: 'dpa.pdf',
      },
    ])
  })

  it('lists values for fields the template does not have', () => {
    const b = copy()
    b.fields.legacy = 'x'
    expect(diffPackets(base, b, dpiaTemplate)).toEqual([
      {
        kind: 'field',
        path: 'fields.legacy',
        section: '(not in the template)',
        label: 'legacy',
        from: '(empty)',
        to: 'x',
      },
    ])
  })
})
