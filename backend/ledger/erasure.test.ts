/**
 * Erasure by crypto-shredding, end to end through the HTTP API: the person's personal data becomes
 * unreadable, their look-ups answer unknown, nobody else is touched, an erasure entry that names
 * no one is appended, the chain still verifies, and the database file holds no plaintext.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identifierDigest } from '../../lib/digest';
import type { LookupResponse, LookupResult } from '../../lib/lookup';
import { sha256 } from '../crypto/hash';
import { subjectRef } from '../crypto/subject-ref';
import { consentEvent, testLedger } from '../testing';
import { verifySite } from './verify';

type Ledger = Awaited<ReturnType<typeof testLedger>>;

const JANE = 'jane.doe@example.com';
const BOB = 'bob.smith@example.org';
const JANE_DEVICE = 'device-jane-0001';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

let closed = new WeakSet<Ledger>();
async function closeLedger(l: Ledger) {
  if (closed.has(l)) return;
  closed.add(l);
  await l.services.writer.idle();
  // The checkpointer is not awaited forever (see tamper.test.ts, automatic checkpoints).
  await Promise.race([l.services.checkpointer.idle(), new Promise((r) => setTimeout(r, 500))]);
  await l.services.storage.close();
}

/**
 * An on-disk ledger where Jane browsed anonymously on her device, then gave her email there and
 * from a second device, and Bob gave his; with a signed checkpoint over all of it.
 */
async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-erasure-'));
  const path = join(dir, 'ledger.sqlite');
  const l = await testLedger({ path, config: { checkpointEvery: 1_000_000 } });
  closed = new WeakSet();
  cleanups.push(async () => {
    await closeLedger(l);
    rmSync(l.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });
  const grantAll = { analytics: true, advertising: true, marketing_email: true };
  const posts = [
    consentEvent({ visitorId: JANE_DEVICE, choices: grantAll }),
    consentEvent({ visitorId: JANE_DEVICE, choices: grantAll, identifiers: { email: JANE } }),
    consentEvent({ choices: grantAll, identifiers: { email: JANE } }),
    consentEvent({ choices: grantAll, identifiers: { email: BOB } }),
  ];
  for (const event of posts) {
    l.advanceDays(1 / 24);
    expect((await l.postEvents(event)).status).toBe(201);
  }
  await l.services.writer.idle();
  expect(await l.services.checkpointer.checkpoint(l.site)).toMatchObject({ treeSize: 4 });
  const { pepper } = l.services.secrets;
  const jane = { digest: await identifierDigest({ kind: 'email', value: JANE }) };
  const bob = { digest: await identifierDigest({ kind: 'email', value: BOB }) };
  return {
    l,
    path,
    jane: { ...jane, ref: subjectRef(pepper, l.site, jane.digest) },
    bob: { ...bob, ref: subjectRef(pepper, l.site, bob.digest) },
    janeDevice: subjectRef(pepper, l.site, `visitor:${JANE_DEVICE}`),
  };
}

