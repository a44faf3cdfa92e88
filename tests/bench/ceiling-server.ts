/**
 * Reference points for bench:backend, on the same server stack as the baseline: what a server
 * doing only the unavoidable part of each measured request reaches on this machine.
 * - POST /lookup: reads the request body and answers fixed bytes (LOOKUP_BODY, a real look-up
 *   response of 50 digests taken from the ledger in the same run): the cost of the response size
 *   alone.
 * - POST /insert: parses the JSON body and inserts it into SQLite (better-sqlite3, WAL,
 *   synchronous=FULL, a unique index on the event id) with group commit, answering after the
 *   commit: a durable write with no validation, hash chain, signature or projection.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const lookupBody = readFileSync(process.env.LOOKUP_BODY!);
const db = new Database(join(process.env.DATA_DIR!, 'ceiling.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)',
);
const insert = db.prepare('INSERT INTO events (event_id, body) VALUES (?, ?)');
const commit = db.transaction((rows: [string, string][]) => {
  for (const [id, body] of rows) insert.run(id, body);
});

// Group commit: every insert queued in one turn of the event loop shares one durable transaction.
let queue: { row: [string, string]; done: (error?: unknown) => void }[] = [];
function enqueue(row: [string, string]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (queue.length === 0)
      setImmediate(() => {
        const batch = queue;
        queue = [];
        let failed: unknown = null;
        try {
          commit(batch.map((q) => q.row));
        } catch (error) {
          failed = error;
        }
        for (const q of batch) q.done(failed);
      });
    queue.push({ row, done: (error) => (error ? reject(error) : resolve()) });
  });
}

const app = new Hono()
  .post('/lookup', async (c) => {
    await c.req.arrayBuffer();
    return c.body(lookupBody, 200, { 'content-type': 'application/json' });
  })
  .post('/insert', async (c) => {
    const body = await c.req.text();
    const { eventId } = JSON.parse(body) as { eventId: string };
    await enqueue([eventId, body]);
    return c.json({ eventId }, 201);
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
