import { describe, expect, it } from 'vitest'
import {
  TemplateRegistry,
  builtInTemplates,
  compareVersions,
  dpiaTemplate,
  examplePacket,
  licenseTemplate,
  parseTemplate,
  validatePacket,
  validateTemplate,
  type PacketTemplate,
  type TemplateIssue,
} from '../../../../src/core/templates'

const codes = (issues: { code: string; path: string }[]) => issues.map((i) => `${i.code} ${i.path}`)

/** An organisation's own template, as it would arrive from a JSON file. */
const vendorReview = (): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify({
      id: 'vendor-security-review',
      version: '1.0.0',
      title: 'Vendor security review',
      description: 'A yearly security review of a vendor.',
      sections: [
        {
          id: 'vendor',
          title: 'Vendor',
          fields: [
            { id: 'vendorName', type: 'text', label: 'Vendor', required: true },
            {
              id: 'tier',
              type: 'select',
              label: 'Tier',
              required: true,
              options: [
                { value: 'critical', label: 'Critical' },
                { value: 'standard', label: 'Standard' },
              ],
            },
            {
              id: 'pentestDate',
              type: 'date',
              label: 'Last penetration test',
              required: false,
              requiredWhen: { field: 'tier', equals: 'critical' },
            },
            {
              id: 'findings',
              type: 'list',
              label: 'Findings',
              required: false,
              itemFields: [
                { id: 'finding', type: 'text', label: 'Finding', required: true },
                { id: 'fixed', type: 'boolean', label: 'Fixed', required: true },
              ],
            },
            { id: 'soc2', type: 'boolean', label: 'SOC 2 report received', required: true },
          ],
        },
      ],
      evidenceRoles: [{ id: 'soc2-report', label: 'SOC 2 report' }],
      requiredEvidence: [{ role: 'soc2-report', minCount: 1 }],
      signoffRoles: [
        { role: 'seceng', label: 'Security Engineering', raci: 'A', required: true },
        { role: 'legal', label: 'Legal', raci: 'C', required: false },
      ],
    }),
  )

