/**
 * The per-site hash chain. Each entry's leaf hash is SHA-256(0x00 ‖ canonical record) (an RFC 6962
 * leaf, so checkpoints can build Merkle trees over the same leaves); its chain hash is
 * SHA-256(previous chain hash ‖ leaf hash), the genesis previous hash being 32 zero bytes.
 */
import { createHash } from 'node:crypto';
import { merkleLeaf } from './merkle';

/** The previous hash of a chain's first entry. */
export const GENESIS = '0'.repeat(64);

/** Leaf hash (hex) of a canonical record. */
export const leafHashOf = (record: string): string => merkleLeaf(record).toString('hex');

/** Chain hash (hex) linking a leaf to the previous entry. */
export const chainHashOf = (previous: string, leaf: string): string =>
  createHash('sha256')
    .update(Buffer.from(previous, 'hex'))
    .update(Buffer.from(leaf, 'hex'))
    .digest('hex');
