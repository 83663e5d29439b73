// Adds a sign-off to an existing bundle: reads the statement, makes a signed sign-off
// statement over its payload digest and writes a new bundle with every entry copied across.
// The caller writes to a temporary file and renames it (atomic replace).
import type { CryptoProvider } from '../crypto/crypto-provider'
import { publicKeyToPem } from '../crypto/ed25519-der'
import { toHex, utf8 } from '../encoding/bytes'
import { envelopeBytes, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../intoto/dsse'
import { STATEMENT_TYPE, type Statement } from '../intoto/statement'
import { canonicalBytes, type JsonValue } from '../json/canonical-json'
import type { KeySigner } from '../keys/key-signer'
import type { ByteSink, ContentSource, RandomAccessSource } from './byte-io'
import {
  keyHintPath,
  PACKET_PREDICATE_TYPE,
  SIGNOFF_PREDICATE_TYPE,
  SIGNOFF_SUBJECT_NAME,
  signoffPath,
  STATEMENT_PATH,
} from './layout'
import { unsafePathReason } from './paths'
import { parseSignedStatement } from './signed-statement'
import type { PacketPredicate, SignoffPredicate } from './predicates'
import {
  DEFAULT_LIMITS,
  openContainer,
  readEntryBytes,
  streamEntry,
  writeContainer,
  type ContainerEntry,
  type NewEntry,
} from './zip-container'

export class SignoffError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SignoffError'
  }
}

export interface SignoffOptions {
  crypto: CryptoProvider
  signer: KeySigner
  role: string
  decision: 'approve' | 'reject'
  comment?: string
  now?: Date
  signal?: AbortSignal
}

export interface SignoffResult {
  path: string
  replaced: boolean
  packetId: string
  statementSha256: string
}

/**
 * Streams an existing entry's bytes as a content source for the new zip. Each chunk is read only
 * once the zip writer has taken the one before, so an entry is never buffered whole; a read that
 * fails errors the stream, and with it the zip writer's promise, and nothing else.
 */
const entryContent = (e: ContainerEntry, signal?: AbortSignal): ContentSource => ({
  size: e.uncompressedSize,
  stream: () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const writer = writable.getWriter()
    streamEntry(e, (chunk) => writer.write(chunk.slice()), {
      cap: e.uncompressedSize,
      ...(signal ? { signal } : {}),
    })
      .then(
        () => writer.close(),
        (err: unknown) => writer.abort(err),
      )
      // The zip writer sees any failure through the stream; a writer already closed or
      // errored by then has nothing more to say.
      .catch(() => undefined)
    return readable
  },
})

export async function addSignoff(
  source: RandomAccessSource,
  sink: ByteSink,
  options: SignoffOptions,
): Promise<SignoffResult> {
  const { crypto, signer, role, decision, signal } = options
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(role)) throw new SignoffError(`"${role}" is not a role id.`)
  if (decision === 'reject' && !options.comment?.trim()) {
    throw new SignoffError('A rejection needs a reason: pass a comment saying what must change.')
  }
  let container
  try {
    container = await openContainer(source)
  } catch (e) {
    throw new SignoffError(`This is not a readable bundle: ${(e as Error).message}.`)
  }
  try {
    for (const e of container.entries) {
      const why = e.name === undefined ? 'name is not UTF-8' : unsafePathReason(e.name)
      if (why || e.fileType !== 'file' || e.encrypted) {
        throw new SignoffError(
          `The bundle holds an unsafe entry (${why ?? e.fileType}); verify it first.`,
        )
      }
    }
    const statementEntry = container.entries.find((e) => e.name === STATEMENT_PATH)
    if (!statementEntry)
      throw new SignoffError('The bundle has no statement.dsse.json to sign off.')
    const parsed = parseSignedStatement(
      await readEntryBytes(statementEntry, DEFAULT_LIMITS.maxMetadataBytes, signal),
      PACKET_PREDICATE_TYPE,
    )
    if (!parsed.ok) {
      throw new SignoffError(
        `The bundle statement is malformed (${parsed.reason}); it cannot be signed off.`,
      )
    }
    const statement = parsed.statement as unknown as {
      predicate: PacketPredicate
      payload: Uint8Array
    }
    const statementSha256 = toHex(await crypto.sha256(statement.payload))
    const predicate: SignoffPredicate = {
      packetId: statement.predicate.packet.packetId,
      revision: statement.predicate.packet.revision,
      role,
      decision,
      signer: { name: signer.name, keyid: signer.keyid },
      time: (options.now ?? new Date()).toISOString(),
      ...(options.comment ? { comment: options.comment } : {}),
    }
    const signoff: Statement<SignoffPredicate> = {
      _type: STATEMENT_TYPE,
      subject: [{ name: SIGNOFF_SUBJECT_NAME, digest: { sha256: statementSha256 } }],
      predicateType: SIGNOFF_PREDICATE_TYPE,
      predicate,
    }
    const envelope = await signEnvelope(
      IN_TOTO_PAYLOAD_TYPE,
      canonicalBytes(signoff as unknown as JsonValue),
      [signer],
    )
    const path = signoffPath(role, signer.keyid)
    const keyPath = keyHintPath(signer.keyid)
    const replaced = container.entries.some((e) => e.name === path)
    const kept = container.entries.filter((e) => e.name !== path && e.name !== keyPath)
    const entries: NewEntry[] = kept.map((e) => ({
      name: e.name!,
      content: entryContent(e, signal),
      level: e.compressionMethod === 0 ? 0 : 6,
    }))
    entries.push({ name: path, content: envelopeBytes(envelope), level: 6 })
    entries.push({ name: keyPath, content: utf8(publicKeyToPem(signer.publicKey)), level: 6 })
    await writeContainer(sink, entries, signal ? { signal } : {})
    return { path, replaced, packetId: predicate.packetId, statementSha256 }
  } finally {
    await container.close().catch(() => undefined)
  }
}
