/**
 * Messages between the extension's parts, named by direction (content→background,
 * popup→content). Every receiver validates what it gets: a message is input like any other.
 */
import * as v from 'valibot';
import type { Answers } from '../background/lookup-service';
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

/** Most identifiers (or texts) one message from a content script may carry. */
export const MAX_PER_MESSAGE = 5000;

/** content → background: what do we know about these people? */
export const LookupMessageSchema = v.strictObject({
  type: v.literal('consentry:lookup'),
  identifiers: v.pipe(v.array(IdentifierSchema), v.maxLength(MAX_PER_MESSAGE)),
  force: v.boolean(),
});
export type LookupMessage = v.InferOutput<typeof LookupMessageSchema>;
/**
 * background → content: the answer about each identifier asked, in the order asked, as JSON text
 * (an Answer; text for the reason IdentifyReply gives), and the ledger's problem if it could not
 * be asked (the answers are then saved ones, marked stale, or none).
 */
export interface LookupReply {
  answers: string[];
  problem: Answers['problem'];
}

/**
 * content → background: which identifiers are these? Text as the page shows it (a mailto: link,
 * a number as typed), normalised by the background with lib/'s rules, national numbers in
 * `phoneRegion`. It goes no further than the extension's own worker. Two lists of strings side
 * by side (`kinds[i]` is what `raws[i]` may be), not a list of objects: a message is copied on
 * the page's thread, and 200 small objects took it six to ten times as long as two lists of
 * strings (0.18-0.30 against 0.025-0.03 ms, measured alone in Chromium).
 */
export const IdentifyMessageSchema = v.pipe(
  v.strictObject({
    type: v.literal('consentry:identify'),
    kinds: v.pipe(v.array(v.picklist(['email', 'phone'])), v.maxLength(MAX_PER_MESSAGE)),
    raws: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_RAW))), v.maxLength(MAX_PER_MESSAGE)),
    phoneRegion: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  }),
  v.check((m) => m.kinds.length === m.raws.length, 'kinds and raws must be as long as each other'),
);
export type IdentifyMessage = v.InferOutput<typeof IdentifyMessageSchema>;
/**
 * `keys`: one entry per text sent, in order: the key of its identifier ("email:ana@example.com",
 * "phone:+4930123456"), or null when it is none. `answers`: beside each key, the fresh answer the
 * background has cached about it as JSON text (an Answer), or null (it is then asked for with a
 * look-up), so a row of people seen before costs one message. Strings, not objects: taking in
 * 200 answers as objects cost the page's thread ~0.9 ms; as text, each is parsed only when read
 * (a badge drawn, the popup's summary).
 */
export interface IdentifyReply {
  keys: (string | null)[];
  answers: (string | null)[];
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
