import type { PeopleCache } from './ledger/people-cache';
import type { ServerConfig } from './config';
import type { Secrets } from './crypto/secrets';
import type { Checkpointer } from './ledger/checkpointer';
import type { Keyring } from './ledger/keyring';
import type { LedgerWriter } from './ledger/writer';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { KeyRow, SiteRow, Storage } from './storage/storage';
import type { TtlCache } from './ttl-cache';

/** Everything a route needs, built once at start (and by tests with an in-memory store). */
export interface Services {
  config: ServerConfig;
  storage: Storage;
  secrets: Secrets;
  keyring: Keyring;
  writer: LedgerWriter;
  checkpointer: Checkpointer;
  log: Logger;
  metrics: Metrics;
  now: () => number;
  /** Hot reads on every request; dropped when another process changed the store. */
  cache: { keys: TtlCache<string, KeyRow | null>; sites: TtlCache<string, SiteRow | null> };
  /** People as look-ups see them; forgotten on every commit and erasure that touches them. */
  people: PeopleCache;
  /** Drops every cache if another process committed since the last call (before each request). */
  noticeExternalChanges: () => Promise<void>;
}

/** Hono variables set by middleware. */
export interface AppEnv {
  Variables: {
    services: Services;
    key: KeyRow;
    requestId: string;
    /** Body size limit of the route group (bytes). */
    maxBody: number;
  };
}
