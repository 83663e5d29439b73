// Whether a verified bundle's packet.pdf is the PDF that was signed, in words for the verify
// screen and `evw verify`. Policy (docs/bundle-format.md): packet.pdf is optional in format
// v1, so a bundle without one still verifies; the verifier says there is no signed PDF. A
// packet.pdf that does not match its digest fails the files check (DIGEST_MISMATCH), and a
// packet.pdf nothing signs fails it too (FILE_EXTRA).
import type { CryptoProvider } from '../crypto/crypto-provider'
import { toHex } from '../encoding/bytes'
import type { RandomAccessSource } from './byte-io'
import { PACKET_PREDICATE_TYPE, PDF_PATH, STATEMENT_PATH } from './layout'
import type { VerificationReport } from './report'
import { parseSignedStatement } from './signed-statement'
import { DEFAULT_LIMITS, openContainer, readEntryBytes } from './zip-container'

export type SignedPdfState = 'signed' | 'matches-unverified' | 'changed' | 'absent'

export interface SignedPdf {
  state: SignedPdfState
  /** One sentence starting "packet.pdf:" or "No signed PDF". */
  sentence: string
}

export function signedPdf(report: VerificationReport): SignedPdf {
  const items = report.items.filter((i) => i.subject === PDF_PATH && i.check === 'files')
  if (items.length === 0) {
    return {
      state: 'absent',
      sentence:
        'No signed PDF in this bundle: it was packed without packet.pdf (allowed by format v1). Make a PDF from it with "evw pdf" or Export PDF; that PDF is not itself signed.',
    }
  }
  if (items.some((i) => i.status === 'fail')) {
    return {
      state: 'changed',
      sentence:
        'packet.pdf: NOT the PDF that was signed. It does not match its signed digest or nothing signs it; do not rely on it.',
    }
  }
  if (report.verdict !== 'verified') {
    return {
      state: 'matches-unverified',
      sentence:
        'packet.pdf matches the digest in the statement, but the bundle did not verify, so it is not shown to be signed.',
    }
  }
  return {
    state: 'signed',
    sentence:
      'packet.pdf: the PDF you read is the one that was signed (its SHA-256 matches the verified statement).',
  }
}

/** The most packet.pdf bytes read back from a bundle (a packet PDF has no attachments). */
export const MAX_SIGNED_PDF_BYTES = 256 * 1024 * 1024

/**
 * The bytes of a bundle's packet.pdf, read again and checked against the digest its statement
 * names. For a bundle whose report said `signed`: the signature was checked then; this makes
 * sure the bytes handed over are those bytes. Throws with a sentence when they are not.
 */
export async function readSignedPdf(
  source: RandomAccessSource,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const container = await openContainer(source)
  try {
    const byName = new Map(container.entries.filter((e) => e.name).map((e) => [e.name!, e]))
    const st = byName.get(STATEMENT_PATH)
    const pdf = byName.get(PDF_PATH)
    if (!st || !pdf) throw new Error('This bundle has no signed packet.pdf.')
    const parsed = parseSignedStatement(
      await readEntryBytes(st, DEFAULT_LIMITS.maxMetadataBytes),
      PACKET_PREDICATE_TYPE,
    )
    if (!parsed.ok) throw new Error(`The statement is malformed: ${parsed.reason}.`)
    const subject = parsed.statement.subject.find((s) => s.name === PDF_PATH)
    if (!subject) throw new Error('Nothing in the statement signs packet.pdf.')
    let bytes: Uint8Array
    try {
      bytes = await readEntryBytes(pdf, MAX_SIGNED_PDF_BYTES)
    } catch (e) {
      throw new Error(`packet.pdf cannot be read intact (${(e as Error).message}).`)
    }
    if (toHex(await crypto.sha256(bytes)) !== subject.digest.sha256) {
      throw new Error('packet.pdf does not match its signed digest; verify the bundle again.')
    }
    return bytes
  } finally {
    await container.close().catch(() => undefined)
  }
}
