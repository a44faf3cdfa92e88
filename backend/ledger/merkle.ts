/** RFC 6962 Merkle tree hashing: leaves hashed with 0x00, nodes with 0x01, split at the largest power of two. */
import { createHash } from 'node:crypto';

const hashBytes = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Leaf hash of an entry: SHA-256(0x00 ‖ entry). */
export const merkleLeaf = (entry: Uint8Array | string): Buffer =>
  hashBytes(Buffer.from([0]), typeof entry === 'string' ? Buffer.from(entry) : entry);

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export const merkleNode = (left: Uint8Array, right: Uint8Array): Buffer =>
  hashBytes(Buffer.from([1]), left, right);

const EMPTY = hashBytes();

const largestPowerOfTwoBelow = (n: number) => 2 ** Math.floor(Math.log2(n - 1));

/** The Merkle tree hash of a list of leaf hashes (RFC 6962 §2.1). */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return EMPTY;
  if (leaves.length === 1) return Buffer.from(leaves[0]!);
  const k = largestPowerOfTwoBelow(leaves.length);
  return merkleNode(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** The audit path proving leaf `index` is in the tree of these leaves (RFC 6962 §2.1.1). */
export function inclusionProof(index: number, leaves: readonly Uint8Array[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return index < k
    ? [...inclusionProof(index, leaves.slice(0, k)), merkleRoot(leaves.slice(k))]
    : [...inclusionProof(index - k, leaves.slice(k)), merkleRoot(leaves.slice(0, k))];
}

/** Verifies an audit path (RFC 9162 §2.1.3.2). */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = merkleNode(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = merkleNode(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(Buffer.from(root));
}

/**
 * The right edge of a growing tree: one perfect-subtree root per set bit of the size, so appending
 * and computing the root cost O(log n) instead of rehashing every leaf.
 */
export class MerkleFrontier {
  private peaks: { size: number; hash: Buffer }[] = [];
  size = 0;

  /** Appends one leaf hash. */
  push(leaf: Uint8Array): void {
    let node: { size: number; hash: Buffer } = { size: 1, hash: Buffer.from(leaf) };
    while (this.peaks.length && this.peaks[this.peaks.length - 1]!.size === node.size) {
      const left = this.peaks.pop()!;
      node = { size: left.size * 2, hash: merkleNode(left.hash, node.hash) };
    }
    this.peaks.push(node);
    this.size += 1;
  }

  /** The frontier as JSON, to resume from without rereading every leaf. */
  peaksJson(): string {
    return JSON.stringify(this.peaks.map((p) => [p.size, p.hash.toString('hex')]));
  }

  /** Restores a frontier saved by peaksJson; null if the text is not a well-formed frontier. */
  static fromPeaksJson(text: string | null): MerkleFrontier | null {
    try {
      const peaks = JSON.parse(text ?? '') as unknown;
      if (!Array.isArray(peaks)) return null;
      const frontier = new MerkleFrontier();
      let previous = Infinity;
      for (const peak of peaks) {
        const [size, hash] = peak as [unknown, unknown];
        const ok =
          typeof size === 'number' &&
          Number.isInteger(size) &&
          size >= 1 &&
          Number.isInteger(Math.log2(size)) &&
          size < previous &&
          typeof hash === 'string' &&
          /^[0-9a-f]{64}$/.test(hash);
        if (!ok) return null;
        frontier.peaks.push({ size, hash: Buffer.from(hash, 'hex') });
        frontier.size += size;
        previous = size;
      }
      return frontier;
    } catch {
      return null;
    }
  }

  /** The root over every leaf pushed so far. */
  root(): Buffer {
    if (this.peaks.length === 0) return EMPTY;
    let acc = this.peaks[this.peaks.length - 1]!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = merkleNode(this.peaks[i]!.hash, acc);
    return acc;
  }
}
