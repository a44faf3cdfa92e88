/**
 * Messages between the extension's parts, named by direction (content→background,
 * popup→content). Every receiver validates what it gets: a message is input like any other.
 */
import * as v from 'valibot';
import type { Answer, Answers } from '../background/lookup-service';
import type { Verdict } from './consent-summary';

const IdentifierSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('email'), value: v.pipe(v.string(), v.maxLength(254)) }),
  v.strictObject({
    kind: v.literal('phone'),
    value: v.pipe(v.string(), v.regex(/^\+[1-9]\d{6,14}$/)),
  }),
]);

/** Longest text sent to be identified (longer is no identifier: lib/identifiers refuses it). */
export const MAX_RAW = 512;

/** Most identifiers (or candidates) one message from a content script may carry. */
export const MAX_PER_MESSAGE = 5000;

/** content → background: what do we know about these people? */
export const LookupMessageSchema = v.strictObject({
  type: v.literal('consentry:lookup'),
  identifiers: v.pipe(v.array(IdentifierSchema), v.maxLength(MAX_PER_MESSAGE)),
  force: v.boolean(),
});
export type LookupMessage = v.InferOutput<typeof LookupMessageSchema>;
export type LookupReply = Answers;

/**
 * content → background: which identifiers are these? Text as the page shows it (a mailto: link,
 * a number as typed), normalised by the background with lib/'s rules, national numbers in
 * `phoneRegion`. It goes no further than the extension's own worker.
 */
export const IdentifyMessageSchema = v.strictObject({
  type: v.literal('consentry:identify'),
  candidates: v.pipe(
    v.array(
      v.strictObject({
        kind: v.picklist(['email', 'phone']),
        raw: v.pipe(v.string(), v.maxLength(MAX_RAW)),
      }),
    ),
    v.maxLength(MAX_PER_MESSAGE),
  ),
  phoneRegion: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
});
export type IdentifyMessage = v.InferOutput<typeof IdentifyMessageSchema>;
/**
 * `keys`: one entry per candidate, in order: the key of its identifier ("email:ana@example.com",
 * "phone:+4930123456"), or null when it is none. Keys, not objects: a page of 100,000 rows gets
 * 100,000 of them. `answers`: the fresh answers the background has cached about those keys (the
 * rest are asked for with a look-up), so a row of people seen before costs one message.
 */
export interface IdentifyReply {
  keys: (string | null)[];
  answers: Answer[];
}

/** popup → content: who is on this page, and who lacks consent? (`refresh` asks the ledger again first) */
export const SummaryMessageSchema = v.strictObject({
  type: v.literal('consentry:summary'),
  refresh: v.boolean(),
});
export type SummaryMessage = v.InferOutput<typeof SummaryMessageSchema>;
export interface SummaryReply {
  crm: string;
  people: { key: string; verdict: Verdict | 'pending'; stale: boolean }[];
  notice: string | null;
}