async function lookup(l: Ledger, digest: string): Promise<LookupResult> {
  const res = await l.call('POST', '/v1/lookup', {
    key: l.keys.reader,
    body: { digests: [digest] },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as LookupResponse;
  expect(body.results).toHaveLength(1);
  return body.results[0]!;
}

interface Export {
  known: boolean;
  erasedAt: string | null;
  entries: { eventId: string }[];
  personalData: { eventId: string; identifiers?: { email?: string } }[];
}

async function exportOf(l: Ledger, email: string): Promise<Export> {
  const res = await l.call('POST', `/v1/sites/${l.site}/subjects/export`, {
    key: l.keys.admin,
    body: { email },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Export;
}

async function erase(l: Ledger, email: string) {
  const res = await l.call('POST', `/v1/sites/${l.site}/subjects/erase`, {
    key: l.keys.admin,
    body: { email },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    erased: boolean;
    subjects: number;
    entriesAffected: number;
    erasureEvent: { eventId: string; position: number };
  };
}

const verify = (l: Ledger) =>
  verifySite(
    l.services.storage,
    l.site,
    new Map([[l.services.secrets.keyId, l.services.secrets.publicKey]]),
  );

/** The bytes of the database and its WAL, as someone who copies the files would have them. */
const fileBytes = (path: string): Buffer =>
  Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));

/** Asserts that none of these values occur in the bytes, in text, hex or raw form. */
function expectAbsent(bytes: Buffer, values: Record<string, string>) {
  expect(bytes.length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(values)) {
    expect(bytes.includes(Buffer.from(value, 'utf8')), `${name} as text`).toBe(false);
    if (/^[0-9a-f]{64}$/.test(value)) {
      expect(bytes.includes(Buffer.from(value, 'hex')), `${name} as raw bytes`).toBe(false);
      expect(bytes.includes(Buffer.from(value.toUpperCase(), 'utf8')), `${name} upper`).toBe(false);
    }
  }
}

describe('erasure of a person', () => {
  it('shreds their data, answers unknown, spares others, appends an anonymous entry and still verifies', async () => {
    const { l, jane, bob, janeDevice } = await setup();
    const { keyring, storage } = l.services;

    // Before: Jane is known, granted, and her email is readable by the admin export.
    expect(await keyring.existingKey(l.site, jane.ref)).not.toBeNull();
    const janeBefore = await exportOf(l, JANE);
    expect(janeBefore.entries).toHaveLength(3); // both devices, including the anonymous visit
    expect(janeBefore.personalData.map((p) => p.identifiers?.email)).toEqual([JANE, JANE]);
    expect((await lookup(l, jane.digest)).purposes.marketing_email?.status).toBe('granted');
    const bobBefore = await lookup(l, bob.digest);
    const sealedBefore = await storage.sealedFor(l.site, jane.ref);
    expect(sealedBefore).toHaveLength(2);

    l.advanceDays(1);
    const erasedAt = l.services.now();
    const result = await erase(l, 'Jane.Doe@Example.com'); // any spelling of the address
    expect(result).toMatchObject({ erased: true, entriesAffected: 3 });
    expect(result.subjects).toBeGreaterThanOrEqual(2); // her email and her device at least

    // Her data key is gone: the sealed rows remain but nothing can open them.
    expect(await keyring.existingKey(l.site, jane.ref)).toBeNull();
    keyring.forget(l.site, jane.ref);
    expect(await keyring.existingKey(l.site, jane.ref)).toBeNull();
    expect(await storage.sealedFor(l.site, jane.ref)).toEqual(sealedBefore);
    const [subject] = await storage.getSubjects(l.site, [jane.ref]);
    expect(subject).toMatchObject({ wrappedKey: null, erasedAt });
    const [device] = await storage.getSubjects(l.site, [janeDevice]);
    expect(device?.erasedAt).toBe(erasedAt);

    // The export has nothing on her any more.
    const janeAfter = await exportOf(l, JANE);
    expect(janeAfter.personalData).toEqual([]);
    expect(janeAfter.entries).toEqual([]);
    expect(janeAfter.known).toBe(false);
    expect(janeAfter.erasedAt).toBe(new Date(erasedAt).toISOString());

    // Her look-up answers unknown for every purpose, with an 'erased' warning.
    const janeLookup = await lookup(l, jane.digest);
    const purposes = Object.values(janeLookup.purposes);
    expect(purposes.length).toBeGreaterThanOrEqual(4);
    for (const p of purposes) expect(p).toMatchObject({ status: 'unknown', at: null });
    expect(janeLookup.warnings.map((w) => w.code)).toContain('erased');
    expect(janeLookup.verified).toBe(false);

    // Bob is unaffected.
    expect(await keyring.existingKey(l.site, bob.ref)).not.toBeNull();
    expect(await lookup(l, bob.digest)).toEqual(bobBefore);
    expect((await exportOf(l, BOB)).personalData.map((p) => p.identifiers?.email)).toEqual([BOB]);

    // One erasure entry was appended, naming no one.
    const chain = await storage.readChain(l.site, 0, 100);
    expect(chain).toHaveLength(5);
    const entry = chain[4]!;
    expect(entry).toMatchObject({
      kind: 'erasure',
      position: result.erasureEvent.position,
      eventId: result.erasureEvent.eventId,
      subjectRefs: [],
      receivedAt: erasedAt,
    });
    for (const secret of [JANE, 'jane', jane.digest, jane.ref, janeDevice, JANE_DEVICE])
      expect(entry.record).not.toContain(secret);
    expect((await storage.decisionsForSubjects(l.site, [jane.ref])).map((r) => r.position)).toEqual(
      [1, 2],
    );

    // The chain and the checkpoint signed before the erasure still verify, and a new one too.
    expect(await verify(l)).toMatchObject({ ok: true, entries: 5, checkpoints: 1 });
    expect(await l.services.checkpointer.checkpoint(l.site)).toMatchObject({ treeSize: 5 });
    expect(await verify(l)).toMatchObject({ ok: true, entries: 5, checkpoints: 2 });
    const res = await l.call('GET', `/v1/sites/${l.site}/verify`, { key: l.keys.admin });
    expect(res.status).toBe(200);
  });

  it('leaves neither the email nor its plain digest anywhere in the database files', async () => {
    const { l, path, jane, bob } = await setup();
    const [subject] = await l.services.storage.getSubjects(l.site, [jane.ref]);
    const wrappedKey = subject!.wrappedKey!;
    expect(wrappedKey).toBeTruthy();
    const secrets = {
      'Jane email': JANE,
      'Jane digest': jane.digest,
      'Bob email': BOB,
      'Bob digest': bob.digest,
      'Bob digest of the digest': sha256(bob.digest),
    };
    // While running (database and WAL as they are on disk).
    expectAbsent(fileBytes(path), secrets);
    l.advanceDays(1);
    await erase(l, JANE);
    await l.services.writer.idle();
    expectAbsent(fileBytes(path), secrets);
    // After a clean close (WAL checkpointed into the database).
    await closeLedger(l);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const bytes = fileBytes(path);
    expectAbsent(bytes, secrets);
    // Sanity: the search does find what is there (Bob's ref is stored in the clear).
    expect(bytes.includes(Buffer.from(bob.ref))).toBe(true);
    // Crypto-shredding deletes the key: its wrapped form must not linger in free pages either,
    // or anyone holding the file and the master key could still unwrap it.
    expect(bytes.includes(Buffer.from(wrappedKey)), 'the shredded wrapped key').toBe(false);
  });

  it('leaves no shredded wrapped key in the database file, among many subjects', async () => {
    const { l, path } = await setup();
    const emails = Array.from({ length: 40 }, (_, i) => `person${i}@example.net`);
    const posts = await Promise.all(
      emails.map((email) => l.postEvents(consentEvent({ identifiers: { email } }))),
    );
    expect(posts.every((r) => r.status === 201)).toBe(true);
    const { pepper } = l.services.secrets;
    const shredded: string[] = [];
    l.advanceDays(1);
    for (const email of emails.filter((_, i) => i % 3 === 1)) {
      const ref = subjectRef(
        pepper,
        l.site,
        await identifierDigest({ kind: 'email', value: email }),
      );
      const [subject] = await l.services.storage.getSubjects(l.site, [ref]);
      shredded.push(subject!.wrappedKey!);
      await erase(l, email);
      expect(await l.services.keyring.existingKey(l.site, ref)).toBeNull();
    }
    expect(shredded).toHaveLength(13);
    await closeLedger(l);
    const bytes = fileBytes(path);
    // Anyone holding a copy of the file and the master key could unwrap a key left in free space.
    const lingering = shredded.filter((wrapped) => bytes.includes(Buffer.from(wrapped)));
    expect(lingering, 'wrapped keys still in the file after shredding').toEqual([]);
  });

  it('makes a person visible again, from that point on, when they consent again', async () => {
    const { l, jane } = await setup();
    l.advanceDays(1);
    await erase(l, JANE);
    expect((await lookup(l, jane.digest)).warnings.map((w) => w.code)).toContain('erased');

    l.advanceDays(1);
    const again = consentEvent({
      visitorId: JANE_DEVICE, // the same device as before the erasure
      choices: { analytics: false, advertising: false, marketing_email: true },
      identifiers: { email: JANE },
    });
    expect((await l.postEvents(again)).status).toBe(201);
    const consentedAt = new Date(l.services.now()).toISOString();

    const result = await lookup(l, jane.digest);
    expect(result.warnings.map((w) => w.code)).not.toContain('erased');
    expect(result.purposes.marketing_email).toMatchObject({ status: 'granted', at: consentedAt });
    // Only the new decision counts: the pre-erasure grant is gone, so this is a refusal, not a
    // withdrawal.
    expect(result.purposes.analytics?.status).toBe('denied');
    expect(result.purposes.sale_sharing?.status).toBe('unknown');

    const exported = await exportOf(l, JANE);
    expect(exported.entries.map((e) => e.eventId)).toEqual([again.eventId]);
    expect(exported.personalData).toEqual([
      { eventId: again.eventId, identifiers: { email: JANE }, pageUrl: again.pageUrl },
    ]);
    expect(await l.services.keyring.existingKey(l.site, jane.ref)).not.toBeNull();
    expect((await verify(l)).ok).toBe(true);
  });
});
