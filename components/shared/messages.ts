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

/** content → background: what do we know about these people? */
export const LookupMessageSchema = v.strictObject({
  type: v.literal('consentry:lookup'),
  identifiers: v.pipe(v.array(IdentifierSchema), v.maxLength(5000)),
  force: v.boolean(),
});
export type LookupMessage = v.InferOutput<typeof LookupMessageSchema>;
export type LookupReply = Answers;

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
