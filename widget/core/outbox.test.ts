// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsentEvent } from '../../lib/consent-event';
import type { Receipt } from '../../lib/receipt';
import { backoffMs, createOutbox, type OutboxOptions } from './outbox';

const ENDPOINT = 'https://ledger.example/v1/events';
const SITE_KEY = 'pk_test_site_1';
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
const LATER = 10 * 60_000;

let dbCount = 0;
const freshDbName = () =>
  `consentry-outbox-test-${++dbCount}-${Math.random().toString(36).slice(2)}`;

const event = (n: number): ConsentEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  siteId: 'site_1',
  visitorId: 'visitor_abcdef',
  choices: { necessary: true, analytics: n % 2 === 0 },
  regime: 'gdpr',
  method: 'save',
  policyVersion: '2026-01',
  noticeHash: 'a'.repeat(64),
  language: 'en',
  gpc: false,
  clientTime: new Date(START).toISOString(),
  pageUrl: 'https://shop.example/basket',
});

const receiptFor = (eventId: string): Receipt => ({
  eventId,
  siteId: 'site_1',
  position: 0,
  hash: 'b'.repeat(64),
  previousHash: '0'.repeat(64),
  receivedAt: new Date(START).toISOString(),
  country: null,
  gpcHeader: false,
  algorithm: 'Ed25519',
  keyId: 'k1',
  signature: 'c'.repeat(86),
});

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

type Handler = (events: ConsentEvent[]) => Response | Promise<Response>;

/** The events a request carried. */
const eventsOf = (init: RequestInit | undefined): ConsentEvent[] =>
  (JSON.parse(init!.body as string) as { events: ConsentEvent[] }).events;

/**
 * A ledger that is idempotent on event ids, as the real one is: a repeated id is answered
 * "duplicate" with the same receipt. `script` answers the next requests differently, in order.
 */
function fakeLedger(...script: Handler[]) {
  const stored = new Set<string>();
  /** The status of every event the ledger accepted, in order. */
  const answers: string[] = [];
  const accept: Handler = (events) => {
    const results = events.map((e) => {
      const status = stored.has(e.eventId) ? 'duplicate' : 'stored';
      stored.add(e.eventId);
      answers.push(status);
      return { eventId: e.eventId, status, receipt: receiptFor(e.eventId) };
    });
    return json({ results }, results.some((r) => r.status === 'stored') ? 201 : 200);
  };
  const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
    const events = eventsOf(init);
    const handler = script.shift() ?? accept;
    return handler(events);
  });
  /** Event ids per request, in order. */
  const requests = () => fetch.mock.calls.map(([, init]) => eventsOf(init).map((e) => e.eventId));
  return { fetch, stored, answers, accept, requests };
}

const offline: Handler = () => Promise.reject(new TypeError('Failed to fetch'));
const status =
  (code: number, body = `HTTP ${code}`): Handler =>
  () =>
    new Response(body, { status: code });

interface Job {
  run: () => void;
  ms: number;
  cancelled: boolean;
}

/** An outbox with a fixed clock and a schedule that only records what it was asked to run. */
function harness(ledger: ReturnType<typeof fakeLedger>, options: Partial<OutboxOptions> = {}) {
  const clock = { now: START };
  const jobs: Job[] = [];
  const schedule = vi.fn((run: () => void, ms: number) => {
    const job = { run, ms, cancelled: false };
    jobs.push(job);
    return () => {
      job.cancelled = true;
    };
  });
  const onReceipt = vi.fn();
  const onRejected = vi.fn();
  const outbox = createOutbox({
    endpoint: ENDPOINT,
    siteKey: SITE_KEY,
    fetch: ledger.fetch,
    now: () => clock.now,
    schedule,
    onReceipt,
    onRejected,
    dbName: freshDbName(),
    ...options,
  });
  /** The retry the outbox asked for last, once it has asked. */
  const nextRetry = async (count: number) => {
    await vi.waitFor(() => expect(schedule).toHaveBeenCalledTimes(count));
    return jobs[count - 1]!;
  };
  /** Moves the clock to the retry and runs it, as the timer would. */
  const runRetry = async (job: Job) => {
    expect(job.cancelled).toBe(false);
    clock.now += job.ms;
    job.run();
    await outbox.flush();
  };
  return { outbox, clock, jobs, schedule, onReceipt, onRejected, nextRetry, runRetry };
}