describe('validateTemplate', () => {
  it('accepts an organisation template written as plain JSON', () => {
    expect(validateTemplate(vendorReview())).toEqual([])
    const parsed = parseTemplate(vendorReview())
    expect(parsed.ok).toBe(true)
  })

  it('rejects what is not an object', () => {
    expect(codes(validateTemplate(null))).toEqual(['TEMPLATE_SHAPE '])
    expect(codes(validateTemplate([]))).toEqual(['TEMPLATE_SHAPE '])
  })

  it('reports missing and unknown properties, misspellings included', () => {
    const t = vendorReview()
    delete t.description
    const field = (t.sections as { fields: Record<string, unknown>[] }[])[0]!.fields[0]!
    delete field.required
    field.requried = true
    expect(codes(validateTemplate(t))).toEqual([
      'TEMPLATE_SHAPE description',
      'TEMPLATE_SHAPE sections[0].fields[0].required',
      'TEMPLATE_SHAPE sections[0].fields[0].requried',
    ])
  })

  it('requires ids in their documented forms and a semantic version', () => {
    const t = vendorReview()
    t.id = 'Vendor Review'
    t.version = '1.0'
    const roles = t.signoffRoles as Record<string, unknown>[]
    roles[0]!.role = 'SecEng'
    const field = (t.sections as { fields: Record<string, unknown>[] }[])[0]!.fields[0]!
    field.id = 'vendor-name'
    expect(codes(validateTemplate(t))).toEqual([
      'TEMPLATE_ID id',
      'TEMPLATE_VERSION version',
      'TEMPLATE_ID sections[0].fields[0].id',
      'TEMPLATE_ID signoffRoles[0].role',
    ])
  })

  it('reports duplicate ids across sections', () => {
    const t = vendorReview()
    const sections = t.sections as { id: string; title: string; fields: unknown[] }[]
    sections.push({
      id: 'vendor',
      title: 'Again',
      fields: [{ id: 'vendorName', type: 'text', label: 'Vendor again', required: false }],
    })
    expect(codes(validateTemplate(t))).toEqual([
      'TEMPLATE_DUPLICATE sections[1]',
      'TEMPLATE_DUPLICATE sections[1].fields[0].id',
    ])
  })

  it('checks references between parts of the template', () => {
    const t = vendorReview()
    ;(t.requiredEvidence as unknown[]).push({ role: 'pentest-report', minCount: 1 })
    const fields = (t.sections as { fields: Record<string, unknown>[] }[])[0]!.fields
    fields[2]!.requiredWhen = { field: 'tier', equals: 'gold' }
    expect(codes(validateTemplate(t))).toEqual([
      'TEMPLATE_REFERENCE sections[0].fields[2].requiredWhen.equals',
      'TEMPLATE_REFERENCE requiredEvidence[1].role',
    ])
    fields[2]!.requiredWhen = { field: 'findings', equals: true }
    expect(codes(validateTemplate(t))).toContain(
      'TEMPLATE_REFERENCE sections[0].fields[2].requiredWhen.field',
    )
  })

  it('checks the rules themselves', () => {
    const t = vendorReview()
    const fields = (t.sections as { fields: Record<string, unknown>[] }[])[0]!.fields
    fields[0]!.rules = { pattern: { regex: '([a-z', message: 'x' }, minLength: 5, maxLength: 2 }
    fields.push({ id: 'score', type: 'number', label: 'Score', required: true, min: 5, max: 1 })
    fields.push({ id: 'done', type: 'boolean', label: 'Done', required: false, mustBeTrue: true })
    fields.push({
      id: 'nested',
      type: 'list',
      label: 'Nested',
      required: false,
      itemFields: [{ id: 'inner', type: 'list', label: 'Inner', required: false, itemFields: [] }],
    })
    t.signoffRoles = [{ role: 'seceng', label: 'SecEng', raci: 'X', required: false }]
    expect(codes(validateTemplate(t))).toEqual([
      'TEMPLATE_RULE sections[0].fields[0].rules',
      'TEMPLATE_RULE sections[0].fields[0].rules.pattern.regex',
      'TEMPLATE_RULE sections[0].fields[5]',
      'TEMPLATE_RULE sections[0].fields[6].mustBeTrue',
      'TEMPLATE_SHAPE sections[0].fields[7].itemFields[0].type',
      'TEMPLATE_SHAPE sections[0].fields[7].itemFields[0].itemFields',
      'TEMPLATE_SHAPE signoffRoles[0].raci',
      'TEMPLATE_RULE signoffRoles',
    ])
  })

  it('refuses anything that is not plain data, such as a function', () => {
    const t = vendorReview()
    const field = (t.sections as { fields: Record<string, unknown>[] }[])[0]!.fields[0]!
    field.rules = { pattern: { regex: '.*', message: 'x' }, check: () => true }
    expect(codes(validateTemplate(t))).toEqual(['TEMPLATE_SHAPE sections[0].fields[0].rules.check'])
    const proto = vendorReview()
    proto.sections = [new Map()]
    expect(codes(validateTemplate(proto))).toEqual(['TEMPLATE_SHAPE sections[0]'])
  })

  it('explains each problem in a sentence', () => {
    const t = vendorReview()
    t.version = 'v1'
    const [issue] = validateTemplate(t) as [TemplateIssue]
    expect(issue.message).toBe(
      '"v1" is not a semantic version; write it as MAJOR.MINOR.PATCH, e.g. "1.0.0".',
    )
  })
})

describe('compareVersions', () => {
  it('orders by semantic-version precedence', () => {
    const sorted = [
      '1.10.0',
      '1.2.0',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0-alpha',
      '1.0.0-alpha.beta',
      '1.0.0-alpha.1',
    ]
    expect(sorted.sort(compareVersions)).toEqual([
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0-alpha',
    ])
  })
})

