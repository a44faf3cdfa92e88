import { createHash, createHmac } from 'node:crypto';

/** SHA-256 as lower-case hex. */
export const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** HMAC-SHA-256 as lower-case hex. */
export const hmacSha256 = (key: Uint8Array, data: string): string =>
  createHmac('sha256', key).update(data).digest('hex');
