import type { Identifier } from './identifiers';

interface WebCrypto {
  subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> };
}
interface Encoder {
  encode(text: string): Uint8Array;
}

// WebCrypto and TextEncoder are globals in browsers, Node 20+ and extension service workers;
// lib/ is compiled without DOM or Node types, so they are reached through globalThis.
const platform = globalThis as unknown as { crypto: WebCrypto; TextEncoder: new () => Encoder };

/** SHA-256 of a UTF-8 string as lower-case hex, through WebCrypto. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new platform.TextEncoder().encode(text);
  const hash = new Uint8Array(await platform.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of hash) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The digest the extension sends and the ledger looks up: SHA-256 of the normalised form. */
export const identifierDigest = (identifier: Identifier): Promise<string> =>
  sha256Hex(identifier.value);
