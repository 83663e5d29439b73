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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function serializeString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError('lone UTF-16 surrogate in string', path)
  // JSON.stringify of a well-formed string matches RFC 8785 section 3.2.2.2 exactly.
  return JSON.stringify(s)
}

function serializeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError('NaN or Infinity is not JSON', path)
  if (Object.is(n, -0)) throw new CanonicalJsonError('-0 cannot round-trip through JSON', path)
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new CanonicalJsonError(
      'integer beyond 2^53 cannot be represented exactly; use a string',
      path,
    )
  }
  // ECMAScript Number.prototype.toString is the RFC 8785 number serialisation.
  return String(n)
}

function serialize(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return serializeNumber(value, path)
    case 'string':
      return serializeString(value, path)
    case 'object': {
      if (seen.has(value)) throw new CanonicalJsonError('cyclic structure', path)
      seen.add(value)
      try {
        if (Array.isArray(value)) {
          return `[${value.map((v, i) => serialize(v, `${path}[${i}]`, seen)).join(',')}]`
        }
        const proto = Object.getPrototypeOf(value)
        if (proto !== Object.prototype && proto !== null) {
          throw new CanonicalJsonError('only plain objects can be canonicalised', path)
        }
        const entries = Object.entries(value as Record<string, unknown>).filter(
          ([, v]) => v !== undefined,
        )
        // Default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        return `{${entries
          .map(([k, v]) => `${serializeString(k, path)}:${serialize(v, `${path}.${k}`, seen)}`)
          .join(',')}}`
      } finally {
        seen.delete(value)
      }
    }
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, path)
  }
}

/** RFC 8785 canonical form of a value, as a string. Throws CanonicalJsonError when unfaithful. */
export function canonicalize(value: unknown): string {
  return serialize(value, '$', new Set())
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
  let i = 0
  const fail = (msg: string): never => {
    throw new JsonParseError(msg, i)
  }
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++
      else break
    }
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
    if (LONE_SURROGATE.test(out)) fail('lone UTF-16 surrogate in string')
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

/** Parses strict JSON from UTF-8 bytes (malformed UTF-8 or a BOM is an error). */
export function parseJsonBytes(bytes: Uint8Array): JsonValue {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  if (text.charCodeAt(0) === 0xfeff) throw new JsonParseError('byte order mark before JSON', 0)
  return parseJsonStrict(text)
}
