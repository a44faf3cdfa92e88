/** Admin routes: sites and policy versions, API keys, and data-subject requests. */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { identifierDigest } from '../../lib/digest';
import { ErrorBodySchema } from '../../lib/error-body';
import { normaliseEmail } from '../../lib/identifiers';
import type { LookupResponse } from '../../lib/lookup';
import { demoConfig } from '../demo/demo-config';
import { consentEvent, TEST_ORIGIN, ledgersClosedAfterEach, type TestLedger } from '../testing';

const T0 = Date.UTC(2026, 10, 29, 12);
const SITE = 'demo-shop';
const EMAIL = 'jane.doe@example.com';
const PHONE = '+4930123456';

type Ledger = TestLedger;
const ledger = ledgersClosedAfterEach({ now: T0 });

const admin = (l: Ledger, method: string, path: string, body?: unknown) =>
  l.call(method, path, { key: l.keys.admin, body });

async function errorOf(res: Response) {
  const body: unknown = await res.json();
  expect(v.safeParse(ErrorBodySchema, body).success, JSON.stringify(body)).toBe(true);
  return (body as v.InferOutput<typeof ErrorBodySchema>).error;
}

const emailDigest = async (email: string) => {
  const n = normaliseEmail(email);
  if (!n.ok) throw new Error('bad test email');
  return identifierDigest(n.value);
};

async function lookup(l: Ledger, email: string) {
  const res = await l.call('POST', '/v1/lookup', {
    key: l.keys.reader,
    body: { digests: [await emailDigest(email)] },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as LookupResponse).results[0]!;
}

describe('sites', () => {
  it('creates a site with a valid configuration (201) and serves it back', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', '/v1/sites', {
      id: 'b-shop',
      name: 'Shop B',
      allowedOrigins: ['https://b.example'],
      config: demoConfig(),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).site).toMatchObject({
      id: 'b-shop',
      name: 'Shop B',
      allowedOrigins: ['https://b.example'],
      currentPolicy: '2026-11',
      createdAt: T0,
    });
    const got = await admin(l, 'GET', '/v1/sites/b-shop');
    expect(got.status).toBe(200);
    const body = (await got.json()) as { config: { policyVersion: string; purposes: unknown[] } };
    expect(body.config.policyVersion).toBe('2026-11');
    expect(body.config.purposes).toHaveLength(demoConfig().purposes.length);
    const list = (await (await admin(l, 'GET', '/v1/sites')).json()) as { sites: { id: string }[] };
    expect(list.sites.map((s) => s.id).sort()).toEqual(['b-shop', SITE]);
  });

  it('derives the id from the name when none is given', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', '/v1/sites', {
      name: 'Alpine Outlet (EU)',
      allowedOrigins: [],
      config: demoConfig(),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).site.id).toBe('alpine-outlet-eu');
  });

  it('refuses a dark-pattern configuration with 422 naming config.* fields, creating nothing', async () => {
    const l = await ledger();
    const config = demoConfig();
    const res = await admin(l, 'POST', '/v1/sites', {
      id: 'dark-shop',
      name: 'Dark',
      allowedOrigins: [],
      config: {
        ...config,
        ui: { rejectAll: 'second_layer', rejectAllStyle: 'link' },
        purposes: config.purposes.map((p) =>
          p.id === 'advertising' ? { ...p, preTicked: true } : p,
        ),
      },
    });
    expect(res.status).toBe(422);
    const paths = ((await errorOf(res)).issues ?? []).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'config.ui.rejectAll',
        'config.ui.rejectAllStyle',
        'config.purposes.2.preTicked',
      ]),
    );
    expect(paths.every((p) => p.startsWith('config.'))).toBe(true);
    expect(await l.services.storage.getSite('dark-shop')).toBeNull();
  });

  it('refuses a malformed site body with field issues', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', '/v1/sites', {
      id: 'Bad Id',
      name: 'x',
      allowedOrigins: ['https://ok.example/path'],
      config: demoConfig(),
    });
    expect(res.status).toBe(422);
    const paths = ((await errorOf(res)).issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'allowedOrigins.0']));
  });

  it('answers 409 to a duplicate id and leaves the existing site alone', async () => {
    const l = await ledger();
    const before = await l.services.storage.getSite(SITE);
    const res = await admin(l, 'POST', '/v1/sites', {
      id: SITE,
      name: 'Impostor',
      allowedOrigins: ['https://evil.example'],
      config: { ...demoConfig(), policyVersion: '2099-01' },
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('conflict');
    expect(await l.services.storage.getSite(SITE)).toEqual(before);
    expect(await l.services.storage.getPolicy(SITE, '2099-01')).toBeNull();
  });

  it('answers 404 for a site that does not exist', async () => {
    const l = await ledger();
    expect((await admin(l, 'GET', '/v1/sites/no-such-shop')).status).toBe(404);
  });
});

