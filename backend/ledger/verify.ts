/**
 * Walks a site's chain and checkpoints and names the first bad position: a changed record, a
 * broken link, a missing or moved entry, or a checkpoint whose root or signature does not match.
 */
import type { KeyObject } from 'node:crypto';
import type { EventRow, Storage, SubjectDecisionRow } from '../storage/storage';
import { decisionJson } from './decision';
import { chainHashOf, GENESIS, leafHashOf } from './chain';
import { checkpointPayload } from './checkpointer';
import { MerkleFrontier } from './merkle';
import { verifyCanonical } from './signer';

/** The outcome of a verification. */
export interface VerifyReport {
  siteId: string;
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The first position found bad, and why; null when all is well. */
  firstBad: { position: number; reason: string } | null;
}

const PAGE = 5000;

const groupByPosition = (rows: SubjectDecisionRow[]) => {
  const map = new Map<number, SubjectDecisionRow[]>();
  for (const r of rows) map.set(r.position, [...(map.get(r.position) ?? []), r]);
  return map;
};

/** The projection rows of an entry must be exactly its subject refs, each with the record's decision. */
function projectionMatches(
  row: EventRow,
  record: Record<string, unknown>,
  rows: SubjectDecisionRow[],
): boolean {
  if (row.kind !== 'consent') return rows.length === 0;
  const expected = decisionJson(record);
  const refs = new Set(rows.map((r) => r.subjectRef));
  return (
    rows.length === row.subjectRefs.length &&
    row.subjectRefs.every((ref) => refs.has(ref)) &&
    rows.every(
      (r) =>
        r.decision === expected && r.eventId === row.eventId && r.receivedAt === row.receivedAt,
    )
  );
}

/** Verifies one site's ledger against the public key(s) by id. */
export async function verifySite(
  storage: Storage,
  siteId: string,
  publicKeys: ReadonlyMap<string, KeyObject>,
): Promise<VerifyReport> {
  const checkpoints = await storage.checkpoints(siteId);
  const report = (entries: number, firstBad: VerifyReport['firstBad']): VerifyReport => ({
    siteId,
    ok: firstBad === null,
    entries,
    checkpoints: checkpoints.length,
    firstBad,
  });
  const frontier = new MerkleFrontier();
  const roots = new Map<number, { root: string; peaks: string }>();
  const wanted = new Set(checkpoints.map((c) => c.treeSize));
  let previous = GENESIS;
  let expected = 0;
  for (let from = 0; ; from += PAGE) {
    const page = await storage.readChain(siteId, from, PAGE);
    const projection = groupByPosition(await storage.readDecisions(siteId, from, from + PAGE));
    for (const row of page) {
      if (row.position !== expected)
        return report(expected, { position: expected, reason: 'entry missing' });
      let record: { position?: unknown; eventId?: unknown; siteId?: unknown };
      try {
        record = JSON.parse(row.record) as typeof record;
      } catch {
        return report(expected, { position: expected, reason: 'record is not JSON' });
      }
      if (leafHashOf(row.record) !== row.leafHash)
        return report(expected, {
          position: expected,
          reason: 'record altered (leaf hash differs)',
        });
      if (
        record.position !== row.position ||
        record.eventId !== row.eventId ||
        record.siteId !== siteId
      ) {
        return report(expected, {
          position: expected,
          reason: 'entry moved (record names another position, event or site)',
        });
      }
      if (row.prevHash !== previous)
        return report(expected, {
          position: expected,
          reason: 'broken link to the previous entry',
        });
      if (chainHashOf(previous, row.leafHash) !== row.hash)
        return report(expected, { position: expected, reason: 'chain hash altered' });
      if (
        !projectionMatches(
          row,
          record as Record<string, unknown>,
          projection.get(row.position) ?? [],
        )
      ) {
        return report(expected, {
          position: expected,
          reason: 'look-up projection differs from the record',
        });
      }
      previous = row.hash;
      frontier.push(Buffer.from(row.leafHash, 'hex'));
      expected += 1;
      if (wanted.has(frontier.size))
        roots.set(frontier.size, {
          root: frontier.root().toString('hex'),
          peaks: frontier.peaksJson(),
        });
    }
    if (page.length < PAGE) break;
  }
  let lastGood = 0;
  for (const c of checkpoints) {
    const pub = publicKeys.get(c.keyId);
    if (!pub || !verifyCanonical(pub, checkpointPayload(c), c.signature)) {
      return report(expected, {
        position: Math.min(lastGood, expected),
        reason: `checkpoint at size ${c.treeSize} has a bad signature`,
      });
    }
    if (c.treeSize > expected) {
      return report(expected, {
        position: expected,
        reason: `entries missing: checkpoint covers ${c.treeSize}, ledger has ${expected}`,
      });
    }
    if (roots.get(c.treeSize)?.root !== c.root) {
      return report(expected, {
        position: lastGood,
        reason: `history rewritten: entries ${lastGood}..${c.treeSize - 1} do not match the checkpoint signed at size ${c.treeSize}`,
      });
    }
    if (c.peaks !== null && c.peaks !== roots.get(c.treeSize)?.peaks) {
      return report(expected, {
        position: lastGood,
        reason: `checkpoint at size ${c.treeSize} carries a frontier that does not match the entries`,
      });
    }
    lastGood = c.treeSize;
  }
  // Checked last: a truncated chain is reported by the checkpoints above, in their words.
  if ((await storage.readDecisions(siteId, expected, Number.MAX_SAFE_INTEGER)).length > 0) {
    return report(expected, {
      position: expected,
      reason: 'look-up projection has entries the chain does not',
    });
  }
  return report(expected, null);
}
