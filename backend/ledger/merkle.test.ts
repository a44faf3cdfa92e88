/**
 * RFC 6962 Merkle hashing, checked against the definition (re-implemented here with node:crypto),
 * the Certificate Transparency reference vectors, and an adversarial verifier test: every proof the
 * prover makes must verify, and every single change to its inputs must not.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  inclusionProof,
  MerkleFrontier,
  merkleLeaf,
  merkleNode,
  merkleRoot,
  verifyInclusion,
} from './merkle';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

/** MTH(D[n]) exactly as RFC 6962 §2.1 defines it, over the entries (not their leaf hashes). */
function referenceMth(entries: readonly Uint8Array[]): Buffer {
  const n = entries.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.from([0]), entries[0]!);
  let k = 1;
  while (k * 2 < n) k *= 2; // the largest power of two smaller than n
  return sha256(
    Buffer.from([1]),
    referenceMth(entries.slice(0, k)),
    referenceMth(entries.slice(k)),
  );
}

/** PATH(m, D[n]) as RFC 6962 §2.1.1 defines it. */
function referencePath(m: number, entries: readonly Uint8Array[]): Buffer[] {
  const n = entries.length;
  if (n <= 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k
    ? [...referencePath(m, entries.slice(0, k)), referenceMth(entries.slice(k))]
    : [...referencePath(m - k, entries.slice(k)), referenceMth(entries.slice(0, k))];
}

/**
 * The shape of the audit path of leaf `m` in a tree of `n`: on which side each sibling sits, leaf
 * to root. The verifier binds the tree size only through this shape and the root, so a proof
 * checked at another size must fail whenever the shape differs (same-shape sizes are told apart by
 * the root, which a checkpoint signs together with its size).
 */
function pathShape(m: number, n: number): string {
  if (n <= 1) return '';
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k ? `${pathShape(m, k)}R` : `${pathShape(m - k, n - k)}L`;
}

/** Distinct entries: entry i is the bytes [i, i >> 8, 7]. */
const entriesOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => Buffer.from([i & 0xff, i >> 8, 7]));

const flipBit = (bytes: Uint8Array, bit: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};

// The Certificate Transparency reference inputs and tree heads (sizes 0..8).
const CT_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_PROOFS = [
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
];

describe('RFC 6962 hashes: known values', () => {
  it('the empty tree root is SHA-256 of the empty string', () => {
    expect(hex(merkleRoot([]))).toBe(hex(sha256(Buffer.alloc(0))));
    expect(hex(merkleRoot([]))).toBe(CT_ROOTS[0]);
    expect(hex(new MerkleFrontier().root())).toBe(CT_ROOTS[0]);
  });

  it('a leaf is SHA-256(0x00 ‖ entry) and a node SHA-256(0x01 ‖ left ‖ right)', () => {
    const entry = Buffer.from('consent');
    expect(hex(merkleLeaf(entry))).toBe(hex(sha256(Buffer.from([0]), entry)));
    expect(hex(merkleLeaf('consent'))).toBe(hex(merkleLeaf(entry)));
    const [a, b] = [sha256(Buffer.from('a')), sha256(Buffer.from('b'))];
    expect(hex(merkleNode(a, b))).toBe(hex(sha256(Buffer.from([1]), a, b)));
    expect(hex(merkleNode(a, b))).not.toBe(hex(merkleNode(b, a)));
  });

  it('a one-leaf root is the leaf hash itself', () => {
    const leaf = merkleLeaf('only');
    expect(hex(merkleRoot([leaf]))).toBe(hex(leaf));
  });

  it('small trees computed by hand from the definition', () => {
    const [d0, d1, d2, d3, d4] = entriesOf(5).map((e) => sha256(Buffer.from([0]), e));
    const n = (l: Buffer, r: Buffer) => sha256(Buffer.from([1]), l, r);
    // 2 leaves: one node; 3: split at 2; 4: balanced; 5: split at 4 with the 5th leaf alone.
    expect(hex(merkleRoot([d0!, d1!]))).toBe(hex(n(d0!, d1!)));
    expect(hex(merkleRoot([d0!, d1!, d2!]))).toBe(hex(n(n(d0!, d1!), d2!)));
    expect(hex(merkleRoot([d0!, d1!, d2!, d3!]))).toBe(hex(n(n(d0!, d1!), n(d2!, d3!))));
    expect(hex(merkleRoot([d0!, d1!, d2!, d3!, d4!]))).toBe(
      hex(n(n(n(d0!, d1!), n(d2!, d3!)), d4!)),
    );
  });

  it('matches the Certificate Transparency reference roots for sizes 0..8', () => {
    const leaves = CT_ENTRIES.map((e) => merkleLeaf(e));
    for (let size = 0; size <= 8; size++) {
      expect(hex(merkleRoot(leaves.slice(0, size))), `size ${size}`).toBe(CT_ROOTS[size]);
      expect(hex(referenceMth(CT_ENTRIES.slice(0, size))), `reference, size ${size}`).toBe(
        CT_ROOTS[size],
      );
    }
  });

  it('produces and accepts the Certificate Transparency reference audit paths', () => {
    const leaves = CT_ENTRIES.map((e) => merkleLeaf(e));
    for (const { index, size, proof } of CT_PROOFS) {
      const tree = leaves.slice(0, size);
      expect(inclusionProof(index, tree).map(hex), `${index}/${size}`).toEqual(proof);
      expect(verifyInclusion(index, size, leaves[index]!, proof.map(unhex), unhex(CT_ROOTS[size]!)))
        .toBe(true); // prettier-ignore
    }
  });

  it('merkleRoot and inclusionProof equal the definition for every size up to 70', () => {
    for (let size = 0; size <= 70; size++) {
      const entries = entriesOf(size);
      const leaves = entries.map((e) => merkleLeaf(e));
      expect(hex(merkleRoot(leaves)), `size ${size}`).toBe(hex(referenceMth(entries)));
      for (const index of [0, size >> 1, size - 1].filter((i) => i >= 0)) {
        expect(inclusionProof(index, leaves).map(hex), `${index}/${size}`).toEqual(
          referencePath(index, entries).map(hex),
        );
      }
    }
  });
});

