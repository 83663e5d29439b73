// RFC 9162 section 2.1 Merkle tree hashing: root hashes, inclusion proofs and consistency proofs.
// Generation follows the recursive definitions of 2.1.3.1 and 2.1.4.1; verification follows the
// step-by-step algorithms of 2.1.3.2 and 2.1.4.2. Sizes and indices are JavaScript numbers, so
// shifts are done with arithmetic (bitwise operators would truncate to 32 bits).
import type { CryptoProvider } from '../crypto/crypto-provider'
import { bytesEqual, concatBytes } from '../encoding/bytes'

export const HASH_SIZE = 32

/** Longest proof a verifier accepts: a tree of at most 2^53 leaves needs at most 53 hashes. */
const MAX_PROOF_HASHES = 64

const LEAF_PREFIX = new Uint8Array([0x00])
const NODE_PREFIX = new Uint8Array([0x01])

/** SHA-256(0x00 ‖ entry): the hash of one log entry. */
export function leafHash(entry: Uint8Array, crypto: CryptoProvider): Promise<Uint8Array> {
  return crypto.sha256(concatBytes(LEAF_PREFIX, entry))
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function nodeHash(
  left: Uint8Array,
  right: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  return crypto.sha256(concatBytes(NODE_PREFIX, left, right))
}

/** The root of the empty tree, SHA-256 of the empty string. */
export function emptyRootHash(crypto: CryptoProvider): Promise<Uint8Array> {
  return crypto.sha256(new Uint8Array(0))
}

/** Largest power of two strictly less than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

const isPowerOfTwo = (n: number): boolean => n > 0 && splitPoint(n + 1) === n

/** log2 of a power of two, counted exactly rather than trusting floating-point Math.log2. */
function exponent(powerOfTwo: number): number {
  let e = 0
  for (let p = powerOfTwo; p > 1; p /= 2) e++
  return e
}
const isSize = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE
const isHashList = (p: unknown): p is Uint8Array[] =>
  Array.isArray(p) && p.length <= MAX_PROOF_HASHES && p.every(isHash)
const odd = (n: number): boolean => n % 2 === 1
const half = (n: number): number => Math.floor(n / 2)

/**
 * A Merkle tree over leaf hashes that grows by appending. Hashes of complete subtrees are
 * computed on first use and kept, so building costs O(n) hashes once and each later root or
 * proof costs O(log n). Appending is synchronous; concurrent reads are safe (a node computed
 * twice gets the same value).
 */
export class MerkleTree {
  // levels[h][i] is the hash of the complete subtree of 2^h leaves starting at leaf i * 2^h.
  private readonly levels: (Uint8Array | undefined)[][]

  constructor(
    private readonly crypto: CryptoProvider,
    leafHashes: readonly Uint8Array[] = [],
  ) {
    this.levels = [[]]
    for (const h of leafHashes) this.append(h)
  }

  get size(): number {
    return this.levels[0]!.length
  }

  /** Appends a leaf hash (see leafHash) and returns its index. */
  append(hash: Uint8Array): number {
    if (!isHash(hash)) throw new TypeError('a leaf hash must be 32 bytes')
    this.levels[0]!.push(hash)
    return this.size - 1
  }

  leafHash(index: number): Uint8Array {
    this.checkIndex(index, this.size)
    return this.levels[0]![index]!
  }

  /** MTH of the first `size` leaves (RFC 9162 section 2.1.1). */
  async rootHash(size: number = this.size): Promise<Uint8Array> {
    this.checkSize(size)
    return this.rangeHash(0, size)
  }

  /** PATH(index, D[0:size]), RFC 9162 section 2.1.3.1: leaf's sibling first, root's child last. */
  async inclusionProof(index: number, size: number = this.size): Promise<Uint8Array[]> {
    this.checkSize(size)
    this.checkIndex(index, size)
    const path: Uint8Array[] = []
    let lo = 0
    let hi = size
    let m = index
    // Walk down from the root; each step records the sibling subtree, so reverse at the end.
    while (hi - lo > 1) {
      const k = splitPoint(hi - lo)
      if (m < k) {
        path.push(await this.rangeHash(lo + k, hi))
        hi = lo + k
      } else {
        path.push(await this.rangeHash(lo, lo + k))
        lo += k
        m -= k
      }
    }
    return path.reverse()
  }

  /** PROOF(oldSize, D[0:newSize]), RFC 9162 section 2.1.4.1. Empty when oldSize is 0 or newSize. */
  async consistencyProof(oldSize: number, newSize: number = this.size): Promise<Uint8Array[]> {
    this.checkSize(newSize)
    if (!isSize(oldSize) || oldSize > newSize) {
      throw new RangeError(`old size ${oldSize} must be between 0 and ${newSize}`)
    }
    if (oldSize === 0 || oldSize === newSize) return []
    const proof: Uint8Array[] = []
    let lo = 0
    let hi = newSize
    let m = oldSize
    let complete = true // the "b" flag of SUBPROOF: is this subtree a node of the old tree?
    while (m !== hi - lo) {
      const k = splitPoint(hi - lo)
      if (m <= k) {
        proof.push(await this.rangeHash(lo + k, hi))
        hi = lo + k
      } else {
        proof.push(await this.rangeHash(lo, lo + k))
        lo += k
        m -= k
        complete = false
      }
    }
    if (!complete) proof.push(await this.rangeHash(lo, hi))
    return proof.reverse()
  }

  // MTH(D[lo:hi]) where lo is a multiple of the largest power of two not above hi - lo, which
  // holds for every range the RFC's recursions visit from lo = 0.
  private async rangeHash(lo: number, hi: number): Promise<Uint8Array> {
    const n = hi - lo
    if (n === 0) return emptyRootHash(this.crypto)
    if (isPowerOfTwo(n) && lo % n === 0) return this.subtreeHash(exponent(n), lo / n)
    const k = splitPoint(n)
    const left = await this.rangeHash(lo, lo + k)
    const right = await this.rangeHash(lo + k, hi)
    return nodeHash(left, right, this.crypto)
  }

  private async subtreeHash(level: number, index: number): Promise<Uint8Array> {
    const row = this.levels[level] ?? (this.levels[level] = [])
    const known = row[index]
    if (known) return known
    const left = await this.subtreeHash(level - 1, index * 2)
    const right = await this.subtreeHash(level - 1, index * 2 + 1)
    const hash = await nodeHash(left, right, this.crypto)
    row[index] = hash
    return hash
  }

  private checkSize(size: number): void {
    if (!isSize(size) || size > this.size) {
      throw new RangeError(`tree size ${size} must be between 0 and ${this.size}`)
    }
  }

  private checkIndex(index: number, size: number): void {
    if (!isSize(index) || index >= size) {
      throw new RangeError(`leaf index ${index} must be below tree size ${size}`)
    }
  }
}

/** Root hash of a tree with these leaf hashes. */
export function rootHash(
  leafHashes: readonly Uint8Array[],
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  return new MerkleTree(crypto, leafHashes).rootHash()
}

/** Inclusion proof for leaf `index` in the tree of all these leaf hashes. */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: number,
  crypto: CryptoProvider,
): Promise<Uint8Array[]> {
  return new MerkleTree(crypto, leafHashes).inclusionProof(index)
}

