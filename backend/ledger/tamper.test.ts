/**
 * Tamper evidence: an attacker with write access to the database file (who drops the append-only
 * triggers first) alters, deletes, reorders or rewrites entries and checkpoints; verifySite must
 * notice and name the first bad position. Each test starts from a fresh on-disk ledger.
 */
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json';
import { createApp } from '../app';
import { closeServices, createServices } from '../services';
import { openSqlite } from '../storage/sqlite';
import { consentEvent, testLedger, TEST_ORIGIN } from '../testing';
import { chainHashOf, GENESIS, leafHashOf } from './chain';
import { decisionJson } from './decision';
import { checkpointPayload } from './checkpointer';
import { merkleRoot } from './merkle';
import { signCanonical } from './signer';
import { verifySite, type VerifyReport } from './verify';

type Ledger = Awaited<ReturnType<typeof testLedger>>;

const ENTRIES = 30;
const EVERY = 10;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Resolves with the promise, or rejects after `ms` (so a stuck checkpointer fails, not hangs). */
const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms),
    ),
  ]);

/** Registers the teardown of a ledger; it does not wait forever for a stuck checkpointer. */
function track(l: Ledger, extraDir?: string) {
  cleanups.push(async () => {
    await l.services.writer.idle();
    await within(l.services.checkpointer.idle(), 1000, 'checkpointer.idle()').catch(() => {});
    await l.services.storage.close();
    rmSync(l.dir, { recursive: true, force: true });
    if (extraDir) rmSync(extraDir, { recursive: true, force: true });
  });
}

/**
 * An on-disk ledger of 30 entries (a third with an email) and a signed checkpoint at 10, 20 and
 * 30. The checkpoints are taken on demand (the automatic trigger has its own test below), so these
 * tests exercise the verifier whatever the state of the automatic checkpointing.
 */
async function ledger30(): Promise<{ l: Ledger; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-tamper-'));
  const path = join(dir, 'ledger.sqlite');
  const l = await testLedger({ path, config: { checkpointEvery: 1_000_000 } });
  track(l, dir);
  for (let from = 0; from < ENTRIES; from += EVERY) {
    const posts = await Promise.all(
      Array.from({ length: EVERY }, (_, i) =>
        l.postEvents(
          consentEvent(
            (from + i) % 3 === 0 ? { identifiers: { email: `p${from + i}@example.com` } } : {},
          ),
        ),
      ),
    );
    expect(posts.map((r) => r.status)).toEqual(Array(EVERY).fill(201));
    await l.services.writer.idle();
    expect(await l.services.checkpointer.checkpoint(l.site)).toMatchObject({
      treeSize: from + EVERY,
    });
  }
  return { l, path };
}

const verify = (l: Ledger): Promise<VerifyReport> =>
  verifySite(
    l.services.storage,
    l.site,
    new Map([[l.services.secrets.keyId, l.services.secrets.publicKey]]),
  );

