import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../lib/lookup';
import { AnswerCache, type CachedAnswer } from './answer-cache';

let dbCount = 0;
const freshCache = () => new AnswerCache(`answer-cache-test-${++dbCount}`);

const cached = (n: number, fetchedAt: number): CachedAnswer => ({
  result: {
    digest: n.toString(16).padStart(64, '0'),
    verified: n % 2 === 0,
    purposes: {},
    warnings: [],
  } satisfies LookupResult,
  fetchedAt,
});
const digestOf = (n: number) => cached(n, 0).result.digest;

describe('AnswerCache', () => {
  it('has nothing for a digest never stored', async () => {
    await expect(freshCache().get(digestOf(1))).resolves.toBeUndefined();
  });

  it('gives back answers by digest with the time they were fetched', async () => {
    const cache = freshCache();
    await cache.put([cached(1, 1000), cached(2, 2000)]);
    await expect(cache.get(digestOf(1))).resolves.toEqual(cached(1, 1000));
    await expect(cache.get(digestOf(2))).resolves.toEqual(cached(2, 2000));
  });

  it('replaces an older answer for the same digest', async () => {
    const cache = freshCache();
    await cache.put([cached(1, 1000)]);
    await cache.put([cached(1, 5000)]);
    await expect(cache.get(digestOf(1))).resolves.toEqual(cached(1, 5000));
  });

  it('keeps answers across instances of the same database (a restarted worker)', async () => {
    const name = `answer-cache-test-${++dbCount}`;
    await new AnswerCache(name).put([cached(3, 3000)]);
    await expect(new AnswerCache(name).get(digestOf(3))).resolves.toEqual(cached(3, 3000));
  });

  it('drops only answers fetched before the cut-off, and says how many', async () => {
    const cache = freshCache();
    await cache.put([cached(1, 1000), cached(2, 2000), cached(3, 3000), cached(4, 4000)]);
    await expect(cache.prune(3000)).resolves.toBe(2);
    await expect(cache.get(digestOf(1))).resolves.toBeUndefined();
    await expect(cache.get(digestOf(2))).resolves.toBeUndefined();
    await expect(cache.get(digestOf(3))).resolves.toEqual(cached(3, 3000));
    await expect(cache.get(digestOf(4))).resolves.toEqual(cached(4, 4000));
  });

  it('prunes nothing from an empty cache', async () => {
    await expect(freshCache().prune(Number.MAX_SAFE_INTEGER)).resolves.toBe(0);
  });

  it('forgets everything when cleared', async () => {
    const cache = freshCache();
    await cache.put([cached(1, 1000), cached(2, 2000)]);
    await cache.clear();
    await expect(cache.get(digestOf(1))).resolves.toBeUndefined();
    await expect(cache.get(digestOf(2))).resolves.toBeUndefined();
  });
});
