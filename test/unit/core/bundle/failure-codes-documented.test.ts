// Every failure code the verifier can report is explained to users and specified for
// implementers; a new code without docs fails here.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FAILURE_CODES } from '../../../../src/core/bundle/report'

const doc = (name: string) => readFileSync(resolve(__dirname, '../../../../docs', name), 'utf8')

describe('failure codes', () => {
  it.each(['verification-failures.md', 'bundle-format.md'])('are all documented in %s', (name) => {
    const text = doc(name)
    const missing = Object.keys(FAILURE_CODES).filter((c) => !text.includes(`\`${c}\``))
    expect(missing).toEqual([])
  })
})