/** Opens the file as an attacker would, without the append-only triggers, and runs `change`. */
function tamper(path: string, change: (db: Database.Database) => void) {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

interface RawEvent {
  position: number;
  record: string;
  leaf_hash: string;
  prev_hash: string;
  hash: string;
}

const rowAt = (db: Database.Database, position: number) =>
  db
    .prepare('SELECT * FROM events WHERE site_id = ? AND position = ?')
    .get('demo-shop', position) as RawEvent;

/** Flips the first hex digit of a hash (a different, well-formed value). */
const otherHex = (h: string) => `${h[0] === '0' ? '1' : '0'}${h.slice(1)}`;

/** Alters one field inside a record, keeping it canonical JSON. */
const alterRecord = (record: string): string => {
  const parsed = JSON.parse(record) as { choices: Record<string, boolean> };
  parsed.choices = { ...parsed.choices, marketing_email: !parsed.choices.marketing_email };
  return canonicalJson(parsed);
};

const expectBadAt = (report: VerifyReport, position: number, reason: RegExp) => {
  expect(report.ok).toBe(false);
  expect(report.firstBad).not.toBeNull();
  expect(report.firstBad!.position).toBe(position);
  expect(report.firstBad!.reason).toMatch(reason);
};

describe('an untouched ledger', () => {
  it('verifies: every entry and every checkpoint', async () => {
    const { l } = await ledger30();
    expect(await verify(l)).toEqual({
      siteId: l.site,
      ok: true,
      entries: ENTRIES,
      checkpoints: 3,
      firstBad: null,
    });
    const res = await l.call('GET', `/v1/sites/${l.site}/verify`, { key: l.keys.admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await verify(l));
  });

  it('refuses UPDATE and DELETE on events through its append-only triggers', async () => {
    const { l, path } = await ledger30();
    const db = new Database(path);
    try {
      expect(() => db.prepare("UPDATE events SET record = '{}' WHERE position = 3").run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('UPDATE events SET position = 99 WHERE position = 3').run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('DELETE FROM events WHERE position = 3').run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(
        ENTRIES,
      );
    } finally {
      db.close();
    }
    expect((await verify(l)).ok).toBe(true);
  });
});

describe('tampering with entries is detected at the tampered position', () => {
  it.each([0, 14, 29])('a field changed inside the record of entry %i', async (k) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = rowAt(db, k);
      db.prepare('UPDATE events SET record = ? WHERE position = ?').run(alterRecord(row.record), k);
    });
    expectBadAt(await verify(l), k, /record altered/);
  });

  it('a record whose bytes change but whose JSON meaning does not (whitespace)', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = rowAt(db, 7);
      db.prepare('UPDATE events SET record = ? WHERE position = 7').run(` ${row.record}`);
    });
    expectBadAt(await verify(l), 7, /record altered/);
  });

  it.each([0, 14, 29])('the leaf_hash of entry %i', async (k) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = rowAt(db, k);
      db.prepare('UPDATE events SET leaf_hash = ? WHERE position = ?').run(
        otherHex(row.leaf_hash),
        k,
      );
    });
    expectBadAt(await verify(l), k, /leaf hash|altered/);
  });

  it('a record changed with its leaf hash recomputed (but not its chain hash)', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const record = alterRecord(rowAt(db, 14).record);
      db.prepare('UPDATE events SET record = ?, leaf_hash = ? WHERE position = 14').run(
        record,
        leafHashOf(record),
      );
    });
    expectBadAt(await verify(l), 14, /chain hash/);
  });

  it.each([0, 14, 29])('the chain hash of entry %i', async (k) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = rowAt(db, k);
      db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(otherHex(row.hash), k);
    });
    expectBadAt(await verify(l), k, /chain hash|altered/);
  });

  it('the prev_hash of an entry', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = rowAt(db, 14);
      db.prepare('UPDATE events SET prev_hash = ? WHERE position = 14').run(
        otherHex(row.prev_hash),
      );
    });
    expectBadAt(await verify(l), 14, /link/);
  });

  it.each([0, 14])('entry %i deleted', async (k) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      expect(db.prepare('DELETE FROM events WHERE position = ?').run(k).changes).toBe(1);
    });
    expectBadAt(await verify(l), k, /missing/);
  });

  it('the last entry deleted (truncation): the checkpoint over 30 entries notices', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      db.prepare('DELETE FROM events WHERE position = 29').run();
    });
    expectBadAt(await verify(l), 29, /missing/);
  });

  it.each([
    [5, 17],
    [14, 15],
    [0, 29],
  ])('entries %i and %i swapped (reordered)', async (a, b) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, a);
      move.run(a, b);
      move.run(b, -1);
    });
    expectBadAt(await verify(l), a, /moved|link|missing/);
  });

  it('an entry given another event id', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      db.prepare(
        "UPDATE events SET event_id = '00000000-0000-4000-8000-000000000000' WHERE position = 9",
      ).run();
    });
    expectBadAt(await verify(l), 9, /moved/);
  });
});

