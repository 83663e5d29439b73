// Evidence paths name files below the evidence folder and become bundle subjects
// (`files/<path>`), so they follow the bundle's path rules (core/bundle/paths.ts).
import { FILES_DIR } from '../bundle/layout'
import { MAX_PATH_LENGTH, unsafePathAdvice } from '../bundle/paths'

export const MAX_EVIDENCE_PATH_LENGTH = MAX_PATH_LENGTH - FILES_DIR.length

/** What is wrong with an evidence path and what to do, or undefined when it is acceptable. */
export function evidencePathProblem(path: string): string | undefined {
  return unsafePathAdvice(path, MAX_EVIDENCE_PATH_LENGTH)
}

export function isSafeEvidencePath(path: string): boolean {
  return evidencePathProblem(path) === undefined
}
