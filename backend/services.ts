import { join } from 'node:path';
import type { ServerConfig } from './config';
import type { Services } from './context';
import { loadSecrets, type Secrets } from './crypto/secrets';
import { Checkpointer } from './ledger/checkpointer';
import { Keyring } from './ledger/keyring';
import { PeopleCache } from './ledger/people-cache';
import { LedgerWriter } from './ledger/writer';
import { createLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { openSqlite } from './storage/sqlite';
import type { KeyRow, SiteRow, Storage } from './storage/storage';
import { TtlCache } from './ttl-cache';
import { watchExternalChanges } from './external-changes';

/** Optional replacements, for tests and tools. */
export interface ServiceOverrides {
  storage?: Storage;
  secrets?: Secrets;
  log?: Logger;
  now?: () => number;
}

/** Opens the store, loads the secrets and wires the writer, keyring and checkpointer together. */
export function createServices(config: ServerConfig, overrides: ServiceOverrides = {}): Services {
  const storage =
    overrides.storage ??
    openSqlite({ path: join(config.dataDir, 'consentry.sqlite'), synchronous: config.synchronous });
  const secrets =
    overrides.secrets ??
    loadSecrets(config.dataDir, { pepper: config.pepper, masterKey: config.masterKey });
  const now = overrides.now ?? Date.now;
  const log = overrides.log ?? createLogger(config.logLevel);
  const keyring = new Keyring(storage, secrets.masterKey);
  const checkpointer = new Checkpointer(storage, secrets, config.checkpointEvery, now);
  const people = new PeopleCache();
  // Changes made elsewhere show at the next request or commit (see external-changes.ts); the
  // TTLs only bound memory's age should a change go unseen.
  const cache = {
    keys: new TtlCache<string, KeyRow | null>(60_000),
    sites: new TtlCache<string, SiteRow | null>(60_000),
  };
  const noticeExternalChanges = watchExternalChanges(storage, [
    people,
    keyring,
    cache.keys,
    cache.sites,
  ]);
  const writer = new LedgerWriter(storage, keyring, {
    beforeCommit: noticeExternalChanges,
    onCommit: (rows) => {
      for (const row of rows) people.invalidate(row.siteId, row.subjectRefs);
      checkpointer.onCommit(rows);
    },
  });
  const metrics = new Metrics();
  metrics.gauge('consentry_ledger_entries_committed_total', () => writer.committed);
  metrics.gauge('consentry_ledger_commits_total', () => writer.batches);
  metrics.gauge('consentry_lookup_cache_hits_total', () => people.hits);
  metrics.gauge('consentry_lookup_cache_misses_total', () => people.misses);
  return {
    config,
    storage,
    secrets,
    keyring,
    writer,
    checkpointer,
    log,
    metrics,
    now,
    cache,
    people,
    noticeExternalChanges,
  };
}

/** Finishes pending writes and checkpoints, then closes the store. */
export async function closeServices(services: Services): Promise<void> {
  await services.writer.idle();
  await services.checkpointer.idle();
  await services.storage.close();
}