/** Lets the outbox's fire-and-forget work (planning a retry) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('backoffMs', () => {
  const fixed = (value: number) => () => value;

  it('waits about a second before the first retry', () => {
    expect(backoffMs(1, fixed(0.5))).toBe(1000);
  });

  it('jitters by at most 20% either way', () => {
    expect(backoffMs(1, fixed(0))).toBe(800);
    expect(backoffMs(1, fixed(0.999_999))).toBeCloseTo(1200, 0);
    expect(backoffMs(3, fixed(0))).toBe(3200);
  });

  it('doubles with every failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, fixed(0.5)))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
  });

  it('stops growing at five minutes', () => {
    expect(backoffMs(9, fixed(0.5))).toBe(256_000);
    expect(backoffMs(10, fixed(0.5))).toBe(300_000);
    expect(backoffMs(50, fixed(0.5))).toBe(300_000);
  });

  it('never waits longer than five minutes, whatever the jitter', () => {
    expect(backoffMs(50, fixed(0.999_999))).toBeLessThanOrEqual(300_000);
    expect(backoffMs(12, fixed(0.9))).toBeLessThanOrEqual(300_000);
  });
});

describe('Outbox', () => {
  describe('when the ledger answers', () => {
    it('stores the event before posting it to the ledger with the site key', async () => {
      const ledger = fakeLedger();
      let queuedDuringRequest: ConsentEvent[] = [];
      const h = harness({
        ...ledger,
        fetch: vi.fn<typeof fetch>(async (url, init) => {
          queuedDuringRequest = await h.outbox.pending();
          return ledger.fetch(url, init);
        }),
      });

      await h.outbox.add(event(1));

      expect(queuedDuringRequest).toEqual([event(1)]);
      expect(ledger.fetch).toHaveBeenCalledTimes(1);
      const [url, init] = ledger.fetch.mock.calls[0]!;
      expect(url).toBe(ENDPOINT);
      expect(init!.method).toBe('POST');
      expect(init!.headers).toMatchObject({
        authorization: `Bearer ${SITE_KEY}`,
        'content-type': 'application/json',
      });
      expect(JSON.parse(init!.body as string)).toEqual({ events: [event(1)] });
    });

    it('empties the queue and hands over each receipt', async () => {
      const ledger = fakeLedger();
      const h = harness(ledger);

      await h.outbox.add(event(1));
      await h.outbox.add(event(2));

      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onReceipt.mock.calls).toEqual([
        [event(1).eventId, receiptFor(event(1).eventId)],
        [event(2).eventId, receiptFor(event(2).eventId)],
      ]);
      expect(h.onRejected).not.toHaveBeenCalled();
      await settle();
      expect(h.schedule).not.toHaveBeenCalled();
    });

    it('drops and reports an event the ledger answers as a conflict', async () => {
      const h = harness(
        fakeLedger((events) =>
          json({ results: events.map((e) => ({ eventId: e.eventId, status: 'conflict' })) }, 200),
        ),
      );

      await h.outbox.add(event(1));

      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onRejected).toHaveBeenCalledWith(event(1).eventId, 'conflict');
      expect(h.onReceipt).not.toHaveBeenCalled();
    });
  });

  describe('when delivery fails for now', () => {
    const failures: [string, Handler][] = [
      ['the network is down', offline],
      ['the ledger answers 503', status(503)],
      ['the ledger answers 500', status(500)],
      ['the ledger answers 429', status(429)],
      ['the request times out (408)', status(408)],
    ];

    for (const [when, failure] of failures) {
      it(`keeps the event and retries about a second later when ${when}`, async () => {
        const ledger = fakeLedger(failure);
        const h = harness(ledger);

        await expect(h.outbox.add(event(1))).resolves.toBeUndefined();

        expect(await h.outbox.pending()).toEqual([event(1)]);
        const retry = await h.nextRetry(1);
        expect(retry.ms).toBeGreaterThanOrEqual(800);
        expect(retry.ms).toBeLessThanOrEqual(1200);
        expect(h.onReceipt).not.toHaveBeenCalled();
        expect(h.onRejected).not.toHaveBeenCalled();

        await h.runRetry(retry);

        expect(ledger.requests()).toEqual([[event(1).eventId], [event(1).eventId]]);
        expect(await h.outbox.pending()).toEqual([]);
        expect(h.onReceipt).toHaveBeenCalledTimes(1);
        expect(h.onReceipt).toHaveBeenCalledWith(event(1).eventId, receiptFor(event(1).eventId));
      });
    }

    it('does not resend an event before its retry is due', async () => {
      const ledger = fakeLedger(offline);
      const h = harness(ledger);
      await h.outbox.add(event(1));
      h.clock.now += 500;

      await h.outbox.flush();

      expect(ledger.fetch).toHaveBeenCalledTimes(1);
      expect(await h.outbox.pending()).toEqual([event(1)]);
    });

    it('waits longer after every failed attempt', async () => {
      const ledger = fakeLedger(offline, status(503), offline);
      const h = harness(ledger);

      await h.outbox.add(event(1));
      const first = await h.nextRetry(1);
      await h.runRetry(first);
      const second = await h.nextRetry(2);
      await h.runRetry(second);
      const third = await h.nextRetry(3);

      expect(first.ms).toBeGreaterThanOrEqual(800);
      expect(first.ms).toBeLessThanOrEqual(1200);
      expect(second.ms).toBeGreaterThanOrEqual(1600);
      expect(second.ms).toBeLessThanOrEqual(2400);
      expect(third.ms).toBeGreaterThanOrEqual(3200);
      expect(third.ms).toBeLessThanOrEqual(4800);
      expect(await h.outbox.pending()).toEqual([event(1)]);
    });

    it('delivers exactly once when the ledger stored it but the answer was lost', async () => {
      const ledger = fakeLedger();
      const lostAnswer: Handler = async (events) => {
        await ledger.accept(events);
        throw new TypeError('Failed to fetch');
      };
      const h = harness({ ...ledger, fetch: ledger.fetch });
      ledger.fetch.mockImplementationOnce(async (_url, init) => lostAnswer(eventsOf(init)));

      await h.outbox.add(event(1));
      expect(ledger.stored.has(event(1).eventId)).toBe(true);
      expect(await h.outbox.pending()).toEqual([event(1)]);

      await h.runRetry(await h.nextRetry(1));

      expect(ledger.answers).toEqual(['stored', 'duplicate']);
      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onReceipt).toHaveBeenCalledTimes(1);
      expect(h.onRejected).not.toHaveBeenCalled();

      await h.outbox.flush({ force: true });
      expect(ledger.fetch).toHaveBeenCalledTimes(2);
    });

    it('keeps the event and backs off when a 200 carries no results (a captive portal)', async () => {
      const portal: Handler = () =>
        new Response('<html>Sign in to the Wi-Fi</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        });
      const ledger = fakeLedger(portal);
      const h = harness(ledger);

      await h.outbox.add(event(1));

      expect(await h.outbox.pending()).toEqual([event(1)]);
      const retry = await h.nextRetry(1);
      expect(retry.ms).toBeGreaterThanOrEqual(800);
      await h.runRetry(retry);
      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onReceipt).toHaveBeenCalledTimes(1);
    });
  });

  describe('when the ledger refuses for good', () => {
    it('delivers the good events of a refused batch one by one and drops the bad one', async () => {
      const bad = event(2);
      const ledger = fakeLedger(offline, offline, offline);
      const h = harness(ledger);
      for (const n of [1, 2, 3]) await h.outbox.add(event(n));
      expect(await h.outbox.pending()).toHaveLength(3);
      ledger.fetch.mockClear();
      ledger.fetch.mockImplementation(async (_url, init) => {
        const events = eventsOf(init);
        if (events.some((e) => e.eventId === bad.eventId))
          return new Response('events.0.policyVersion: the site has no policy version', {
            status: 422,
          });
        return ledger.accept(events);
      });
      h.clock.now += LATER;

      await h.outbox.flush();

      const requests = ledger.requests();
      expect(requests[0]).toHaveLength(3);
      expect(requests.slice(1)).toEqual([[event(1).eventId], [bad.eventId], [event(3).eventId]]);
      expect(await h.outbox.pending()).toEqual([]);
      expect([...ledger.stored].sort()).toEqual([event(1).eventId, event(3).eventId]);
      expect(h.onReceipt.mock.calls.map(([id]) => id)).toEqual([
        event(1).eventId,
        event(3).eventId,
      ]);
      expect(h.onRejected).toHaveBeenCalledTimes(1);
      expect(h.onRejected).toHaveBeenCalledWith(
        bad.eventId,
        expect.stringContaining('no policy version'),
      );
    });

    it('drops and reports a single refused event without retrying it', async () => {
      const ledger = fakeLedger(status(400, 'bad request'));
      const h = harness(ledger);

      await h.outbox.add(event(1));

      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onRejected).toHaveBeenCalledWith(event(1).eventId, 'bad request');
      await settle();
      expect(h.schedule).not.toHaveBeenCalled();
    });
  });

  describe('on the next visit', () => {
    it('sends what the previous page left in the queue', async () => {
      const dbName = freshDbName();
      const first = harness(fakeLedger(offline, offline), { dbName });
      await first.outbox.add(event(1));
      await first.outbox.add(event(2));
      await first.nextRetry(2);

      const ledger = fakeLedger();
      const next = harness(ledger, { dbName });
      next.clock.now = START + LATER;

      expect(await next.outbox.pending()).toEqual([event(1), event(2)]);
      await next.outbox.flush();

      expect(ledger.requests()).toEqual([[event(1).eventId, event(2).eventId]]);
      expect(await next.outbox.pending()).toEqual([]);
      expect(next.onReceipt).toHaveBeenCalledTimes(2);
    });

    it('does not see the queue of another outbox', async () => {
      const first = harness(fakeLedger(offline));
      await first.outbox.add(event(1));
      const other = harness(fakeLedger());
      expect(await other.outbox.pending()).toEqual([]);
    });
  });

  describe('flush', () => {
    it('asks for keepalive when the page is being hidden', async () => {
      const ledger = fakeLedger(offline);
      const h = harness(ledger);
      await h.outbox.add(event(1));
      expect(ledger.fetch.mock.calls[0]![1]!.keepalive).toBe(false);
      h.clock.now += LATER;

      await h.outbox.flush({ keepalive: true });

      expect(ledger.fetch).toHaveBeenCalledTimes(2);
      expect(ledger.fetch.mock.calls[1]![1]!.keepalive).toBe(true);
      expect(await h.outbox.pending()).toEqual([]);
    });

    it('sends a waiting event early when forced', async () => {
      const ledger = fakeLedger(offline);
      const h = harness(ledger);
      await h.outbox.add(event(1));

      await h.outbox.flush({ force: true });

      expect(ledger.fetch).toHaveBeenCalledTimes(2);
      expect(await h.outbox.pending()).toEqual([]);
    });

    it('sends once when called several times at once', async () => {
      const ledger = fakeLedger(offline);
      const h = harness(ledger);
      await h.outbox.add(event(1));
      h.clock.now += LATER;

      await Promise.all([h.outbox.flush(), h.outbox.flush(), h.outbox.flush()]);

      expect(ledger.requests()).toEqual([[event(1).eventId], [event(1).eventId]]);
      expect(h.onReceipt).toHaveBeenCalledTimes(1);
    });

    it('sends a long queue in batches of at most 50', async () => {
      const ledger = fakeLedger(...Array.from({ length: 51 }, () => offline));
      const h = harness(ledger);
      for (let n = 1; n <= 51; n += 1) await h.outbox.add(event(n));
      ledger.fetch.mockClear();
      h.clock.now += LATER;

      await h.outbox.flush();

      expect(ledger.requests().map((ids) => ids.length)).toEqual([50, 1]);
      expect(await h.outbox.pending()).toEqual([]);
      expect(h.onReceipt).toHaveBeenCalledTimes(51);
    });
  });

  describe('never throws to the caller', () => {
    it('when fetch itself throws synchronously', async () => {
      const h = harness(fakeLedger(), {
        fetch: vi.fn<typeof fetch>(() => {
          throw new TypeError('fetch is blocked');
        }),
      });
      await expect(h.outbox.add(event(1))).resolves.toBeUndefined();
      await expect(h.outbox.flush({ force: true })).resolves.toBeUndefined();
      expect(await h.outbox.pending()).toEqual([event(1)]);
    });

    it('when the ledger answers a success with a body that is not JSON', async () => {
      const h = harness(fakeLedger(() => new Response('not json', { status: 201 })));
      await expect(h.outbox.add(event(1))).resolves.toBeUndefined();
    });
  });

  describe('without IndexedDB', () => {
    const refuseOpen = () =>
      vi.spyOn(indexedDB, 'open').mockImplementation(() => {
        throw new DOMException('IndexedDB is not allowed here', 'SecurityError');
      });

    it('queues in memory and delivers when opening IndexedDB throws', async () => {
      refuseOpen();
      const ledger = fakeLedger();
      let h: ReturnType<typeof harness> | undefined;
      expect(() => {
        h = harness(ledger);
      }).not.toThrow();

      await expect(h!.outbox.add(event(1))).resolves.toBeUndefined();

      expect(ledger.requests()).toEqual([[event(1).eventId]]);
      expect(h!.onReceipt).toHaveBeenCalledTimes(1);
      expect(await h!.outbox.pending()).toEqual([]);
    });

    it('keeps failed events in memory and retries them when opening IndexedDB throws', async () => {
      refuseOpen();
      const ledger = fakeLedger(status(503));
      let h: ReturnType<typeof harness> | undefined;
      expect(() => {
        h = harness(ledger);
      }).not.toThrow();

      await h!.outbox.add(event(1));
      expect(await h!.outbox.pending()).toEqual([event(1)]);
      await h!.runRetry(await h!.nextRetry(1));

      expect(ledger.requests()).toEqual([[event(1).eventId], [event(1).eventId]]);
      expect(await h!.outbox.pending()).toEqual([]);
    });

    it('queues in memory and delivers when the browser has no indexedDB at all', async () => {
      const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')!;
      delete (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      try {
        const ledger = fakeLedger();
        let h: ReturnType<typeof harness> | undefined;
        expect(() => {
          h = harness(ledger);
        }).not.toThrow();

        await expect(h!.outbox.add(event(1))).resolves.toBeUndefined();

        expect(ledger.requests()).toEqual([[event(1).eventId]]);
        expect(h!.onReceipt).toHaveBeenCalledTimes(1);
      } finally {
        Object.defineProperty(globalThis, 'indexedDB', saved);
      }
    });

    it('still delivers an event IndexedDB refused to store (quota exceeded)', async () => {
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
        throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
      });
      const ledger = fakeLedger();
      const h = harness(ledger);

      await expect(h.outbox.add(event(1))).resolves.toBeUndefined();

      expect(ledger.requests()).toEqual([[event(1).eventId]]);
      expect(h.onReceipt).toHaveBeenCalledTimes(1);
    });
  });
});
