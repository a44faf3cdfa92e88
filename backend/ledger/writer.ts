/**
 * The single writer of the ledger, with group commit: every entry submitted in the same turn of the
 * event loop (up to `maxBatch`) is chained and stored in one durable transaction, and each caller
 * is answered only after that commit. Idempotent on (site, event id).
 */
import { canonicalJson } from '../../lib/canonical-json';
import { seal } from '../crypto/envelope';
import type { EventRow, SealedRow, Storage, SubjectRow } from '../storage/storage';
import { chainHashOf, GENESIS, leafHashOf } from './chain';
import { decisionJson } from './decision';
import type { Keyring } from './keyring';

/** An entry before the writer gives it its place in the chain. */
export interface Draft {
  siteId: string;
  eventId: string;
  kind: EventRow['kind'];
  receivedAt: number;
  subjectRefs: string[];
  /** Fields hashed into the chain beside the writer's own (position, ids, time, refs). */
  body: Record<string, unknown>;
  requestHash: string;
  /** Personal data to keep encrypted under the data key of `ref`. */
  secret?: { ref: string; plaintext: string };
}

/** What became of a draft. */
export type WriteOutcome =
  | { status: 'stored'; row: EventRow }
  | { status: 'duplicate'; row: EventRow }
  | { status: 'conflict'; row: EventRow };

interface Pending {
  draft: Draft;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/** The hashed form of an entry. */
export const recordOf = (draft: Draft, position: number): string =>
  canonicalJson({
    ...draft.body,
    v: 1,
    kind: draft.kind,
    siteId: draft.siteId,
    eventId: draft.eventId,
    position,
    receivedAt: new Date(draft.receivedAt).toISOString(),
    subjectRefs: draft.subjectRefs,
  });

/** Additional data binding a sealed value to its row. */
export const sealedAad = (siteId: string, eventId: string, ref: string) =>
  `consentry:event:${siteId}:${eventId}:${ref}`;

export class LedgerWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private tail: Promise<void> = Promise.resolve();
  /** Entries committed so far by this writer, for metrics. */
  committed = 0;
  batches = 0;

  constructor(
    private readonly storage: Storage,
    private readonly keyring: Keyring,
    private readonly options: {
      maxBatch?: number;
      /** Runs before each commit (services: forget what another process changed). */
      beforeCommit?: () => Promise<void>;
      onCommit?: (rows: EventRow[]) => void;
    } = {},
  ) {}

  /** Queues a draft; resolves once it is durably stored (or found to be a retry or a conflict). */
  write(draft: Draft): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ draft, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.tail = this.tail.then(() => this.drain());
        });
      }
    });
  }

  /** Waits until everything queued so far is committed. */
  async idle(): Promise<void> {
    while (this.queue.length || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.tail;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 512);
      try {
        await this.commit(batch);
      } catch (first) {
        // Another process may have appended meanwhile (the primary key refuses a fork): retry once.
        try {
          await this.commit(batch);
        } catch {
          batch.forEach((p) => p.reject(first));
        }
      }
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    await this.options.beforeCommit?.();
    const bySite = new Map<string, Pending[]>();
    for (const p of batch) {
      const pendings = bySite.get(p.draft.siteId);
      if (pendings) pendings.push(p);
      else bySite.set(p.draft.siteId, [p]);
    }
    const rows: EventRow[] = [];
    const sealed: SealedRow[] = [];
    const subjects: SubjectRow[] = [];
    const answers: [Pending, WriteOutcome][] = [];
    for (const [siteId, pendings] of bySite) {
      const known = new Map(
        (
          await this.storage.findEvents(siteId, [...new Set(pendings.map((p) => p.draft.eventId))])
        ).map((r) => [r.eventId, r]),
      );
      const refs = pendings.flatMap((p) => (p.draft.secret ? [p.draft.secret.ref] : []));
      const { keys, created } = await this.keyring.keysFor(siteId, refs);
      subjects.push(...created);
      let head = (await this.storage.chainHead(siteId)) ?? { position: -1, hash: GENESIS };
      for (const p of pendings) {
        const { draft } = p;
        const existing = known.get(draft.eventId);
        if (existing) {
          answers.push([
            p,
            {
              status: existing.requestHash === draft.requestHash ? 'duplicate' : 'conflict',
              row: existing,
            },
          ]);
          continue;
        }
        const position = head.position + 1;
        const record = recordOf(draft, position);
        const leafHash = leafHashOf(record);
        const row: EventRow = {
          siteId,
          position,
          eventId: draft.eventId,
          kind: draft.kind,
          receivedAt: draft.receivedAt,
          subjectRefs: draft.subjectRefs,
          record,
          requestHash: draft.requestHash,
          leafHash,
          prevHash: head.hash,
          hash: chainHashOf(head.hash, leafHash),
          decision: draft.kind === 'consent' ? decisionJson(draft.body) : null,
        };
        if (draft.secret) {
          const key = keys.get(draft.secret.ref)!;
          const aad = sealedAad(siteId, draft.eventId, draft.secret.ref);
          sealed.push({
            siteId,
            eventId: draft.eventId,
            subjectRef: draft.secret.ref,
            ciphertext: seal(key, draft.secret.plaintext, aad),
          });
        }
        rows.push(row);
        known.set(draft.eventId, row);
        head = { position, hash: row.hash };
        answers.push([p, { status: 'stored', row }]);
      }
    }
    try {
      if (rows.length || subjects.length) await this.storage.append(rows, sealed, subjects);
    } catch (error) {
      for (const s of subjects) this.keyring.forget(s.siteId, s.ref);
      throw error;
    }
    this.committed += rows.length;
    this.batches += 1;
    if (rows.length) this.options.onCommit?.(rows);
    for (const [p, outcome] of answers) p.resolve(outcome);
  }
}
