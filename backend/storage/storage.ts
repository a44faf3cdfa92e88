/**
 * The one storage interface of the ledger. Engines (one file each) implement it; nothing above it
 * knows which engine runs. Every method is async so a networked engine (PostgreSQL) fits.
 */
import type { SiteConfig } from '../../lib/site-config';

/** Who a key speaks for. */
export type KeyScope = 'site' | 'reader' | 'admin';

/** A site and its current policy version. */
export interface SiteRow {
  id: string;
  name: string;
  allowedOrigins: string[];
  currentPolicy: string;
  createdAt: number;
}

/** One published, immutable policy version of a site. */
export interface PolicyRow {
  siteId: string;
  version: string;
  config: SiteConfig;
  publishedAt: number;
}

/** An API key as stored: only its hash, never the key. */
export interface KeyRow {
  id: string;
  siteId: string | null;
  scope: KeyScope;
  hash: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/** One ledger entry: a consent event or an erasure record, chained per site. */
export interface EventRow {
  siteId: string;
  position: number;
  eventId: string;
  kind: 'consent' | 'erasure';
  receivedAt: number;
  /** Keyed hashes of the identifiers the event is linked to. */
  subjectRefs: string[];
  /** Canonical JSON of everything hashed into the chain (no plaintext personal data). */
  record: string;
  /** Fingerprint of the client's request body, to tell a retry from a conflicting reuse of an id. */
  requestHash: string;
  leafHash: string;
  prevHash: string;
  hash: string;
  /** When appending a consent entry: the decision fields the look-up projection files under each subject ref (not hashed; verify checks it). Not returned by reads. */
  decision?: string | null;
}

/** One row of the look-up projection: an entry's decision, filed under one subject ref. */
export interface SubjectDecisionRow {
  subjectRef: string;
  position: number;
  eventId: string;
  receivedAt: number;
  decision: string;
}

/** Encrypted personal data of an event, kept apart from the chain. */
export interface SealedRow {
  siteId: string;
  eventId: string;
  subjectRef: string;
  ciphertext: string;
}

/** A signed Merkle checkpoint over a site's first `treeSize` entries. */
export interface CheckpointRow {
  siteId: string;
  treeSize: number;
  root: string;
  keyId: string;
  signature: string;
  createdAt: number;
  /** The Merkle frontier at this size (not signed; lets a restart resume without rereading every leaf). */
  peaks: string | null;
}

/** A person known to a site by a keyed identifier hash, with their wrapped data key. */
export interface SubjectRow {
  siteId: string;
  ref: string;
  wrappedKey: string | null;
  verifiedAt: number | null;
  erasedAt: number | null;
}

/** An access to personal data or consent state, kept for accountability. */
export interface AccessLogRow {
  at: number;
  keyId: string;
  siteId: string | null;
  action: 'lookup' | 'history' | 'export' | 'erase';
  count: number;
}

/** The ledger's storage. */
export interface Storage {
  readonly engine: string;
  close(): Promise<void>;

  createSite(site: SiteRow, policy: PolicyRow): Promise<void>;
  getSite(id: string): Promise<SiteRow | null>;
  listSites(): Promise<SiteRow[]>;
  /** Stores a new policy version (never overwriting one) and makes it current. */
  publishPolicy(policy: PolicyRow, allowedOrigins?: string[]): Promise<void>;
  getPolicy(siteId: string, version: string): Promise<PolicyRow | null>;

  insertKey(key: KeyRow): Promise<void>;
  findKeyByHash(hash: string): Promise<KeyRow | null>;
  listKeys(): Promise<KeyRow[]>;
  revokeKey(id: string, at: number): Promise<boolean>;

  /** The last entry of a site's chain, or null when it is empty. */
  chainHead(siteId: string): Promise<{ position: number; hash: string } | null>;
  /**
   * Appends entries, their sealed data and subjects in one durable transaction. A subject that
   * exists keeps its data key unless it was shredded, in which case it gets the new one.
   */
  append(entries: EventRow[], sealed: SealedRow[], subjects: SubjectRow[]): Promise<void>;
  findEvents(siteId: string, eventIds: string[]): Promise<EventRow[]>;
  /** The projection rows of these subject refs, in chain order. */
  decisionsForSubjects(siteId: string, refs: string[]): Promise<SubjectDecisionRow[]>;
  /** Projection rows for positions from `from` (inclusive) up to `to` (exclusive), in order. */
  readDecisions(siteId: string, from: number, to: number): Promise<SubjectDecisionRow[]>;
  /** Entries from `from` (inclusive) in chain order, at most `limit`. */
  readChain(siteId: string, from: number, limit: number): Promise<EventRow[]>;
  chainLength(siteId: string): Promise<number>;
  sealedFor(siteId: string, subjectRef: string): Promise<SealedRow[]>;

  insertCheckpoint(checkpoint: CheckpointRow): Promise<void>;
  checkpoints(siteId: string): Promise<CheckpointRow[]>;

  getSubjects(siteId: string, refs: string[]): Promise<SubjectRow[]>;
  /** Crypto-shredding: drops the subject's wrapped data key and marks them erased (recorded even if unknown). */
  shredSubject(siteId: string, ref: string, at: number): Promise<boolean>;

  logAccess(row: AccessLogRow): Promise<void>;
  accessLog(siteId: string | null, since: number): Promise<AccessLogRow[]>;

  /** A consistent online copy of the whole store at `path`. */
  backup(path: string): Promise<void>;
  /**
   * A number that moves whenever another connection (another process: the CLI) committed since
   * it was last read; commits through this handle leave it. Caches use it to forget what was
   * changed elsewhere.
   */
  dataVersion(): Promise<number>;
}
