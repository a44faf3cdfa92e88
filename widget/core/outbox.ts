/**
 * The delivery queue: every consent event is written to IndexedDB first, then sent to the ledger
 * in batches. Network errors, 5xx, 408 and 429 keep the event and retry with exponential backoff
 * (also on the next visit); the ledger's idempotency on event ids makes delivery exactly-once.
 * Events the ledger refuses for good (4xx) are dropped and reported. Never throws.
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

interface Entry {
  event: ConsentEvent;
  attempts: number;
  nextAt: number;
}

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

/** A queue that survives reloads where IndexedDB exists, and lives in memory where it does not. */
export class Outbox {
  private db: Promise<QueueStore<Entry> | null>;
  private memory = new Map<string, Entry>();
  private flushing: Promise<void> | null = null;
  private cancelRetry: (() => void) | null = null;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly schedule: NonNullable<OutboxOptions['schedule']>;

  constructor(private readonly options: OutboxOptions) {
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.now = options.now ?? Date.now;
    this.schedule =
      options.schedule ??
      ((run, ms) => {
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      });
    this.db = openQueue(options.dbName ?? 'consentry-outbox');
  }

  /** Queues an event durably, then tries to send everything due. */
  async add(event: ConsentEvent): Promise<void> {
    await this.put({ event, attempts: 0, nextAt: 0 });
    await this.flush();
  }

  /** Events waiting to be delivered. */
  async pending(): Promise<ConsentEvent[]> {
    return (await this.all()).map((e) => e.event);
  }

  /**
   * Sends what is due (everything, when `force`), in batches. With `keepalive` the requests
   * outlive the page (used when the page is hidden).
   */
  flush(options: { keepalive?: boolean; force?: boolean } = {}): Promise<void> {
    this.flushing ??= this.send(options).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async send({
    keepalive = false,
    force = false,
  }: {
    keepalive?: boolean;
    force?: boolean;
  }) {
    const now = this.now();
    const due = (await this.all()).filter((e) => force || e.nextAt <= now);
    for (let i = 0; i < due.length; i += BATCH) {
      const outcome = await this.post(due.slice(i, i + BATCH), keepalive);
      if (outcome === 'retry') break;
    }
    this.planRetry();
  }

  private async post(batch: Entry[], keepalive: boolean): Promise<'done' | 'retry'> {
    let res: Response;
    try {
      res = await this.fetch(this.options.endpoint, {
        method: 'POST',
        keepalive,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.siteKey}`,
        },
        body: JSON.stringify({ events: batch.map((e) => e.event) }),
      });
    } catch {
      await this.later(batch);
      return 'retry';
    }
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      await this.later(batch);
      return 'retry';
    }
    if (!res.ok) {
      // Refused for good. In a batch, find out which: send each alone.
      if (batch.length > 1) {
        for (const entry of batch)
          if ((await this.post([entry], keepalive)) === 'retry') return 'retry';
        return 'done';
      }
      const reason = await res.text().catch(() => `HTTP ${res.status}`);
      await this.remove(batch[0]!.event.eventId);
      this.options.onRejected?.(batch[0]!.event.eventId, reason);
      return 'done';
    }
    const body = (await res.json().catch(() => null)) as {
      results?: { eventId: string; status: string; receipt?: Receipt }[];
    } | null;
    if (!Array.isArray(body?.results)) {
      // A 2xx that is not the ledger's answer (a captive portal, a proxy): not delivered.
      await this.later(batch);
      return 'retry';
    }
    for (const result of body.results) {
      await this.remove(result.eventId);
      if (result.receipt) this.options.onReceipt?.(result.eventId, result.receipt);
      else this.options.onRejected?.(result.eventId, result.status);
    }
    return 'done';
  }

  private async later(batch: Entry[]) {
    for (const entry of batch) {
      const attempts = entry.attempts + 1;
      await this.put({ ...entry, attempts, nextAt: this.now() + backoffMs(attempts) });
    }
  }

  private planRetry() {
    this.cancelRetry?.();
    this.cancelRetry = null;
    void this.all().then((entries) => {
      if (entries.length === 0) return;
      const wait = Math.max(0, Math.min(...entries.map((e) => e.nextAt)) - this.now());
      this.cancelRetry = this.schedule(() => void this.flush(), wait);
    });
  }

  /** Everything queued: in IndexedDB, and in memory for what IndexedDB could not take. */
  private async all(): Promise<Entry[]> {
    const db = await this.db;
    let stored: Entry[] = [];
    try {
      stored = db ? await db.getAll() : [];
    } catch {
      // unreadable: what is in memory is all there is
    }
    const ids = new Set(stored.map((e) => e.event.eventId));
    return [...stored, ...[...this.memory.values()].filter((e) => !ids.has(e.event.eventId))];
  }

  private async put(entry: Entry) {
    const db = await this.db;
    try {
      if (db) {
        await db.put(entry.event.eventId, entry);
        this.memory.delete(entry.event.eventId);
        return;
      }
    } catch {
      // IndexedDB refused (quota, private mode): keep it in memory for this page's life
    }
    this.memory.set(entry.event.eventId, entry);
  }

  private async remove(eventId: string) {
    this.memory.delete(eventId);
    const db = await this.db;
    try {
      await db?.delete(eventId);
    } catch {
      // already gone
    }
  }
}
