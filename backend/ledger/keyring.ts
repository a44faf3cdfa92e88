import { newDataKey, open, seal } from '../crypto/envelope';
import type { Storage, SubjectRow } from '../storage/storage';

const wrapAad = (siteId: string, ref: string) => `consentry:dek:${siteId}:${ref}`;

/**
 * Per-subject data keys, wrapped by the master key. Unwrapped keys are cached in memory for a
 * while; a shredded subject's key is gone from the store and, through `forget`, from the cache.
 */
export class Keyring {
  private cache = new Map<string, Buffer>();

  constructor(
    private readonly storage: Storage,
    private readonly masterKey: Buffer,
    private readonly maxCached = 10_000,
  ) {}

  /**
   * Data keys for these subjects, creating any that are missing. New subjects come back as rows
   * for the caller to store in the same transaction as the data they protect.
   */
  async keysFor(
    siteId: string,
    refs: readonly string[],
  ): Promise<{ keys: Map<string, Buffer>; created: SubjectRow[] }> {
    const keys = new Map<string, Buffer>();
    const missing = refs.filter((ref) => {
      const hit = this.cache.get(`${siteId}\n${ref}`);
      if (hit) keys.set(ref, hit);
      return !hit;
    });
    const created: SubjectRow[] = [];
    if (missing.length === 0) return { keys, created };
    const rows = new Map(
      (await this.storage.getSubjects(siteId, missing)).map((row) => [row.ref, row]),
    );
    for (const ref of new Set(missing)) {
      const row = rows.get(ref);
      const unwrapped = row?.wrappedKey
        ? open(this.masterKey, row.wrappedKey, wrapAad(siteId, ref))
        : null;
      if (row?.wrappedKey && !unwrapped)
        throw new Error(
          `data key of a subject of site ${siteId} does not unwrap: wrong master key?`,
        );
      const key = unwrapped ?? newDataKey();
      if (!unwrapped) {
        created.push({
          siteId,
          ref,
          wrappedKey: seal(this.masterKey, key, wrapAad(siteId, ref)),
          verifiedAt: row?.verifiedAt ?? null,
          erasedAt: row?.erasedAt ?? null,
        });
      }
      keys.set(ref, key);
      this.remember(`${siteId}\n${ref}`, key);
    }
    return { keys, created };
  }

  /** The data key of a subject if it still exists (not shredded). */
  async existingKey(siteId: string, ref: string): Promise<Buffer | null> {
    const [row] = await this.storage.getSubjects(siteId, [ref]);
    return row?.wrappedKey ? open(this.masterKey, row.wrappedKey, wrapAad(siteId, ref)) : null;
  }

  /** Drops every key from memory (another process may have shredded some). */
  clear(): void {
    this.cache.clear();
  }

  /** Drops a subject's key from memory (after shredding). */
  forget(siteId: string, ref: string): void {
    this.cache.delete(`${siteId}\n${ref}`);
  }

  private remember(id: string, key: Buffer) {
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, key);
  }
}
