/**
 * The ledger writer: group commit, idempotency on the client event id, receipts that verify offline
 * with the published key, and durability of an acknowledged write.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json';
import type { ConsentEvent } from '../../lib/consent-event';
import { ReceiptSchema, type Receipt } from '../../lib/receipt';
import { sha256 } from '../crypto/hash';
import { consentEvent, testLedger } from '../testing';
import { verifySite } from './verify';

type Ledger = Awaited<ReturnType<typeof testLedger>>;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A ledger torn down after the test, whose teardown never waits forever on the checkpointer. */
async function ledger(options: Parameters<typeof testLedger>[0] = {}): Promise<Ledger> {
  const l = await testLedger({
    ...options,
    config: { publicRateLimit: 100_000, checkpointEvery: 1_000_000, ...options.config },
  });
  cleanups.push(() => closeLedger(l));
  return l;
}

async function closeLedger(l: Ledger) {
  await l.services.writer.idle();
  await Promise.race([l.services.checkpointer.idle(), new Promise((r) => setTimeout(r, 500))]);
  await l.services.storage.close();
  rmSync(l.dir, { recursive: true, force: true });
}

const verifyChain = (l: Ledger) =>
  verifySite(
    l.services.storage,
    l.site,
    new Map([[l.services.secrets.keyId, l.services.secrets.publicKey]]),
  );

/** The published verification key, rebuilt from its raw bytes as an outside verifier would. */
async function publishedKey(l: Ledger): Promise<{ keyId: string; key: KeyObject }> {
  const res = await l.call('GET', '/v1/ledger-key');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { keyId: string; publicKey: string; pem: string };
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: body.publicKey },
    format: 'jwk',
  });
  expect(key.export({ type: 'spki', format: 'pem' })).toBe(body.pem);
  return { keyId: body.keyId, key };
}

/** Offline receipt check: Ed25519 over the canonical JSON of the receipt without its signature. */
function receiptVerifies(receipt: Record<string, unknown>, key: KeyObject): boolean {
  const { signature, ...unsigned } = receipt;
  if (typeof signature !== 'string') return false;
  return verifySignature(
    null,
    Buffer.from(canonicalJson(unsigned)),
    key,
    Buffer.from(signature, 'base64url'),
  );
}

