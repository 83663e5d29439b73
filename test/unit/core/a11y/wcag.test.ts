import { describe, expect, it } from 'vitest'
import type { AxeNode } from '../../../../src/core/a11y/sweep-report'
import {
  compareCriteria,
  criterionOfTag,
  groupByCriterion,
  howToFix,
  levelOfRule,
  targetLabel,
  whyItFails,
} from '../../../../src/core/a11y/wcag'

const node = (over: Partial<AxeNode>): AxeNode => ({
  html: '<p>x</p>',
  target: ['p'],
  any: [],
  all: [],
  none: [],
  ...over,
})

describe('WCAG criteria of axe rules', () => {
  it('reads criteria and levels from tags', () => {
    expect(criterionOfTag('wcag143')).toBe('1.4.3')
    expect(criterionOfTag('wcag1410')).toBe('1.4.10')
    expect(criterionOfTag('wcag258')).toBe('2.5.8')
    expect(criterionOfTag('wcag2aa')).toBeUndefined()
    expect(criterionOfTag('wcag22aa')).toBeUndefined()
    expect(levelOfRule({ tags: ['cat.color', 'wcag2aa', 'wcag143'] })).toBe('AA')
    expect(levelOfRule({ tags: ['wcag22aa', 'wcag258'] })).toBe('AA')
    expect(levelOfRule({ tags: ['wcag2a', 'wcag111'] })).toBe('A')
    expect(levelOfRule({ tags: ['best-practice'] })).toBeUndefined()
  })

  it('groups rules by criterion in WCAG order, most severe first', () => {
    const rules = [
      { id: 'target-size', tags: ['wcag22aa', 'wcag258'], impact: 'serious' },
      { id: 'reflow', tags: ['wcag21aa', 'wcag1410'], impact: 'minor' },
      { id: 'contrast', tags: ['wcag2aa', 'wcag143'], impact: 'serious' },
      { id: 'other', tags: ['wcag2aa', 'wcag143'], impact: 'critical' },
      { id: 'region', tags: ['best-practice'], impact: 'moderate' },
    ]
    const groups = groupByCriterion(rules)
    expect(groups.map((g) => g.criterion.label)).toEqual([
      '1.4.3 Contrast (Minimum)',
      '1.4.10 Reflow',
      '2.5.8 Target Size (Minimum)',
      'Other checks (no single WCAG criterion)',
    ])
    expect(groups[0]!.rules.map((r) => r.id)).toEqual(['other', 'contrast'])
    expect(compareCriteria('1.4.3', '1.4.11')).toBeLessThan(0)
    expect(compareCriteria('other', '4.1.2')).toBeGreaterThan(0)
  })
})

describe('why a node fails and how to fix it', () => {
  it('states the measured contrast and what is needed', () => {
    const n = node({
      any: [
        {
          id: 'color-contrast',
          message: 'Element has insufficient color contrast',
          data: {
            fgColor: '#c8c8c8',
            bgColor: '#ffffff',
            contrastRatio: 1.6699,
            expectedContrastRatio: '4.5:1',
            fontSize: '12.0pt (16px)',
            fontWeight: 'normal',
          },
        },
      ],
    })
    expect(whyItFails(n)).toBe(
      'Contrast 1.67:1, needs 4.5:1 (text #c8c8c8 on #ffffff, 12.0pt (16px) normal).',
    )
  })

  it('joins the failed checks’ messages, and falls back to the summary', () => {
    const n = node({
      any: [
        { id: 'has-alt', message: 'Element does not have an alt attribute' },
        { id: 'title', message: 'Element has no title attribute.' },
      ],
    })
    expect(whyItFails(n)).toBe(
      'Element does not have an alt attribute; Element has no title attribute.',
    )
    expect(whyItFails(node({ failureSummary: 'Fix this' }))).toBe('Fix this')
  })

  it('has advice for common rules and axe’s help otherwise', () => {
    expect(howToFix({ id: 'target-size', help: 'x' })).toMatch(/24 by 24 CSS pixels/)
    expect(howToFix({ id: 'unknown-rule', help: 'Do the thing' })).toBe('Do the thing.')
    expect(targetLabel({ target: [['iframe', '#a'], 'b'] })).toBe('iframe ▸ #a ▸ b')
  })
})
