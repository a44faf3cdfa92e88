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

/** One site's part: maps by digest and by ref, so a look-up builds no key strings. */
interface SiteEntries {
  byDigest: Map<string, Entry>;
  /** ref -> the digests of cached people that ref belongs to. */
  byRef: Map<string, Set<string>>;
}

export class PeopleCache {
  private readonly sites = new Map<string, SiteEntries>();
  private count = 0;
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
    const site = this.sites.get(siteId);
    const entry = site?.byDigest.get(digest);
    if (entry && entry.until > this.now()) {
      this.hits++;
      return entry.person;
    }
    if (entry) this.drop(site!, digest, entry.person);
    this.misses++;
    return undefined;
  }

  /** Caches a person read while `epoch` was `readAt` (skipped if something changed since). */
  set(siteId: string, digest: string, person: Person, readAt: number): void {
    if (readAt !== this.epoch) return;
    if (this.count >= this.maxSize) this.clear();
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = { byDigest: new Map(), byRef: new Map() }));
    const old = site.byDigest.get(digest);
    if (old) this.drop(site, digest, old.person);
    site.byDigest.set(digest, { person, until: this.now() + this.ttlMs });
    this.count++;
    for (const ref of person.refs) {
      let digests = site.byRef.get(ref);
      if (!digests) site.byRef.set(ref, (digests = new Set()));
      digests.add(digest);
    }
  }

  /** Forgets every cached person any of these refs belongs to (after a commit or an erasure). */
  invalidate(siteId: string, refs: Iterable<string>): void {
    this.epoch++;
    const site = this.sites.get(siteId);
    if (!site) return;
    for (const ref of refs) {
      const digests = site.byRef.get(ref);
      if (!digests) continue;
      for (const digest of [...digests]) {
        const entry = site.byDigest.get(digest);
        if (entry) this.drop(site, digest, entry.person);
      }
    }
  }

  clear(): void {
    this.epoch++;
    this.sites.clear();
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  private drop(site: SiteEntries, digest: string, person: Person) {
    site.byDigest.delete(digest);
    this.count--;
    for (const ref of person.refs) {
      const digests = site.byRef.get(ref);
      digests?.delete(digest);
      if (digests?.size === 0) site.byRef.delete(ref);
    }
  }
}
