// Partner source drafts from the register's form: validation messages per field, unique
// names, readable ids, and the stored record.
import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  MAX_SOURCE_NOTES,
  partnerSourceFromDraft,
  partnerSourceId,
  validatePartnerSourceDraft,
} from '../../../../src/core/workspace/partner-source'

const good = {
  name: 'Contoso Maps',
  owner: 'Lena Fischer',
  slaTier: 'tier-1',
  status: 'pilot',
  notes: '',
}

describe('validatePartnerSourceDraft', () => {
  it('accepts a complete draft', () => {
    expect(validatePartnerSourceDraft(good, [])).toEqual([])
  })

  it('names every missing or wrong field, in form order', () => {
    const issues = validatePartnerSourceDraft(
      {
        name: '  ',
        owner: '',
        slaTier: 'gold',
        status: 'maybe',
        notes: 'x'.repeat(MAX_SOURCE_NOTES + 1),
      },
      [],
    )
    expect(issues.map((i) => i.field)).toEqual(['name', 'owner', 'slaTier', 'status', 'notes'])
    expect(issues[0]!.message).toBe('Enter the partner source’s name.')
  })

  it('refuses a name already used, ignoring case and spaces', () => {
    const issues = validatePartnerSourceDraft({ ...good, name: ' contoso   MAPS ' }, [
      { name: 'Contoso Maps' },
    ])
    expect(issues).toEqual([
      {
        field: 'name',
        message: 'A partner source named “contoso MAPS” already exists. Choose another name.',
      },
    ])
  })

  it('starts the form with sensible defaults that still need a name and owner', () => {
    expect(validatePartnerSourceDraft(emptyDraft(), []).map((i) => i.field)).toEqual([
      'name',
      'owner',
    ])
  })
})

describe('partnerSourceId', () => {
  it('makes a readable, unique slug', () => {
    expect(partnerSourceId('Contoso Maps', new Set())).toBe('contoso-maps')
    expect(partnerSourceId('Margie’s Travel Guides', new Set())).toBe('margie-s-travel-guides')
    expect(partnerSourceId('Zürich Öpnv', new Set())).toBe('zurich-opnv')
    expect(partnerSourceId('Contoso Maps', new Set(['contoso-maps', 'contoso-maps-2']))).toBe(
      'contoso-maps-3',
    )
    expect(partnerSourceId('!!!', new Set())).toBe('source')
  })
})

describe('partnerSourceFromDraft', () => {
  it('tidies text and keeps the creation time', () => {
    const r = partnerSourceFromDraft(
      { ...good, name: ' Contoso   Maps ', notes: '  ' },
      { id: 'contoso-maps', createdAt: '2026-01-01T00:00:00Z' },
      '2026-04-20T00:00:00Z',
    )
    expect(r).toEqual({
      id: 'contoso-maps',
      name: 'Contoso Maps',
      owner: 'Lena Fischer',
      slaTier: 'tier-1',
      status: 'pilot',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-04-20T00:00:00Z',
    })
  })
})
