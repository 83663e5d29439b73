// Prints one plain closing line from vitest's JSON report, e.g. "Tests: 312 passed, 0 failed,
// 2 skipped", so any CI can read the result without knowing vitest's own format.
import { readFileSync } from 'node:fs'

const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
process.exitCode = r.numFailedTests > 0 || !r.success ? 1 : 0
