import * as v from 'valibot';
import { STATUSES } from './consent-status';
import { PolicyVersion, PurposeIdSchema, RegimeIdSchema, Sha256Hex } from './schema-parts';

/** Most digests one look-up may carry. */
export const MAX_LOOKUP = 500;

/** Schema of a look-up: digests of normalised identifiers (never the identifiers themselves). */
export const LookupRequestSchema = v.strictObject({
  digests: v.pipe(
    v.array(Sha256Hex),
    v.minLength(1, 'must hold at least one digest'),
    v.maxLength(MAX_LOOKUP, `must hold at most ${MAX_LOOKUP} digests`),
    v.check((d) => new Set(d).size === d.length, 'must not repeat a digest'),
  ),
  /** Purposes to report; all the site's purposes when omitted. */
  purposes: v.optional(v.pipe(v.array(PurposeIdSchema), v.minLength(1))),
});

/** A look-up request. */
export type LookupRequest = v.InferOutput<typeof LookupRequestSchema>;

/** Warnings a look-up can attach to a person. */
export const LOOKUP_WARNINGS = [
  'unverified_identity',
  'gpc_opt_out',
  'expiring_soon',
  'erased',
] as const;

const PurposeAnswerSchema = v.strictObject({
  status: v.picklist(STATUSES),
  /** When the deciding event was received (ISO 8601), if there is one. */
  at: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
  policyVersion: v.nullable(PolicyVersion),
  regime: v.nullable(RegimeIdSchema),
  reason: v.pipe(v.string(), v.maxLength(300)),
});

/** Schema of the answer for one digest. It carries no personal data. */
export const LookupResultSchema = v.strictObject({
  digest: Sha256Hex,
  /** Whether the identity was confirmed (e.g. double opt-in) rather than merely claimed. */
  verified: v.boolean(),
  purposes: v.record(PurposeIdSchema, PurposeAnswerSchema),
  warnings: v.array(
    v.strictObject({
      code: v.picklist(LOOKUP_WARNINGS),
      message: v.pipe(v.string(), v.maxLength(300)),
    }),
  ),
});

/** Schema of a look-up response: one result per requested digest, in request order. */
export const LookupResponseSchema = v.strictObject({
  results: v.array(LookupResultSchema),
  checkedAt: v.pipe(v.string(), v.isoTimestamp()),
});

/** A look-up response. */
export type LookupResponse = v.InferOutput<typeof LookupResponseSchema>;

/** The answer for one digest. */
export type LookupResult = v.InferOutput<typeof LookupResultSchema>;
