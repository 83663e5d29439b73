// keyid = lowercase hex SHA-256 of the key's SubjectPublicKeyInfo DER. Reproduce with:
//   openssl pkey -pubin -in key.pem -outform DER | sha256sum
import type { CryptoProvider } from '../crypto/crypto-provider'
import { ed25519Spki } from '../crypto/ed25519-der'
import { sha256Hex } from '../crypto/sha256'

export const keyIdOf = (crypto: CryptoProvider, publicKey: Uint8Array): Promise<string> =>
  sha256Hex(crypto, ed25519Spki(publicKey))

export const shortKeyId = (keyid: string): string => keyid.slice(0, 16)
