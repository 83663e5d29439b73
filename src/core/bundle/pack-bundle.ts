// Builds and signs a bundle in one streaming pass: evidence is hashed while it is written into
// the zip, then the statement (which needs every digest) and the files that depend on it follow.
import type { CryptoProvider } from '../crypto/crypto-provider'
import { publicKeyToPem } from '../crypto/ed25519-der'
import { minisignPublicKey, minisignSign } from '../crypto/minisign'
import { toHex, utf8 } from '../encoding/bytes'
import { envelopeBytes, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../intoto/dsse'
import { STATEMENT_TYPE, type ResourceDescriptor, type Statement } from '../intoto/statement'
import { canonicalBytes, type JsonValue } from '../json/canonical-json'
import type { KeySigner } from '../keys/key-signer'
import type { PacketDocument } from '../templates/packet'
import { throwIfAborted, type ByteSink, type ContentSource, type ProgressListener } from './byte-io'
import {
  FILES_DIR,
  formatSums,
  keyHintPath,
  minisignKeyHintPath,
  PACKET_PREDICATE_TYPE,
  PDF_PATH,
  STATEMENT_LOG_PROOF_PATH,
  STATEMENT_PATH,
  SUMS_PATH,
  SUMS_SIG_PATH,
} from './layout'
import { unsafePathReason } from './paths'
import type { EvidenceEntry, PacketPredicate } from './predicates'
import { writeContainer, type NewEntry } from './zip-container'

export interface PackOptions {
  crypto: CryptoProvider
  packet: PacketDocument
  /** Evidence content by the packet's evidence path. */
  evidence: (path: string) => ContentSource
  /** packet.pdf, a signed subject (see src/core/pdf/bundle-pdf.ts). */
  pdf?: ContentSource
  /**
   * The digests the pdf was rendered from, by evidence path: a file whose bytes hash to
   * anything else fails the pack, so the PDF never shows a digest the statement does not sign.
   */
  expectedDigests?: (path: string) => string | undefined
  signer: KeySigner
  logOrigin: string
  /**
   * Records the export in the signer's audit log and returns the tlog-proof file text proving
   * it (see docs/audit-log.md). Called once the statement digest is known.
   */
  recordInLog: (event: { packetId: string; statementSha256: string }) => Promise<string>
  now?: Date
  device?: string
  signal?: AbortSignal
  onProgress?: ProgressListener
}

export class PackError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PackError'
  }
}

/** Hashes and counts bytes as they flow from a source into the zip. */
function hashingStream(
  crypto: CryptoProvider,
  source: ContentSource,
  onDone: (sha256: string, size: number) => void,
  onBytes: (n: number) => void,
): ContentSource {
  return {
    size: source.size,
    stream: () => {
      const h = crypto.createSha256()
      let size = 0
      return source.stream().pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            h.update(chunk)
            size += chunk.length
            onBytes(chunk.length)
            controller.enqueue(chunk)
          },
          flush() {
            onDone(toHex(h.digest()), size)
          },
        }),
      )
    },
  }
}

/**
 * The statement's predicate for a packet whose evidence digests are known. packBundle signs
 * exactly this; a packet.pdf rendered from it before packing (src/core/pdf/bundle-pdf.ts)
 * shows what the statement will say.
 */
export function packetPredicate(args: {
  packet: PacketDocument
  evidence: EvidenceEntry[]
  signer: { name: string; keyid: string }
  now: Date
  logOrigin: string
  device?: string
}): PacketPredicate {
  const { packet } = args
  return {
    bundleFormat: 1,
    packet: {
      packetId: packet.packetId,
      title: packet.title,
      template: packet.template,
      ...(packet.partnerSource !== undefined ? { partnerSource: packet.partnerSource } : {}),
      revision: packet.revision ?? 1,
      fields: packet.fields,
    },
    evidence: args.evidence,
    createdBy: { name: args.signer.name, keyid: args.signer.keyid },
    createdAt: args.now.toISOString(),
    ...(args.device ? { device: args.device } : {}),
    log: { origin: args.logOrigin },
  }
}

/** The evidence entries packBundle will sign, given each file's digest and size. */
export function evidenceEntries(
  packet: PacketDocument,
  digests: (path: string) => { sha256: string; size: number },
): EvidenceEntry[] {
  return packet.evidence.map((ev) => {
    const { path, ...meta } = ev
    const d = digests(path)
    return { ...meta, name: FILES_DIR + path, sha256: d.sha256, size: d.size }
  })
}