describe('TemplateRegistry', () => {
  it('holds the built-in templates by id and exact version', () => {
    const registry = new TemplateRegistry()
    expect(registry.get('dpia', '1.0.0')).toEqual(dpiaTemplate)
    expect(registry.get('dpia', '1.0')).toBeUndefined()
    expect(registry.resolve({ id: 'license', version: '1.0.0' })?.title).toBe('License')
    expect(registry.listLatest().map((t) => t.id)).toEqual(builtInTemplates.map((t) => t.id))
  })

  it('keeps frozen copies that callers cannot change', () => {
    const registry = new TemplateRegistry()
    const t = registry.get('dpia', '1.0.0')!
    expect(t).not.toBe(dpiaTemplate)
    expect(() => {
      t.sections[0]!.fields[0]!.required = false
    }).toThrow(TypeError)
  })

  it('adds an organisation template after validating it', () => {
    const registry = new TemplateRegistry()
    const result = registry.add(vendorReview())
    expect(result.ok).toBe(true)
    expect(registry.get('vendor-security-review', '1.0.0')?.title).toBe('Vendor security review')
    const bad = vendorReview()
    bad.version = 'next'
    const refused = registry.add(bad)
    expect(refused.ok).toBe(false)
    expect(codes(refused.issues)).toEqual(['TEMPLATE_VERSION version'])
  })

  it('accepts the same content twice but never changes a published version', () => {
    const registry = new TemplateRegistry()
    expect(registry.add(vendorReview()).ok).toBe(true)
    expect(registry.add(vendorReview()).ok).toBe(true)
    const changed = vendorReview()
    changed.title = 'Vendor review (edited)'
    const result = registry.add(changed)
    expect(codes(result.issues)).toEqual(['TEMPLATE_EXISTS version'])
    expect(registry.add({ ...changed, version: '1.1.0' }).ok).toBe(true)
    expect(registry.versions('vendor-security-review')).toEqual(['1.0.0', '1.1.0'])
    expect(registry.get('vendor-security-review', '1.0.0')?.title).toBe('Vendor security review')
  })

  it('lists the latest release of each id, preferring releases to pre-releases', () => {
    const registry = new TemplateRegistry([licenseTemplate])
    registry.add({ ...JSON.parse(JSON.stringify(licenseTemplate)), version: '1.10.0' })
    registry.add({ ...JSON.parse(JSON.stringify(licenseTemplate)), version: '1.9.0' })
    registry.add({ ...JSON.parse(JSON.stringify(licenseTemplate)), version: '2.0.0-draft.1' })
    expect(registry.latest('license')?.version).toBe('1.10.0')
    expect(registry.listLatest().map((t) => `${t.id}@${t.version}`)).toEqual(['license@1.10.0'])
    expect(registry.listAll()).toHaveLength(4)
    const drafts = new TemplateRegistry([])
    drafts.add({ ...JSON.parse(JSON.stringify(licenseTemplate)), version: '2.0.0-draft.1' })
    expect(drafts.latest('license')?.version).toBe('2.0.0-draft.1')
    expect(drafts.latest('dpia')).toBeUndefined()
  })

  it('refuses invalid templates passed to the constructor (a bug, so it throws)', () => {
    const broken = { ...dpiaTemplate, version: 'one' } as PacketTemplate
    expect(() => new TemplateRegistry([broken])).toThrow(/dpia one is invalid/)
  })

  it('makes an example for an organisation template that validates', () => {
    const registry = new TemplateRegistry()
    const added = registry.add(vendorReview())
    if (!added.ok) throw new Error('not added')
    const packet = examplePacket(added.template)
    expect(packet.fields.pentestDate).toBe('2026-04-24') // tier is "critical" by default
    expect(packet.evidence).toEqual([
      { path: 'vendor-security-review/soc2-report-1.pdf', role: 'soc2-report' },
    ])
    const result = validatePacket(packet, added.template, { now: new Date('2026-04-20') })
    expect(result.issues).toEqual([])
  })
})
