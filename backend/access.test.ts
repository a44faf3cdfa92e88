/** Who may call what: the key-scope matrix in one table, and cross-site access answered as not found. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { identifierDigest } from '../lib/digest';
import { ErrorBodySchema } from '../lib/error-body';
import { normaliseEmail } from '../lib/identifiers';
import { demoConfig } from './demo/demo-config';
import { consentEvent, TEST_ORIGIN, ledgersClosedAfterEach, type TestLedger } from './testing';

const T0 = Date.UTC(2026, 10, 29, 12);
const SITE = 'demo-shop';
const DIGEST = 'ab'.repeat(32);

type Ledger = TestLedger;
const ledger = ledgersClosedAfterEach({ now: T0 });

/** A key the route accepts answers 2xx (or 4xx for the body sent); the others 401 or 403. */
type Expect = 401 | 403 | '2xx' | 422;
type Column = 'none' | 'malformed' | 'revoked' | 'site' | 'reader' | 'admin';
const COLUMNS: Column[] = ['none', 'malformed', 'revoked', 'site', 'reader', 'admin'];

interface Row {
  method: string;
  path: string;
  /** A body the route accepts (or, where noted, one it refuses with 422 once past the key check). */
  body?: unknown | ((l: Ledger) => Promise<unknown>);
  /** Sets up what the call needs; returns a replacement path. */
  before?: (l: Ledger) => Promise<string | void>;
  expect: Record<Column, Expect>;
}

const publicSite = (ok: Expect): Record<Column, Expect> => ({
  none: 401,
  malformed: 401,
  revoked: 401,
  site: ok,
  reader: 403,
  admin: 403,
});
const readerOrAdmin: Record<Column, Expect> = {
  none: 401,
  malformed: 401,
  revoked: 401,
  site: 403,
  reader: '2xx',
  admin: '2xx',
};
const adminOnly = (ok: Expect = '2xx'): Record<Column, Expect> => ({
  none: 401,
  malformed: 401,
  revoked: 401,
  site: 403,
  reader: 403,
  admin: ok,
});

