// The port through which core code reaches hashing, randomness and Ed25519. The node layer
// provides node:crypto, browsers WebCrypto, and portable-crypto.ts is the pure-JS reference
// (tweetnacl + @noble/hashes). All three must produce identical bytes (see the tests).

export interface Sha256Stream {
  update(data: Uint8Array): void
  digest(): Uint8Array
}

export interface ScryptParams {
  N: number
  r: number
  p: number
  dkLen: number
}

export interface CryptoProvider {
  readonly name: string
  sha256(data: Uint8Array): Promise<Uint8Array>
  createSha256(): Sha256Stream
  /** Derives the 32-byte Ed25519 public key from a 32-byte seed (RFC 8032 private key). */
  ed25519PublicKey(seed: Uint8Array): Promise<Uint8Array>
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array>
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>
  randomBytes(length: number): Uint8Array
  scrypt(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array>
  /** SHA-256 of bytes in hand, as lowercase hex, in one call, where the platform has one. */
  sha256Hex?: (data: Uint8Array) => string
  /** BLAKE2b-512 (minisign's pre-hash), where the platform has it natively; absent otherwise. */
  blake2b512?: (data: Uint8Array) => Uint8Array
}
