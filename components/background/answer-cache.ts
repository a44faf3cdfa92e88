/**
 * Answers kept in IndexedDB (idb) by digest, with the time they were fetched. The cache holds no
 * identifier, only digests and the ledger's answers, which carry no personal data.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { LookupResult } from '../../lib/lookup';

/** One cached answer. */
export interface CachedAnswer {
  result: LookupResult;
  fetchedAt: number;
}

const STORE = 'answers';

export class AnswerCache {
  private db: Promise<IDBPDatabase>;

  constructor(name = 'consentry-answers') {
    this.db = openDB(name, 1, { upgrade: (db) => void db.createObjectStore(STORE) });
  }

  async get(digest: string): Promise<CachedAnswer | undefined> {
    return (await this.getMany([digest]))[0];
  }

  /** Answers for many digests in one transaction (a page asks about hundreds at once). */
  async getMany(digests: string[]): Promise<(CachedAnswer | undefined)[]> {
    const tx = (await this.db).transaction(STORE, 'readonly');
    const answers = await Promise.all(digests.map((d) => tx.store.get(d)));
    await tx.done;
    return answers as (CachedAnswer | undefined)[];
  }

  async put(answers: CachedAnswer[]): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    await Promise.all([...answers.map((a) => tx.store.put(a, a.result.digest)), tx.done]);
  }

  /** Drops answers fetched before `before` (ms); returns how many. */
  async prune(before: number): Promise<number> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    let dropped = 0;
    for await (const cursor of tx.store) {
      if ((cursor.value as CachedAnswer).fetchedAt < before) {
        await cursor.delete();
        dropped++;
      }
    }
    await tx.done;
    return dropped;
  }

  /** Forgets everything (a new ledger or key). */
  async clear(): Promise<void> {
    await (await this.db).clear(STORE);
  }
}