describe('MerkleFrontier', () => {
  it('root() equals merkleRoot(leaves) after every push, sizes 0..70', () => {
    const frontier = new MerkleFrontier();
    const leaves: Buffer[] = [];
    expect(hex(frontier.root())).toBe(hex(merkleRoot(leaves)));
    for (const entry of entriesOf(70)) {
      const leaf = merkleLeaf(entry);
      frontier.push(leaf);
      leaves.push(leaf);
      expect(frontier.size).toBe(leaves.length);
      expect(hex(frontier.root()), `size ${leaves.length}`).toBe(hex(merkleRoot(leaves)));
    }
  });

  it('root() equals merkleRoot(leaves) for any leaves (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 140 }),
        (raw) => {
          const frontier = new MerkleFrontier();
          raw.forEach((leaf) => frontier.push(leaf));
          expect(frontier.size).toBe(raw.length);
          expect(hex(frontier.root())).toBe(hex(merkleRoot(raw)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('resumes from its saved peaks with the same size, root and future roots', () => {
    for (let size = 0; size <= 70; size++) {
      const leaves = entriesOf(size + 5).map((e) => merkleLeaf(e));
      const original = new MerkleFrontier();
      leaves.slice(0, size).forEach((leaf) => original.push(leaf));
      const restored = MerkleFrontier.fromPeaksJson(original.peaksJson());
      expect(restored, `size ${size}`).not.toBeNull();
      expect(restored!.size).toBe(size);
      expect(hex(restored!.root())).toBe(hex(original.root()));
      for (const leaf of leaves.slice(size)) {
        restored!.push(leaf);
        original.push(leaf);
        expect(hex(restored!.root())).toBe(hex(original.root()));
      }
      expect(hex(restored!.root())).toBe(hex(merkleRoot(leaves)));
    }
  });

  it('refuses saved peaks that are not a well-formed frontier', () => {
    const h = 'ab'.repeat(32);
    for (const text of [
      null,
      '',
      'not json',
      '{}',
      '[1]',
      `[[3,"${h}"]]`, // not a power of two
      `[[1,"${h}"],[2,"${h}"]]`, // growing
      `[[2,"${h}"],[2,"${h}"]]`, // repeated
      `[[0,"${h}"]]`,
      `[[-2,"${h}"]]`,
      `[[0.5,"${h}"]]`, // a fraction of a leaf
      `[[4,"${h.slice(2)}"]]`, // short hash
      `[[4,"${h.toUpperCase()}"]]`,
      `[[4,null]]`,
      `[["4","${h}"]]`,
    ]) {
      expect(MerkleFrontier.fromPeaksJson(text), String(text)).toBeNull();
    }
    expect(MerkleFrontier.fromPeaksJson('[]')?.size).toBe(0);
    expect(MerkleFrontier.fromPeaksJson(`[[4,"${h}"],[1,"${h}"]]`)?.size).toBe(5);
  });

  it('does not alias the pushed buffers', () => {
    const frontier = new MerkleFrontier();
    const leaf = merkleLeaf('a');
    frontier.push(leaf);
    const before = hex(frontier.root());
    leaf.fill(0);
    expect(hex(frontier.root())).toBe(before);
  });
});

describe('inclusion proofs', () => {
  it('verify for every index of every tree up to 40 leaves', () => {
    for (let size = 1; size <= 40; size++) {
      const leaves = entriesOf(size).map((e) => merkleLeaf(e));
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, leaves);
        expect(verifyInclusion(index, size, leaves[index]!, proof, root), `${index}/${size}`).toBe(
          true,
        );
      }
    }
  });

  it('verify for random trees and indexes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 100 }),
        fc.nat(),
        (leaves, pick) => {
          const index = pick % leaves.length;
          const proof = inclusionProof(index, leaves);
          return verifyInclusion(index, leaves.length, leaves[index]!, proof, merkleRoot(leaves));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the verifier, adversarially', () => {
  const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33];

  it('rejects any single-bit flip in the leaf, any proof element or the root', () => {
    for (const size of SIZES) {
      const leaves = entriesOf(size).map((e) => merkleLeaf(e));
      const root = merkleRoot(leaves);
      for (const index of new Set([0, 1 % size, size >> 1, size - 1])) {
        const leaf = leaves[index]!;
        const proof = inclusionProof(index, leaves);
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        for (let bit = 0; bit < 256; bit++) {
          const where = `${index}/${size} bit ${bit}`;
          expect(verifyInclusion(index, size, flipBit(leaf, bit), proof, root), where).toBe(false);
          expect(verifyInclusion(index, size, leaf, proof, flipBit(root, bit)), where).toBe(false);
          for (let p = 0; p < proof.length; p++) {
            const bad = proof.map((e, i) => (i === p ? flipBit(e, bit) : e));
            expect(verifyInclusion(index, size, leaf, bad, root), `${where} of proof ${p}`).toBe(
              false,
            );
          }
        }
      }
    }
  });

  it('derives the path shape the way the prover does', () => {
    for (let size = 1; size <= 40; size++) {
      const leaves = entriesOf(size).map((e) => merkleLeaf(e));
      for (let index = 0; index < size; index++)
        expect(pathShape(index, size).length).toBe(inclusionProof(index, leaves).length);
    }
  });

  it('rejects a proof checked at another index, or at a tree size with another path', () => {
    for (const size of SIZES) {
      const leaves = entriesOf(size).map((e) => merkleLeaf(e));
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index++) {
        const leaf = leaves[index]!;
        const proof = inclusionProof(index, leaves);
        for (let other = -1; other <= size; other++) {
          if (other !== index)
            expect(verifyInclusion(other, size, leaf, proof, root), `${index}→${other}/${size}`)
              .toBe(false); // prettier-ignore
        }
        for (let otherSize = 0; otherSize <= size * 2 + 1; otherSize++) {
          if (index >= otherSize || pathShape(index, otherSize) !== pathShape(index, size))
            expect(verifyInclusion(index, otherSize, leaf, proof, root), `${index}/${size}→${otherSize}`)
              .toBe(false); // prettier-ignore
        }
      }
    }
  });

  it('rejects the proof of a leaf presented for another leaf of the same tree', () => {
    const leaves = entriesOf(21).map((e) => merkleLeaf(e));
    const root = merkleRoot(leaves);
    for (let index = 0; index < leaves.length; index++) {
      const proof = inclusionProof(index, leaves);
      for (let other = 0; other < leaves.length; other++) {
        if (other !== index)
          expect(verifyInclusion(index, leaves.length, leaves[other]!, proof, root)).toBe(false);
      }
    }
  });

  it('rejects truncated, extended, reordered and padded proofs', () => {
    for (const size of SIZES.filter((s) => s > 1)) {
      const leaves = entriesOf(size).map((e) => merkleLeaf(e));
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index++) {
        const leaf = leaves[index]!;
        const proof = inclusionProof(index, leaves);
        const where = `${index}/${size}`;
        expect(proof.length).toBeGreaterThan(0);
        // Dropping any element, or the tail, or everything.
        for (let cut = 0; cut < proof.length; cut++) {
          expect(verifyInclusion(index, size, leaf, proof.slice(0, cut), root), where).toBe(false);
          const without = proof.filter((_, i) => i !== cut);
          expect(verifyInclusion(index, size, leaf, without, root), where).toBe(false);
        }
        // Garbage after or before the proof (transparency-dev's "preceding-garbage" and friends).
        for (const extra of [Buffer.alloc(32), root, leaf, proof[0]!]) {
          expect(verifyInclusion(index, size, leaf, [...proof, extra], root), where).toBe(false);
          expect(verifyInclusion(index, size, leaf, [extra, ...proof], root), where).toBe(false);
        }
        if (proof.length > 1 && hex(proof[0]!) !== hex(proof[1]!)) {
          const swapped = [proof[1]!, proof[0]!, ...proof.slice(2)];
          expect(verifyInclusion(index, size, leaf, swapped, root), where).toBe(false);
        }
      }
    }
  });

  it('a one-leaf tree has an empty proof and accepts only its own leaf as root', () => {
    const leaf = merkleLeaf('x');
    expect(inclusionProof(0, [leaf])).toEqual([]);
    expect(verifyInclusion(0, 1, leaf, [], leaf)).toBe(true);
    expect(verifyInclusion(0, 1, leaf, [leaf], merkleNode(leaf, leaf))).toBe(false);
    expect(verifyInclusion(0, 1, merkleLeaf('y'), [], leaf)).toBe(false);
    expect(verifyInclusion(0, 0, leaf, [], leaf)).toBe(false);
  });

  it('rejects a leaf posing as an interior node (second preimage)', () => {
    // An attacker offers the concatenation of two leaf hashes as an "entry" in a smaller tree.
    const leaves = entriesOf(4).map((e) => merkleLeaf(e));
    const root = merkleRoot(leaves);
    const forged = merkleLeaf(Buffer.concat([leaves[0]!, leaves[1]!]));
    expect(verifyInclusion(0, 2, forged, [merkleNode(leaves[2]!, leaves[3]!)], root)).toBe(false);
    // Whereas the interior node itself, with the right path, reconstructs the root: the leaf
    // prefix is what keeps an entry from being mistaken for it.
    const node = merkleNode(leaves[0]!, leaves[1]!);
    expect(verifyInclusion(0, 2, node, [merkleNode(leaves[2]!, leaves[3]!)], root)).toBe(true);
    expect(hex(forged)).not.toBe(hex(node));
  });

  it('rejects any random mutation of a valid proof (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('leaf', 'root', 'proof', 'index', 'size'),
        (size, pickIndex, pickPart, pickBit, what) => {
          const leaves = entriesOf(size).map((e) => merkleLeaf(e));
          const index = pickIndex % size;
          let leaf = leaves[index]!;
          let root = merkleRoot(leaves);
          let proof = inclusionProof(index, leaves);
          let [i, n] = [index, size];
          const bit = pickBit % 256;
          if (what === 'leaf') leaf = flipBit(leaf, bit);
          if (what === 'root') root = flipBit(root, bit);
          if (what === 'proof') {
            const p = pickPart % proof.length;
            proof = proof.map((e, k) => (k === p ? flipBit(e, bit) : e));
          }
          if (what === 'index') i = (index + 1 + (pickPart % (size - 1))) % size;
          if (what === 'size') {
            n = 1 + (pickPart % 130);
            fc.pre(index >= n || pathShape(index, n) !== pathShape(index, size));
          }
          return !verifyInclusion(i, n, leaf, proof, root);
        },
      ),
      { numRuns: 500 },
    );
  });
});
