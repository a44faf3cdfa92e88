/**
 * The background's answer to "what do we know about these people?": identifiers are digested
 * here, answered from the cache while fresh, otherwise asked of the ledger through the batcher;
 * when the ledger cannot answer, cached answers come back marked stale with the reason.
 */
import { identifierDigest } from '../../lib/digest';
import type { Identifier } from '../../lib/identifiers';
import type { LookupResult } from '../../lib/lookup';
import { keyOf } from '../shared/identifier-key';
import type { AnswerCache, CachedAnswer } from './answer-cache';
import { LedgerError, PROBLEM_TEXT, type LedgerProblem } from './ledger-client';
import type { LookupBatcher } from './lookup-batcher';

/** The answer about one identifier. */
export interface Answer {
  /** "email:ana@example.com" — the identifier as the content script sent it. */
  key: string;
  result: LookupResult | null;
  fetchedAt: number | null;
  /** The ledger could not be asked; this is the last answer it gave (or none). */
  stale: boolean;
}

/** Answers for a batch of identifiers, with the ledger problem if there was one. */
export interface Answers {
  answers: Answer[];
  problem: { code: LedgerProblem; message: string } | null;
}

export class LookupService {
  /** The last ask of the ledger failed. */
  private down = false;

  constructor(
    private readonly cache: AnswerCache,
    private readonly batcher: LookupBatcher,
    private readonly ttlMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a cached answer may be given as fresh without asking the ledger. */
  private fresh(cached: CachedAnswer, force: boolean): boolean {
    // While the ledger is known to be down, a cached answer is not trusted as fresh.
    return !this.down && !force && this.now() - cached.fetchedAt < this.ttlMs();
  }

  /**
   * The fresh cached answers about these identifiers, and nothing else: no ledger, no stale
   * answer. What the content script gets back with the keys of texts it had identified, so a row
   * of people answered before needs no second message.
   */
  async saved(identifiers: Identifier[]): Promise<Answer[]> {
    const { unique, saved } = await this.recall(identifiers);
    return unique.flatMap((identifier, i) => this.freshAnswer(identifier, saved[i], false) ?? []);
  }

  /** Each identifier once (however often the page repeats it), its digest and its cached answer. */
  private async recall(identifiers: Identifier[]) {
    const unique = [...new Map(identifiers.map((id) => [keyOf(id), id])).values()];
    const digests = await Promise.all(unique.map(identifierDigest));
    const saved = await this.cache
      .getMany(digests)
      .catch(() => digests.map((): CachedAnswer | undefined => undefined));
    return { unique, digests, saved };
  }

  /** The cached answer as a fresh one, if it may be given without asking the ledger. */
  private freshAnswer(
    identifier: Identifier,
    cached: CachedAnswer | undefined,
    force: boolean,
  ): Answer | null {
    if (!cached || !this.fresh(cached, force)) return null;
    return {
      key: keyOf(identifier),
      result: cached.result,
      fetchedAt: cached.fetchedAt,
      stale: false,
    };
  }

  async lookup(identifiers: Identifier[], force = false): Promise<Answers> {
    let problem: Answers['problem'] = null;
    const fresh: { result: LookupResult; fetchedAt: number }[] = [];
    const { unique, digests, saved } = await this.recall(identifiers);
    const answered = await Promise.all(
      unique.map(async (identifier, i): Promise<Answer> => {
        const key = keyOf(identifier);
        const digest = digests[i]!;
        const cached = saved[i];
        const kept = this.freshAnswer(identifier, cached, force);
        if (kept) return kept;
        try {
          const result = await this.batcher.get(digest);
          this.down = false;
          const fetchedAt = this.now();
          fresh.push({ result, fetchedAt });
          return { key, result, fetchedAt, stale: false };
        } catch (error) {
          this.down = true;
          problem ??=
            error instanceof LedgerError
              ? { code: error.problem, message: error.message }
              : { code: 'unreachable', message: PROBLEM_TEXT.unreachable };
          return {
            key,
            result: cached?.result ?? null,
            fetchedAt: cached?.fetchedAt ?? null,
            stale: true,
          };
        }
      }),
    );
    if (fresh.length) await this.cache.put(fresh).catch(() => undefined);
    const byKey = new Map(answered.map((a) => [a.key, a]));
    return { answers: identifiers.map((id) => byKey.get(keyOf(id))!), problem };
  }
}
