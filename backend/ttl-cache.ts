/** A small map whose entries expire: for hot reads (keys, sites) that may change rarely. */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The cached value, or the loaded one (cached) when missing or expired. */
  async get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const t = this.now();
    if (hit && hit.until > t) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxSize) this.entries.clear();
    this.entries.set(key, { value, until: t + this.ttlMs });
    return value;
  }

  /** Forgets everything (after a change made through this process). */
  clear(): void {
    this.entries.clear();
  }
}