async function createKey(l: Ledger, body: object): Promise<{ id: string; key: string }> {
  const res = await l.call('POST', '/v1/keys', {
    key: l.keys.admin,
    body: { label: 'made by a test', ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

const TABLE: Row[] = [
  { method: 'GET', path: '/v1/site-config', expect: publicSite('2xx') },
  {
    method: 'POST',
    path: '/v1/events',
    body: () => Promise.resolve(consentEvent()),
    expect: publicSite('2xx'),
  },
  {
    method: 'POST',
    path: `/v1/lookup?site=${SITE}`,
    body: { digests: [DIGEST] },
    expect: readerOrAdmin,
  },
  { method: 'GET', path: '/v1/sites', expect: adminOnly() },
  {
    method: 'POST',
    path: '/v1/sites',
    body: {
      id: 'new-shop',
      name: 'New shop',
      allowedOrigins: ['https://new.example'],
      config: demoConfig(),
    },
    expect: adminOnly(),
  },
  { method: 'GET', path: `/v1/sites/${SITE}`, expect: adminOnly() },
  {
    method: 'POST',
    path: `/v1/sites/${SITE}/policies`,
    body: { config: { ...demoConfig(), policyVersion: '2027-01' } },
    expect: adminOnly(),
  },
  {
    method: 'POST',
    path: `/v1/sites/${SITE}/subjects/history`,
    body: { email: 'jane@example.com' },
    expect: adminOnly(),
  },
  {
    method: 'POST',
    path: `/v1/sites/${SITE}/subjects/export`,
    body: { email: 'jane@example.com' },
    expect: adminOnly(),
  },
  {
    method: 'POST',
    path: `/v1/sites/${SITE}/subjects/erase`,
    body: { email: 'jane@example.com' },
    expect: adminOnly(),
  },
  // A refused body shows the key got past the check and reached validation.
  {
    method: 'POST',
    path: `/v1/sites/${SITE}/subjects/history`,
    body: { name: 'Jane' },
    expect: adminOnly(422),
  },
  { method: 'GET', path: `/v1/sites/${SITE}/verify`, expect: adminOnly() },
  { method: 'GET', path: `/v1/sites/${SITE}/checkpoints`, expect: adminOnly() },
  { method: 'POST', path: `/v1/sites/${SITE}/checkpoints`, expect: adminOnly() },
  { method: 'GET', path: '/v1/keys', expect: adminOnly() },
  {
    method: 'POST',
    path: '/v1/keys',
    body: { scope: 'reader', siteId: SITE, label: 'CRM extension' },
    expect: adminOnly(),
  },
  { method: 'POST', path: '/v1/keys', body: { scope: 'reader' }, expect: adminOnly(422) },
  {
    method: 'DELETE',
    path: '/v1/keys/:id',
    before: async (l) => `/v1/keys/${(await createKey(l, { scope: 'reader', siteId: SITE })).id}`,
    expect: adminOnly(),
  },
];

describe('the key-scope matrix', () => {
  it.each(TABLE)(
    '$method $path → admin $expect.admin, reader $expect.reader, site $expect.site',
    async (row) => {
      const l = await ledger();
      // Some traffic first, so the ledger routes have something to show.
      expect(
        (await l.postEvents(consentEvent({ identifiers: { email: 'jane@example.com' } }))).status,
      ).toBe(201);
      const path = (await row.before?.(l)) ?? row.path;
      const revoked = {
        site: await createKey(l, { scope: 'site', siteId: SITE }),
        reader: await createKey(l, { scope: 'reader', siteId: SITE }),
        admin: await createKey(l, { scope: 'admin' }),
      };
      for (const { id } of Object.values(revoked)) {
        expect((await l.call('DELETE', `/v1/keys/${id}`, { key: l.keys.admin })).status).toBe(200);
      }
      const keysOf: Record<Column, (string | undefined)[]> = {
        none: [undefined],
        malformed: ['not-a-key', 'sk_short', `sk_${'A'.repeat(32)}`, `rk_${'b'.repeat(32)}`],
        revoked: [revoked.site.key, revoked.reader.key, revoked.admin.key],
        site: [l.keys.site],
        reader: [l.keys.reader],
        admin: [l.keys.admin],
      };
      // The admin goes last: it is the one that may change things.
      for (const column of COLUMNS) {
        for (const key of keysOf[column]) {
          const body = typeof row.body === 'function' ? await row.body(l) : row.body;
          const res = await l.call(row.method, path, {
            key,
            body,
            headers: { origin: TEST_ORIGIN },
          });
          const status = res.status;
          const expected = row.expect[column];
          if (expected === '2xx') {
            expect(status, `${column}: ${await res.text()}`).toBeGreaterThanOrEqual(200);
            expect(status, column).toBeLessThan(300);
          } else {
            expect(status, `${column} ${key ?? ''}`).toBe(expected);
            const error: unknown = await res.json();
            expect(v.safeParse(ErrorBodySchema, error).success).toBe(true);
            if (expected === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
          }
        }
      }
    },
  );

  it('the revoked keys were valid before their revocation', async () => {
    const l = await ledger();
    const reader = await createKey(l, { scope: 'reader', siteId: SITE });
    const lookup = () =>
      l.call('POST', '/v1/lookup', { key: reader.key, body: { digests: [DIGEST] } });
    expect((await lookup()).status).toBe(200);
    expect((await l.call('DELETE', `/v1/keys/${reader.id}`, { key: l.keys.admin })).status).toBe(
      200,
    );
    expect((await lookup()).status).toBe(401);
  });

  it('takes a key from X-Consentry-Key too, and a site key from ?key=, but no other key from the URL', async () => {
    const l = await ledger();
    const viaHeader = await l.call('GET', '/v1/sites', {
      headers: { 'x-consentry-key': l.keys.admin },
    });
    expect(viaHeader.status).toBe(200);
    const siteViaQuery = await l.call('GET', `/v1/site-config?key=${l.keys.site}`);
    expect(siteViaQuery.status).toBe(200);
    const adminViaQuery = await l.call('GET', `/v1/sites?key=${l.keys.admin}`);
    expect(adminViaQuery.status).toBe(401);
    expect(((await adminViaQuery.json()) as { error: { message: string } }).error.message).toMatch(
      /Only a public site key \(pk_…\) may be given as \?key=; send other keys in the Authorization header/,
    );
    const noKey = await l.call('GET', '/v1/sites');
    expect(((await noKey.json()) as { error: { message: string } }).error.message).toBe(
      'An API key is required',
    );
  });

  it('says which scope a route needs and which the key has, in plain words', async () => {
    const l = await ledger();
    const message = async (res: Response) =>
      ((await res.json()) as { error: { message: string } }).error.message;
    const readerOnSites = await l.call('GET', '/v1/sites', { key: l.keys.reader });
    expect(readerOnSites.status).toBe(403);
    expect(await message(readerOnSites)).toBe(
      'This route needs an admin key; this is a reader key',
    );
    const adminOnConfig = await l.call('GET', '/v1/site-config', { key: l.keys.admin });
    expect(adminOnConfig.status).toBe(403);
    expect(await message(adminOnConfig)).toBe('This route needs a site key; this is an admin key');
  });
});

describe('cross-site access is answered as not found', () => {
  async function withSiteB(l: Ledger) {
    const created = await l.call('POST', '/v1/sites', {
      key: l.keys.admin,
      body: {
        id: 'b-shop',
        name: 'Shop B',
        allowedOrigins: ['https://b.example'],
        config: demoConfig(),
      },
    });
    expect(created.status).toBe(201);
    return {
      admin: await createKey(l, { scope: 'admin', siteId: 'b-shop' }),
      reader: await createKey(l, { scope: 'reader', siteId: 'b-shop' }),
      site: await createKey(l, { scope: 'site', siteId: 'b-shop' }),
    };
  }

  it('an admin key bound to site B gets 404, not 403, for every route of demo-shop', async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    const routes: [string, string, unknown?][] = [
      ['GET', `/v1/sites/${SITE}`],
      [
        'POST',
        `/v1/sites/${SITE}/policies`,
        { config: { ...demoConfig(), policyVersion: '2027-01' } },
      ],
      ['POST', `/v1/sites/${SITE}/subjects/history`, { email: 'jane@example.com' }],
      ['POST', `/v1/sites/${SITE}/subjects/export`, { email: 'jane@example.com' }],
      ['POST', `/v1/sites/${SITE}/subjects/erase`, { email: 'jane@example.com' }],
      ['GET', `/v1/sites/${SITE}/verify`],
      ['GET', `/v1/sites/${SITE}/checkpoints`],
      ['POST', `/v1/sites/${SITE}/checkpoints`],
    ];
    for (const [method, path, body] of routes) {
      const cross = await l.call(method, path, { key: b.admin.key, body });
      const missing = await l.call(method, path.replace(SITE, 'no-such-shop'), {
        key: b.admin.key,
        body,
      });
      expect(cross.status, `${method} ${path}`).toBe(404);
      // Same answer as for a site that does not exist, so ids cannot be probed.
      expect(await cross.json()).toEqual(await missing.json());
    }
    // And it changed nothing there.
    expect((await l.services.storage.getSite(SITE))!.currentPolicy).toBe('2026-11');
    expect((await l.services.storage.accessLog(SITE, 0)).length).toBe(0);
    // Its own site is fine.
    expect((await l.call('GET', '/v1/sites/b-shop', { key: b.admin.key })).status).toBe(200);
  });

  it('an admin key bound to site B sees only B in lists and cannot touch demo-shop keys', async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    const sites = (await (await l.call('GET', '/v1/sites', { key: b.admin.key })).json()) as {
      sites: { id: string }[];
    };
    expect(sites.sites.map((s) => s.id)).toEqual(['b-shop']);
    const keys = (await (await l.call('GET', '/v1/keys', { key: b.admin.key })).json()) as {
      keys: { siteId: string | null }[];
    };
    expect(keys.keys.length).toBeGreaterThan(0);
    expect(keys.keys.every((k) => k.siteId === 'b-shop')).toBe(true);
    const demoReader = (await l.services.storage.listKeys()).find(
      (k) => k.scope === 'reader' && k.siteId === SITE,
    )!;
    const revoke = await l.call('DELETE', `/v1/keys/${demoReader.id}`, { key: b.admin.key });
    expect(revoke.status).toBe(404);
    expect(
      (await l.services.storage.listKeys()).find((k) => k.id === demoReader.id)!.revokedAt,
    ).toBeNull();
    expect(
      (
        await l.call('POST', '/v1/sites', {
          key: b.admin.key,
          body: { id: 'c', name: 'C', allowedOrigins: [], config: demoConfig() },
        })
      ).status,
    ).toBe(403);
  });

  it('an admin key bound to site B cannot create keys for demo-shop: answered as not found', async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    const res = await l.call('POST', '/v1/keys', {
      key: b.admin.key,
      body: { scope: 'reader', siteId: SITE, label: 'sneaky' },
    });
    expect(res.status).toBe(404);
    expect((await l.services.storage.listKeys()).filter((k) => k.siteId === SITE)).toHaveLength(2);
  });

  it('an admin key bound to site B cannot mint an all-sites admin key (403)', async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    const before = (await l.services.storage.listKeys()).length;
    const res = await l.call('POST', '/v1/keys', {
      key: b.admin.key,
      body: { scope: 'admin', label: 'escalate' },
    });
    expect(res.status).toBe(403);
    expect((await l.services.storage.listKeys()).length).toBe(before);
    const own = await l.call('POST', '/v1/keys', {
      key: b.admin.key,
      body: { scope: 'reader', siteId: 'b-shop', label: 'B CRM' },
    });
    expect(own.status).toBe(201);
  });

  it("site B's reader key sees nothing of demo-shop's people, even when it names demo-shop", async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    await l.postEvents(
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        choices: { marketing_email: true },
      }),
    );
    const n = normaliseEmail('jane@example.com');
    if (!n.ok) throw new Error('bad email');
    const body = { digests: [await identifierDigest(n.value)], purposes: ['marketing_email'] };
    const own = await (await l.call('POST', '/v1/lookup', { key: l.keys.reader, body })).json();
    expect(own.results[0].purposes.marketing_email.status).toBe('granted');
    const res = await l.call('POST', `/v1/lookup?site=${SITE}`, { key: b.reader.key, body });
    expect(res.status).toBe(200);
    const other = await res.json();
    expect(other.results[0].purposes.marketing_email.status).toBe('unknown');
    expect(await l.services.storage.accessLog(SITE, 0)).toHaveLength(1);
  });

  it("site B's site key cannot write events for demo-shop nor read its config", async () => {
    const l = await ledger();
    const b = await withSiteB(l);
    const write = await l.call('POST', '/v1/events', {
      key: b.site.key,
      body: consentEvent(),
      headers: { origin: 'https://b.example' },
    });
    expect(write.status).toBe(422);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
    expect(await l.services.storage.chainLength('b-shop')).toBe(0);
    const config = await l.call('GET', '/v1/site-config', { key: b.site.key });
    expect((await config.json()).siteId).toBe('b-shop');
  });
});
