// Checks a bundle's log/statement.tlog-proof: the proof verifies against a checkpoint signed by
// a key your keyring trusts, and the logged entry records the export of exactly this statement.
import { createNoteVerifier, type NoteVerifier } from '../audit/signed-note'
import { verifyTlogProof } from '../audit/tlog-proof'
import type { CryptoProvider } from '../crypto/crypto-provider'
import { fromBase64 } from '../encoding/bytes'
import { evaluateKey, type Keyring } from '../keys/keyring'

/** The signed-note key name of a workbench key: derivable from the keyring entry alone. */
export const noteKeyName = (keyid: string): string => `evw-${keyid.slice(0, 16)}`

export async function trustedNoteVerifiers(
  crypto: CryptoProvider,
  keyring: Keyring,
  at: Date,
): Promise<NoteVerifier[]> {
  const out: NoteVerifier[] = []
  for (const e of keyring.keys) {
    if (evaluateKey(keyring, e.keyid, at).status !== 'trusted') continue
    try {
      out.push(await createNoteVerifier(noteKeyName(e.keyid), fromBase64(e.publicKey), crypto))
    } catch {
      // A damaged keyring entry simply verifies nothing.
    }
  }
  return out
}

export async function checkStatementLogProof(
  proof: Uint8Array,
  ctx: {
    crypto: CryptoProvider
    keyring: Keyring
    statementSha256: string
    packetId: string
    origin: string
    at: Date
  },
): Promise<{ ok: boolean; message: string }> {
  const verifiers = await trustedNoteVerifiers(ctx.crypto, ctx.keyring, ctx.at)
  const res = await verifyTlogProof(proof, verifiers, ctx.crypto, { origin: ctx.origin })
  if (!res.ok) return { ok: false, message: `${res.message} [${res.code}]` }
  const e = res.entry
  if (
    e.action !== 'bundle.exported' ||
    e.subject !== ctx.statementSha256 ||
    e.packetId !== ctx.packetId
  ) {
    return {
      ok: false,
      message: `The audit-log entry at index ${res.index} records ${e.action} of ${e.subject ?? 'nothing'}, not the export of this statement.`,
    }
  }
  return {
    ok: true,
    message: `The export is entry ${res.index} of audit log ${res.checkpoint.origin} (checkpoint of ${res.checkpoint.size} entries signed by ${res.signedBy.map((s) => s.name).join(', ')}).`,
  }
}
