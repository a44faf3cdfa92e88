import { hmacSha256 } from './hash';

/**
 * The stored reference of a person: HMAC-SHA-256 under the server pepper of the site id and the
 * identifier digest (SHA-256 of the normalised identifier, as lib/ computes it). A stolen database
 * cannot be matched against a list of emails without the pepper, and refs differ between sites.
 */
export const subjectRef = (pepper: Uint8Array, siteId: string, digest: string): string =>
  hmacSha256(pepper, `${siteId}\n${digest}`);
