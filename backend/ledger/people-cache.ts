/**
 * The look-up cache: people as `findPeople` gathers them, keyed by site and identifier digest, so
 * a CRM list asking about the same contacts again costs neither the HMAC nor the reads.
 *
 * Correctness comes from invalidation, not expiry: every commit and every erasure made through
 * this process forgets the people whose refs (their own or a linked device's) it touched, and a
 * change committed by another process (the CLI's `erase`) clears it before the next request (see
 * external-changes.ts). The TTL only bounds how old a cached person can get.
 */
import type { Person } from './person';

interface Entry {
  person: Person;
  until: number;
}

export class PeopleCache {
  private readonly entries = new Map<string, Entry>();
  /** site + ref -> the keys of cached people that ref belongs to. */
  private readonly byRef = new Map<string, Set<string>>();
  hits = 0;
  misses = 0;
  /** Bumped by every invalidation: a read that overlapped one is not cached. */
  epoch = 0;

  constructor(
    private readonly ttlMs = 600_000,
    private readonly maxSize = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The cached person for this digest, or undefined when absent or expired. */
  get(siteId: string, digest: string): Person | undefined {
    const key = `${siteId}\n${digest}`;
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) {
      this.hits++;
      return entry.person;
    }
    if (entry) this.drop(key, siteId, entry.person);
    this.misses++;
    return undefined;
  }

  /** Caches a person read while `epoch` was `readAt` (skipped if something changed since). */
  set(siteId: string, digest: string, person: Person, readAt: number): void {
    if (readAt !== this.epoch) return;
    const key = `${siteId}\n${digest}`;
    const old = this.entries.get(key);
    if (old) this.drop(key, siteId, old.person);
    if (this.entries.size >= this.maxSize) this.clear();
    this.entries.set(key, { person, until: this.now() + this.ttlMs });
    for (const ref of person.refs) {
      const refKey = `${siteId}\n${ref}`;
      let keys = this.byRef.get(refKey);
      if (!keys) this.byRef.set(refKey, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Forgets every cached person any of these refs belongs to (after a commit or an erasure). */
  invalidate(siteId: string, refs: Iterable<string>): void {
    this.epoch++;
    for (const ref of refs) {
      const keys = this.byRef.get(`${siteId}\n${ref}`);
      if (!keys) continue;
      for (const key of [...keys]) {
        const entry = this.entries.get(key);
        if (entry) this.drop(key, siteId, entry.person);
      }
    }
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.byRef.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, siteId: string, person: Person) {
    this.entries.delete(key);
    for (const ref of person.refs) {
      const refKey = `${siteId}\n${ref}`;
      const keys = this.byRef.get(refKey);
      keys?.delete(key);
      if (keys?.size === 0) this.byRef.delete(refKey);
    }
  }
}