describe('policy versions', () => {
  it('publishes a new version (201) and keeps the old one retrievable and unchanged', async () => {
    const l = await ledger();
    const old = await l.services.storage.getPolicy(SITE, '2026-11');
    expect(old).not.toBeNull();
    l.advanceDays(3);
    const next = { ...demoConfig(), policyVersion: '2027-01', lifetimeDays: 180 };
    const res = await admin(l, 'POST', `/v1/sites/${SITE}/policies`, {
      config: next,
      allowedOrigins: [TEST_ORIGIN, 'https://www.shop.example'],
    });
    expect(res.status).toBe(201);
    expect((await res.json()).site).toMatchObject({
      currentPolicy: '2027-01',
      allowedOrigins: [TEST_ORIGIN, 'https://www.shop.example'],
    });
    expect(await l.services.storage.getPolicy(SITE, '2026-11')).toEqual(old);
    expect(await l.services.storage.getPolicy(SITE, '2027-01')).toMatchObject({
      version: '2027-01',
      publishedAt: T0 + 3 * 86_400_000,
      config: { lifetimeDays: 180 },
    });
    const site = (await (await admin(l, 'GET', `/v1/sites/${SITE}`)).json()) as {
      config: { policyVersion: string };
    };
    expect(site.config.policyVersion).toBe('2027-01');
    // Events recorded under the old notice are still accepted as proof of what was shown then.
    expect((await l.postEvents(consentEvent({ policyVersion: '2026-11' }))).status).toBe(201);
  });

  it('answers 409 to re-publishing an existing version, changing nothing', async () => {
    const l = await ledger();
    await admin(l, 'POST', `/v1/sites/${SITE}/policies`, {
      config: { ...demoConfig(), policyVersion: '2027-01' },
    });
    const old = await l.services.storage.getPolicy(SITE, '2026-11');
    const altered = { ...demoConfig(), languages: ['en'], texts: { en: demoConfig().texts.en! } };
    for (const version of ['2026-11', '2027-01']) {
      const res = await admin(l, 'POST', `/v1/sites/${SITE}/policies`, {
        config: { ...altered, policyVersion: version },
      });
      expect(res.status, version).toBe(409);
      expect((await errorOf(res)).code).toBe('conflict');
    }
    expect(await l.services.storage.getPolicy(SITE, '2026-11')).toEqual(old);
    expect((await l.services.storage.getSite(SITE))!.currentPolicy).toBe('2027-01');
  });

  it('refuses an invalid policy with config.* issues and keeps the current one', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', `/v1/sites/${SITE}/policies`, {
      config: { ...demoConfig(), policyVersion: '2027-01', ui: { rejectAll: 'hidden' } },
    });
    expect(res.status).toBe(422);
    expect(((await errorOf(res)).issues ?? []).map((i) => i.path)).toContain('config.ui.rejectAll');
    expect(await l.services.storage.getPolicy(SITE, '2027-01')).toBeNull();
    expect((await l.services.storage.getSite(SITE))!.currentPolicy).toBe('2026-11');
  });
});