/** Consistency proof from the first `oldSize` leaves to the tree of all these leaf hashes. */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  oldSize: number,
  crypto: CryptoProvider,
): Promise<Uint8Array[]> {
  return new MerkleTree(crypto, leafHashes).consistencyProof(oldSize)
}

/**
 * RFC 9162 section 2.1.3.2. Returns false, never throws, for any malformed argument (wrong hash
 * lengths, index >= treeSize, non-integer sizes, over-long proofs).
 */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  if (!isHash(leaf) || !isHash(root) || !isHashList(proof)) return false
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false
  let fn = index
  let sn = treeSize - 1
  let r = leaf
  for (const p of proof) {
    if (sn === 0) return false
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r, crypto)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      r = await nodeHash(r, p, crypto)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return sn === 0 && bytesEqual(r, root)
}

/**
 * RFC 9162 section 2.1.4.2, plus the two trivial cases the RFC leaves out: equal sizes are
 * consistent when the roots are equal and the proof is empty, and the empty tree (whose root
 * must be SHA-256 of the empty string) is consistent with every tree, again with an empty proof.
 * Returns false, never throws, for any malformed argument.
 */
export async function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
  crypto: CryptoProvider,
): Promise<boolean> {
  if (!isHash(oldRoot) || !isHash(newRoot) || !isHashList(proof)) return false
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot)
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, await emptyRootHash(crypto))
  // 1. An empty path fails.
  if (proof.length === 0) return false
  // 2. When the old tree is a complete subtree, its root is the first node of the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof]
  // 3-4.
  let fn = oldSize - 1
  let sn = newSize - 1
  while (odd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  // 5.
  let fr = path[0]!
  let sr = path[0]!
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr, crypto)
      sr = await nodeHash(c, sr, crypto)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      sr = await nodeHash(sr, c, crypto)
    }
    fn = half(fn)
    sn = half(sn)
  }
  // 7.
  return bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot) && sn === 0
}
