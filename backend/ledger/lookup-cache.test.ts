/**
 * The look-up cache never shows a stale answer for a change made through this process: each test
 * warms the cache with a look-up, changes something, and looks up again.
 */
import { describe, expect, it } from 'vitest';
import { identifierDigest } from '../../lib/digest';
import { REGIMES } from '../../lib/regimes';
import type { LookupResponse, LookupResult } from '../../lib/lookup';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { closeServices, createServices } from '../services';
import { openSqlite } from '../storage/sqlite';
import { consentEvent, ledgersClosedAfterEach, type TestLedger } from '../testing';
import { erasePerson } from './data-subject';
import { PeopleCache } from './people-cache';
import type { Person } from './person';

const open = ledgersClosedAfterEach();
const EMAIL = 'ana.lima@example.com';
const digestOf = (email: string) => identifierDigest({ kind: 'email', value: email });

async function lookup(l: TestLedger, digest: string): Promise<LookupResult> {
  const res = await l.call('POST', '/v1/lookup', {
    key: l.keys.reader,
    body: { digests: [digest] },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as LookupResponse).results[0]!;
}

const post = async (l: TestLedger, ...args: Parameters<typeof consentEvent>) => {
  l.advanceDays(1 / 24);
  expect((await l.postEvents(consentEvent(...args))).status).toBe(201);
};

describe('look-ups after changes', () => {
  it('a new choice by the same email shows at once, and repeated look-ups are served from the cache', async () => {
    const l = await open();
    const digest = await digestOf(EMAIL);
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('unknown');
    await post(l, { identifiers: { email: EMAIL }, choices: { marketing_email: true } });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    const hits = l.services.people.hits;
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    expect(l.services.people.hits).toBe(hits + 1);
  });

  it('a withdrawal from a linked device that sends no email shows at once', async () => {
    const l = await open();
    const digest = await digestOf(EMAIL);
    await post(l, {
      visitorId: 'device-ana',
      identifiers: { email: EMAIL },
      choices: { marketing_email: true },
    });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    await post(l, {
      visitorId: 'device-ana',
      method: 'withdrawal',
      choices: { marketing_email: false },
    });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('withdrawn');
  });

  it('a change another process commits (the CLI: erase, keys revoke) shows at the next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-ext-'));
    const path = join(dir, 'ledger.sqlite');
    const l = await open({ path });
    const digest = await digestOf(EMAIL);
    await post(l, { identifiers: { email: EMAIL }, choices: { marketing_email: true } });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');

    // A second process on the same data folder, as `consentry erase` and `keys revoke` are.
    const cli = createServices(
      loadConfig({}, { dataDir: l.dir, logLevel: 'silent', demo: false }),
      { storage: openSqlite({ path }), now: () => l.services.now() },
    );
    await erasePerson(cli, l.site, { email: EMAIL }, 'cli');
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('unknown');

    // The person consents again: a fresh data key, not one this process still held in memory.
    await post(l, { identifiers: { email: EMAIL }, choices: { marketing_email: true } });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    const history = await l.call('POST', `/v1/sites/${l.site}/subjects/export`, {
      key: l.keys.admin,
      body: { email: EMAIL },
    });
    expect(history.status).toBe(200);
    expect(JSON.stringify(await history.json())).toContain(EMAIL);

    const reader = (await cli.storage.listKeys()).find((k) => k.scope === 'reader')!;
    await cli.storage.revokeKey(reader.id, cli.now());
    const refused = await l.call('POST', '/v1/lookup', {
      key: l.keys.reader,
      body: { digests: [digest] },
    });
    expect(refused.status).toBe(401);
    await closeServices(cli);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the clock alone moves a cached answer to "expires soon" and then "expired"', async () => {
    const l = await open();
    const digest = await digestOf(EMAIL);
    await post(l, { identifiers: { email: EMAIL }, choices: { marketing_email: true } });
    const first = await lookup(l, digest);
    expect(first.purposes.marketing_email?.status).toBe('granted');
    expect(first.warnings.map((w) => w.code)).not.toContain('expiring_soon');
    const policy = await l.services.storage.getPolicy(l.site, '2026-11');
    const lifetime = policy!.config.lifetimeDays ?? REGIMES.gdpr.lifetimeDays;
    l.advanceDays(lifetime - 10);
    const soon = await lookup(l, digest);
    expect(soon.purposes.marketing_email?.status).toBe('granted');
    expect(soon.warnings.map((w) => w.code)).toContain('expiring_soon');
    l.advanceDays(11);
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('expired');
  });

  it('an erasure answers unknown at once', async () => {
    const l = await open();
    const digest = await digestOf(EMAIL);
    await post(l, { identifiers: { email: EMAIL }, choices: { marketing_email: true } });
    expect((await lookup(l, digest)).purposes.marketing_email?.status).toBe('granted');
    const erased = await l.call('POST', `/v1/sites/${l.site}/subjects/erase`, {
      key: l.keys.admin,
      body: { email: EMAIL },
    });
    expect(erased.status).toBe(200);
    const after = await lookup(l, digest);
    expect(after.purposes.marketing_email?.status).toBe('unknown');
    expect(after.warnings.map((w) => w.code)).toContain('erased');
  });
});

describe('PeopleCache', () => {
  const person = (ref: string, refs = [ref]) =>
    ({ ref, refs, subjects: [], entries: [], erasedAt: null, verified: false }) as Person;

  it('does not keep a person read before an invalidation that overlapped the read', () => {
    const cache = new PeopleCache();
    const readAt = cache.epoch;
    cache.invalidate('s', ['other']);
    cache.set('s', 'd1', person('r1'), readAt);
    expect(cache.get('s', 'd1')).toBeUndefined();
    cache.set('s', 'd1', person('r1'), cache.epoch);
    expect(cache.get('s', 'd1')?.ref).toBe('r1');
  });

  it('forgets a person when any of their refs changes, on that site only, and after the TTL', () => {
    let t = 0;
    const cache = new PeopleCache(1000, 10, () => t);
    cache.set('s', 'd1', person('r1', ['r1', 'device']), cache.epoch);
    cache.set('t', 'd1', person('r1', ['r1', 'device']), cache.epoch);
    cache.invalidate('s', ['device']);
    expect(cache.get('s', 'd1')).toBeUndefined();
    expect(cache.get('t', 'd1')).toBeDefined();
    t = 1000;
    expect(cache.get('t', 'd1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
