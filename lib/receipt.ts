import * as v from 'valibot';
import { CountryCode, Sha256Hex } from './schema-parts';

/** Schema of the receipt the ledger returns for a stored event; the visitor can verify it offline. */
export const ReceiptSchema = v.strictObject({
  eventId: v.pipe(v.string(), v.uuid()),
  siteId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Position of the event in the site's chain, from 0. */
  position: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Chain hash of this event: SHA-256 over the previous hash and the event's canonical form. */
  hash: Sha256Hex,
  previousHash: Sha256Hex,
  /** The server's own time of receipt. */
  receivedAt: v.pipe(v.string(), v.isoTimestamp()),
  /** Region the server saw, if it trusts a proxy header. */
  country: v.nullable(CountryCode),
  /** Whether the request carried Sec-GPC: 1. */
  gpcHeader: v.boolean(),
  algorithm: v.literal('Ed25519'),
  /** Id of the published verification key. */
  keyId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Base64url Ed25519 signature over the canonical JSON of every other field. */
  signature: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{86}$/, 'must be a base64url Ed25519 signature'),
  ),
});

/** A receipt for one consent event. */
export type Receipt = v.InferOutput<typeof ReceiptSchema>;
