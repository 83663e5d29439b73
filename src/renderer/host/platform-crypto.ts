// The fastest crypto provider the page or worker offers: WebCrypto with native Ed25519 where
// present, otherwise the portable tweetnacl reference. Both give the same bytes
// (test/unit/core/crypto), so callers never need to know which one they got.
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { portableCrypto } from '../../core/crypto/portable-crypto'
import { webCrypto, webCryptoHasEd25519 } from '../../core/crypto/web-crypto'

let chosen: Promise<CryptoProvider> | undefined

export const platformCrypto = (): Promise<CryptoProvider> =>
  (chosen ??= webCryptoHasEd25519().then((native) => (native ? webCrypto : portableCrypto)))
