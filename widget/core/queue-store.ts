/**
 * The outbox's IndexedDB store: one object store, four operations, as promises. Written against
 * the raw API instead of `idb` (used elsewhere): the widget needs only these four, and idb's
 * general wrapper was 3.3 kB of every visitor's download.
 */
const STORE = 'events';

/** A key-value store of queued entries. */
export interface QueueStore<T> {
  getAll(): Promise<T[]>;
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

const done = <R>(request: IDBRequest<R>) =>
  new Promise<R>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Opens (creating on first use) the database `name`; rejects where IndexedDB is missing or refused. */
export async function openQueueStore<T>(name: string): Promise<QueueStore<T>> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => void open.result.createObjectStore(STORE);
  const db = await done(open);
  const run = <R>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<R>) =>
    done(act(db.transaction(STORE, mode).objectStore(STORE)));
  return {
    getAll: () => run('readonly', (s) => s.getAll()) as Promise<T[]>,
    put: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
    delete: async (key) => void (await run('readwrite', (s) => s.delete(key))),
  };
}