export async function packBundle(
  sink: ByteSink,
  options: PackOptions,
): Promise<{ statementSha256: string }> {
  const { crypto, packet, signer, signal } = options
  const now = options.now ?? new Date()
  const names = new Set<string>()
  for (const ev of packet.evidence) {
    const why = unsafePathReason(ev.path)
    if (why) throw new PackError(`Evidence path "${ev.path}" is not allowed: ${why}.`)
    const name = FILES_DIR + ev.path
    if (names.has(name)) throw new PackError(`Evidence "${ev.path}" is listed twice.`)
    names.add(name)
  }
  const sources = packet.evidence.map((ev) => ({ ev, source: options.evidence(ev.path) }))
  const bytesTotal =
    sources.reduce((n, s) => n + s.source.size, 0) + (options.pdf ? options.pdf.size : 0)
  let bytesDone = 0
  let done = 0
  const total = sources.length + (options.pdf ? 1 : 0)
  const report = () =>
    options.onProgress?.({
      phase: 'hashing and writing evidence',
      done,
      total,
      bytesDone,
      bytesTotal,
    })
  const onBytes = (n: number) => {
    bytesDone += n
    report()
  }

  const evidence: EvidenceEntry[] = []
  const subjects: ResourceDescriptor[] = []
  let pdfSubject: ResourceDescriptor | undefined
  let statementSha256 = ''

  async function* entries(): AsyncGenerator<NewEntry> {
    for (const { ev, source } of sources) {
      throwIfAborted(signal)
      const name = FILES_DIR + ev.path
      const { path: _path, ...meta } = ev
      yield {
        name,
        content: hashingStream(
          crypto,
          source,
          (sha256, size) => {
            const expected = options.expectedDigests?.(ev.path)
            if (size !== source.size || (expected !== undefined && expected !== sha256)) {
              throw new PackError(`${ev.path} changed while it was being packed; pack again.`)
            }
            evidence.push({ ...meta, name, sha256, size })
            subjects.push({ name, digest: { sha256 } })
            done++
          },
          onBytes,
        ),
      }
    }
    if (options.pdf) {
      yield {
        name: PDF_PATH,
        content: hashingStream(
          crypto,
          options.pdf,
          (sha256) => {
            pdfSubject = { name: PDF_PATH, digest: { sha256 } }
            done++
          },
          onBytes,
        ),
      }
    }
    throwIfAborted(signal)
    const allSubjects = pdfSubject ? [...subjects, pdfSubject] : subjects
    const predicate = packetPredicate({
      packet,
      evidence,
      signer,
      now,
      logOrigin: options.logOrigin,
      ...(options.device ? { device: options.device } : {}),
    })
    const statement: Statement<PacketPredicate> = {
      _type: STATEMENT_TYPE,
      subject: allSubjects,
      predicateType: PACKET_PREDICATE_TYPE,
      predicate,
    }
    const payload = canonicalBytes(statement as unknown as JsonValue)
    statementSha256 = toHex(await crypto.sha256(payload))
    const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [signer])
    yield { name: STATEMENT_PATH, content: envelopeBytes(envelope), level: 6 }
    const sums = utf8(formatSums(allSubjects))
    yield { name: SUMS_PATH, content: sums, level: 6 }
    const trusted = `timestamp:${Math.floor(now.getTime() / 1000)}\tfile:${SUMS_PATH}\tpacket:${packet.packetId}`
    yield {
      name: SUMS_SIG_PATH,
      content: utf8(await minisignSign(signer, sums, trusted)),
      level: 6,
    }
    yield {
      name: keyHintPath(signer.keyid),
      content: utf8(publicKeyToPem(signer.publicKey)),
      level: 6,
    }
    yield {
      name: minisignKeyHintPath(signer.keyid),
      content: utf8(minisignPublicKey(signer.publicKey, signer.keyid)),
      level: 6,
    }
    const proof = await options.recordInLog({ packetId: packet.packetId, statementSha256 })
    yield { name: STATEMENT_LOG_PROOF_PATH, content: utf8(proof), level: 6 }
  }

  await writeContainer(sink, entries(), signal ? { signal } : {})
  return { statementSha256 }
}
