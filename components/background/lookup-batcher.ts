/**
 * Collects digests asked for by every tab for a short window, de-duplicates them, and sends them
 * in look-ups of at most the API's limit. Each caller gets the answer for its own digests.
 */
import { MAX_LOOKUP, type LookupResult } from '../../lib/lookup';
import { LedgerError, PROBLEM_TEXT } from './ledger-client';

/** Sends one look-up of at most MAX_LOOKUP distinct digests; rejects when the ledger cannot answer. */
export type SendLookup = (digests: string[]) => Promise<LookupResult[]>;

interface Waiter {
  resolve: (r: LookupResult) => void;
  reject: (e: unknown) => void;
}

export class LookupBatcher {
  private waiting = new Map<string, Waiter[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Look-ups sent, for the tests and the popup. */
  sent = 0;

  constructor(
    private readonly send: SendLookup,
    private readonly windowMs = 25,
    private readonly maxBatch = MAX_LOOKUP,
  ) {}

  /** The ledger's answer for one digest, sent with whatever else is asked within the window. */
  get(digest: string): Promise<LookupResult> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(digest);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(digest, [{ resolve, reject }]);
      if (this.waiting.size >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  /** Sends everything waiting now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.waiting.entries()];
    this.waiting.clear();
    for (let i = 0; i < batch.length; i += this.maxBatch)
      void this.dispatch(batch.slice(i, i + this.maxBatch));
  }

  private async dispatch(batch: [string, Waiter[]][]) {
    this.sent++;
    try {
      const results = await this.send(batch.map(([digest]) => digest));
      const byDigest = new Map(results.map((r) => [r.digest, r]));
      for (const [digest, waiters] of batch) {
        const result = byDigest.get(digest);
        for (const w of waiters) {
          if (result) w.resolve(result);
          else
            w.reject(
              new LedgerError(
                'bad_response',
                `${PROBLEM_TEXT.bad_response} (no answer for ${digest})`,
              ),
            );
        }
      }
    } catch (error) {
      for (const [, waiters] of batch) for (const w of waiters) w.reject(error);
    }
  }
}
