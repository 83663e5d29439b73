// Byte helpers shared by every layer. Base64 is decoded strictly (canonical padding, no stray
// characters or white space, zero pad bits) by hand: a signed statement's payload is megabytes
// of base64, which @scure/base (used to encode) decodes about ten times slower.
import { base64 } from '@scure/base'

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

export const utf8 = (text: string): Uint8Array => encoder.encode(text)

/** Decodes UTF-8, throwing on malformed sequences rather than inserting U+FFFD. */
export const fromUtf8 = (bytes: Uint8Array): string => strictDecoder.decode(bytes)

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTES[bytes[i]!]
  return out
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error('not lowercase hex')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export const toBase64 = (bytes: Uint8Array): string => base64.encode(bytes)
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
/** Sextet value of every UTF-16 code unit; 255 (high bit set) for any not in the alphabet. */
const BASE64_VALUES = (() => {
  const t = new Uint8Array(65536).fill(255)
  for (let i = 0; i < 64; i++) t[BASE64_ALPHABET.charCodeAt(i)] = i
  return t
})()

/** Decodes RFC 4648 base64 (standard alphabet, padded), refusing any other spelling. */
export function fromBase64(text: string): Uint8Array {
  const fail = (why: string): never => {
    throw new Error(`invalid base64: ${why}`)
  }
  const badAt = (from: number) => {
    let i = from
    while (BASE64_VALUES[text.charCodeAt(i)] !== 255) i++
    return fail(`unexpected character at ${i}`)
  }
  if (text.length % 4 !== 0) fail('length is not a multiple of 4')
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  const whole = text.length - (pad ? 4 : 0)
  let o = 0
  for (let i = 0; i < whole; i += 4) {
    const a = BASE64_VALUES[text.charCodeAt(i)]!
    const b = BASE64_VALUES[text.charCodeAt(i + 1)]!
    const c = BASE64_VALUES[text.charCodeAt(i + 2)]!
    const d = BASE64_VALUES[text.charCodeAt(i + 3)]!
    if ((a | b | c | d) & 0x80) badAt(i)
    out[o++] = (a << 2) | (b >>> 4)
    out[o++] = ((b & 0x0f) << 4) | (c >>> 2)
    out[o++] = ((c & 0x03) << 6) | d
  }
  if (pad) {
    const a = BASE64_VALUES[text.charCodeAt(whole)]!
    const b = BASE64_VALUES[text.charCodeAt(whole + 1)]!
    const c = pad === 2 ? 0 : BASE64_VALUES[text.charCodeAt(whole + 2)]!
    if ((a | b | c) & 0x80) badAt(whole)
    if (pad === 2 ? b & 0x0f : c & 0x03) fail('non-zero pad bits')
    out[o++] = (a << 2) | (b >>> 4)
    if (pad === 1) out[o] = ((b & 0x0f) << 4) | (c >>> 2)
  }
  return out
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