describe('group commit', () => {
  it('200 concurrent posts get contiguous positions, a valid chain, and few commits', async () => {
    const l = await ledger();
    const before = l.services.writer.batches;
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => l.postEvents(consentEvent())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as Receipt[];
    expect(receipts.map((r) => r.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    // Each receipt links to the one before it.
    const byPosition = [...receipts].sort((a, b) => a.position - b.position);
    byPosition.slice(1).forEach((r, i) => expect(r.previousHash).toBe(byPosition[i]!.hash));
    expect(await l.services.storage.chainLength(l.site)).toBe(200);
    expect(await verifyChain(l)).toMatchObject({ ok: true, entries: 200 });
    const commits = l.services.writer.batches - before;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(20);
    expect(l.services.writer.committed).toBe(200);
  });
});

describe('idempotency on the event id', () => {
  const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  /** Event i of a run; variant 1 is the same id with a different body. */
  const eventOf = (i: number, variant: 0 | 1): ConsentEvent =>
    consentEvent({
      eventId: idOf(i),
      visitorId: `visitor-${i}-abcdef`,
      choices: { analytics: variant === 0, advertising: false, marketing_email: true },
      ...(i % 2 === 0 ? { identifiers: { email: `person${i}@example.com` } } : {}),
    });

  const step = fc.record({
    items: fc.array(
      fc.record({
        event: fc.nat(4),
        variant: fc.constantFrom<0 | 1>(0, 0, 0, 1), // mostly faithful retries
      }),
      { minLength: 1, maxLength: 3 },
    ),
    asBatch: fc.boolean(),
  });

  it('retries store one entry per event id with byte-identical receipts; a changed body is a conflict that stores nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const l = await testLedger({ config: { publicRateLimit: 100_000 } });
        try {
          const first = new Map<string, { variant: 0 | 1; receipt: string }>();
          for (const { items, asBatch } of steps) {
            l.advanceDays(1 / 24); // retries come later: the receipt must not change
            const events = items.map(({ event, variant }) => eventOf(event, variant));
            const single = events.length === 1 && !asBatch;
            const res = await l.postEvents(single ? events[0] : { events });
            const text = await res.text();
            // What the model expects, in order: the writer takes a batch in its order, so an id
            // repeated inside one request counts its earlier occurrence as the first post.
            const firstVariant = new Map([...first].map(([id, f]) => [id, f.variant]));
            const expected = items.map(({ event, variant }) => {
              const id = idOf(event);
              const known = firstVariant.get(id);
              if (known === undefined) {
                firstVariant.set(id, variant);
                return 'stored' as const;
              }
              return known === variant ? ('duplicate' as const) : ('conflict' as const);
            });
            const check = (i: number, status: string, receipt: unknown) => {
              const id = idOf(items[i]!.event);
              expect(status).toBe(expected[i]);
              if (status === 'conflict') return expect(receipt).toBeUndefined();
              const bytes = JSON.stringify(receipt);
              if (status === 'stored')
                first.set(id, { variant: items[i]!.variant, receipt: bytes });
              else expect(bytes).toBe(first.get(id)!.receipt);
            };
            if (single) {
              const status = expected[0]!;
              expect(res.status).toBe({ stored: 201, duplicate: 200, conflict: 409 }[status]);
              if (status !== 'conflict') check(0, status, JSON.parse(text));
            } else {
              const { results } = JSON.parse(text) as {
                results: { eventId: string; status: string; receipt?: unknown }[];
              };
              expect(results.map((r) => r.eventId)).toEqual(items.map((it) => idOf(it.event)));
              expect(res.status).toBe(expected.includes('stored') ? 201 : 200);
              results.forEach((r, i) => check(i, r.status, r.receipt));
            }
          }
          // Exactly one entry per distinct id, holding the body first posted under it.
          expect(await l.services.storage.chainLength(l.site)).toBe(first.size);
          const stored = await l.services.storage.findEvents(l.site, [...first.keys()]);
          expect(stored).toHaveLength(first.size);
          for (const row of stored) {
            const n = Number(row.eventId.slice(-12));
            const body = eventOf(n, first.get(row.eventId)!.variant);
            expect(row.requestHash).toBe(sha256(canonicalJson(body)));
            expect((JSON.parse(row.record) as { choices: unknown }).choices).toEqual(body.choices);
          }
          expect((await verifyChain(l)).ok).toBe(true);
        } finally {
          await closeLedger(l);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a retry answers 200 with the identical receipt, even much later', async () => {
    const l = await ledger();
    const event = consentEvent({ identifiers: { email: 'retry@example.com' } });
    const first = await l.postEvents(event);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    l.advanceDays(3);
    const again = await l.postEvents(event);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstText);
    expect(await l.services.storage.chainLength(l.site)).toBe(1);
  });

  it('the same id with a different body is a 409 conflict and stores nothing', async () => {
    const l = await ledger();
    const event = consentEvent();
    expect((await l.postEvents(event)).status).toBe(201);
    const [before] = await l.services.storage.findEvents(l.site, [event.eventId]);
    const changed = { ...event, choices: { ...event.choices, advertising: true } };
    const res = await l.postEvents(changed);
    expect(res.status).toBe(409);
    expect(await res.text()).not.toMatch(/signature/);
    const batch = await l.postEvents({ events: [changed, consentEvent()] });
    expect(batch.status).toBe(201);
    const { results } = (await batch.json()) as {
      results: { status: string; receipt?: unknown }[];
    };
    expect(results[0]).toEqual({ eventId: event.eventId, status: 'conflict' });
    expect(results[1]!.status).toBe('stored');
    expect(await l.services.storage.chainLength(l.site)).toBe(2);
    const [after] = await l.services.storage.findEvents(l.site, [event.eventId]);
    expect(after).toEqual(before);
  });
});

describe('receipts', () => {
  it('verify offline with the published key, and any change to any field breaks them', async () => {
    const l = await ledger();
    const { keyId, key } = await publishedKey(l);
    const res = await l.postEvents(consentEvent({ identifiers: { email: 'r@example.com' } }), {
      'sec-gpc': '1',
    });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as Receipt;
    expect(v.safeParse(ReceiptSchema, receipt).success).toBe(true);
    expect(receipt.keyId).toBe(keyId);
    expect(receipt.algorithm).toBe('Ed25519');
    expect(receipt.gpcHeader).toBe(true);
    const [row] = await l.services.storage.findEvents(l.site, [receipt.eventId]);
    expect(receipt).toMatchObject({ position: row!.position, hash: row!.hash });
    expect(receipt.previousHash).toBe(row!.prevHash);
    expect(receiptVerifies(receipt, key)).toBe(true);

    const mutate = (value: unknown): unknown => {
      if (typeof value === 'number') return value + 1;
      if (typeof value === 'boolean') return !value;
      if (value === null) return 'DE';
      const s = String(value);
      return `${s[0] === 'a' ? 'b' : 'a'}${s.slice(1)}`;
    };
    const fields = Object.keys(receipt).filter((f) => f !== 'signature');
    expect(fields.length).toBeGreaterThanOrEqual(10);
    for (const field of fields) {
      const tampered = { ...receipt, [field]: mutate(receipt[field as keyof Receipt]) };
      expect(receiptVerifies(tampered, key), field).toBe(false);
    }
    const { country: _dropped, ...missing } = receipt;
    expect(receiptVerifies(missing, key)).toBe(false);
    expect(receiptVerifies({ ...receipt, extra: 1 }, key)).toBe(false);
    const sig = Buffer.from(receipt.signature, 'base64url');
    for (const byte of [0, 31, 63]) {
      const bad = Buffer.from(sig);
      bad[byte]! ^= 0x01;
      expect(receiptVerifies({ ...receipt, signature: bad.toString('base64url') }, key)).toBe(
        false,
      );
    }
    // A receipt of another event does not vouch for this one.
    const other = (await (await l.postEvents(consentEvent())).json()) as Receipt;
    expect(receiptVerifies({ ...receipt, signature: other.signature }, key)).toBe(false);
  });

  it('the receipts of a batch each verify and name their own events', async () => {
    const l = await ledger();
    const { key } = await publishedKey(l);
    const events = [consentEvent(), consentEvent(), consentEvent()];
    const res = await l.postEvents({ events });
    expect(res.status).toBe(201);
    const { results } = (await res.json()) as { results: { eventId: string; receipt: Receipt }[] };
    expect(results.map((r) => r.receipt.eventId)).toEqual(events.map((e) => e.eventId));
    for (const r of results) expect(receiptVerifies(r.receipt, key)).toBe(true);
  });
});

describe('durability', () => {
  it('an acknowledged write is in the database file when its promise resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-writer-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'ledger.sqlite');
    const l = await ledger({ path });
    const outside = new Database(path, { readonly: true, fileMustExist: true });
    cleanups.push(async () => void outside.close());
    expect(outside.pragma('journal_mode', { simple: true })).toBe('wal');
    const present = outside.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id = ?');
    const count = outside.prepare('SELECT COUNT(*) AS n FROM events');
    const events = Array.from({ length: 40 }, () => consentEvent());
    const seen = await Promise.all(
      events.map((event) =>
        Promise.resolve(l.postEvents(event)).then((res) => ({
          status: res.status,
          // Checked synchronously on acknowledgement, through another connection.
          found: (present.get(event.eventId) as { n: number }).n,
          total: (count.get() as { n: number }).n,
        })),
      ),
    );
    for (const s of seen) {
      expect(s.status).toBe(201);
      expect(s.found).toBe(1);
      expect(s.total).toBeGreaterThanOrEqual(1);
    }
    expect((count.get() as { n: number }).n).toBe(40);
  });
});
