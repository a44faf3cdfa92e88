import { randomBytes } from 'node:crypto';
import { sha256 } from '../crypto/hash';
import type { KeyScope } from '../storage/storage';

/** Key prefixes by scope: a leaked key says at a glance what it can do. */
export const KEY_PREFIX: Record<KeyScope, string> = { site: 'pk_', reader: 'rk_', admin: 'sk_' };

const KEY_FORMAT = /^(pk|rk|sk)_[A-Za-z0-9_-]{32}$/;

/** A new key: the secret (shown once) and what is stored (its id and hash). */
export function generateKey(scope: KeyScope): { key: string; id: string; hash: string } {
  const key = `${KEY_PREFIX[scope]}${randomBytes(24).toString('base64url')}`;
  return { key, id: `key_${randomBytes(6).toString('hex')}`, hash: hashKey(key) };
}

/** The stored form of a key. Keys carry 192 random bits, so a fast hash is enough. */
export const hashKey = (key: string): string => sha256(key);

/** Tells whether a string has the shape of a Consentry key (checked before any look-up). */
export const looksLikeKey = (value: string): boolean => KEY_FORMAT.test(value);
