/** The embedded SQLite engine (better-sqlite3, WAL). Durability: see `SqliteOptions.synchronous`. */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import type {
  AccessLogRow,
  EventRow,
  KeyRow,
  PolicyRow,
  SealedRow,
  SiteRow,
  Storage,
  SubjectDecisionRow,
  SubjectRow,
} from './storage';

/** How the SQLite file is opened. */
export interface SqliteOptions {
  /** File path, or ":memory:" for tests. */
  path: string;
  /**
   * FULL (default): every commit is fsynced, so an acknowledged consent survives a machine crash.
   * NORMAL: survives a process crash only. The writer's group commit keeps FULL fast.
   */
  synchronous?: 'full' | 'normal';
}

type Row = Record<string, unknown>;

const site = (r: Row): SiteRow => ({
  id: r.id as string,
  name: r.name as string,
  allowedOrigins: JSON.parse(r.allowed_origins as string) as string[],
  currentPolicy: r.current_policy as string,
  createdAt: r.created_at as number,
});

const key = (r: Row): KeyRow => ({
  id: r.id as string,
  siteId: (r.site_id as string | null) ?? null,
  scope: r.scope as KeyRow['scope'],
  hash: r.hash as string,
  label: r.label as string,
  createdAt: r.created_at as number,
  revokedAt: (r.revoked_at as number | null) ?? null,
});

const event = (r: Row): EventRow => ({
  siteId: r.site_id as string,
  position: r.position as number,
  eventId: r.event_id as string,
  kind: r.kind as EventRow['kind'],
  receivedAt: r.received_at as number,
  subjectRefs: JSON.parse(r.subject_refs as string) as string[],
  record: r.record as string,
  requestHash: r.request_hash as string,
  leafHash: r.leaf_hash as string,
  prevHash: r.prev_hash as string,
  hash: r.hash as string,
});

const decisionRow = (r: Row): SubjectDecisionRow => ({
  subjectRef: r.subject_ref as string,
  position: r.position as number,
  eventId: r.event_id as string,
  receivedAt: r.received_at as number,
  decision: r.decision as string,
});

const subject = (r: Row): SubjectRow => ({
  siteId: r.site_id as string,
  ref: r.ref as string,
  wrappedKey: (r.wrapped_key as string | null) ?? null,
  verifiedAt: (r.verified_at as number | null) ?? null,
  erasedAt: (r.erased_at as number | null) ?? null,
});

/**
 * Makes a database file's folder (owner-only when it is new) and, when the file is new, the file
 * itself, readable by its owner only: it holds sealed personal data, identifier refs and hashed
 * keys. SQLite gives its WAL and shared-memory files the database file's permissions.
 */
function createOwnerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}

