// Runs the core verifier in the current thread (a worker, or the page as a fallback) with the
// fastest crypto the platform offers: WebCrypto's native Ed25519 where present, otherwise the
// portable tweetnacl reference. Both give the same answers (test/unit/core/crypto).
import type { ProgressListener, RandomAccessSource } from '../../core/bundle/byte-io'
import type { VerificationReport } from '../../core/bundle/report'
import { verifyBundle } from '../../core/bundle/verify-bundle'
import type { Keyring } from '../../core/keys/keyring'
import { templatePolicy } from '../../core/templates/verify-policy'
import { platformCrypto } from '../host/platform-crypto'

export async function verifyHere(
  source: RandomAccessSource,
  keyring: Keyring,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<VerificationReport> {
  return verifyBundle(source, {
    crypto: await platformCrypto(),
    keyring,
    policy: templatePolicy(),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
}
