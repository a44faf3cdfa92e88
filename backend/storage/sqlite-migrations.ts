/** SQLite schema migrations, applied in order; PRAGMA user_version records how many ran. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    allowed_origins TEXT NOT NULL,
    current_policy TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE policies (
    site_id TEXT NOT NULL REFERENCES sites(id),
    version TEXT NOT NULL,
    config TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    PRIMARY KEY (site_id, version)
  ) STRICT;
  CREATE TRIGGER policies_immutable BEFORE UPDATE ON policies
    BEGIN SELECT RAISE(ABORT, 'published policies are immutable'); END;
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    site_id TEXT REFERENCES sites(id),
    scope TEXT NOT NULL CHECK (scope IN ('site', 'reader', 'admin')),
    hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    subject_refs TEXT NOT NULL,
    record TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    leaf_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (site_id, position),
    UNIQUE (site_id, event_id)
  ) STRICT;
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  -- The look-up projection: per person ref, the decision part of each of their entries, so a
  -- look-up reads one narrow index range instead of whole records. Checked by verify.
  CREATE TABLE event_subjects (
    site_id TEXT NOT NULL,
    subject_ref TEXT NOT NULL,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    decision TEXT NOT NULL,
    PRIMARY KEY (site_id, subject_ref, position)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX event_subjects_position ON event_subjects (site_id, position);
  CREATE TABLE sealed (
    site_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    subject_ref TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    PRIMARY KEY (site_id, subject_ref, event_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE subjects (
    site_id TEXT NOT NULL,
    ref TEXT NOT NULL,
    wrapped_key TEXT,
    verified_at INTEGER,
    erased_at INTEGER,
    PRIMARY KEY (site_id, ref)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE checkpoints (
    site_id TEXT NOT NULL,
    tree_size INTEGER NOT NULL,
    root TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    peaks TEXT,
    PRIMARY KEY (site_id, tree_size)
  ) STRICT;
  CREATE TABLE access_log (
    at INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    site_id TEXT,
    action TEXT NOT NULL,
    count INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX access_log_at ON access_log (at);
  `,
];
