import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../lib/digest';
import type { Identifier } from '../../lib/identifiers';
import type { LookupResult } from '../../lib/lookup';
import { AnswerCache } from './answer-cache';
import { LedgerError, PROBLEM_TEXT } from './ledger-client';
import { LookupBatcher, type SendLookup } from './lookup-batcher';
import { keyOf } from '../shared/identifier-key';
import { LookupService } from './lookup-service';

const ANA: Identifier = { kind: 'email', value: 'ana@example.com' };
const BOB: Identifier = { kind: 'phone', value: '+14155552671' };
const TTL = 10 * 60_000;

const answer = (digest: string, verified = true): LookupResult => ({
  digest,
  verified,
  purposes: {
    marketing_email: { status: 'granted', at: null, policyVersion: null, regime: null, reason: '' },
  },
  warnings: [],
});

let dbCount = 0;

/** A service over a fresh cache, a controllable ledger and a clock the test moves. */
function setup(ttl: () => number = () => TTL) {
  const clock = { now: 1_000_000 };
  const ledger = {
    fail: null as unknown,
    verified: true,
    sent: [] as string[][],
  };
  const send = vi.fn<SendLookup>(async (digests) => {
    ledger.sent.push(digests);
    if (ledger.fail) throw ledger.fail;
    return digests.map((d) => answer(d, ledger.verified));
  });
  const cache = new AnswerCache(`lookup-service-test-${++dbCount}`);
  const service = new LookupService(cache, new LookupBatcher(send, 1), ttl, () => clock.now);
  return { clock, ledger, send, cache, service };
}

describe('keyOf', () => {
  it('names an identifier by kind and value', () => {
    expect(keyOf(ANA)).toBe('email:ana@example.com');
    expect(keyOf(BOB)).toBe('phone:+14155552671');
  });
});

