// RFC 8785 (JCS) canonical JSON, refusing what it cannot represent faithfully, and a strict
// parser that rejects what JSON.parse silently accepts (duplicate keys, lossy numbers).
// Hand-written: no maintained library both canonicalises and refuses these inputs.

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`)
    this.name = 'CanonicalJsonError'
  }
}

/** Where a value sits, built only when an error names it. */
type PathStep = string | number
const pathText = (steps: readonly PathStep[]): string =>
  steps.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`), '$')

// Each serialiser below writes the text when `write` is true, and otherwise only checks, in the
// same order, so that a check fails with the same error canonicalize would.

function serializeString(s: string, path: readonly PathStep[], write: boolean): string {
  if (!s.isWellFormed()) {
    throw new CanonicalJsonError('lone UTF-16 surrogate in string', pathText(path))
  }
  // JSON.stringify of a well-formed string matches RFC 8785 section 3.2.2.2 exactly.
  return write ? JSON.stringify(s) : ''
}

function serializeNumber(n: number, path: readonly PathStep[], write: boolean): string {
  const fail = (message: string) => new CanonicalJsonError(message, pathText(path))
  if (!Number.isFinite(n)) throw fail('NaN or Infinity is not JSON')
  if (Object.is(n, -0)) throw fail('-0 cannot round-trip through JSON')
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw fail('integer beyond 2^53 cannot be represented exactly; use a string')
  }
  // ECMAScript Number.prototype.toString is the RFC 8785 number serialisation.
  return write ? String(n) : ''
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** `path` is the chain of keys and indexes down to `value`; its length is the nesting depth. */
function serialize(value: unknown, path: PathStep[], seen: Set<object>, write: boolean): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return serializeNumber(value, path, write)
    case 'string':
      return serializeString(value, path, write)
    case 'object': {
      if (seen.has(value)) throw new CanonicalJsonError('cyclic structure', pathText(path))
      seen.add(value)
      try {
        let out: string
        if (Array.isArray(value)) {
          out = '['
          for (let i = 0; i < value.length; i++) {
            path.push(i)
            out += (i ? ',' : '') + serialize(value[i], path, seen, write)
            path.pop()
          }
          return `${out}]`
        }
        const proto = Object.getPrototypeOf(value)
        if (proto !== Object.prototype && proto !== null) {
          throw new CanonicalJsonError('only plain objects can be canonicalised', pathText(path))
        }
        const record = value as Record<string, unknown>
        // Default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
        const keys = Object.keys(record).sort(byCodeUnits)
        out = '{'
        for (const k of keys) {
          const v = record[k]
          if (v === undefined) continue
          path.push(k)
          out += `${out.length > 1 ? ',' : ''}${serializeString(k, path, write)}:${serialize(v, path, seen, write)}`
          path.pop()
        }
        return `${out}}`
      } finally {
        seen.delete(value)
      }
    }
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, pathText(path))
  }
}

/** RFC 8785 canonical form of a value, as a string. Throws CanonicalJsonError when unfaithful. */
export function canonicalize(value: unknown): string {
  return serialize(value, [], new Set(), true)
}

/** Throws the CanonicalJsonError canonicalize would, without writing the text. */
export function assertCanonicalizable(value: unknown): void {
  serialize(value, [], new Set(), false)
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value))
}

