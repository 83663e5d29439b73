import { describe, expect, it } from 'vitest'
import {
  inputIdFor,
  readRisk,
  riskMapCells,
  withField,
  writeRisk,
} from '../../../../src/core/packets/field-values'

describe('field values', () => {
  it('removes blank values so required fields read as missing', () => {
    expect(withField({ a: 'x', b: 1 }, 'a', '  ')).toEqual({ b: 1 })
    expect(withField({ a: 'x' }, 'l', [])).toEqual({ a: 'x' })
    expect(withField({}, 'n', 0)).toEqual({ n: 0 })
    expect(withField({}, 'f', false)).toEqual({ f: false })
  })

  it('reads partial risks tolerantly and writes them back', () => {
    const r = readRisk({ category: 'disappearance', before: { severity: 2, likelihood: 9 } })
    expect(r).toEqual({
      category: 'disappearance',
      title: '',
      description: '',
      measures: [],
      before: { severity: 2 },
      after: {},
    })
    expect(writeRisk(r)).toEqual({
      category: 'disappearance',
      title: '',
      description: '',
      measures: [],
      before: { severity: 2 },
      after: {},
    })
  })

  it('places risks on the map before and after, severity 4 on top', () => {
    const cells = riskMapCells([
      readRisk({
        category: 'x',
        before: { severity: 3, likelihood: 2 },
        after: { severity: 1, likelihood: 1 },
      }),
    ])
    expect(cells[0]![0]!.severity).toBe(4)
    expect(cells[1]![1]).toMatchObject({
      severity: 3,
      likelihood: 2,
      before: [{ index: 0, label: 'R1' }],
      after: [],
    })
    expect(cells[3]![0]).toMatchObject({
      severity: 1,
      likelihood: 1,
      after: [{ index: 0, label: 'R1' }],
    })
  })

  it('makes DOM ids from paths', () => {
    expect(inputIdFor('fields.risks[0].after.severity')).toBe('f-risks-0-after-severity')
    expect(inputIdFor('fields.controller')).toBe('f-controller')
  })
})
