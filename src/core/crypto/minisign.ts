// Minisign signatures (https://jedisct1.github.io/minisign/), prehashed ("ED") variant:
// signature = Ed25519(BLAKE2b-512(file)); global signature = Ed25519(signature ‖ trusted comment).
// BLAKE2b comes from the platform where it has it (node:crypto), else from @noble/hashes:
// Electron's BoringSSL and WebCrypto have none.
import { blake2b } from '@noble/hashes/blake2.js'
import type { CryptoProvider } from './crypto-provider'
import type { KeySigner } from '../keys/key-signer'
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromHex,
  toBase64,
  toHex,
  utf8,
} from '../encoding/bytes'

const ALG_PREHASHED = utf8('ED')
const ALG_PUBLIC = utf8('Ed')

/** Minisign key numbers are 8 bytes; ours are the first 8 bytes of the keyid. */
export const minisignKeyNumber = (keyid: string): Uint8Array => fromHex(keyid.slice(0, 16))

/** Minisign prints the key number as a little-endian 64-bit integer in upper-case hex. */
const keyNumberLabel = (keyNumber: Uint8Array) => toHex(keyNumber.slice().reverse()).toUpperCase()

export function minisignPublicKey(publicKey: Uint8Array, keyid: string): string {
  const keyNumber = minisignKeyNumber(keyid)
  return (
    `untrusted comment: minisign public key ${keyNumberLabel(keyNumber)}\n` +
    `${toBase64(concatBytes(ALG_PUBLIC, keyNumber, publicKey))}\n`
  )
}

export async function minisignSign(
  signer: Pick<KeySigner, 'keyid' | 'sign'>,
  file: Uint8Array,
  trustedComment: string,
): Promise<string> {
  if (/[\r\n]/.test(trustedComment)) throw new Error('trusted comment must be one line')
  const keyNumber = minisignKeyNumber(signer.keyid)
  const signature = await signer.sign(blake2b(file))
  const global = await signer.sign(concatBytes(signature, utf8(trustedComment)))
  return (
    `untrusted comment: signature from evidence workbench key ${keyNumberLabel(keyNumber)}\n` +
    `${toBase64(concatBytes(ALG_PREHASHED, keyNumber, signature))}\n` +
    `trusted comment: ${trustedComment}\n` +
    `${toBase64(global)}\n`
  )
}

/** Verifies a minisign signature file over `file`; returns the trusted comment or a reason. */
export async function minisignVerify(
  crypto: CryptoProvider,
  publicKey: Uint8Array,
  keyid: string,
  file: Uint8Array,
  signatureText: string,
): Promise<{ ok: true; trustedComment: string } | { ok: false; reason: string }> {
  const lines = signatureText.split('\n')
  if (lines.length < 4 || lines.length > 5 || (lines.length === 5 && lines[4] !== '')) {
    return { ok: false, reason: 'not a minisign signature file (expected 4 lines)' }
  }
  const [untrusted, sigLine, trustedLine, globalLine] = lines as [string, string, string, string]
  if (
    !untrusted.startsWith('untrusted comment: ') ||
    !trustedLine.startsWith('trusted comment: ')
  ) {
    return { ok: false, reason: 'missing comment lines' }
  }
  let sigBlob: Uint8Array, global: Uint8Array
  try {
    sigBlob = fromBase64(sigLine)
    global = fromBase64(globalLine)
  } catch {
    return { ok: false, reason: 'signature is not valid base64' }
  }
  if (sigBlob.length !== 74 || global.length !== 64)
    return { ok: false, reason: 'wrong signature length' }
  if (!bytesEqual(sigBlob.subarray(0, 2), ALG_PREHASHED)) {
    return { ok: false, reason: 'only prehashed (ED) minisign signatures are accepted' }
  }
  if (!bytesEqual(sigBlob.subarray(2, 10), minisignKeyNumber(keyid))) {
    return { ok: false, reason: 'signed by a different key' }
  }
  const signature = sigBlob.subarray(10)
  const trustedComment = trustedLine.slice('trusted comment: '.length)
  const prehash = crypto.blake2b512 ? crypto.blake2b512(file) : blake2b(file)
  if (!(await crypto.ed25519Verify(publicKey, prehash, signature))) {
    return { ok: false, reason: 'signature does not match the file' }
  }
  if (
    !(await crypto.ed25519Verify(publicKey, concatBytes(signature, utf8(trustedComment)), global))
  ) {
    return { ok: false, reason: 'trusted comment was altered' }
  }
  return { ok: true, trustedComment }
}
