import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { CryptoProvider } from '../../../../src/core/crypto/crypto-provider'
import { portableCrypto } from '../../../../src/core/crypto/portable-crypto'
import { concatBytes, fromBase64, fromHex, toHex, utf8 } from '../../../../src/core/encoding/bytes'
import {
  MerkleTree,
  consistencyProof,
  emptyRootHash,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../../src/core/audit/merkle'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

// Leaf inputs and expected roots from transparency-dev/merkle testonly/constants.go:
// https://github.com/transparency-dev/merkle/blob/main/testonly/constants.go
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex)

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]

const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
]

// Proof vectors from transparency-dev/merkle proof/verify_test.go (leaf numbers there are
// 1-based; converted to 0-based indices here):
// https://github.com/transparency-dev/merkle/blob/main/proof/verify_test.go
const INCLUSION_VECTORS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    index: 2,
    size: 3,
    proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'],
  },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
]

const CONSISTENCY_VECTORS: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
]

const hexList = (hashes: Uint8Array[]) => hashes.map(toHex)

async function leafHashesOf(n: number, crypto: CryptoProvider): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for (let i = 0; i < n; i++) out.push(await leafHash(utf8(`leaf ${i}`), crypto))
  return out
}

// Independent, deliberately naive transcriptions of RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1.
function largestPowerBelow(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}
async function refMth(d: Uint8Array[], crypto: CryptoProvider): Promise<Uint8Array> {
  if (d.length === 0) return crypto.sha256(new Uint8Array(0))
  if (d.length === 1) return d[0]!
  const k = largestPowerBelow(d.length)
  return nodeHash(await refMth(d.slice(0, k), crypto), await refMth(d.slice(k), crypto), crypto)
}
async function refPath(m: number, d: Uint8Array[], crypto: CryptoProvider): Promise<Uint8Array[]> {
  if (d.length === 1) return []
  const k = largestPowerBelow(d.length)
  return m < k
    ? [...(await refPath(m, d.slice(0, k), crypto)), await refMth(d.slice(k), crypto)]
    : [...(await refPath(m - k, d.slice(k), crypto)), await refMth(d.slice(0, k), crypto)]
}
async function refSubproof(
  m: number,
  d: Uint8Array[],
  b: boolean,
  crypto: CryptoProvider,
): Promise<Uint8Array[]> {
  if (m === d.length) return b ? [] : [await refMth(d, crypto)]
  const k = largestPowerBelow(d.length)
  return m <= k
    ? [...(await refSubproof(m, d.slice(0, k), b, crypto)), await refMth(d.slice(k), crypto)]
    : [
        ...(await refSubproof(m - k, d.slice(k), false, crypto)),
        await refMth(d.slice(0, k), crypto),
      ]
}

describe.each([
  ['node:crypto', nodeCrypto],
  ['portable', portableCrypto],
])('RFC 9162 Merkle tree (%s)', (_name, crypto) => {
  it('hashes the transparency-dev leaf inputs to the published leaf hashes', async () => {
    for (const [i, input] of LEAF_INPUTS.entries()) {
      expect(toHex(await leafHash(input, crypto))).toBe(LEAF_HASHES[i])
    }
  })

  it('computes the published root for every size 0-8', async () => {
    const leaves = await Promise.all(LEAF_INPUTS.map((l) => leafHash(l, crypto)))
    expect(toHex(await emptyRootHash(crypto))).toBe(ROOTS[0])
    const tree = new MerkleTree(crypto)
    for (let size = 0; size <= 8; size++) {
      expect(toHex(await rootHash(leaves.slice(0, size), crypto))).toBe(ROOTS[size])
      if (size > 0) tree.append(leaves[size - 1]!)
      expect(toHex(await tree.rootHash())).toBe(ROOTS[size])
    }
    // Older sizes stay answerable from the grown tree.
    for (let size = 0; size <= 8; size++) expect(toHex(await tree.rootHash(size))).toBe(ROOTS[size])
  })

  it('matches Go sumdb/tlog RecordHash("hello world")', async () => {
    // golang.org/x/mod/sumdb/tlog note_test.go: the tree hash of a one-record tree.
    // https://github.com/golang/mod/blob/master/sumdb/tlog/note_test.go
    expect(await leafHash(utf8('hello world'), crypto)).toEqual(
      fromBase64('TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0='),
    )
  })

  it('generates and verifies the published inclusion proofs', async () => {
    const leaves = await Promise.all(LEAF_INPUTS.map((l) => leafHash(l, crypto)))
    for (const v of INCLUSION_VECTORS) {
      const tree = new MerkleTree(crypto, leaves.slice(0, v.size))
      const proof = await tree.inclusionProof(v.index)
      expect(hexList(proof)).toEqual(v.proof)
      const root = fromHex(ROOTS[v.size]!)
      expect(await verifyInclusion(leaves[v.index]!, v.index, v.size, proof, root, crypto)).toBe(
        true,
      )
    }
  })

  it('generates and verifies the published consistency proofs', async () => {
    const leaves = await Promise.all(LEAF_INPUTS.map((l) => leafHash(l, crypto)))
    for (const v of CONSISTENCY_VECTORS) {
      const proof = await consistencyProof(leaves.slice(0, v.size2), v.size1, crypto)
      expect(hexList(proof)).toEqual(v.proof)
      const [r1, r2] = [fromHex(ROOTS[v.size1]!), fromHex(ROOTS[v.size2]!)]
      expect(await verifyConsistency(v.size1, v.size2, r1, r2, proof, crypto)).toBe(true)
    }
  })
})