describe('tampering with checkpoints is detected', () => {
  // A bad checkpoint at size 20 cannot vouch for entries 10..19: the first position it fails to
  // cover is the one after the last good checkpoint (10).
  it.each([
    ['root', 20, 10],
    ['signature', 20, 10],
    ['tree_size', 20, 10],
    ['created_at', 20, 10],
    ['root', 10, 0],
  ] as const)('a changed %s of the checkpoint at size %i', async (column, size, position) => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = db.prepare('SELECT * FROM checkpoints WHERE tree_size = ?').get(size) as Record<
        string,
        string | number
      >;
      const value =
        column === 'root'
          ? otherHex(row.root as string)
          : column === 'signature'
            ? (() => {
                const sig = Buffer.from(row.signature as string, 'base64url');
                sig[10]! ^= 1;
                return sig.toString('base64url');
              })()
            : column === 'tree_size'
              ? size + 5
              : (row.created_at as number) + 1;
      db.prepare(`UPDATE checkpoints SET ${column} = ? WHERE tree_size = ?`).run(value, size);
    });
    const report = await verify(l);
    expectBadAt(report, position, /checkpoint/);
  });

  it('a checkpoint over a forged root, signed with a key that is not the ledger’s', async () => {
    const { l, path } = await ledger30();
    const forger = generateKeyPairSync('ed25519').privateKey;
    tamper(path, (db) => {
      const row = db.prepare('SELECT * FROM checkpoints WHERE tree_size = 20').get() as {
        root: string;
        key_id: string;
        created_at: number;
      };
      const unsigned = {
        siteId: 'demo-shop',
        treeSize: 20,
        root: otherHex(row.root),
        keyId: row.key_id,
        createdAt: row.created_at,
      };
      db.prepare('UPDATE checkpoints SET root = ?, signature = ? WHERE tree_size = 20').run(
        unsigned.root,
        signCanonical(forger, checkpointPayload(unsigned)),
      );
    });
    expectBadAt(await verify(l), 10, /checkpoint/);
  });
});