describe('LookupService', () => {
  it('asks the ledger about digests, never identifiers, and answers by key', async () => {
    const { service, ledger, clock } = setup();
    const { answers, problem } = await service.lookup([ANA, BOB]);
    const digests = [await sha256Hex(ANA.value), await sha256Hex(BOB.value)];
    expect(ledger.sent.flat().sort()).toEqual([...digests].sort());
    expect(JSON.stringify(ledger.sent)).not.toContain('ana@example.com');
    expect(problem).toBeNull();
    expect(answers).toEqual([
      {
        key: 'email:ana@example.com',
        result: answer(digests[0]!),
        fetchedAt: clock.now,
        stale: false,
      },
      {
        key: 'phone:+14155552671',
        result: answer(digests[1]!),
        fetchedAt: clock.now,
        stale: false,
      },
    ]);
  });

  it('answers from the cache while the answer is younger than the cache time', async () => {
    const { service, send, clock } = setup();
    await service.lookup([ANA]);
    const firstFetch = clock.now;
    clock.now += TTL - 1;
    const { answers } = await service.lookup([ANA]);
    expect(send).toHaveBeenCalledOnce();
    expect(answers[0]).toMatchObject({ fetchedAt: firstFetch, stale: false });
  });

  it('asks again once the cache time has passed, and caches the new answer', async () => {
    const { service, send, clock, ledger } = setup();
    await service.lookup([ANA]);
    clock.now += TTL;
    ledger.verified = false;
    const { answers } = await service.lookup([ANA]);
    expect(send).toHaveBeenCalledTimes(2);
    expect(answers[0]).toMatchObject({ fetchedAt: clock.now, stale: false });
    expect(answers[0]!.result!.verified).toBe(false);
    clock.now += 1;
    await service.lookup([ANA]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('reads the cache time afresh on every look-up', async () => {
    let minutes = 10;
    const { service, send, clock } = setup(() => minutes * 60_000);
    await service.lookup([ANA]);
    clock.now += 2 * 60_000;
    minutes = 1;
    await service.lookup([ANA]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('asks the ledger even for a fresh answer when forced', async () => {
    const { service, send, clock } = setup();
    await service.lookup([ANA]);
    clock.now += 1000;
    const { answers } = await service.lookup([ANA], true);
    expect(send).toHaveBeenCalledTimes(2);
    expect(answers[0]!.fetchedAt).toBe(clock.now);
  });

  it('shows the last answer marked stale, with the reason, when the ledger refuses', async () => {
    const { service, ledger, clock } = setup();
    await service.lookup([ANA]);
    const fetchedAt = clock.now;
    clock.now += TTL + 1;
    ledger.fail = new LedgerError('unauthorised', PROBLEM_TEXT.unauthorised);
    const { answers, problem } = await service.lookup([ANA]);
    expect(problem).toEqual({ code: 'unauthorised', message: PROBLEM_TEXT.unauthorised });
    expect(answers[0]).toEqual({
      key: 'email:ana@example.com',
      result: answer(await sha256Hex(ANA.value)),
      fetchedAt,
      stale: true,
    });
  });

  it('keeps the cached answer when a forced refresh fails', async () => {
    const { service, ledger } = setup();
    await service.lookup([ANA]);
    ledger.fail = new LedgerError('unreachable', PROBLEM_TEXT.unreachable);
    const { answers, problem } = await service.lookup([ANA], true);
    expect(problem?.code).toBe('unreachable');
    expect(answers[0]!.stale).toBe(true);
    expect(answers[0]!.result).not.toBeNull();
    ledger.fail = null;
    const again = await service.lookup([ANA]);
    expect(again.answers[0]!.stale).toBe(false);
  });

  it('gives no result, marked stale, for someone never answered when the ledger fails', async () => {
    const { service, ledger } = setup();
    ledger.fail = new LedgerError('bad_response', PROBLEM_TEXT.bad_response);
    const { answers, problem } = await service.lookup([BOB]);
    expect(problem).toEqual({ code: 'bad_response', message: PROBLEM_TEXT.bad_response });
    expect(answers).toEqual([
      { key: 'phone:+14155552671', result: null, fetchedAt: null, stale: true },
    ]);
  });

  it('calls an unexpected failure unreachable', async () => {
    const { service, ledger } = setup();
    ledger.fail = new Error('boom');
    const { problem } = await service.lookup([ANA]);
    expect(problem).toEqual({ code: 'unreachable', message: PROBLEM_TEXT.unreachable });
  });

  it('recalls fresh saved answers without asking the ledger, and nothing stale or unknown', async () => {
    const { service, ledger, clock } = setup();
    await service.lookup([ANA]);
    const fetchedAt = clock.now;
    ledger.sent = [];
    clock.now += 1000;
    expect(await service.saved([ANA, BOB, ANA])).toEqual([
      {
        key: 'email:ana@example.com',
        result: answer(await sha256Hex(ANA.value)),
        fetchedAt,
        stale: false,
      },
    ]);
    clock.now += TTL;
    expect(await service.saved([ANA])).toEqual([]);
    expect(ledger.sent).toEqual([]);
  });

  it('recalls nothing while the ledger is known to be down', async () => {
    const { service, ledger } = setup();
    await service.lookup([ANA]);
    ledger.fail = new Error('offline');
    await service.lookup([ANA], true);
    expect(await service.saved([ANA])).toEqual([]);
  });

  it('mixes cached and fresh answers in the order asked', async () => {
    const { service, ledger } = setup();
    await service.lookup([BOB]);
    ledger.sent.length = 0;
    const { answers } = await service.lookup([ANA, BOB]);
    expect(answers.map((a) => a.key)).toEqual(['email:ana@example.com', 'phone:+14155552671']);
    expect(ledger.sent).toEqual([[await sha256Hex(ANA.value)]]);
  });

  it('asks once for an identifier that appears twice', async () => {
    const { service, ledger } = setup();
    const { answers } = await service.lookup([ANA, { ...ANA }]);
    expect(ledger.sent).toEqual([[await sha256Hex(ANA.value)]]);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('still answers when the cache cannot be read or written', async () => {
    const broken = {
      getMany: () => Promise.reject(new Error('quota')),
      put: () => Promise.reject(new Error('quota')),
    } as unknown as AnswerCache;
    const send = vi.fn<SendLookup>(async (digests) => digests.map((d) => answer(d)));
    const service = new LookupService(
      broken,
      new LookupBatcher(send, 1),
      () => TTL,
      () => 5,
    );
    const { answers, problem } = await service.lookup([ANA]);
    expect(send).toHaveBeenCalledOnce();
    expect(problem).toBeNull();
    expect(answers[0]).toMatchObject({ fetchedAt: 5, stale: false });
    expect(answers[0]!.result).not.toBeNull();
  });
});
