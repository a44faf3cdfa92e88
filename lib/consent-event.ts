import * as v from 'valibot';
import { normaliseEmail } from './identifiers';
import {
  HttpUrl,
  LanguageTag,
  MethodSchema,
  PolicyVersion,
  PurposeIdSchema,
  RegimeIdSchema,
  Sha256Hex,
  text,
} from './schema-parts';

/** Opaque ids: a site id or a pseudonymous visitor id. */
const OpaqueId = (min: number) =>
  v.pipe(
    v.string(),
    v.regex(
      new RegExp(`^[A-Za-z0-9_-]{${min},64}$`),
      `must be ${min}-64 letters, digits, "_" or "-"`,
    ),
  );

const normalisedEmail = v.pipe(
  text(254),
  v.check((s) => {
    const r = normaliseEmail(s);
    return r.ok && r.value.value === s;
  }, 'must be a normalised email address (trimmed, lower-case)'),
);

// Only the E.164 shape here, so a bundle that checks events does not carry libphonenumber's
// metadata (about 30 kB); the ledger checks the number itself with normalisePhone.
const normalisedPhone = v.pipe(
  text(16),
  v.regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +4930123456'),
);

/** Schema of one consent event as the widget sends it to the ledger. */
export const ConsentEventSchema = v.strictObject({
  /** Client-generated UUID; the ledger is idempotent on it. */
  eventId: v.pipe(v.string(), v.uuid('must be a UUID')),
  siteId: OpaqueId(1),
  visitorId: OpaqueId(8),
  identifiers: v.optional(
    v.strictObject({ email: v.optional(normalisedEmail), phone: v.optional(normalisedPhone) }),
  ),
  choices: v.pipe(
    v.record(PurposeIdSchema, v.boolean()),
    v.check((c) => Object.keys(c).length > 0, 'must hold a choice for at least one purpose'),
  ),
  regime: RegimeIdSchema,
  method: MethodSchema,
  policyVersion: PolicyVersion,
  /** SHA-256 of the exact notice text shown (see noticeHash). */
  noticeHash: Sha256Hex,
  language: LanguageTag,
  gpc: v.boolean(),
  clientTime: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
  pageUrl: HttpUrl,
});

/** One consent event. */
export type ConsentEvent = v.InferOutput<typeof ConsentEventSchema>;

/** Most events one request may carry. */
export const MAX_BATCH = 50;

/** Schema of a batch of events (the widget flushes its queue as one). */
export const ConsentBatchSchema = v.strictObject({
  events: v.pipe(
    v.array(ConsentEventSchema),
    v.minLength(1, 'must hold at least one event'),
    v.maxLength(MAX_BATCH, `must hold at most ${MAX_BATCH} events`),
  ),
});