describe('the unsigned resume state (peaks) of a checkpoint', () => {
  /** Replaces the hash of the first peak stored with a checkpoint. */
  const forgePeaks = (db: Database.Database, size: number) => {
    const { peaks } = db.prepare('SELECT peaks FROM checkpoints WHERE tree_size = ?').get(size) as {
      peaks: string;
    };
    const forged = JSON.parse(peaks) as [number, string][];
    forged[0]![1] = otherHex(forged[0]![1]);
    db.prepare('UPDATE checkpoints SET peaks = ? WHERE tree_size = ?').run(
      JSON.stringify(forged),
      size,
    );
  };

  it('is checked by verification like the rest of the checkpoint row', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => forgePeaks(db, 20));
    expectBadAt(await verify(l), 10, /checkpoint/);
  });

  it('is never trusted to sign the next checkpoint after a restart', async () => {
    const { l, path } = await ledger30();
    const { secrets, config } = l.services;
    await l.services.writer.idle();
    await within(l.services.checkpointer.idle(), 1000, 'checkpointer.idle()');
    await l.services.storage.close();
    tamper(path, (db) => forgePeaks(db, 30));
    // The server restarts on the same file with the same secrets.
    const services = createServices(config, { storage: openSqlite({ path }), secrets });
    cleanups.push(() => within(closeServices(services), 1000, 'closeServices').catch(() => {}));
    const app = createApp(services);
    for (let i = 0; i < 5; i++) {
      const res = await app.request('/v1/events', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${l.keys.site}`,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        body: JSON.stringify(consentEvent()),
      });
      expect(res.status).toBe(201);
    }
    await services.writer.idle();
    const signed = await within(services.checkpointer.checkpoint(l.site), 1000, 'checkpoint');
    const leaves = (await services.storage.readChain(l.site, 0, 100)).map((r) =>
      Buffer.from(r.leafHash, 'hex'),
    );
    expect(leaves).toHaveLength(35);
    expect(signed).toMatchObject({ treeSize: 35, root: merkleRoot(leaves).toString('hex') });
  });
});

describe('a full rewrite that recomputes every leaf and chain hash', () => {
  /**
   * Changes entry k and recomputes leaf, link and chain hash of every entry from k on, and the
   * look-up projection of entry k, as a thorough attacker with file access would.
   */
  function rewrite(path: string, k: number) {
    tamper(path, (db) => {
      const rows = db
        .prepare('SELECT * FROM events WHERE site_id = ? ORDER BY position')
        .all('demo-shop') as RawEvent[];
      const update = db.prepare(
        'UPDATE events SET record = ?, leaf_hash = ?, prev_hash = ?, hash = ? WHERE position = ?',
      );
      const project = db.prepare(
        'UPDATE event_subjects SET decision = ? WHERE site_id = ? AND position = ?',
      );
      let previous = k === 0 ? GENESIS : rows[k - 1]!.hash;
      for (const row of rows.slice(k)) {
        const record = row.position === k ? alterRecord(row.record) : row.record;
        const leaf = leafHashOf(record);
        const hash = chainHashOf(previous, leaf);
        update.run(record, leaf, previous, hash, row.position);
        if (row.position === k) {
          project.run(decisionJson(JSON.parse(record) as Record<string, unknown>), 'demo-shop', k);
        }
        previous = hash;
      }
    });
  }

  it.each([
    [14, 10],
    [25, 20],
    [0, 0],
  ])('is caught by the signed checkpoints (entry %i changed)', async (k, lastGoodCheckpoint) => {
    const { l, path } = await ledger30();
    rewrite(path, k);
    const report = await verify(l);
    expect(report.ok).toBe(false);
    // The chain itself is consistent again: only the signed checkpoint can tell.
    expect(report.firstBad!.reason).toMatch(/checkpoint/);
    expect(report.firstBad!.position).toBeLessThanOrEqual(k);
    // It does not blame entries a still-valid checkpoint vouches for.
    expect(report.firstBad!.position).toBeGreaterThanOrEqual(lastGoodCheckpoint);
  });
});

describe('the look-up projection', () => {
  it('is checked against the chained records: a changed decision is named at its position', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      const row = db
        .prepare(
          'SELECT subject_ref, decision FROM event_subjects WHERE site_id = ? AND position = 17 LIMIT 1',
        )
        .get('demo-shop') as { subject_ref: string; decision: string };
      const decision = JSON.parse(row.decision) as { choices: Record<string, boolean> };
      decision.choices = Object.fromEntries(Object.keys(decision.choices).map((p) => [p, true]));
      db.prepare(
        'UPDATE event_subjects SET decision = ? WHERE site_id = ? AND position = 17 AND subject_ref = ?',
      ).run(JSON.stringify(decision), 'demo-shop', row.subject_ref);
    });
    const report = await verify(l);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toEqual({ position: 17, reason: expect.stringMatching(/projection/) });
  });
});

describe('the admin verification endpoint', () => {
  it('answers 409 with the same report when the ledger was tampered with', async () => {
    const { l, path } = await ledger30();
    tamper(path, (db) => {
      db.prepare('DELETE FROM events WHERE position = 12').run();
    });
    const expected = await verify(l);
    expect(expected.firstBad?.position).toBe(12);
    const res = await l.call('GET', `/v1/sites/${l.site}/verify`, { key: l.keys.admin });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual(expected);
    // Not for other scopes.
    const asReader = await l.call('GET', `/v1/sites/${l.site}/verify`, { key: l.keys.reader });
    expect(asReader.status).toBe(403);
  });
});

describe('automatic checkpoints', () => {
  it('signs one every `checkpointEvery` entries as entries are committed', async () => {
    const l = await testLedger({ config: { checkpointEvery: EVERY } });
    track(l);
    for (let i = 0; i < ENTRIES; i++) expect((await l.postEvents(consentEvent())).status).toBe(201);
    await l.services.writer.idle();
    await within(l.services.checkpointer.idle(), 3000, 'checkpointer.idle()');
    const sizes = (await l.services.storage.checkpoints(l.site)).map((c) => c.treeSize);
    expect(sizes).toEqual([10, 20, 30]);
    expect((await verify(l)).ok).toBe(true);
  });

  it('signs one when a single commit grows the site by `checkpointEvery` or more', async () => {
    const l = await testLedger({ config: { checkpointEvery: EVERY } });
    track(l);
    const posts = await Promise.all(
      Array.from({ length: ENTRIES }, () => l.postEvents(consentEvent())),
    );
    expect(posts.every((r) => r.status === 201)).toBe(true);
    await l.services.writer.idle();
    await within(l.services.checkpointer.idle(), 3000, 'checkpointer.idle()');
    const checkpoints = await l.services.storage.checkpoints(l.site);
    expect(checkpoints.at(-1)?.treeSize).toBe(ENTRIES);
  });
});
