/**
 * The delivery queue: every consent event is written to IndexedDB first, then sent to the ledger
 * in batches. Network errors, 5xx, 408 and 429 keep the event and retry with exponential backoff
 * (also on the next visit); the ledger's idempotency on event ids makes delivery exactly-once.
 * Events the ledger refuses for good (4xx) are dropped and reported. Never throws.
 *
 * A closure rather than a class: its private state minifies to local names (it ships to every
 * visitor).
 */
import type { ConsentEvent } from '../../lib/consent-event';
import type { Receipt } from '../../lib/receipt';
import { openQueueStore, type QueueStore } from './queue-store';

/** How the outbox reaches the ledger and reports back. */
export interface OutboxOptions {
  /** `https://ledger.example/v1/events` */
  endpoint: string;
  siteKey: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Schedules a retry; returns a canceller. */
  schedule?: (run: () => void, ms: number) => () => void;
  onReceipt?: (eventId: string, receipt: Receipt) => void;
  onRejected?: (eventId: string, reason: string) => void;
  dbName?: string;
}

/** A queue that survives reloads where IndexedDB exists, and lives in memory where it does not. */
export interface Outbox {
  /** Queues an event durably, then tries to send everything due. */
  add(event: ConsentEvent): Promise<void>;
  /** Events waiting to be delivered. */
  pending(): Promise<ConsentEvent[]>;
  /**
   * Sends what is due (everything, when `force`), in batches. With `keepalive` the requests
   * outlive the page (used when the page is hidden).
   */
  flush(options?: { keepalive?: boolean; force?: boolean }): Promise<void>;
}

interface Entry {
  event: ConsentEvent;
  attempts: number;
  nextAt: number;
}

type Outcome = 'done' | 'retry';

const BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Backoff before attempt n+1: 1 s, 2 s, 4 s … with ±20% jitter, never over 5 minutes. */
export const backoffMs = (attempts: number, random = Math.random): number =>
  Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1) * (0.8 + 0.4 * random()));

/** Opens the queue's database; null where IndexedDB is missing or broken (the queue then lives in memory). */
async function openQueue(name: string): Promise<QueueStore<Entry> | null> {
  try {
    return await openQueueStore<Entry>(name);
  } catch {
    return null;
  }
}

const defaultSchedule = (run: () => void, ms: number) => {
  const t = setTimeout(run, ms);
  return () => clearTimeout(t);
};

/** Creates the outbox for one ledger endpoint. */
export function createOutbox(options: OutboxOptions): Outbox {
  const {
    endpoint,
    siteKey,
    fetch: send = (...args) => globalThis.fetch(...args),
    now = Date.now,
    schedule = defaultSchedule,
    onReceipt,
    onRejected,
  } = options;
  const db = openQueue(options.dbName ?? 'consentry-outbox');
  /** What IndexedDB could not take (or everything, without it), for this page's life. */
  const memory = new Map<string, Entry>();
  let flushing: Promise<void> | null = null;
  let cancelRetry: (() => void) | null = null;

  /** Everything queued: in IndexedDB, and in memory for what IndexedDB could not take. */
  const all = async (): Promise<Entry[]> => {
    const store = await db;
    let stored: Entry[] = [];
    try {
      stored = store ? await store.getAll() : [];
    } catch {
      // unreadable: what is in memory is all there is
    }
    const ids = new Set(stored.map((e) => e.event.eventId));
    return [...stored, ...[...memory.values()].filter((e) => !ids.has(e.event.eventId))];
  };

  const put = async (entry: Entry) => {
    const id = entry.event.eventId;
    const store = await db;
    try {
      if (store) {
        await store.put(id, entry);
        memory.delete(id);
        return;
      }
    } catch {
      // IndexedDB refused (quota, private mode): keep it in memory for this page's life
    }
    memory.set(id, entry);
  };

  const remove = async (eventId: string) => {
    memory.delete(eventId);
    const store = await db;
    try {
      await store?.delete(eventId);
    } catch {
      // already gone
    }
  };

  /** Puts a batch back with its next attempt planned. */
  const later = async (batch: Entry[]): Promise<Outcome> => {
    for (const entry of batch) {
      const attempts = entry.attempts + 1;
      await put({ ...entry, attempts, nextAt: now() + backoffMs(attempts) });
    }
    return 'retry';
  };

  const post = async (batch: Entry[], keepalive: boolean): Promise<Outcome> => {
    let res: Response;
    try {
      res = await send(endpoint, {
        method: 'POST',
        keepalive,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${siteKey}` },
        body: JSON.stringify({ events: batch.map((e) => e.event) }),
      });
    } catch {
      return later(batch);
    }
    const status = res.status;
    if (status === 408 || status === 429 || status >= 500) return later(batch);
    if (!res.ok) {
      // Refused for good. In a batch, find out which: send each alone.
      if (batch.length > 1) {
        for (const entry of batch) if ((await post([entry], keepalive)) === 'retry') return 'retry';
        return 'done';
      }
      const reason = await res.text().catch(() => `HTTP ${status}`);
      const eventId = batch[0]!.event.eventId;
      await remove(eventId);
      onRejected?.(eventId, reason);
      return 'done';
    }
    const body = (await res.json().catch(() => null)) as {
      results?: { eventId: string; status: string; receipt?: Receipt }[];
    } | null;
    // A 2xx that is not the ledger's answer (a captive portal, a proxy): not delivered.
    if (!Array.isArray(body?.results)) return later(batch);
    for (const result of body.results) {
      await remove(result.eventId);
      if (result.receipt) onReceipt?.(result.eventId, result.receipt);
      else onRejected?.(result.eventId, result.status);
    }
    return 'done';
  };

  const planRetry = () => {
    cancelRetry?.();
    cancelRetry = null;
    void all().then((entries) => {
      if (entries.length === 0) return;
      const wait = Math.max(0, Math.min(...entries.map((e) => e.nextAt)) - now());
      cancelRetry = schedule(() => void outbox.flush(), wait);
    });
  };

  const sendDue = async ({ keepalive = false, force = false }) => {
    const start = now();
    const due = (await all()).filter((e) => force || e.nextAt <= start);
    for (let i = 0; i < due.length; i += BATCH) {
      if ((await post(due.slice(i, i + BATCH), keepalive)) === 'retry') break;
    }
    planRetry();
  };

  const outbox: Outbox = {
    add: async (event) => {
      await put({ event, attempts: 0, nextAt: 0 });
      await outbox.flush();
    },
    pending: async () => (await all()).map((e) => e.event),
    flush: (flushOptions = {}) =>
      (flushing ??= sendDue(flushOptions).finally(() => {
        flushing = null;
      })),
  };
  return outbox;
}
