import { describe, expect, it, vi } from 'vitest';
import type { LookupResult } from '../../lib/lookup';
import { LedgerError, PROBLEM_TEXT, checkLedger, fetchLookup } from './ledger-client';

const config = { backendUrl: 'https://consent.example.com', readerKey: 'rk_abcdefghijklmnop1234' };
const DIGEST = 'ab'.repeat(32);

const result: LookupResult = {
  digest: DIGEST,
  verified: true,
  purposes: {
    marketing_email: {
      status: 'granted',
      at: '2025-03-01T10:00:00.000Z',
      policyVersion: '2025-01',
      regime: 'gdpr',
      reason: 'accepted all',
    },
  },
  warnings: [],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const fakeFetch = (respond: () => Response | Promise<Response>) =>
  vi.fn<typeof fetch>(async () => respond());

const ok = () => json({ results: [result], checkedAt: '2025-03-02T10:00:00.000Z' });

/** The ledger problem a look-up fails with. */
async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

describe('fetchLookup', () => {
  it("returns the ledger's answers", async () => {
    await expect(fetchLookup(config, [DIGEST], fakeFetch(ok))).resolves.toEqual([result]);
  });

  it('posts the digests to /v1/lookup with the reader key and no cookies', async () => {
    const fetchImpl = fakeFetch(ok);
    await fetchLookup(
      { ...config, backendUrl: 'https://consent.example.com/' },
      [DIGEST],
      fetchImpl,
    );
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(String(url)).toBe('https://consent.example.com/v1/lookup');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('omit');
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${config.readerKey}`);
    expect(JSON.parse(String(init?.body))).toEqual({ digests: [DIGEST] });
  });

  it.each([
    ['no ledger address', { ...config, backendUrl: '' }],
    ['no reader key', { ...config, readerKey: '' }],
  ])('says the extension is not set up when there is %s, without calling out', async (_, c) => {
    const fetchImpl = fakeFetch(ok);
    const error = await problemOf(fetchLookup(c, [DIGEST], fetchImpl));
    expect(error.problem).toBe('not_configured');
    expect(error.message).toBe(PROBLEM_TEXT.not_configured);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it.each([401, 403])('says the reader key was refused on HTTP %i', async (status) => {
    const error = await problemOf(
      fetchLookup(
        config,
        [DIGEST],
        fakeFetch(() => json({ error: 'no' }, status)),
      ),
    );
    expect(error.problem).toBe('unauthorised');
    expect(error.message).toBe(PROBLEM_TEXT.unauthorised);
  });

  it('says the ledger cannot be reached when the network fails', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await problemOf(fetchLookup(config, [DIGEST], fetchImpl));
    expect(error.problem).toBe('unreachable');
    expect(error.message).toBe(PROBLEM_TEXT.unreachable);
  });

  it('counts a ledger that never answers as unreachable once the wait is over', async () => {
    // Accepts the request and never answers, as a hung ledger does; only the signal ends it.
    const hanging = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_, reject) =>
          init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)),
        ),
    );
    const started = Date.now();
    const error = await problemOf(fetchLookup(config, [DIGEST], hanging, 50));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.problem).toBe('unreachable');
    expect(error.message).toBe(`${PROBLEM_TEXT.unreachable} (no answer within 0 s)`);
  });

  it('counts an answer whose body stops coming as no answer', async () => {
    const stalled = vi.fn<typeof fetch>(
      async (_url, init) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"results":['));
              init!.signal!.addEventListener('abort', () => controller.error(init!.signal!.reason));
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    );
    const error = await problemOf(fetchLookup(config, [DIGEST], stalled, 1_000));
    expect(error).toMatchObject({
      problem: 'unreachable',
      message: `${PROBLEM_TEXT.unreachable} (no answer within 1 s)`,
    });
  });

  it.each([500, 502, 503])(
    'says the ledger cannot be reached on HTTP %i, with the status',
    async (status) => {
      const error = await problemOf(
        fetchLookup(
          config,
          [DIGEST],
          fakeFetch(() => new Response('busy', { status })),
        ),
      );
      expect(error.problem).toBe('unreachable');
      expect(error.message).toBe(`${PROBLEM_TEXT.unreachable} (HTTP ${status})`);
    },
  );

  it.each([400, 404, 422])('calls HTTP %i a response it does not understand', async (status) => {
    const error = await problemOf(
      fetchLookup(
        config,
        [DIGEST],
        fakeFetch(() => json({ error: 'bad' }, status)),
      ),
    );
    expect(error.problem).toBe('bad_response');
    expect(error.message).toContain(`(HTTP ${status})`);
  });

  it.each<[string, () => Response]>([
    ['a body that is not JSON', () => new Response('<html>login</html>', { status: 200 })],
    ['JSON without results', () => json({ checkedAt: '2025-03-02T10:00:00.000Z' })],
    [
      'a result with an unknown status',
      () =>
        json({
          results: [
            {
              ...result,
              purposes: {
                marketing_email: { ...result.purposes.marketing_email, status: 'maybe' },
              },
            },
          ],
          checkedAt: '2025-03-02T10:00:00.000Z',
        }),
    ],
    [
      'a result carrying extra fields',
      () =>
        json({
          results: [{ ...result, email: 'ana@example.com' }],
          checkedAt: '2025-03-02T10:00:00.000Z',
        }),
    ],
  ])('refuses %s as a bad response', async (_, respond) => {
    const error = await problemOf(fetchLookup(config, [DIGEST], fakeFetch(respond)));
    expect(error.problem).toBe('bad_response');
    expect(error.message).toBe(PROBLEM_TEXT.bad_response);
  });
});

describe('checkLedger', () => {
  it('accepts a ledger that answers a look-up', async () => {
    const fetchImpl = fakeFetch(() => json({ results: [], checkedAt: '2025-03-02T10:00:00.000Z' }));
    await expect(checkLedger(config, fetchImpl)).resolves.toEqual({ ok: true });
    expect(JSON.parse(String(fetchImpl.mock.calls[0]![1]?.body))).toEqual({
      digests: ['0'.repeat(64)],
    });
  });

  it('reports a refused key with words the rep can act on', async () => {
    await expect(
      checkLedger(
        config,
        fakeFetch(() => json({}, 401)),
      ),
    ).resolves.toEqual({
      ok: false,
      problem: 'unauthorised',
      message: PROBLEM_TEXT.unauthorised,
    });
  });

  it('reports an unreachable ledger', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('offline')));
    await expect(checkLedger(config, fetchImpl)).resolves.toMatchObject({
      ok: false,
      problem: 'unreachable',
    });
  });

  it('reports missing settings without calling out', async () => {
    const fetchImpl = fakeFetch(ok);
    await expect(checkLedger({ backendUrl: '', readerKey: '' }, fetchImpl)).resolves.toMatchObject({
      ok: false,
      problem: 'not_configured',
    });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
