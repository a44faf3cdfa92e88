/** Hardening: body limits, rate limits, CORS, security headers, error bodies, caching and ops endpoints. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../lib/error-body';
import { demoConfig } from './demo/demo-config';
import { consentEvent, TEST_ORIGIN, ledgersClosedAfterEach, type TestLedger } from './testing';

const T0 = Date.UTC(2026, 10, 29, 12);
const SITE = 'demo-shop';
const KIB = 1024;

type Ledger = TestLedger;
const ledger = ledgersClosedAfterEach({ now: T0 });

async function errorOf(res: Response) {
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(text);
  expect(v.safeParse(ErrorBodySchema, body).success, text).toBe(true);
  return (body as v.InferOutput<typeof ErrorBodySchema>).error;
}

describe('body size', () => {
  it('answers 413 to a consent write over 32 KiB and stores nothing', async () => {
    const l = await ledger();
    const events = Array.from({ length: 50 }, () =>
      consentEvent({ pageUrl: `${TEST_ORIGIN}/${'p'.repeat(1000)}` }),
    );
    const body = JSON.stringify({ events });
    expect(body.length).toBeGreaterThan(32 * KIB);
    const res = await l.postEvents(body);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });

  it('accepts the same events in smaller batches', async () => {
    const l = await ledger();
    const events = Array.from({ length: 10 }, () =>
      consentEvent({ pageUrl: `${TEST_ORIGIN}/${'p'.repeat(1000)}` }),
    );
    const res = await l.postEvents({ events });
    expect(res.status).toBe(201);
    expect(await l.services.storage.chainLength(SITE)).toBe(10);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once an address exceeds the public limit, until the window resets', async () => {
    const l = await ledger({ config: { publicRateLimit: 3 } });
    for (let i = 0; i < 3; i++) expect((await l.postEvents(consentEvent())).status).toBe(201);
    l.setNow(T0 + 20_000);
    const limited = await l.postEvents(consentEvent());
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBe(40);
    // The refused write was not stored, and reads of the config count against the same address.
    expect(await l.services.storage.chainLength(SITE)).toBe(3);
    expect((await l.call('GET', '/v1/site-config', { key: l.keys.site })).status).toBe(429);

    l.setNow(T0 + 60_000);
    expect((await l.postEvents(consentEvent())).status).toBe(201);
    expect(await l.services.storage.chainLength(SITE)).toBe(4);
  });

  it('limits look-ups per key', async () => {
    const l = await ledger({ config: { rateLimit: 2 } });
    const lookup = () =>
      l.call('POST', '/v1/lookup', { key: l.keys.reader, body: { digests: ['a'.repeat(64)] } });
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(200);
    const limited = await lookup();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    l.setNow(T0 + 61_000);
    expect((await lookup()).status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (l: Ledger, path: string, origin: string) =>
    l.call('OPTIONS', path, {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from an allowed origin with that origin', async () => {
    const l = await ledger();
    const res = await preflight(l, '/v1/events', TEST_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('allows no other origin in a preflight', async () => {
    const l = await ledger();
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'null']) {
      const res = await preflight(l, '/v1/events', origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('allows an origin in a preflight only for the site of the key it names', async () => {
    const l = await ledger();
    const created = await l.call('POST', '/v1/sites', {
      key: l.keys.admin,
      body: {
        id: 'b-shop',
        name: 'B',
        allowedOrigins: ['https://b.example'],
        config: demoConfig(),
      },
    });
    expect(created.status).toBe(201);
    const res = await preflight(l, `/v1/events?key=${l.keys.site}`, 'https://b.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a write from the allowed origin with that origin', async () => {
    const l = await ledger();
    const res = await l.postEvents(consentEvent());
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
  });

  it('lets the widget read why a write from its allowed origin was refused', async () => {
    const l = await ledger();
    const res = await l.postEvents(consentEvent({ policyVersion: '1999-01' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
  });

  it('refuses a write from another origin, or with no Origin, with 403 and stores nothing', async () => {
    const l = await ledger();
    const other = await l.postEvents(consentEvent(), { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).code).toBe('forbidden');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await l.call('POST', '/v1/events', { key: l.keys.site, body: consentEvent() });
    expect(none.status).toBe(403);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });

  it('lets servers read the public site config without an Origin, but not from another origin', async () => {
    const l = await ledger();
    expect((await l.call('GET', '/v1/site-config', { key: l.keys.site })).status).toBe(200);
    const other = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { origin: 'https://evil.example' },
    });
    expect(other.status).toBe(403);
    const allowed = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { origin: TEST_ORIGIN },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
  });

  it('never sends access-control-allow-origin on admin or look-up routes', async () => {
    const l = await ledger();
    const calls: [string, string, string | undefined, unknown?][] = [
      ['OPTIONS', '/v1/sites', undefined],
      ['GET', '/v1/sites', l.keys.admin],
      ['OPTIONS', `/v1/sites/${SITE}`, undefined],
      ['GET', `/v1/sites/${SITE}`, l.keys.admin],
      ['GET', '/v1/keys', l.keys.admin],
      ['OPTIONS', '/v1/keys', undefined],
      ['POST', `/v1/sites/${SITE}/subjects/history`, l.keys.admin, { email: 'jane@example.com' }],
      ['GET', `/v1/sites/${SITE}/verify`, l.keys.admin],
      ['POST', '/v1/lookup', l.keys.reader, { digests: ['a'.repeat(64)] }],
      ['OPTIONS', '/v1/lookup', undefined],
    ];
    for (const [method, path, key, body] of calls) {
      const res = await l.call(method, path, {
        key,
        body,
        headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
      expect(res.headers.get('access-control-allow-credentials'), `${method} ${path}`).toBeNull();
    }
  });
});

describe('security headers and error bodies', () => {
  it('sends security headers on successes and errors alike', async () => {
    const l = await ledger();
    for (const res of [
      await l.call('GET', '/healthz'),
      await l.call('GET', '/v1/sites', { key: l.keys.admin }),
      await l.call('GET', '/v1/sites'),
      await l.call('GET', '/no-such-route'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    }
  });

  it('answers an unknown route with a JSON 404 error body', async () => {
    const l = await ledger();
    const res = await l.call('GET', '/v2/everything');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('answers distinct 401 and 403', async () => {
    const l = await ledger();
    const none = await l.call('GET', '/v1/sites');
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('unauthorized');
    const wrong = await l.call('GET', '/v1/sites', { key: l.keys.reader });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe('forbidden');
  });

  it('answers an internal error with a generic 500, the detail only in the log', async () => {
    const l = await ledger();
    const logged: [string, Record<string, unknown> | undefined][] = [];
    l.services.log.error = (msg, fields) => void logged.push([msg, fields]);
    l.services.storage.listSites = () =>
      Promise.reject(new Error('SQLITE_CORRUPT: /var/lib/consentry/consentry.sqlite at page 7'));
    const res = await l.call('GET', '/v1/sites', { key: l.keys.admin });
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    const error = await errorOf(res);
    expect(error.code).toBe('internal');
    expect(error.issues).toBeUndefined();
    for (const leak of ['SQLITE', 'consentry.sqlite', 'page 7', 'Error', ' at ', '.ts:']) {
      expect(text).not.toContain(leak);
    }
    expect(JSON.stringify(logged)).toContain('SQLITE_CORRUPT');
    expect((await l.call('GET', '/healthz')).status).toBe(500);
  });
});

describe('GET /v1/site-config', () => {
  it('sends an ETag and answers 304 to If-None-Match with it', async () => {
    const l = await ledger();
    const first = await l.call('GET', '/v1/site-config', { key: l.keys.site });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/public/);
    const body = (await first.json()) as { siteId: string; policyVersion: string; config: unknown };
    expect(body).toMatchObject({ siteId: SITE, policyVersion: '2026-11' });
    const again = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(stale.status).toBe(200);
  });

  it('changes its ETag when a new policy version is published', async () => {
    const l = await ledger();
    const etag = (await l.call('GET', '/v1/site-config', { key: l.keys.site })).headers.get(
      'etag',
    )!;
    const published = await l.call('POST', `/v1/sites/${SITE}/policies`, {
      key: l.keys.admin,
      body: { config: { ...demoConfig(), policyVersion: '2027-01' } },
    });
    expect(published.status).toBe(201);
    const res = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'if-none-match': etag },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { policyVersion: string }).policyVersion).toBe('2027-01');
  });

  const regimes: [string, string, Record<string, string>][] = [
    ['DE', 'gdpr', { 'cf-ipcountry': 'DE' }],
    ['US-CA', 'ccpa', { 'cf-ipcountry': 'US', 'x-region': 'CA' }],
    ['CN', 'pipl', { 'cf-ipcountry': 'CN' }],
    ['BR', 'lgpd', { 'cf-ipcountry': 'BR' }],
    ['JP', 'default', { 'cf-ipcountry': 'JP' }],
    ['no header (fallback)', 'gdpr', {}],
    ['an unknown country (XX, fallback)', 'gdpr', { 'cf-ipcountry': 'XX' }],
  ];
  it.each(regimes)('gives a visitor from %s the %s regime', async (_, regime, headers) => {
    const l = await ledger({ config: { countryHeader: 'cf-ipcountry', regionHeader: 'x-region' } });
    const res = await l.call('GET', '/v1/site-config', { key: l.keys.site, headers });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { regime: string }).regime).toBe(regime);
    expect(res.headers.get('vary')).toContain('cf-ipcountry');
  });

  it('ignores a country header the operator did not configure', async () => {
    const l = await ledger();
    const res = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'cf-ipcountry': 'CN' },
    });
    expect(((await res.json()) as { regime: string }).regime).toBe('gdpr');
  });

  it('does not answer 304 across regimes', async () => {
    const l = await ledger({ config: { countryHeader: 'cf-ipcountry' } });
    const de = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'cf-ipcountry': 'DE' },
    });
    const cn = await l.call('GET', '/v1/site-config', {
      key: l.keys.site,
      headers: { 'cf-ipcountry': 'CN', 'if-none-match': de.headers.get('etag')! },
    });
    expect(cn.status).toBe(200);
  });
});

describe('operations', () => {
  it('answers /healthz', async () => {
    const l = await ledger();
    const res = await l.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('exposes Prometheus metrics of the requests served', async () => {
    const l = await ledger();
    await l.postEvents(consentEvent());
    await l.call('GET', '/v1/sites');
    const res = await l.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE consentry_http_requests_total counter');
    expect(text).toMatch(
      /^consentry_http_requests_total\{route="[^"]*events[^"]*",status="201"\} 1$/m,
    );
    expect(text).toMatch(/^consentry_http_requests_total\{route="[^"]*",status="401"\} 1$/m);
    expect(text).toMatch(/^consentry_ledger_entries_committed_total 1$/m);
    // Metrics carry no keys.
    expect(text).not.toContain(l.keys.site);
  });
});