export class JsonParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset})`)
    this.name = 'JsonParseError'
  }
}

const MAX_DEPTH = 256

/**
 * Parses JSON text (RFC 8259) strictly: duplicate object keys, integers beyond 2^53, lone
 * surrogates and nesting deeper than 256 are errors, never silently resolved.
 */
export function parseJsonStrict(text: string): JsonValue {
  return parseCanonicalFast(text) ?? parseJsonScanning(text)
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/**
 * Signed documents are canonical JSON, which the native parser and serialiser read and write
 * many times faster than parseJsonScanning. The text is taken as parsed when JSON.stringify
 * writes back exactly the text (then optional white space), with every object's keys already in
 * RFC 8785 order, every number one RFC 8785 accepts, no nesting deeper than parseJsonScanning
 * allows and no "\ud…" escape (how JSON.stringify writes a lone surrogate). Such text is the
 * canonical form of its value: no duplicate keys, lone surrogates, lossy numbers or white space,
 * and parseJsonScanning would return an equal value. Anything else returns undefined, for
 * parseJsonScanning to parse or to name what is wrong.
 */
function parseCanonicalFast(text: string): JsonValue | undefined {
  let end = text.length
  while (end > 0 && isJsonSpace(text.charCodeAt(end - 1))) end--
  const first = text.charCodeAt(0)
  // Only objects and arrays: a scalar is cheap to parse slowly.
  if ((first !== 0x7b && first !== 0x5b) || text.includes('\\ud')) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
    if (JSON.stringify(value) !== text.slice(0, end)) return undefined
  } catch {
    return undefined
  }
  return hasCanonicalShape(value, 0) ? (value as JsonValue) : undefined
}

/** Keys in RFC 8785 order, numbers it accepts, and at most MAX_DEPTH containers above a value. */
function hasCanonicalShape(v: unknown, depth: number): boolean {
  if (typeof v === 'number') {
    return (
      Number.isFinite(v) && !Object.is(v, -0) && (!Number.isInteger(v) || Number.isSafeInteger(v))
    )
  }
  if (typeof v !== 'object' || v === null) return true
  // A container at depth MAX_DEPTH may only be empty; refusing it outright is merely slower.
  if (depth >= MAX_DEPTH) return false
  if (Array.isArray(v)) return v.every((x) => hasCanonicalShape(x, depth + 1))
  const record = v as Record<string, unknown>
  const keys = Object.keys(record)
  for (let i = 0; i < keys.length; i++) {
    // String comparison in JavaScript is by UTF-16 code units, the order RFC 8785 sorts by.
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false
    if (!hasCanonicalShape(record[keys[i]!], depth + 1)) return false
  }
  return true
}

/**
 * The character-by-character strict parser, which names what is wrong and where. Exported for
 * the tests that hold parseJsonStrict's native fast path to the same results.
 */
export function parseJsonScanning(text: string): JsonValue {
  let i = 0
  const fail = (msg: string): never => {
    throw new JsonParseError(msg, i)
  }
  const ws = () => {
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++
  }
  const parseString = (): string => {
    i++ // opening quote
    let out = ''
    let start = i
    for (;;) {
      if (i >= text.length) fail('unterminated string')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        out += text.slice(start, i)
        i++
        break
      }
      if (c < 0x20) fail('control character in string')
      if (c === 0x5c) {
        out += text.slice(start, i)
        const e = text[i + 1]
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        }
        if (e !== undefined && e in simple) {
          out += simple[e]
          i += 2
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape')
          out += String.fromCharCode(parseInt(hex, 16))
          i += 6
        } else fail('bad escape')
        start = i
        continue
      }
      i++
    }
    if (!out.isWellFormed()) fail('lone UTF-16 surrogate in string')
    return out
  }
  const parseNumber = (): number => {
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400))
    if (!m) return fail('bad number')
    i += m[0].length
    const n = Number(m[0])
    if (!Number.isFinite(n)) fail('number out of range')
    if (!m[1] && !m[2] && !Number.isSafeInteger(n)) fail('integer beyond 2^53 would lose precision')
    return n
  }
  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail('nesting too deep')
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const obj: Record<string, JsonValue> = Object.create(null)
      const keys = new Set<string>()
      ws()
      if (text[i] === '}') {
        i++
        return Object.assign({}, obj)
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('expected a string key')
        const key = parseString()
        if (keys.has(key)) fail(`duplicate key "${key}"`)
        keys.add(key)
        ws()
        if (text[i] !== ':') fail('expected ":"')
        i++
        obj[key] = parseValue(depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          break
        }
        fail('expected "," or "}"')
      }
      // Rebuild as a plain object; keys like __proto__ become own data properties.
      const plain: Record<string, JsonValue> = {}
      for (const k of keys)
        Object.defineProperty(plain, k, {
          value: obj[k],
          enumerable: true,
          writable: true,
          configurable: true,
        })
      return plain
    }
    if (c === '[') {
      i++
      const arr: JsonValue[] = []
      ws()
      if (text[i] === ']') {
        i++
        return arr
      }
      for (;;) {
        arr.push(parseValue(depth + 1))
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          break
        }
        fail('expected "," or "]"')
      }
      return arr
    }
    if (c === '"') return parseString()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber()
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return value
      }
    }
    return fail(c === undefined ? 'unexpected end of input' : `unexpected character "${c}"`)
  }
  const value = parseValue(0)
  ws()
  if (i !== text.length) fail('trailing characters after JSON value')
  return value
}

/** The text of JSON in UTF-8 bytes; malformed UTF-8 or a byte order mark is an error. */
export function jsonText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  if (text.charCodeAt(0) === 0xfeff) throw new JsonParseError('byte order mark before JSON', 0)
  return text
}

/** Parses strict JSON from UTF-8 bytes (malformed UTF-8 or a BOM is an error). */
export const parseJsonBytes = (bytes: Uint8Array): JsonValue => parseJsonStrict(jsonText(bytes))