/** Opens (creating and migrating when needed) a SQLite store. */
export function openSqlite(options: SqliteOptions): Storage {
  if (options.path !== ':memory:') createOwnerOnly(options.path);
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  const synchronous = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // Erasure deletes wrapped data keys: overwrite freed space so they do not linger in the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // Look-ups read a person's entries by index: a larger page cache and memory-mapped reads help.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    SQLITE_MIGRATIONS.slice(version).forEach((sql) => db.exec(sql));
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
  })();

  const q = {
    insertSite: db.prepare(
      'INSERT INTO sites (id, name, allowed_origins, current_policy, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    getSite: db.prepare('SELECT * FROM sites WHERE id = ?'),
    listSites: db.prepare('SELECT * FROM sites ORDER BY created_at, id'),
    insertPolicy: db.prepare(
      'INSERT INTO policies (site_id, version, config, published_at) VALUES (?, ?, ?, ?)',
    ),
    setCurrent: db.prepare('UPDATE sites SET current_policy = ? WHERE id = ?'),
    setOrigins: db.prepare('UPDATE sites SET allowed_origins = ? WHERE id = ?'),
    getPolicy: db.prepare('SELECT * FROM policies WHERE site_id = ? AND version = ?'),
    insertKey: db.prepare(
      'INSERT INTO api_keys (id, site_id, scope, hash, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    keyByHash: db.prepare('SELECT * FROM api_keys WHERE hash = ?'),
    listKeys: db.prepare('SELECT * FROM api_keys ORDER BY created_at, id'),
    revokeKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    head: db.prepare(
      'SELECT position, hash FROM events WHERE site_id = ? ORDER BY position DESC LIMIT 1',
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (site_id, position, event_id, kind, received_at, subject_refs, record, request_hash, leaf_hash, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertEventSubject: db.prepare(
      `INSERT OR IGNORE INTO event_subjects (site_id, subject_ref, position, event_id, received_at, decision)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertSealed: db.prepare(
      'INSERT INTO sealed (site_id, event_id, subject_ref, ciphertext) VALUES (?, ?, ?, ?)',
    ),
    // A subject erased earlier who consents again gets a fresh data key; the erasure date stays.
    upsertSubject: db.prepare(
      `INSERT INTO subjects (site_id, ref, wrapped_key, verified_at, erased_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, ref) DO UPDATE SET wrapped_key = excluded.wrapped_key WHERE subjects.wrapped_key IS NULL`,
    ),
    // Many ids in one statement (a JSON array), as for look-ups: one query for a commit's batch.
    eventsById: db.prepare(
      'SELECT * FROM events WHERE site_id = ? AND event_id IN (SELECT value FROM json_each(?))',
    ),
    // Many refs in one statement (a JSON array): a look-up of 50 people is one query, not 50.
    decisionsForSubjects: db.prepare(
      `SELECT subject_ref, position, event_id, received_at, decision FROM event_subjects
       WHERE site_id = ? AND subject_ref IN (SELECT value FROM json_each(?))`,
    ),
    subjects: db.prepare(
      'SELECT * FROM subjects WHERE site_id = ? AND ref IN (SELECT value FROM json_each(?))',
    ),
    readDecisions: db.prepare(
      `SELECT subject_ref, position, event_id, received_at, decision FROM event_subjects
       WHERE site_id = ? AND position >= ? AND position < ? ORDER BY position, subject_ref`,
    ),
    readChain: db.prepare(
      'SELECT * FROM events WHERE site_id = ? AND position >= ? ORDER BY position LIMIT ?',
    ),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    chainLength: db.prepare('SELECT COUNT(*) AS n FROM events WHERE site_id = ?'),
    sealedFor: db.prepare(
      'SELECT * FROM sealed WHERE site_id = ? AND subject_ref = ? ORDER BY event_id',
    ),
    insertCheckpoint: db.prepare(
      'INSERT INTO checkpoints (site_id, tree_size, root, key_id, signature, created_at, peaks) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    checkpoints: db.prepare('SELECT * FROM checkpoints WHERE site_id = ? ORDER BY tree_size'),
    shred: db.prepare(
      `INSERT INTO subjects (site_id, ref, wrapped_key, verified_at, erased_at) VALUES (?, ?, NULL, NULL, ?)
       ON CONFLICT (site_id, ref) DO UPDATE SET wrapped_key = NULL, erased_at = excluded.erased_at`,
    ),
    logAccess: db.prepare(
      'INSERT INTO access_log (at, key_id, site_id, action, count) VALUES (?, ?, ?, ?, ?)',
    ),
    accessLog: db.prepare(
      'SELECT * FROM access_log WHERE at >= ? AND (? IS NULL OR site_id = ?) ORDER BY at',
    ),
  };

  // Published policies never change (a trigger refuses updates), so they are parsed once.
  const policies = new Map<string, PolicyRow>();

  const accessQueue: AccessLogRow[] = [];
  const writeAccess = db.transaction((rows: AccessLogRow[]) => {
    for (const a of rows) q.logAccess.run(a.at, a.keyId, a.siteId, a.action, a.count);
  });
  const flushAccess = () => {
    if (accessQueue.length === 0 || !db.open) return;
    const rows = accessQueue.splice(0);
    db.pragma('synchronous = NORMAL');
    try {
      writeAccess(rows);
    } catch (error) {
      // Flushed outside any request: a failure must not take the process down.
      process.emitWarning(`access log: ${rows.length} entries not written (${String(error)})`);
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
  };

  const append = db.transaction(
    (entries: EventRow[], sealed: SealedRow[], subjects: SubjectRow[]) => {
      for (const s of subjects)
        q.upsertSubject.run(s.siteId, s.ref, s.wrappedKey, s.verifiedAt, s.erasedAt);
      for (const e of entries) {
        q.insertEvent.run(
        e.siteId, e.position, e.eventId, e.kind, e.receivedAt, JSON.stringify(e.subjectRefs),
        e.record, e.requestHash, e.leafHash, e.prevHash, e.hash,
      ); // prettier-ignore
        if (e.decision) {
          for (const ref of e.subjectRefs) {
            q.insertEventSubject.run(
              e.siteId,
              ref,
              e.position,
              e.eventId,
              e.receivedAt,
              e.decision,
            );
          }
        }
      }
      for (const s of sealed) q.insertSealed.run(s.siteId, s.eventId, s.subjectRef, s.ciphertext);
    },
  );

  const publish = db.transaction((policy: PolicyRow, origins?: string[]) => {
    q.insertPolicy.run(
      policy.siteId,
      policy.version,
      JSON.stringify(policy.config),
      policy.publishedAt,
    );
    q.setCurrent.run(policy.version, policy.siteId);
    if (origins) q.setOrigins.run(JSON.stringify(origins), policy.siteId);
  });

  return {
    engine: 'sqlite',
    async close() {
      flushAccess();
      db.close();
    },
    async createSite(s, policy) {
      db.transaction(() => {
        q.insertSite.run(
          s.id,
          s.name,
          JSON.stringify(s.allowedOrigins),
          s.currentPolicy,
          s.createdAt,
        );
        q.insertPolicy.run(
          policy.siteId,
          policy.version,
          JSON.stringify(policy.config),
          policy.publishedAt,
        );
      })();
    },
    async getSite(id) {
      const r = q.getSite.get(id) as Row | undefined;
      return r ? site(r) : null;
    },
    async listSites() {
      return (q.listSites.all() as Row[]).map(site);
    },
    async publishPolicy(policy, origins) {
      publish(policy, origins);
    },
    async getPolicy(siteId, version) {
      const cached = policies.get(`${siteId}\n${version}`);
      if (cached) return cached;
      const r = q.getPolicy.get(siteId, version) as Row | undefined;
      if (!r) return null;
      const policy: PolicyRow = {
        siteId: r.site_id as string,
        version: r.version as string,
        config: JSON.parse(r.config as string) as PolicyRow['config'],
        publishedAt: r.published_at as number,
      };
      policies.set(`${siteId}\n${version}`, policy);
      return policy;
    },
    async insertKey(k) {
      q.insertKey.run(k.id, k.siteId, k.scope, k.hash, k.label, k.createdAt, k.revokedAt);
    },
    async findKeyByHash(hash) {
      const r = q.keyByHash.get(hash) as Row | undefined;
      return r ? key(r) : null;
    },
    async listKeys() {
      return (q.listKeys.all() as Row[]).map(key);
    },
    async revokeKey(id, at) {
      return q.revokeKey.run(at, id).changes > 0;
    },
    async chainHead(siteId) {
      const r = q.head.get(siteId) as { position: number; hash: string } | undefined;
      return r ?? null;
    },
    async append(entries, sealed, subjects) {
      append(entries, sealed, subjects);
    },
    async findEvents(siteId, ids) {
      if (ids.length === 0) return [];
      return (q.eventsById.all(siteId, JSON.stringify(ids)) as Row[]).map(event);
    },
    async decisionsForSubjects(siteId, refs) {
      if (refs.length === 0) return [];
      // Sorted here: an ORDER BY would tempt the planner into the position index and a site scan.
      const rows = (q.decisionsForSubjects.all(siteId, JSON.stringify(refs)) as Row[]).map(
        decisionRow,
      );
      return rows.sort((a, b) => a.position - b.position || (a.subjectRef < b.subjectRef ? -1 : 1));
    },
    async readDecisions(siteId, from, to) {
      return (q.readDecisions.all(siteId, from, to) as Row[]).map(decisionRow);
    },
    async readChain(siteId, from, limit) {
      return (q.readChain.all(siteId, from, limit) as Row[]).map(event);
    },
    async chainLength(siteId) {
      return (q.chainLength.get(siteId) as { n: number }).n;
    },
    async sealedFor(siteId, ref) {
      return (q.sealedFor.all(siteId, ref) as Row[]).map((r) => ({
        siteId: r.site_id as string,
        eventId: r.event_id as string,
        subjectRef: r.subject_ref as string,
        ciphertext: r.ciphertext as string,
      }));
    },
    async insertCheckpoint(c) {
      q.insertCheckpoint.run(
        c.siteId,
        c.treeSize,
        c.root,
        c.keyId,
        c.signature,
        c.createdAt,
        c.peaks,
      );
    },
    async checkpoints(siteId) {
      return (q.checkpoints.all(siteId) as Row[]).map((r) => ({
        siteId: r.site_id as string,
        treeSize: r.tree_size as number,
        root: r.root as string,
        keyId: r.key_id as string,
        signature: r.signature as string,
        createdAt: r.created_at as number,
        peaks: (r.peaks as string | null) ?? null,
      }));
    },
    async getSubjects(siteId, refs) {
      if (refs.length === 0) return [];
      return (q.subjects.all(siteId, JSON.stringify(refs)) as Row[]).map(subject);
    },
    async shredSubject(siteId, ref, at) {
      return q.shred.run(siteId, ref, at).changes > 0;
    },
    async logAccess(a) {
      // The access log is accountability, not proof of consent: entries of one tick are committed
      // together at its end without an fsync (a power cut may lose the last moments), so reads
      // stay fast. Reading the log, or closing, flushes first.
      accessQueue.push(a);
      if (accessQueue.length === 1) setImmediate(flushAccess);
    },
    async accessLog(siteId, since) {
      flushAccess();
      return (q.accessLog.all(since, siteId, siteId) as Row[]).map((r) => ({
        at: r.at as number,
        keyId: r.key_id as string,
        siteId: (r.site_id as string | null) ?? null,
        action: r.action as AccessLogRow['action'],
        count: r.count as number,
      }));
    },
    async dataVersion() {
      // A prepared statement: db.pragma() prepares one on every call (5% of a look-up's CPU).
      return q.dataVersion.get() as number;
    },
    async backup(path) {
      createOwnerOnly(path);
      await db.backup(path);
      // Written over an older file, it keeps that file's mode unless told.
      chmodSync(path, 0o600);
    },
  };
}