describe('corrupted published proofs (the probes of transparency-dev verify_test.go)', () => {
  const crypto = nodeCrypto
  const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456')

  it('never verify an inclusion proof with a wrong index, size, leaf, root or path', async () => {
    const leaves = await Promise.all(LEAF_INPUTS.map((l) => leafHash(l, crypto)))
    for (const v of INCLUSION_VECTORS.filter((x) => x.proof.length > 0)) {
      const proof = v.proof.map(fromHex)
      const root = fromHex(ROOTS[v.size]!)
      const leaf = leaves[v.index]!
      const flipped = proof.map((_, i) =>
        proof.map((p, j) => (i === j ? p.map((b, k) => (k === 0 ? b ^ 8 : b)) : p)),
      )
      const probes: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        [v.index - 1, v.size, leaf, root, proof],
        [v.index + 1, v.size, leaf, root, proof],
        [v.index ^ 2, v.size, leaf, root, proof],
        [v.index, v.size * 2, leaf, root, proof],
        [v.index, Math.floor(v.size / 2), leaf, root, proof],
        [v.index, v.size, utf8('WrongLeaf'), root, proof],
        [v.index, v.size, leaf, fromHex(ROOTS[0]!), proof],
        [v.index, v.size, leaf, someHash, proof],
        [v.index, v.size, leaf, root, [...proof, new Uint8Array(0)]],
        [v.index, v.size, leaf, root, [...proof, root]],
        [v.index, v.size, leaf, root, [new Uint8Array(0), ...proof]],
        [v.index, v.size, leaf, root, [root, ...proof]],
        [v.index, v.size, leaf, root, proof.slice(0, -1)],
        ...flipped.map(
          (p) =>
            [v.index, v.size, leaf, root, p] as [
              number,
              number,
              Uint8Array,
              Uint8Array,
              Uint8Array[],
            ],
        ),
      ]
      if (proof.length > 1) {
        probes.push([v.index, v.size, leaf, root, [proof[0]!, someHash, ...proof.slice(1)]])
      }
      for (const [index, size, l, r, p] of probes) {
        expect(await verifyInclusion(l, index, size, p, r, crypto)).toBe(false)
      }
    }
  })

  it('never verify a consistency proof with wrong sizes, roots or path', async () => {
    for (const v of CONSISTENCY_VECTORS.filter((x) => x.proof.length > 0)) {
      const proof = v.proof.map(fromHex)
      const [r1, r2] = [fromHex(ROOTS[v.size1]!), fromHex(ROOTS[v.size2]!)]
      const probes: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        [v.size1 - 1, v.size2, r1, r2, proof],
        [v.size1 + 1, v.size2, r1, r2, proof],
        [v.size1 ^ 2, v.size2, r1, r2, proof],
        [v.size1, v.size2 * 2, r1, r2, proof],
        [v.size1, Math.floor(v.size2 / 2), r1, r2, proof],
        [v.size1, v.size2, utf8('WrongRoot'), r2, proof],
        [v.size1, v.size2, r1, utf8('WrongRoot'), proof],
        [v.size1, v.size2, r2, r1, proof],
        [v.size1, v.size2, r1, r2, []],
        [v.size1, v.size2, r1, r2, [...proof, new Uint8Array(0)]],
        [v.size1, v.size2, r1, r2, [...proof, r1]],
        [v.size1, v.size2, r1, r2, [...proof, r2]],
        [v.size1, v.size2, r1, r2, [new Uint8Array(0), ...proof]],
        [v.size1, v.size2, r1, r2, [r1, ...proof]],
        [v.size1, v.size2, r1, r2, [r2, ...proof]],
        [v.size1, v.size2, r1, r2, [proof[0]!, ...proof]],
        [v.size1, v.size2, r1, r2, proof.slice(0, -1)],
        ...proof.map(
          (_, i) =>
            [
              v.size1,
              v.size2,
              r1,
              r2,
              proof.map((p, j) => (i === j ? p.map((b, k) => (k === 0 ? b ^ 16 : b)) : p)),
            ] as [number, number, Uint8Array, Uint8Array, Uint8Array[]],
        ),
      ]
      for (const [s1, s2, a, b, p] of probes) {
        expect(await verifyConsistency(s1, s2, a, b, p, crypto)).toBe(false)
      }
    }
  })
})

