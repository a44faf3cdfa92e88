/** The consent record a device keeps (revisioned, as cookieconsent v3 does); anything else is "malformed". */
import * as v from 'valibot';
import { MethodSchema, PolicyVersion, PurposeIdSchema, RegimeIdSchema } from './schema-parts';

const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));

const PurposeEntrySchema = v.strictObject({
  granted: v.boolean(),
  method: MethodSchema,
  /** When this purpose was last decided, in ms since the epoch. */
  at: Timestamp,
  /** Whether Global Privacy Control was on when it was decided. */
  gpc: v.boolean(),
});

/** Schema of the record on the device. */
export const StoredConsentSchema = v.strictObject({
  v: v.literal(1),
  /** Pseudonymous visitor id, also sent to the ledger. */
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  policyVersion: PolicyVersion,
  regime: RegimeIdSchema,
  /** When the visitor last answered the notice as a whole; the lifetime counts from here. */
  decidedAt: Timestamp,
  purposes: v.record(PurposeIdSchema, PurposeEntrySchema),
});

/** The record on the device. */
export type StoredConsent = v.InferOutput<typeof StoredConsentSchema>;

/** One purpose's entry in the record on the device. */
export type StoredPurpose = v.InferOutput<typeof PurposeEntrySchema>;
