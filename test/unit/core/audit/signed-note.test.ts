import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { fromBase64, utf8 } from '../../../../src/core/encoding/bytes'
import {
  NOTE_MAX_SIGNATURES,
  createNoteVerifier,
  noteKeyHash,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
} from '../../../../src/core/audit/signed-note'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

// Test vectors from Go's golang.org/x/mod/sumdb/note (note.go package doc and note_test.go):
// https://github.com/golang/mod/blob/master/sumdb/note/note_test.go
// https://github.com/golang/mod/blob/master/sumdb/note/note.go
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop'
const TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n"
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'
// The seed inside Go's PRIVATE+KEY string: base64 of 0x01 ‖ seed.
const PETER_SEED = fromBase64(PETER_SKEY.split('+').slice(4).join('+')).subarray(1)

describe.each([
  ['node:crypto', nodeCrypto],
  ['portable', portableCrypto],
])('signed notes, Go interop (%s)', (_name, crypto) => {
  it('verifies Go’s published PeterNeumann note', async () => {
    const opened = await openNote(TEXT + '\n' + PETER_SIG, [PETER_VKEY], crypto)
    expect(opened).toMatchObject({ ok: true, text: TEXT, unknown: [] })
    if (!opened.ok) return
    expect(opened.verified).toHaveLength(1)
    expect(opened.verified[0]).toMatchObject({ name: 'PeterNeumann', keyHash: 0xc74f20a3 })
  })

  it('signs byte-for-byte as Go does with the same seed', async () => {
    const note = await signNote(TEXT, [{ name: 'PeterNeumann', seed: PETER_SEED }], crypto)
    expect(note).toBe(TEXT + '\n' + PETER_SIG)
  })

  it('derives the key hash and verifier key string of the Go example', async () => {
    const publicKey = await crypto.ed25519PublicKey(PETER_SEED)
    expect(await noteKeyHash('PeterNeumann', publicKey, crypto)).toBe(0xc74f20a3)
    const verifier = await createNoteVerifier('PeterNeumann', publicKey, crypto)
    expect(verifier.key).toBe(PETER_VKEY)
  })

  it('reports a signature by an unknown key and still verifies the known one', async () => {
    const opened = await openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [PETER_VKEY], crypto)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann'])
    expect(opened.unknown).toEqual([
      expect.objectContaining({ name: 'EnochRoot', keyHash: 0xaf0cfe78 }),
    ])

    const both = await openNote(
      TEXT + '\n' + PETER_SIG + ENOCH_SIG,
      [PETER_VKEY, ENOCH_VKEY],
      crypto,
    )
    expect(both.ok && both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot'])
  })

  it('refuses a note signed by no known key, listing the unknown signers', async () => {
    const opened = await openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [], crypto)
    expect(opened).toMatchObject({ ok: false, code: 'NOTE_UNVERIFIED' })
    expect(!opened.ok && opened.unknown?.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot'])
  })

  it('fails when a byte of the text or signature is flipped', async () => {
    const flippedText = TEXT.replace('cryptography', 'cryptographY')
    expect(await openNote(flippedText + '\n' + PETER_SIG, [PETER_VKEY], crypto)).toMatchObject({
      ok: false,
      code: 'NOTE_SIGNATURE_INVALID',
    })
    const sigChars = PETER_SIG.split('')
    sigChars[40] = sigChars[40] === 'A' ? 'B' : 'A'
    expect(await openNote(TEXT + '\n' + sigChars.join(''), [PETER_VKEY], crypto)).toMatchObject({
      ok: false,
      code: 'NOTE_SIGNATURE_INVALID',
    })
    // Go's "invalid signature" case: four base64 characters inserted.
    const inserted = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60)
    expect(await openNote(TEXT + '\n' + inserted, [PETER_VKEY], crypto)).toMatchObject({
      ok: false,
      code: 'NOTE_SIGNATURE_INVALID',
    })
  })
})

