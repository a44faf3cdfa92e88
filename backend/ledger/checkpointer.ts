/**
 * Signed checkpoints: every `every` entries (and on demand) the Merkle root over a site's leaves is
 * signed with Ed25519, so history cannot be rewritten without the signing key, even by someone who
 * recomputes every chain hash.
 */
import type { Secrets } from '../crypto/secrets';
import type { CheckpointRow, EventRow, Storage } from '../storage/storage';
import { MerkleFrontier } from './merkle';
import { signCanonical } from './signer';

/** What a checkpoint signature covers. */
export const checkpointPayload = (
  c: Pick<CheckpointRow, 'siteId' | 'treeSize' | 'root' | 'keyId' | 'createdAt'>,
) => ({
  type: 'consentry-checkpoint/v1',
  siteId: c.siteId,
  treeSize: c.treeSize,
  root: c.root,
  keyId: c.keyId,
  createdAt: new Date(c.createdAt).toISOString(),
});

const PAGE = 5000;

export class Checkpointer {
  private frontiers = new Map<string, MerkleFrontier>();
  private lastSigned = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly secrets: Secrets,
    private readonly every: number,
    private readonly now: () => number,
  ) {}

  /** Feeds committed entries; signs a checkpoint when a site has grown by `every` since the last. */
  onCommit(rows: readonly EventRow[]): void {
    for (const row of rows) {
      const frontier = this.frontiers.get(row.siteId);
      if (!frontier) continue; // loaded from storage, these rows included, on first use
      if (frontier.size !== row.position) {
        this.frontiers.delete(row.siteId); // out of step (another writer?): reload on next use
        continue;
      }
      frontier.push(Buffer.from(row.leafHash, 'hex'));
    }
    for (const siteId of new Set(rows.map((r) => r.siteId))) {
      void this.serial(async () => {
        const frontier = await this.load(siteId);
        if (frontier.size - (this.lastSigned.get(siteId) ?? 0) >= this.every)
          await this.sign(siteId);
      });
    }
  }

  /** Signs a checkpoint over everything a site has now (if it grew since the last one). */
  checkpoint(siteId: string): Promise<CheckpointRow | null> {
    return this.serial(() => this.sign(siteId));
  }

  /** Waits for pending checkpoint work. */
  idle(): Promise<unknown> {
    return this.chain;
  }

  private async sign(siteId: string): Promise<CheckpointRow | null> {
    const frontier = await this.load(siteId);
    if (frontier.size === 0 || this.lastSigned.get(siteId) === frontier.size) return null;
    const unsigned = {
      siteId,
      treeSize: frontier.size,
      root: frontier.root().toString('hex'),
      keyId: this.secrets.keyId,
      createdAt: this.now(),
    };
    const row: CheckpointRow = {
      ...unsigned,
      signature: signCanonical(this.secrets.signingKey, checkpointPayload(unsigned)),
      peaks: frontier.peaksJson(),
    };
    await this.storage.insertCheckpoint(row);
    this.lastSigned.set(siteId, row.treeSize);
    return row;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async load(siteId: string): Promise<MerkleFrontier> {
    const known = this.frontiers.get(siteId);
    if (known && this.lastSigned.has(siteId)) return known;
    // Resume from the last checkpoint's frontier, so a restart reads only the entries after it.
    const checkpoints = await this.storage.checkpoints(siteId);
    const last = checkpoints.at(-1);
    const saved = last ? MerkleFrontier.fromPeaksJson(last.peaks) : null;
    // The saved frontier is not signed: trust it only if it reproduces the signed root and size.
    const trusted =
      saved && saved.size === last!.treeSize && saved.root().toString('hex') === last!.root;
    const frontier = trusted ? saved : new MerkleFrontier();
    for (let from = frontier.size; ; from += PAGE) {
      const page = await this.storage.readChain(siteId, from, PAGE);
      for (const row of page) frontier.push(Buffer.from(row.leafHash, 'hex'));
      if (page.length < PAGE) break;
    }
    this.frontiers.set(siteId, frontier);
    this.lastSigned.set(siteId, checkpoints.at(-1)?.treeSize ?? 0);
    return frontier;
  }
}