describe('keys', () => {
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

  it('shows a new key once, and never lists key material or hashes', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', '/v1/keys', {
      scope: 'reader',
      siteId: SITE,
      label: 'CRM team',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      scope: 'reader',
      siteId: SITE,
      label: 'CRM team',
      revokedAt: null,
    });
    expect(created.key).toMatch(/^rk_[A-Za-z0-9_-]{32}$/);
    expect(created).not.toHaveProperty('hash');
    const key = created.key as string;
    // The key works.
    const lookup = await l.call('POST', '/v1/lookup', { key, body: { digests: ['a'.repeat(64)] } });
    expect(lookup.status).toBe(200);

    const list = await admin(l, 'GET', '/v1/keys');
    expect(list.status).toBe(200);
    const text = await list.text();
    const listed = (JSON.parse(text) as { keys: Record<string, unknown>[] }).keys;
    expect(listed.map((k) => k.id)).toContain(created.id);
    for (const secret of [key, l.keys.site, l.keys.reader, l.keys.admin]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(sha256(secret));
    }
    for (const k of listed) {
      expect(k).not.toHaveProperty('hash');
      expect(k).not.toHaveProperty('key');
    }
  });

  it('prefixes keys by scope', async () => {
    const l = await ledger();
    const make = async (body: object) =>
      (
        (await (await admin(l, 'POST', '/v1/keys', { label: 'x', ...body })).json()) as {
          key: string;
        }
      ).key;
    expect(await make({ scope: 'site', siteId: SITE })).toMatch(/^pk_/);
    expect(await make({ scope: 'admin' })).toMatch(/^sk_/);
    expect(await make({ scope: 'admin', siteId: SITE })).toMatch(/^sk_/);
  });

  it('creates a key without a label', async () => {
    const l = await ledger();
    const res = await admin(l, 'POST', '/v1/keys', { scope: 'reader', siteId: SITE });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json()).label).toBe('');
  });

  it('refuses bad key requests', async () => {
    const l = await ledger();
    const noSite = await admin(l, 'POST', '/v1/keys', { scope: 'site', label: 'x' });
    expect(noSite.status).toBe(422);
    expect(((await errorOf(noSite)).issues ?? []).map((i) => i.path)).toEqual(['siteId']);
    const badScope = await admin(l, 'POST', '/v1/keys', { scope: 'root', label: 'x' });
    expect(badScope.status).toBe(422);
    expect(((await errorOf(badScope)).issues ?? []).map((i) => i.path)).toContain('scope');
    const unknownSite = await admin(l, 'POST', '/v1/keys', {
      scope: 'reader',
      siteId: 'nope',
      label: 'x',
    });
    expect(unknownSite.status).toBe(404);
    const keysBefore = (await l.services.storage.listKeys()).length;
    expect(keysBefore).toBe(3);
  });

  it('revokes a key: it gets 401 afterwards and is listed as revoked', async () => {
    const l = await ledger();
    const created = (await (
      await admin(l, 'POST', '/v1/keys', { scope: 'site', siteId: SITE, label: 'old widget' })
    ).json()) as { id: string; key: string };
    const write = () =>
      l.call('POST', '/v1/events', {
        key: created.key,
        body: consentEvent(),
        headers: { origin: TEST_ORIGIN },
      });
    expect((await write()).status).toBe(201);
    l.advanceDays(1);
    const revoked = await admin(l, 'DELETE', `/v1/keys/${created.id}`);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).toBe(T0 + 86_400_000);
    const after = await write();
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('unauthorized');
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
    const listed = (
      (await (await admin(l, 'GET', '/v1/keys')).json()) as {
        keys: { id: string; revokedAt: number | null }[];
      }
    ).keys.find((k) => k.id === created.id);
    expect(listed?.revokedAt).toBe(T0 + 86_400_000);
  });

  it('answers 404 to revoking an unknown key and 409 to a key revoking itself', async () => {
    const l = await ledger();
    expect((await admin(l, 'DELETE', '/v1/keys/key_000000000000')).status).toBe(404);
    const self = (await l.services.storage.listKeys()).find((k) => k.scope === 'admin')!;
    const res = await admin(l, 'DELETE', `/v1/keys/${self.id}`);
    expect(res.status).toBe(409);
    expect((await admin(l, 'GET', '/v1/keys')).status).toBe(200);
  });
});