describe('Merkle proofs, exhaustively for small trees', () => {
  const crypto = nodeCrypto

  it('agree with a naive RFC transcription and round-trip for every pair up to 20 leaves', async () => {
    const all = await leafHashesOf(20, crypto)
    const tree = new MerkleTree(crypto, all)
    for (let n = 1; n <= 20; n++) {
      const leaves = all.slice(0, n)
      const root = await tree.rootHash(n)
      expect(root).toEqual(await refMth(leaves, crypto))
      for (let i = 0; i < n; i++) {
        const proof = await tree.inclusionProof(i, n)
        expect(proof).toEqual(await refPath(i, leaves, crypto))
        expect(await inclusionProof(leaves, i, crypto)).toEqual(proof)
        expect(await verifyInclusion(leaves[i]!, i, n, proof, root, crypto)).toBe(true)
        // Off by one in either direction never verifies.
        if (i > 0)
          expect(await verifyInclusion(leaves[i]!, i - 1, n, proof, root, crypto)).toBe(false)
        if (i + 1 < n)
          expect(await verifyInclusion(leaves[i]!, i + 1, n, proof, root, crypto)).toBe(false)
      }
      for (let m = 0; m <= n; m++) {
        const proof = await tree.consistencyProof(m, n)
        if (m > 0 && m < n) expect(proof).toEqual(await refSubproof(m, leaves, true, crypto))
        else expect(proof).toEqual([])
        const oldRoot = await tree.rootHash(m)
        expect(await verifyConsistency(m, n, oldRoot, root, proof, crypto)).toBe(true)
        if (m > 0 && m < n) {
          expect(await verifyConsistency(m, n, root, oldRoot, proof, crypto)).toBe(false)
          expect(await verifyConsistency(m - 1, n, oldRoot, root, proof, crypto)).toBe(false)
          expect(await verifyConsistency(m, n, oldRoot, root, proof.slice(1), crypto)).toBe(false)
        }
      }
    }
  })
})

describe('Merkle verification refuses hostile input', () => {
  const crypto = nodeCrypto
  const h = new Uint8Array(32)

  it('rejects impossible sizes, indices and hash lengths without throwing', async () => {
    const leaf = await leafHash(utf8('x'), crypto)
    const bad: [number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
      [0, 0, [], leaf, leaf],
      [1, 1, [], leaf, leaf],
      [2, 1, [], leaf, leaf],
      [-1, 1, [], leaf, leaf],
      [0.5, 1, [], leaf, leaf],
      [Number.NaN, 1, [], leaf, leaf],
      [0, Number.POSITIVE_INFINITY, [], leaf, leaf],
      [0, 2 ** 60, [], leaf, leaf],
      [0, 1, [], leaf.subarray(1), leaf.subarray(1)],
      [0, 1, [], new Uint8Array(0), leaf],
      [0, 2, [new Uint8Array(31)], leaf, leaf],
      [0, 2, Array.from({ length: 1000 }, () => h), leaf, leaf],
    ]
    for (const [index, size, proof, l, root] of bad) {
      expect(await verifyInclusion(l, index, size, proof, root, crypto)).toBe(false)
    }
    const notArray = 'nope' as unknown as Uint8Array[]
    expect(await verifyInclusion(leaf, 0, 1, notArray, leaf, crypto)).toBe(false)
    expect(await verifyConsistency(1, 2, leaf, leaf, notArray, crypto)).toBe(false)
  })

  it('handles the trivial consistency cases as documented', async () => {
    const empty = await emptyRootHash(crypto)
    const r = await leafHash(utf8('x'), crypto)
    expect(await verifyConsistency(0, 0, empty, empty, [], crypto)).toBe(true)
    expect(await verifyConsistency(0, 5, empty, r, [], crypto)).toBe(true)
    expect(await verifyConsistency(0, 5, r, r, [], crypto)).toBe(false) // not the empty root
    expect(await verifyConsistency(0, 5, empty, r, [empty], crypto)).toBe(false)
    expect(await verifyConsistency(3, 3, r, r, [], crypto)).toBe(true)
    expect(await verifyConsistency(3, 3, r, empty, [], crypto)).toBe(false)
    expect(await verifyConsistency(3, 3, r, r, [r], crypto)).toBe(false)
    expect(await verifyConsistency(4, 3, r, r, [], crypto)).toBe(false)
    expect(await verifyConsistency(1, 2, r, r, [], crypto)).toBe(false)
  })

  it('generation refuses out-of-range requests with RangeError', async () => {
    const tree = new MerkleTree(crypto, await leafHashesOf(3, crypto))
    await expect(tree.inclusionProof(3)).rejects.toThrow(RangeError)
    await expect(tree.inclusionProof(0, 4)).rejects.toThrow(RangeError)
    await expect(tree.consistencyProof(4, 3)).rejects.toThrow(RangeError)
    await expect(tree.rootHash(-1)).rejects.toThrow(RangeError)
    expect(() => tree.append(new Uint8Array(31))).toThrow(TypeError)
  })
})