describe('signed note parsing (strict)', () => {
  const crypto = nodeCrypto

  it('rejects the malformed notes of Go’s TestOpen', async () => {
    const bad = [
      TEXT,
      TEXT + '\n',
      TEXT + '\n' + PETER_SIG.slice(0, -1),
      '\x01' + TEXT + '\n' + PETER_SIG,
      TEXT +
        '\n' +
        '— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
      TEXT + '\n' + PETER_SIG + 'Unexpected line.\n',
    ]
    for (const note of bad) {
      expect(await openNote(note, [PETER_VKEY], crypto)).toMatchObject({ code: 'NOTE_MALFORMED' })
    }
    // "\xff" + text: invalid UTF-8 only exists as bytes.
    const bytes = new Uint8Array([0xff, ...utf8(TEXT + '\n' + PETER_SIG)])
    expect(await openNote(bytes, [PETER_VKEY], crypto)).toMatchObject({ code: 'NOTE_MALFORMED' })
  })

  it('rejects more than 100 signatures, as Go does, and accepts 100', async () => {
    const tooMany = TEXT + '\n' + PETER_SIG.repeat(NOTE_MAX_SIGNATURES + 1)
    expect(await openNote(tooMany, [PETER_VKEY], crypto)).toMatchObject({ code: 'NOTE_MALFORMED' })
    expect(await openNote(tooMany, [], crypto)).toMatchObject({ code: 'NOTE_MALFORMED' })
    const enough = TEXT + '\n' + PETER_SIG.repeat(NOTE_MAX_SIGNATURES)
    const opened = await openNote(enough, [PETER_VKEY], crypto)
    expect(opened.ok && opened.verified).toHaveLength(1)
  })

  it('rejects over-long lines and over-large notes', () => {
    const longLine = 'x'.repeat(20_000) + '\n'
    expect(parseNote(longLine + '\n' + PETER_SIG)).toMatchObject({ code: 'NOTE_MALFORMED' })
    const manyLines = 'x\n'.repeat(200_000)
    expect(parseNote(manyLines + '\n' + PETER_SIG)).toMatchObject({ code: 'NOTE_MALFORMED' })
    expect(parseNote(TEXT + '\n' + PETER_SIG, { maxBytes: 50 })).toMatchObject({
      code: 'NOTE_MALFORMED',
    })
  })

  it('keeps a leading byte-order mark as part of the signed text', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT + '\n' + PETER_SIG)])
    expect(await openNote(bom, [PETER_VKEY], crypto)).toMatchObject({
      code: 'NOTE_SIGNATURE_INVALID',
    })
  })

  it('ignores a signature with a known name but another key hash (or the reverse)', async () => {
    const misnamed = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego')
    expect(await openNote(TEXT + '\n' + misnamed, [PETER_VKEY], crypto)).toMatchObject({
      code: 'NOTE_UNVERIFIED',
    })
    const wrongHash = PETER_SIG.replace('x08g', 'xxxx')
    expect(await openNote(TEXT + '\n' + wrongHash, [PETER_VKEY], crypto)).toMatchObject({
      code: 'NOTE_UNVERIFIED',
    })
  })

  it('never throws on random input', async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(parseNote(bytes).ok).toBe(false)
      }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 0, max: TEXT.length + PETER_SIG.length }),
        async (junk, at) => {
          const note = TEXT + '\n' + PETER_SIG
          const mangled = note.slice(0, at) + junk + note.slice(at)
          const opened = await openNote(mangled, [PETER_VKEY], crypto)
          if (opened.ok) expect(mangled).toBe(note)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses to sign text that is not a note body', async () => {
    const signer = { name: 'PeterNeumann', seed: PETER_SEED }
    await expect(signNote('abc', [signer], crypto)).rejects.toThrow(/newline/)
    await expect(signNote('a\rb\n', [signer], crypto)).rejects.toThrow(/control/)
    await expect(signNote(TEXT, [{ ...signer, name: 'a+b' }], crypto)).rejects.toThrow(/name/)
    await expect(signNote(TEXT, [], crypto)).rejects.toThrow(/signer/)
  })
})

describe('verifier keys', () => {
  const crypto = nodeCrypto

  it('rejects every substring and every single-character change of Go’s key (TestNewVerifier)', async () => {
    expect((await parseVerifierKey(PETER_VKEY, crypto)).ok).toBe(true)
    const bad: string[] = []
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i !== 0 || j !== PETER_VKEY.length) bad.push(PETER_VKEY.slice(i, j))
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const c = String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1)
      bad.push(PETER_VKEY.slice(0, i) + c + PETER_VKEY.slice(i + 1))
    }
    // Wrong key length and unknown algorithm, each with a matching key hash (from Go's test).
    bad.push('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')
    bad.push('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')
    for (const key of bad) {
      const parsed = await parseVerifierKey(key, crypto)
      expect(parsed.ok, key).toBe(false)
      if (!parsed.ok) expect(parsed.code).toBe('NOTE_VERIFIER_KEY_INVALID')
    }
  })

  it('refuses two different keys under one name and key hash', async () => {
    const peter = await parseVerifierKey(PETER_VKEY, crypto)
    if (!peter.ok) throw new Error('setup')
    const impostor = { ...peter.verifier, publicKey: new Uint8Array(32).fill(7) }
    expect(
      await openNote(TEXT + '\n' + PETER_SIG, [peter.verifier, impostor], crypto),
    ).toMatchObject({
      code: 'NOTE_VERIFIER_KEY_INVALID',
    })
    // The same key twice is harmless.
    const twice = await openNote(TEXT + '\n' + PETER_SIG, [PETER_VKEY, peter.verifier], crypto)
    expect(twice.ok).toBe(true)
  })

  it('round-trips a generated key through sign and open', async () => {
    const seed = crypto.randomBytes(32)
    const verifier = await createNoteVerifier(
      'workbench.example/log',
      await crypto.ed25519PublicKey(seed),
      crypto,
    )
    expect((await parseVerifierKey(verifier.key, crypto)).ok).toBe(true)
    const note = await signNote('hello\n\nworld\n', [{ name: verifier.name, seed }], crypto)
    const opened = await openNote(note, [verifier.key], crypto)
    expect(opened).toMatchObject({ ok: true, text: 'hello\n\nworld\n' })
  })
})
