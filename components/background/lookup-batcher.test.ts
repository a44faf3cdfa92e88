import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOOKUP, type LookupResult } from '../../lib/lookup';
import { LookupBatcher, type SendLookup } from './lookup-batcher';

const digestOf = (n: number) => n.toString(16).padStart(64, '0');

const answer = (digest: string): LookupResult => ({
  digest,
  verified: false,
  purposes: {},
  warnings: [],
});

/** A ledger that answers every digest it is sent, recording each look-up. */
function fakeLedger() {
  const calls: string[][] = [];
  const send = vi.fn<SendLookup>(async (digests) => {
    calls.push(digests);
    return digests.map(answer);
  });
  return { calls, send };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LookupBatcher', () => {
  it('waits for the window before asking the ledger', async () => {
    const { send } = fakeLedger();
    const batcher = new LookupBatcher(send, 25);
    void batcher.get(digestOf(1));
    await vi.advanceTimersByTimeAsync(24);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledOnce();
  });

  it('sends everything asked within one window in one look-up', async () => {
    const { calls, send } = fakeLedger();
    const batcher = new LookupBatcher(send, 25);
    const first = batcher.get(digestOf(1));
    await vi.advanceTimersByTimeAsync(10);
    const second = batcher.get(digestOf(2));
    await vi.advanceTimersByTimeAsync(15);
    await expect(Promise.all([first, second])).resolves.toEqual([
      answer(digestOf(1)),
      answer(digestOf(2)),
    ]);
    expect(calls).toEqual([[digestOf(1), digestOf(2)]]);
    expect(batcher.sent).toBe(1);
  });

  it('asks once for a digest wanted by several tabs, and answers each of them', async () => {
    const { calls, send } = fakeLedger();
    const batcher = new LookupBatcher(send);
    const asks = [batcher.get(digestOf(7)), batcher.get(digestOf(8)), batcher.get(digestOf(7))];
    await vi.runAllTimersAsync();
    const [a, b, c] = await Promise.all(asks);
    expect(calls).toEqual([[digestOf(7), digestOf(8)]]);
    expect(a!.digest).toBe(digestOf(7));
    expect(b!.digest).toBe(digestOf(8));
    expect(c).toEqual(a);
  });

  it('gives each caller the answer for its own digest whatever order the ledger answers in', async () => {
    const send: SendLookup = async (digests) => digests.map(answer).reverse();
    const batcher = new LookupBatcher(send);
    const asks = [1, 2, 3].map((n) => batcher.get(digestOf(n)));
    await vi.runAllTimersAsync();
    const results = await Promise.all(asks);
    expect(results.map((r) => r.digest)).toEqual([digestOf(1), digestOf(2), digestOf(3)]);
  });

  it(`never sends more than ${MAX_LOOKUP} digests in one look-up`, async () => {
    const { calls, send } = fakeLedger();
    const batcher = new LookupBatcher(send);
    const asks = Array.from({ length: 1200 }, (_, i) => batcher.get(digestOf(i)));
    // The first two full look-ups leave at once; the rest waits for the window.
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.length)).toEqual([MAX_LOOKUP, MAX_LOOKUP]);
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.length)).toEqual([MAX_LOOKUP, MAX_LOOKUP, 200]);
    expect(new Set(calls.flat()).size).toBe(1200);
    const results = await Promise.all(asks);
    expect(results.every((r, i) => r.digest === digestOf(i))).toBe(true);
  });

  it('splits a manual flush into look-ups of the configured size', async () => {
    const { calls, send } = fakeLedger();
    const batcher = new LookupBatcher(send, 25, 3);
    const asks = [1, 2].map((n) => batcher.get(digestOf(n)));
    batcher.flush();
    await Promise.all(asks);
    expect(calls).toEqual([[digestOf(1), digestOf(2)]]);
    const more = [3, 4, 5, 6].map((n) => batcher.get(digestOf(n)));
    await vi.runAllTimersAsync();
    await Promise.all(more);
    expect(calls.slice(1)).toEqual([[digestOf(3), digestOf(4), digestOf(5)], [digestOf(6)]]);
    expect(batcher.sent).toBe(3);
  });

  it('passes the ledger failure to every caller in the look-up', async () => {
    const failure = new Error('ledger down');
    const batcher = new LookupBatcher(async () => Promise.reject(failure));
    const asks = [1, 2, 2].map((n) => batcher.get(digestOf(n)));
    const settled = Promise.allSettled(asks);
    await vi.runAllTimersAsync();
    expect(await settled).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('rejects only the callers whose digest the ledger left out', async () => {
    const send: SendLookup = async (digests) =>
      digests.filter((d) => d !== digestOf(2)).map(answer);
    const batcher = new LookupBatcher(send);
    const settled = Promise.allSettled([batcher.get(digestOf(1)), batcher.get(digestOf(2))]);
    await vi.runAllTimersAsync();
    const [one, two] = await settled;
    expect(one).toEqual({ status: 'fulfilled', value: answer(digestOf(1)) });
    expect(two!.status).toBe('rejected');
    expect(String((two as PromiseRejectedResult).reason)).toContain(`no answer for ${digestOf(2)}`);
  });

  it('starts a new window after a look-up has gone', async () => {
    const { calls, send } = fakeLedger();
    const batcher = new LookupBatcher(send, 25);
    const first = batcher.get(digestOf(1));
    await vi.advanceTimersByTimeAsync(25);
    await first;
    const second = batcher.get(digestOf(1));
    await vi.advanceTimersByTimeAsync(25);
    await second;
    expect(calls).toEqual([[digestOf(1)], [digestOf(1)]]);
  });

  it('sends nothing when flushed with nothing waiting', () => {
    const { send } = fakeLedger();
    const batcher = new LookupBatcher(send);
    batcher.flush();
    expect(send).not.toHaveBeenCalled();
    expect(batcher.sent).toBe(0);
  });
});