describe('data-subject requests', () => {
  async function seedJane(l: Ledger) {
    const visitorId = 'visitor-jane-01';
    const first = await l.postEvents(
      consentEvent({
        visitorId,
        identifiers: { email: EMAIL, phone: PHONE },
        choices: { analytics: true, marketing_email: true },
        pageUrl: `${TEST_ORIGIN}/newsletter?src=footer`,
      }),
    );
    expect(first.status).toBe(201);
    l.advanceDays(5);
    const second = await l.postEvents(
      consentEvent({ visitorId, method: 'withdrawal', choices: { analytics: false } }),
    );
    expect(second.status).toBe(201);
    // Somebody else, who must not show up in Jane's answers.
    await l.postEvents(consentEvent({ identifiers: { email: 'john@example.com' } }));
    l.advanceDays(1);
  }

  const subjects = (l: Ledger, action: string, body: unknown) =>
    admin(l, 'POST', `/v1/sites/${SITE}/subjects/${action}`, body);

  it('gives the full history of a person, without plaintext identifiers', async () => {
    const l = await ledger();
    await seedJane(l);
    const res = await subjects(l, 'history', { email: '  Jane.Doe@Example.com ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const body = JSON.parse(text) as {
      known: boolean;
      verified: boolean;
      erasedAt: string | null;
      statuses: Record<string, { status: string }>;
      entries: { eventId: string; method: string }[];
    };
    expect(body).toMatchObject({ known: true, verified: false, erasedAt: null });
    expect(body.entries.map((e) => e.method)).toEqual(['save', 'withdrawal']);
    expect(body.statuses.marketing_email!.status).toBe('granted');
    expect(body.statuses.analytics!.status).toBe('withdrawn');
    expect(text).not.toContain('jane');
    expect(text).not.toContain('4930123456');
    expect(text).not.toContain('john');
    const log = await l.services.storage.accessLog(SITE, 0);
    expect(log.map((r) => r.action)).toEqual(['history']);
  });

  it('finds the same person by phone and by digest', async () => {
    const l = await ledger();
    await seedJane(l);
    for (const query of [
      { phone: '030 123456', defaultRegion: 'DE' },
      { digest: await emailDigest(EMAIL) },
    ]) {
      const res = await subjects(l, 'history', query);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { entries: unknown[] }).entries).toHaveLength(2);
    }
  });

  it('exports a person as a JSON attachment holding their decrypted personal data', async () => {
    const l = await ledger();
    await seedJane(l);
    const res = await subjects(l, 'export', { email: EMAIL });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      personalData: Record<string, unknown>[];
      entries: unknown[];
    };
    expect(body.entries).toHaveLength(2);
    expect(body.personalData).toEqual([
      expect.objectContaining({
        identifiers: { email: EMAIL, phone: PHONE },
        pageUrl: `${TEST_ORIGIN}/newsletter?src=footer`,
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('john@example.com');
    const log = await l.services.storage.accessLog(SITE, 0);
    expect(log).toEqual([expect.objectContaining({ action: 'export', count: 1 })]);
  });

  it('erases a person: look-ups answer unknown with an "erased" warning, the export is empty, the chain verifies', async () => {
    const l = await ledger();
    await seedJane(l);
    const erasedAt = T0 + 6 * 86_400_000;
    const res = await subjects(l, 'erase', { email: EMAIL });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: true, entriesAffected: 2 });

    const result = await lookup(l, EMAIL);
    expect(new Set(Object.values(result.purposes).map((p) => p.status))).toEqual(
      new Set(['unknown']),
    );
    expect(result.warnings.map((w) => w.code)).toContain('erased');
    expect(result.warnings.find((w) => w.code === 'erased')!.message).toContain(
      new Date(erasedAt).toISOString().slice(0, 10),
    );

    const exported = await subjects(l, 'export', { email: EMAIL });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const body = JSON.parse(text) as {
      personalData: unknown[];
      entries: unknown[];
      known: boolean;
    };
    expect(body.personalData).toEqual([]);
    expect(body.entries).toEqual([]);
    expect(body.known).toBe(false);
    for (const secret of ['jane', '4930123456', 'newsletter?src'])
      expect(text).not.toContain(secret);
    // Nothing readable is left in storage either: every data key of Jane's entries is gone.
    const janes = await l.services.storage.readChain(SITE, 0, 2);
    expect(janes.flatMap((r) => r.subjectRefs).length).toBeGreaterThan(0);
    for (const ref of janes.flatMap((r) => r.subjectRefs)) {
      expect(await l.services.keyring.existingKey(SITE, ref)).toBeNull();
    }

    const verify = await admin(l, 'GET', `/v1/sites/${SITE}/verify`);
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ ok: true, entries: 4, firstBad: null });

    // Other people are untouched.
    expect((await lookup(l, 'john@example.com')).purposes.analytics!.status).toBe('granted');
    const john = await subjects(l, 'export', { email: 'john@example.com' });
    expect(JSON.stringify(await john.json())).toContain('john@example.com');
  });

  it('counts a consent given again after the erasure', async () => {
    const l = await ledger();
    await seedJane(l);
    expect((await subjects(l, 'erase', { email: EMAIL })).status).toBe(200);
    l.advanceDays(1);
    expect(
      (
        await l.postEvents(
          consentEvent({ identifiers: { email: EMAIL }, choices: { marketing_email: true } }),
        )
      ).status,
    ).toBe(201);
    const result = await lookup(l, EMAIL);
    expect(result.purposes.marketing_email!.status).toBe('granted');
    expect(result.purposes.analytics!.status).toBe('unknown');
    const exported = (await (await subjects(l, 'export', { email: EMAIL })).json()) as {
      personalData: unknown[];
    };
    expect(exported.personalData).toHaveLength(1);
  });

  it('does not link the erased email to its former device: later anonymous choices stay unlinked', async () => {
    const l = await ledger();
    await seedJane(l);
    expect((await subjects(l, 'erase', { email: EMAIL })).status).toBe(200);
    l.advanceDays(1);
    // The same browser, no identifiers: nothing says it is Jane any more.
    const anonymous = consentEvent({
      visitorId: 'visitor-jane-01',
      choices: { advertising: true },
    });
    expect((await l.postEvents(anonymous)).status).toBe(201);
    const result = await lookup(l, EMAIL);
    expect(result.purposes.advertising!.status).toBe('unknown');
    expect(result.warnings.map((w) => w.code)).toContain('erased');
  });

  const badQueries: [string, unknown][] = [
    ['an empty body', {}],
    ['two identifiers', { email: EMAIL, phone: PHONE }],
    ['an upper-case digest', { digest: 'A'.repeat(64) }],
    ['a short digest', { digest: 'abc' }],
    ['something that is not an email', { email: 'not an email' }],
    ['something that is not a phone number', { phone: '12' }],
    ['an email that is not a string', { email: 42 }],
    ['an unknown field', { name: 'Jane Doe' }],
  ];
  it.each(badQueries)('answers 422 to %s', async (_, body) => {
    const l = await ledger();
    await seedJane(l);
    for (const action of ['history', 'export', 'erase']) {
      const res = await subjects(l, action, body);
      expect(res.status, action).toBe(422);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
    expect(await l.services.storage.chainLength(SITE)).toBe(3);
    expect(await l.services.storage.accessLog(SITE, 0)).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const l = await ledger();
    const res = await subjects(l, 'erase', '{"email":');
    expect(res.status).toBe(400);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });
});
