import { describe, expect, it } from 'vitest'
import { utf8 } from '../../../../src/core/encoding/bytes'
import {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
} from '../../../../src/core/audit/checkpoint'
import { leafHash } from '../../../../src/core/audit/merkle'
import { createNoteVerifier, parseNote } from '../../../../src/core/audit/signed-note'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const crypto = nodeCrypto
const ORIGIN = 'workbench.example/audit/ws-1'
const seed = new Uint8Array(32).fill(1)
const otherSeed = new Uint8Array(32).fill(2)

async function verifierKey(name: string, s: Uint8Array): Promise<string> {
  return (await createNoteVerifier(name, await crypto.ed25519PublicKey(s), crypto)).key
}

describe('checkpoint body (c2sp.org/tlog-checkpoint)', () => {
  it('formats and parses Go sumdb/tlog’s tree note', async () => {
    // golang.org/x/mod/sumdb/tlog note_test.go TestFormatTree:
    // https://github.com/golang/mod/blob/master/sumdb/tlog/note_test.go
    const golden =
      'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'
    const checkpoint: Checkpoint = {
      origin: 'go.sum database tree',
      size: 123456789012,
      rootHash: await leafHash(utf8('hello world'), crypto),
      extensions: [],
    }
    expect(formatCheckpoint(checkpoint)).toBe(golden)
    expect(parseCheckpoint(golden)).toEqual({ ok: true, checkpoint })
  })

  it('parses the body of the C2SP spec example and keeps extension lines', () => {
    const body =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'
    const parsed = parseCheckpoint(body + 'ext one\n')
    expect(parsed).toMatchObject({
      ok: true,
      checkpoint: {
        origin: 'example.com/behind-the-sofa',
        size: 20852163,
        extensions: ['ext one'],
      },
    })
    if (parsed.ok) expect(formatCheckpoint(parsed.checkpoint)).toBe(body + 'ext one\n')
  })

  it.each([
    ['no final newline', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='],
    ['missing root', 'o\n1\n'],
    ['hex size', 'o\n0xabcdef\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['leading zero', 'o\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['signed size', 'o\n+12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['size beyond 2^53', 'o\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['bad base64', 'o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n'],
    ['31-byte root', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n'],
    ['empty origin', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['empty extension', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n'],
    ['carriage return', 'o\r\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
  ])('rejects %s', (_why, text) => {
    expect(parseCheckpoint(text)).toMatchObject({ ok: false, code: 'LOG_CHECKPOINT_MALFORMED' })
  })
})

describe('signed checkpoints', () => {
  const checkpoint = async (size = 3): Promise<Checkpoint> => ({
    origin: ORIGIN,
    size,
    rootHash: await crypto.sha256(utf8(`root ${size}`)),
    extensions: [],
  })

  it('round-trips through sign and open, named after the origin', async () => {
    const cp = await checkpoint()
    const note = await signCheckpoint(cp, { seed }, crypto)
    expect(note.startsWith(formatCheckpoint(cp) + '\n— ' + ORIGIN + ' ')).toBe(true)
    const opened = await openCheckpoint(note, [await verifierKey(ORIGIN, seed)], crypto, {
      origin: ORIGIN,
    })
    expect(opened).toMatchObject({ ok: true, checkpoint: cp })
  })

  it('reports a wrong origin, an untrusted key and a tampered body with their codes', async () => {
    const note = await signCheckpoint(await checkpoint(), { seed }, crypto)
    const trusted = [await verifierKey(ORIGIN, seed)]
    expect(
      await openCheckpoint(note, trusted, crypto, { origin: 'other.example/log' }),
    ).toMatchObject({
      code: 'LOG_CHECKPOINT_ORIGIN_MISMATCH',
    })
    expect(
      await openCheckpoint(note, [await verifierKey(ORIGIN, otherSeed)], crypto),
    ).toMatchObject({
      code: 'LOG_CHECKPOINT_UNTRUSTED_KEY',
    })
    expect(await openCheckpoint(note.replace('\n3\n', '\n4\n'), trusted, crypto)).toMatchObject({
      code: 'LOG_CHECKPOINT_SIGNATURE_INVALID',
    })
    expect(await openCheckpoint('garbage', trusted, crypto)).toMatchObject({
      code: 'LOG_CHECKPOINT_MALFORMED',
    })
    expect(await openCheckpoint(note, ['not a key'], crypto)).toMatchObject({
      code: 'LOG_VERIFIER_KEY_INVALID',
    })
  })

  it('refuses a validly signed note whose body is not a checkpoint', async () => {
    const { signNote } = await import('../../../../src/core/audit/signed-note')
    const note = await signNote('just some text\n', [{ name: ORIGIN, seed }], crypto)
    expect(parseNote(note).ok).toBe(true)
    expect(await openCheckpoint(note, [await verifierKey(ORIGIN, seed)], crypto)).toMatchObject({
      code: 'LOG_CHECKPOINT_MALFORMED',
    })
  })
})
