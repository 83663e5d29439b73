// Every failure code the verifier can report is explained to users and specified for
// implementers; a new code without docs fails here. The meaning and advice users read come from
// one place (FAILURE_GUIDE): the docs table must repeat them word for word, and the verifier's
// advice for a code is always the guide's.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FAILURE_CODES, FAILURE_GUIDE, ReportBuilder } from '../../../../src/core/bundle/report'

const doc = (name: string) => readFileSync(resolve(__dirname, '../../../../docs', name), 'utf8')

/** The rows of the "code | what it means | what to do" table: code → [meaning, action]. */
function guideTable(text: string): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>()
  for (const line of text.split('\n')) {
    const m = /^\| `([A-Z_]+)` \| (.+) \| (.+) \|$/.exec(line)
    if (m) rows.set(m[1]!, [m[2]!, m[3]!])
  }
  return rows
}

describe('failure codes', () => {
  it.each(['verification-failures.md', 'bundle-format.md'])('are all documented in %s', (name) => {
    const text = doc(name)
    const missing = FAILURE_CODES.filter((c) => !text.includes(`\`${c}\``))
    expect(missing).toEqual([])
  })

  it('are explained in docs/verification-failures.md exactly as the app explains them', () => {
    const rows = guideTable(doc('verification-failures.md'))
    expect([...rows.keys()]).toEqual(FAILURE_CODES)
    for (const code of FAILURE_CODES) {
      expect(rows.get(code), code).toEqual([
        FAILURE_GUIDE[code].meaning,
        FAILURE_GUIDE[code].action,
      ])
    }
  })

  it('carry no table syntax in their text', () => {
    for (const code of FAILURE_CODES) {
      const { meaning, action } = FAILURE_GUIDE[code]
      expect(`${meaning}${action}`, code).not.toMatch(/[|`]/)
    }
  })

  it('give the guide’s advice in every failed report item', () => {
    const r = new ReportBuilder()
    r.fail('files', 'DIGEST_MISMATCH', 'files/a.png changed after it was signed.', 'files/a.png')
    expect(r.items[0]).toMatchObject({
      code: 'DIGEST_MISMATCH',
      subject: 'files/a.png',
      advice: FAILURE_GUIDE.DIGEST_MISMATCH.action,
    })
  })
})
