// Names inside a bundle are relative POSIX paths. Anything else could escape an extraction
// folder or look like another file, so it is refused rather than normalised. One rule list
// serves the verifier (bundle entry names) and packet validation (evidence paths).

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export const MAX_PATH_LENGTH = 1024

interface PathRule {
  broken: (name: string, segments: string[]) => boolean
  /** What is wrong, as a phrase. */
  reason: string
  /** What the author of a packet should do about it. */
  fix: string
}

const RULES: PathRule[] = [
  {
    broken: (n) => n.length === 0,
    reason: 'empty name',
    fix: 'give the file name relative to the evidence folder',
  },
  {
    broken: (n) => n.length > MAX_PATH_LENGTH,
    reason: `name longer than ${MAX_PATH_LENGTH} characters`,
    fix: 'shorten it',
  },
  { broken: (n) => CONTROL.test(n), reason: 'control character in name', fix: 'rename the file' },
  {
    broken: (n) => n.includes('\\'),
    reason: 'backslash in name',
    fix: 'separate folders with "/"',
  },
  {
    broken: (n) => n.startsWith('/'),
    reason: 'absolute path',
    fix: 'give it relative to the evidence folder',
  },
  {
    broken: (n) => /^[A-Za-z]:/.test(n),
    reason: 'drive-letter path',
    fix: 'give it relative to the evidence folder',
  },
  {
    broken: (_n, s) => s.includes('..'),
    reason: 'parent directory ("..") in path',
    fix: 'keep the file inside the evidence folder',
  },
  {
    broken: (_n, s) => s.includes('.') || s.includes(''),
    reason: 'empty or "." path segment',
    fix: 'remove doubled, trailing or "." segments',
  },
  {
    broken: (n) => n !== n.normalize('NFC'),
    reason: 'name is not in Unicode NFC form',
    fix: 'rename the file so that it is',
  },
]

// Printable ASCII but the backslash: the characters of nearly every name, and all NFC. Such a
// name breaks a rule only by its length, its start or an empty, "." or ".." segment.
const PLAIN_ASCII = /^[\x20-\x5b\x5d-\x7e]+$/
const BAD_START = /^(?:\/|[A-Za-z]:)/
const BAD_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/

function brokenRule(name: string): PathRule | undefined {
  if (
    name.length <= MAX_PATH_LENGTH &&
    PLAIN_ASCII.test(name) &&
    !BAD_START.test(name) &&
    !BAD_SEGMENT.test(name)
  ) {
    return undefined
  }
  const segments = name.split('/')
  return RULES.find((r) => r.broken(name, segments))
}

/** Returns why a name is unsafe as a bundle path, or undefined when it is safe. */
export function unsafePathReason(name: string): string | undefined {
  return brokenRule(name)?.reason
}

/** Like unsafePathReason, phrased for the person writing a packet: what is wrong and what to do. */
export function unsafePathAdvice(name: string, maxLength = MAX_PATH_LENGTH): string | undefined {
  if (name.length > maxLength) return `The path is longer than ${maxLength} characters; shorten it.`
  const rule = brokenRule(name)
  return rule && `The path is not allowed (${rule.reason}); ${rule.fix}.`
}
