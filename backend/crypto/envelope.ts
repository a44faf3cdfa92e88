/**
 * Envelope encryption with AES-256-GCM: personal data is sealed under a per-subject data key, which
 * is itself wrapped by the master key. Deleting the wrapped key (crypto-shredding) makes every
 * ciphertext of that subject unreadable while the ledger's hashes stay valid.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** A fresh random 256-bit data key. */
export const newDataKey = (): Buffer => randomBytes(32);

/** Encrypts with a 96-bit random IV; the additional data binds the ciphertext to its row. */
export function seal(key: Uint8Array, plaintext: Uint8Array | string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Decrypts what seal produced; null if the key, the data or the additional data do not match. */
export function open(key: Uint8Array, sealed: string, aad: string): Buffer | null {
  const [version, payload] = sealed.split('.');
  if (version !== VERSION || !payload) return null;
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(bytes.subarray(-16));
    return Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]);
  } catch {
    // A wrong key or altered data fails authentication: the caller treats it as unreadable.
    return null;
  }
}
