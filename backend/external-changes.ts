/**
 * Changes made by another process (the CLI's `erase`, `keys revoke`, `sites create`) reach this
 * process's caches: before a request is served and before a commit seals data, the store's data
 * version is compared with the last one seen, and when it moved every cache of stored data is
 * dropped. One cheap read per check, so the caches can live until something changes instead of
 * for a short fixed time (whose expiry made every cached person be read again at once).
 */
import type { Storage } from './storage/storage';

/** Something holding copies of stored data. */
export interface Clearable {
  clear(): void;
}

/** Returns the check: resolves once caches reflect every change committed elsewhere so far. */
export function watchExternalChanges(
  storage: Storage,
  caches: readonly Clearable[],
): () => Promise<void> {
  let seen: number | null = null;
  return async () => {
    const version = await storage.dataVersion();
    if (seen !== null && version !== seen) for (const cache of caches) cache.clear();
    seen = version;
  };
}
