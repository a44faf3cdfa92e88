import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';

/** Signs the canonical JSON of a value with Ed25519; the signature is base64url. */
export const signCanonical = (key: KeyObject, value: unknown): string =>
  sign(null, Buffer.from(canonicalJson(value)), key).toString('base64url');

/** Verifies a base64url Ed25519 signature over the canonical JSON of a value. */
export const verifyCanonical = (key: KeyObject, value: unknown, signature: string): boolean => {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(value)),
      key,
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
};
