/**
 * The ledger's look-up API as the extension calls it: digests in, validated answers out, and
 * failures as a reason the rep can act on.
 */
import * as v from 'valibot';
import { LookupResponseSchema, type LookupResult } from '../../lib/lookup';

/** Why a look-up failed. */
export type LedgerProblem = 'not_configured' | 'unreachable' | 'unauthorised' | 'bad_response';

export class LedgerError extends Error {
  constructor(
    readonly problem: LedgerProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What each problem means to a rep. */
export const PROBLEM_TEXT: Record<LedgerProblem, string> = {
  not_configured:
    'Consentry is not set up: add the ledger address and a reader key in its options.',
  unreachable: 'Consentry cannot reach the consent ledger.',
  unauthorised: 'The ledger refused the reader key; ask for a new one and enter it in the options.',
  bad_response: 'The ledger gave an answer Consentry does not understand.',
};

/**
 * How long a look-up may take before the ledger counts as unreachable: a ledger that accepts the
 * connection and never answers (a hung process, a proxy holding the request) is then treated as
 * one that is down — saved answers shown as stale and the rep told — instead of leaving every
 * badge "checking" for ever.
 */
export const LOOKUP_TIMEOUT_MS = 10_000;

/** Sends one look-up; `fetchImpl` is the global fetch in the extension. */
export async function fetchLookup(
  config: { backendUrl: string; readerKey: string },
  digests: string[],
  fetchImpl: typeof fetch = fetch,
  timeoutMs = LOOKUP_TIMEOUT_MS,
): Promise<LookupResult[]> {
  if (!config.backendUrl || !config.readerKey)
    throw new LedgerError('not_configured', PROBLEM_TEXT.not_configured);
  const signal = AbortSignal.timeout(timeoutMs);
  const noAnswer = () =>
    new LedgerError(
      'unreachable',
      `${PROBLEM_TEXT.unreachable} (no answer within ${Math.round(timeoutMs / 1000)} s)`,
    );
  let res: Response;
  try {
    res = await fetchImpl(new URL('/v1/lookup', config.backendUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.readerKey}` },
      body: JSON.stringify({ digests }),
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch {
    throw signal.aborted ? noAnswer() : new LedgerError('unreachable', PROBLEM_TEXT.unreachable);
  }
  if (res.status === 401 || res.status === 403)
    throw new LedgerError('unauthorised', PROBLEM_TEXT.unauthorised);
  if (!res.ok)
    throw new LedgerError(
      res.status >= 500 ? 'unreachable' : 'bad_response',
      `${PROBLEM_TEXT[res.status >= 500 ? 'unreachable' : 'bad_response']} (HTTP ${res.status})`,
    );
  const body: unknown = await res.json().catch(() => null);
  // The body may stop coming too: that is no answer, not a bad one.
  if (signal.aborted) throw noAnswer();
  const parsed = v.safeParse(LookupResponseSchema, body);
  if (!parsed.success) throw new LedgerError('bad_response', PROBLEM_TEXT.bad_response);
  return parsed.output.results;
}

/** Checks a ledger address and reader key the way the options page saves them. */
export async function checkLedger(
  config: { backendUrl: string; readerKey: string },
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: true } | { ok: false; problem: LedgerProblem; message: string }> {
  try {
    await fetchLookup(config, ['0'.repeat(64)], fetchImpl);
    return { ok: true };
  } catch (error) {
    if (error instanceof LedgerError)
      return { ok: false, problem: error.problem, message: error.message };
    return { ok: false, problem: 'bad_response', message: PROBLEM_TEXT.bad_response };
  }
}