describe('Merkle properties (fast-check)', () => {
  const crypto = nodeCrypto
  const leavesPromise = leafHashesOf(64, crypto)

  it('a proof verifies only for its own leaf, index, size and root', async () => {
    const all = await leavesPromise
    const tree = new MerkleTree(crypto, all)
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 64 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        fc.integer({ min: 0, max: 5 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        async ([n, index], kind, pick, bit) => {
          const root = await tree.rootHash(n)
          const proof = await tree.inclusionProof(index, n)
          const leaf = all[index]!
          expect(await verifyInclusion(leaf, index, n, proof, root, crypto)).toBe(true)
          const flip = (b: Uint8Array) => {
            const c = b.slice()
            c[pick % 32] = c[pick % 32]! ^ (1 << (bit % 8))
            return c
          }
          let ok: boolean
          switch (kind) {
            case 0: // mutate a proof hash (or add one when the proof is empty)
              ok = await verifyInclusion(
                leaf,
                index,
                n,
                proof.length
                  ? proof.map((p, i) => (i === pick % proof.length ? flip(p) : p))
                  : [root],
                root,
                crypto,
              )
              break
            case 1:
              ok = await verifyInclusion(leaf, index, n, proof, flip(root), crypto)
              break
            case 2:
              ok = await verifyInclusion(flip(leaf), index, n, proof, root, crypto)
              break
            case 3: {
              if (n === 1) return
              const other = (index + 1 + (pick % (n - 1))) % n
              ok = await verifyInclusion(leaf, other, n, proof, root, crypto)
              break
            }
            case 4:
              // Only a bigger tree with another shape: a proof for index 0 of 3 leaves also
              // fits 4 leaves, which is why the size must come from a signed checkpoint.
              ok = await verifyInclusion(leaf, index, n * 2, proof, root, crypto)
              break
            default:
              ok = await verifyInclusion(leaf, index, n, [...proof, proof[0] ?? root], root, crypto)
          }
          expect(ok).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a consistency proof verifies only for its own sizes and roots', async () => {
    const all = await leavesPromise
    const tree = new MerkleTree(crypto, all)
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 64 })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n))),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async ([m, n], kind, pick, bit) => {
          const [r1, r2] = [await tree.rootHash(m), await tree.rootHash(n)]
          const proof = await tree.consistencyProof(m, n)
          expect(await verifyConsistency(m, n, r1, r2, proof, crypto)).toBe(true)
          const flip = (b: Uint8Array) => {
            const c = b.slice()
            c[pick % 32] = c[pick % 32]! ^ (1 << bit)
            return c
          }
          const mutated =
            kind === 0
              ? verifyConsistency(
                  m,
                  n,
                  r1,
                  r2,
                  proof.map((p, i) => (i === pick % proof.length ? flip(p) : p)),
                  crypto,
                )
              : kind === 1
                ? verifyConsistency(m, n, flip(r1), r2, proof, crypto)
                : kind === 2
                  ? verifyConsistency(m, n, r1, flip(r2), proof, crypto)
                  : kind === 3
                    ? verifyConsistency(m, n * 2, r1, r2, proof, crypto)
                    : verifyConsistency(pick % 2 ? m + 1 : m - 1, n, r1, r2, proof, crypto)
          expect(await mutated).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('Merkle tree at scale', () => {
  it('builds 100,000 leaves once and answers roots and proofs from the cache', async () => {
    const crypto = nodeCrypto
    const n = 100_000
    const leaves: Uint8Array[] = []
    for (let i = 0; i < n; i++) {
      leaves.push(await crypto.sha256(concatBytes(new Uint8Array([0]), utf8(String(i)))))
    }
    const tree = new MerkleTree(crypto, leaves)
    const root = await tree.rootHash()
    for (const index of [0, 1, 65_535, 65_536, 99_998, 99_999]) {
      const proof = await tree.inclusionProof(index)
      expect(proof.length).toBeLessThanOrEqual(17)
      expect(await verifyInclusion(leaves[index]!, index, n, proof, root, crypto)).toBe(true)
    }
    const older = await tree.rootHash(70_001)
    const proof = await tree.consistencyProof(70_001)
    expect(await verifyConsistency(70_001, n, older, root, proof, crypto)).toBe(true)
  })
})
