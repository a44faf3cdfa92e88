/** One person's look-up answer, and how long it stays true if nothing new is recorded. */
import { statusesOf, type StatusContext } from '../../lib/consent-status';
import type { LookupResult } from '../../lib/lookup';
import type { PurposeId } from '../../lib/purposes';
import { decisionEvents, type Person } from './person';

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_MS = 30 * DAY_MS;

/**
 * The answer for one digest: status per purpose (never personal data) and warnings. `validUntil`
 * is the first moment the clock alone would change it (a grant expiring, or coming within 30 days
 * of it), so an unchanged person's answer can be reused until then.
 */
export function lookupResult(
  person: Person,
  digest: string,
  purposes: readonly PurposeId[],
  context: StatusContext & { now: number },
): { result: LookupResult; validUntil: number } {
  const { now } = context;
  const statuses = statusesOf(decisionEvents(person), purposes, context);
  const warnings: LookupResult['warnings'] = [];
  const known = person.entries.length > 0;
  if (person.erasedAt !== null && !known) {
    warnings.push({
      code: 'erased',
      message: `Erased on request on ${new Date(person.erasedAt).toISOString().slice(0, 10)}`,
    });
  }
  if (known && !person.verified) {
    warnings.push({
      code: 'unverified_identity',
      message: 'Identity claimed on the website, not confirmed (no double opt-in)',
    });
  }
  const last = person.entries.at(-1)?.decision;
  if (last?.gpc || last?.gpcHeader) {
    warnings.push({ code: 'gpc_opt_out', message: 'The browser sent Global Privacy Control' });
  }
  let validUntil = Infinity;
  let soon = false;
  const answer: LookupResult['purposes'] = {};
  for (const purpose of purposes) {
    const s = statuses[purpose]!;
    if (s.status === 'granted' && s.expiresAt !== null) {
      const warnFrom = s.expiresAt - EXPIRY_WARNING_MS;
      if (now >= warnFrom) soon = true;
      validUntil = Math.min(validUntil, now < warnFrom ? warnFrom : s.expiresAt);
    }
    answer[purpose] = {
      status: s.status,
      at: s.event ? new Date(s.event.at).toISOString() : null,
      policyVersion: s.event?.policyVersion ?? null,
      regime: s.event?.regime ?? null,
      reason: s.reason,
    };
  }
  if (soon) warnings.push({ code: 'expiring_soon', message: 'A consent expires within 30 days' });
  return { result: { digest, verified: person.verified, purposes: answer, warnings }, validUntil };
}

/** What besides the person an answer depends on: the same for every digest of one request. */
export const answerContextKey = (
  purposes: readonly PurposeId[],
  context: StatusContext & { now: number },
) => `${purposes.join(',')}|${context.policyVersion}|${context.lifetimeDays}`;

const memo = new WeakMap<
  Person,
  { digest: string; contextKey: string; validUntil: number; json: Buffer }
>();

/**
 * The JSON of lookupResult as UTF-8 bytes (what a look-up response is assembled from), reused for
 * the same person object (the look-up cache hands out the same object until a commit or erasure
 * replaces it) while the digest, purposes and policy (`contextKey`, from answerContextKey) are the
 * same and the clock has not reached a change. Serialising and encoding were most of a warm
 * look-up's cost, so a cached answer does them once.
 */
export function cachedLookupJson(
  person: Person,
  digest: string,
  purposes: readonly PurposeId[],
  context: StatusContext & { now: number },
  contextKey: string,
): Buffer {
  const hit = memo.get(person);
  if (hit && hit.digest === digest && hit.contextKey === contextKey && context.now < hit.validUntil)
    return hit.json;
  const { result, validUntil } = lookupResult(person, digest, purposes, context);
  const json = Buffer.from(JSON.stringify(result));
  memo.set(person, { digest, contextKey, validUntil, json });
  return json;
}
