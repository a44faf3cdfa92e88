/**
 * The background's answer to "which identifiers are these?": text as a CRM page shows it (a
 * mailto: link, a number as typed) normalised with lib/'s rules. It runs here, in the extension's
 * worker, rather than on the page: parsing phone numbers (libphonenumber, 10-30 µs each) was most
 * of the content script's cost per row, paid on the CRM's own thread.
 */
import * as v from 'valibot';
import { normaliseEmail, normalisePhone, type Identifier } from '../../lib/identifiers';
import { IdentifyMessageSchema, type IdentifyReply } from '../shared/messages';
import { identifierOf, keyOf } from '../shared/identifier-key';
import { answerText } from './answer-text';
import type { Answer } from './lookup-service';

/** A message that claimed to be an identify request and was not a valid one. */
export class BadMessageError extends Error {
  override name = 'BadMessageError';
}

/** One identifier per text (null: it is none), `kinds[i]` telling what `raws[i]` may be. */
export function identify(
  kinds: readonly ('email' | 'phone')[],
  raws: readonly string[],
  phoneRegion: string,
): (Identifier | null)[] {
  if (kinds.length !== raws.length) throw new RangeError('identify: one kind for each text');
  return raws.map((raw, i) => {
    const n = kinds[i] === 'email' ? normaliseEmail(raw) : normalisePhone(raw, phoneRegion);
    return n.ok ? n.value : null;
  });
}

/**
 * The keys for an identify message's texts (IdentifyReply's `keys`); throws BadMessageError,
 * saying what is wrong, for a bad message.
 */
export function answerIdentify(message: unknown): (string | null)[] {
  const parsed = v.safeParse(IdentifyMessageSchema, message);
  if (!parsed.success)
    throw new BadMessageError(`Consentry: bad identify message: ${v.summarize(parsed.issues)}`);
  const { kinds, raws, phoneRegion } = parsed.output;
  return identify(kinds, raws, phoneRegion).map((id) => (id ? keyOf(id) : null));
}

/**
 * The whole reply to an identify message: the keys, and beside each what `saved`
 * (LookupService.saved) has fresh about it, as JSON text, read while the page is still busy with
 * the rows that held them.
 */
export async function replyToIdentify(
  message: unknown,
  saved: (identifiers: Identifier[]) => Promise<Answer[]>,
): Promise<IdentifyReply> {
  const keys = answerIdentify(message);
  const known = [...new Set(keys.filter((key) => key !== null))];
  const texts = new Map<string, string>();
  if (known.length)
    for (const answer of await saved(known.map(identifierOf)))
      texts.set(answer.key, answerText(answer));
  return { keys, answers: keys.map((key) => (key === null ? null : (texts.get(key) ?? null))) };
}
