/**
 * The audit report through the admin API (JSON and HTML), and the OpenAPI document and docs page
 * that describe the API.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json';
import { identifierDigest } from '../../lib/digest';
import { normaliseEmail } from '../../lib/identifiers';
import { demoConfig } from '../demo/demo-config';
import { consentEvent, testLedger } from '../testing';
import type { AuditReport } from './audit-report';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 29, 12); // 2026-11-29
const SITE = 'demo-shop';
const EMAIL = 'ada.lovelace@example.com';

type Ledger = Awaited<ReturnType<typeof testLedger>>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function ledger(options: { path?: string } = {}): Promise<Ledger> {
  const l = await testLedger({ now: T0, ...options });
  cleanups.push(() => l.close());
  return l;
}

const admin = (l: Ledger, method: string, path: string, body?: unknown) =>
  l.call(method, path, { key: l.keys.admin, body });

async function report(l: Ledger, query = ''): Promise<AuditReport> {
  await l.services.writer.idle();
  const res = await admin(l, 'GET', `/v1/sites/${SITE}/audit${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return (await res.json()) as AuditReport;
}

async function post(l: Ledger, overrides: Parameters<typeof consentEvent>[0], secGpc = false) {
  const res = await l.postEvents(consentEvent(overrides), secGpc ? { 'sec-gpc': '1' } : {});
  expect(res.status, await res.clone().text()).toBe(201);
}

/**
 * Seven visitors under three regimes, two withdrawals in two months:
 * - gdpr: v-gdpr-1 accepts all (with an email), v-gdpr-2 rejects all (browser sent Sec-GPC),
 *   v-gdpr-3 saves a choice on day 0 and withdraws everything on day 1 (2026-11-30);
 * - ccpa: v-ccpa-4 accepts all, then withdraws sale_sharing on day 5 (2026-12-04);
 *   v-ccpa-5 saves "no" with GPC in the body;
 * - pipl: v-pipl-6 saves yes to analytics and the transfer abroad, v-pipl-7 rejects all.
 */
async function seedScenario(l: Ledger) {
  l.setNow(T0);
  await post(l, {
    visitorId: 'v-gdpr-1',
    regime: 'gdpr',
    method: 'accept_all',
    choices: { analytics: true, advertising: true, marketing_email: true },
    identifiers: { email: EMAIL },
  });
  await post(
    l,
    {
      visitorId: 'v-gdpr-2',
      regime: 'gdpr',
      method: 'reject_all',
      choices: { analytics: false, advertising: false, marketing_email: false },
    },
    true,
  );
  await post(l, {
    visitorId: 'v-gdpr-3',
    regime: 'gdpr',
    method: 'save',
    choices: { analytics: true, advertising: false, marketing_email: true },
  });
  await post(l, {
    visitorId: 'v-ccpa-4',
    regime: 'ccpa',
    method: 'accept_all',
    choices: { analytics: true, advertising: true, sale_sharing: true },
  });
  await post(l, {
    visitorId: 'v-ccpa-5',
    regime: 'ccpa',
    method: 'save',
    gpc: true,
    choices: { analytics: false, sale_sharing: false },
  });
  await post(l, {
    visitorId: 'v-pipl-6',
    regime: 'pipl',
    method: 'save',
    choices: { analytics: true, cross_border_transfer: true },
  });
  await post(l, {
    visitorId: 'v-pipl-7',
    regime: 'pipl',
    method: 'reject_all',
    choices: { analytics: false, cross_border_transfer: false },
  });
  l.setNow(T0 + 1 * DAY);
  await post(l, {
    visitorId: 'v-gdpr-3',
    regime: 'gdpr',
    method: 'withdrawal',
    choices: { analytics: false, advertising: false, marketing_email: false },
  });
  l.setNow(T0 + 5 * DAY);
  await post(l, {
    visitorId: 'v-ccpa-4',
    regime: 'ccpa',
    method: 'withdrawal',
    choices: { sale_sharing: false },
  });
  await l.services.writer.idle();
}
const SCENARIO_ENTRIES = 9;

const row = (purpose: string, regime: string, decided: number, granted: number) => ({
  purpose,
  regime,
  decided,
  granted,
  optInRate: granted / decided,
});

describe('audit report (JSON)', () => {
  it('with no consents: an empty report with an info finding', async () => {
    const l = await ledger();
    const r = await report(l);
    expect(r).toMatchObject({
      siteId: SITE,
      policyVersion: '2026-11',
      entries: 0,
      people: 0,
      coverage: [],
      withdrawalsByMonth: [],
      expiringIn30Days: 0,
      outdatedPolicy: 0,
      gpcShare: 0,
      dataSubjectRequests: { history: 0, export: 0, erase: 0 },
    });
    expect(r.integrity.ok).toBe(true);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ severity: 'info', exposure: null });
    expect(r.findings[0]!.title).toMatch(/no consents/i);
  });

  it('counts coverage per purpose and regime on the latest decision of each visitor', async () => {
    const l = await ledger();
    await seedScenario(l);
    const r = await report(l);
    expect(r.entries).toBe(SCENARIO_ENTRIES);
    expect(r.people).toBe(7);
    expect(r.generatedAt).toBe(new Date(T0 + 5 * DAY).toISOString());
    expect(r.coverage).toEqual([
      row('advertising', 'ccpa', 1, 1),
      row('advertising', 'gdpr', 3, 1),
      row('analytics', 'ccpa', 2, 1),
      row('analytics', 'gdpr', 3, 1),
      row('analytics', 'pipl', 2, 1),
      row('cross_border_transfer', 'pipl', 2, 1),
      row('marketing_email', 'gdpr', 3, 1),
      row('sale_sharing', 'ccpa', 2, 0),
    ]);
    // Necessary is not a choice: it never shows up in coverage.
    expect(r.coverage.map((c) => c.purpose)).not.toContain('necessary');
  });

  it('counts a grant turned off in the preferences as a withdrawal, and a first refusal not', async () => {
    const l = await ledger();
    l.setNow(T0);
    await post(l, {
      visitorId: 'v-save-1',
      regime: 'gdpr',
      method: 'save',
      choices: { marketing_email: true },
    });
    await post(l, {
      visitorId: 'v-save-2',
      regime: 'gdpr',
      method: 'save',
      choices: { marketing_email: false },
    });
    l.setNow(T0 + DAY);
    await post(l, {
      visitorId: 'v-save-1',
      regime: 'gdpr',
      method: 'save',
      choices: { marketing_email: false },
    });
    await post(l, {
      visitorId: 'v-save-2',
      regime: 'gdpr',
      method: 'save',
      choices: { marketing_email: false },
    });
    await l.services.writer.idle();
    expect((await report(l)).withdrawalsByMonth).toEqual([{ month: '2026-11', count: 1 }]);
  });

  it('counts withdrawals per month, the GPC share, integrity, and a clean site has no findings', async () => {
    const l = await ledger();
    await seedScenario(l);
    const r = await report(l);
    expect(r.withdrawalsByMonth).toEqual([
      { month: '2026-11', count: 1 },
      { month: '2026-12', count: 1 },
    ]);
    // One event with the Sec-GPC header, one with gpc in the body, out of nine consent entries.
    expect(r.gpcShare).toBeCloseTo(2 / 9, 10);
    expect(r.integrity).toMatchObject({ ok: true, entries: SCENARIO_ENTRIES, firstBad: null });
    expect(r.expiringIn30Days).toBe(0);
    expect(r.outdatedPolicy).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('counts consents expiring in the next 30 days (~160 days after consent)', async () => {
    const l = await ledger();
    await seedScenario(l);
    l.setNow(T0 + 100 * DAY);
    expect((await report(l)).expiringIn30Days).toBe(0);

    l.setNow(T0 + 160 * DAY);
    const r = await report(l);
    // GDPR and PIPL grants last 182 days: v-gdpr-1 (3 purposes) and v-pipl-6 (2 purposes) lapse
    // on day 182. CCPA grants last 365 days and are not counted.
    expect(r.expiringIn30Days).toBe(5);
    const low = r.findings.find((f) => f.severity === 'low');
    expect(low).toMatchObject({ affected: 5, exposure: null });
    expect(low!.title).toMatch(/expir/i);

    // Once lapsed, they are no longer "expiring" and no longer count as granted.
    l.setNow(T0 + 200 * DAY);
    const later = await report(l);
    expect(later.expiringIn30Days).toBe(0);
    expect(later.coverage.find((c) => c.purpose === 'marketing_email')).toMatchObject({
      decided: 3,
      granted: 0,
    });
  });

  it('counts consents under an outdated policy once a new version is published', async () => {
    const l = await ledger();
    await seedScenario(l);
    const res = await admin(l, 'POST', `/v1/sites/${SITE}/policies`, {
      config: { ...demoConfig(), policyVersion: '2027-01' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const r = await report(l);
    expect(r.policyVersion).toBe('2027-01');
    // Grants still in force: v-gdpr-1 (3), v-ccpa-4 (analytics, advertising), v-pipl-6 (2).
    expect(r.outdatedPolicy).toBe(7);
    const medium = r.findings.find((f) => f.severity === 'medium');
    expect(medium).toMatchObject({ affected: 7, exposure: null });
    expect(medium!.title).toMatch(/outdated/i);
    expect(medium!.detail).toContain('2027-01');
  });

  it('counts the data-subject requests served (history, export, erasure; not look-ups)', async () => {
    const l = await ledger();
    await seedScenario(l);
    const normalised = normaliseEmail(EMAIL);
    if (!normalised.ok) throw new Error('bad test email');
    const lookup = await l.call('POST', '/v1/lookup', {
      key: l.keys.reader,
      body: { digests: [await identifierDigest(normalised.value)] },
    });
    expect(lookup.status).toBe(200);
    for (const action of ['history', 'export', 'erase'] as const) {
      const res = await admin(l, 'POST', `/v1/sites/${SITE}/subjects/${action}`, {
        email: EMAIL,
      });
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    }
    const r = await report(l);
    expect(r.dataSubjectRequests).toEqual({ history: 1, export: 1, erase: 1 });
    // The erasure is an entry of its own, and the chain still verifies.
    expect(r.entries).toBe(SCENARIO_ENTRIES + 1);
    expect(r.integrity).toMatchObject({ ok: true, entries: SCENARIO_ENTRIES + 1 });
    // Erasure shreds personal data, not the proof of the decision.
    expect(r.people).toBe(7);
  });
});

describe('audit findings and fine exposure', () => {
  it('flags GPC not honoured by "accept all" as high, priced per violation under CCPA', async () => {
    const l = await ledger();
    // Three violations: GPC in the body (x2) or only in the Sec-GPC header (x1).
    await post(l, {
      regime: 'ccpa',
      method: 'accept_all',
      gpc: true,
      choices: { analytics: true, sale_sharing: true },
    });
    await post(l, {
      regime: 'ccpa',
      method: 'accept_all',
      gpc: true,
      choices: { analytics: true, advertising: true },
    });
    await post(
      l,
      { regime: 'ccpa', method: 'accept_all', gpc: false, choices: { sale_sharing: true } },
      true,
    );
    // Not violations: an explicit per-purpose choice despite GPC, and GPC with nothing granted.
    await post(l, {
      regime: 'ccpa',
      method: 'save',
      gpc: true,
      choices: { advertising: true },
    });
    await post(l, {
      regime: 'ccpa',
      method: 'accept_all',
      gpc: true,
      choices: { analytics: true, advertising: false, sale_sharing: false },
    });
    const r = await report(l);
    const high = r.findings.filter((f) => f.severity === 'high');
    expect(high).toHaveLength(1);
    expect(high[0]).toMatchObject({ regime: 'ccpa', affected: 3 });
    expect(high[0]!.title).toMatch(/Global Privacy Control/);
    expect(high[0]!.exposure).toMatchObject({ currency: 'USD', amount: 2_500 * 3 });
    expect(high[0]!.exposure!.ref).toMatch(/1798\.155/);
    expect(r.gpcShare).toBe(1);
  });

  it('flags a separate consent obtained through "accept all" (PIPL) with a turnover-based exposure', async () => {
    const l = await ledger();
    await post(l, {
      regime: 'pipl',
      method: 'accept_all',
      choices: { analytics: true, cross_border_transfer: true },
    });
    // The same purpose given on its own (save) is fine.
    await post(l, { regime: 'pipl', method: 'save', choices: { cross_border_transfer: true } });
    const r = await report(l);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ severity: 'high', regime: 'pipl', affected: 1 });
    expect(r.findings[0]!.exposure).toMatchObject({ currency: 'CNY', amount: 50_000_000 });
    // 5% of 2 billion CNY is more than the fixed 50 million.
    const big = await report(l, '?turnover=2000000000');
    expect(big.findings[0]!.exposure).toMatchObject({ currency: 'CNY', amount: 100_000_000 });
  });

  it('flags a broken chain as critical; ?turnover makes the GDPR exposure 4% of turnover', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-audit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'ledger.sqlite');
    const l = await ledger({ path });
    for (let i = 0; i < 4; i += 1) await post(l, { choices: { analytics: i % 2 === 0 } });
    await l.services.writer.idle();
    expect((await report(l)).integrity.ok).toBe(true);

    // An attacker with the database file flips a choice inside entry 2.
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
      const { record } = db
        .prepare('SELECT record FROM events WHERE site_id = ? AND position = 2')
        .get(SITE) as { record: string };
      const parsed = JSON.parse(record) as { choices: Record<string, boolean> };
      parsed.choices = { analytics: !parsed.choices.analytics };
      db.prepare('UPDATE events SET record = ? WHERE site_id = ? AND position = 2').run(
        canonicalJson(parsed),
        SITE,
      );
    } finally {
      db.close();
    }

    const r = await report(l);
    expect(r.integrity.ok).toBe(false);
    expect(r.integrity.firstBad!.position).toBe(2);
    const critical = r.findings[0]!;
    expect(critical).toMatchObject({ severity: 'critical' });
    expect(critical.detail).toContain('2');
    // Without turnover: the fixed GDPR maximum.
    expect(critical.exposure).toMatchObject({ currency: 'EUR', amount: 20_000_000 });
    // With 1 billion turnover: 4% (40 million) is greater than the fixed 20 million.
    const withTurnover = await report(l, '?turnover=1000000000');
    expect(withTurnover.findings[0]!.exposure).toMatchObject({
      currency: 'EUR',
      amount: 40_000_000,
    });
  });

  it.each(['pdf', 'HTML', ''])('refuses ?format=%s with 422 naming format', async (format) => {
    const l = await ledger();
    const res = await admin(l, 'GET', `/v1/sites/${SITE}/audit?format=${format}`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: 'format', message: 'must be json or html' },
    ]);
  });

  it.each(['-1', 'abc', 'Infinity', ''])(
    'refuses ?turnover=%s with 422 naming turnover',
    async (t) => {
      const l = await ledger();
      const res = await admin(l, 'GET', `/v1/sites/${SITE}/audit?turnover=${t}`);
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('turnover');
    },
  );

  it('is for admin keys only, and an unknown site is not found', async () => {
    const l = await ledger();
    const reader = await l.call('GET', `/v1/sites/${SITE}/audit`, { key: l.keys.reader });
    expect(reader.status).toBe(403);
    const anonymous = await l.call('GET', `/v1/sites/${SITE}/audit`);
    expect(anonymous.status).toBe(401);
    const unknown = await admin(l, 'GET', '/v1/sites/no-such-site/audit');
    expect(unknown.status).toBe(404);
  });
});

describe('audit report (HTML)', () => {
  async function html(l: Ledger, site = SITE) {
    await l.services.writer.idle();
    const res = await admin(l, 'GET', `/v1/sites/${site}/audit?format=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    return { res, text: await res.text() };
  }

  it('is a self-contained page with a restrictive CSP, an SVG chart and the findings', async () => {
    const l = await ledger();
    await seedScenario(l);
    await post(l, {
      regime: 'ccpa',
      method: 'accept_all',
      gpc: true,
      choices: { sale_sharing: true },
    });
    const { res, text } = await html(l);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
    expect(text).toMatch(/^<!doctype html>/i);
    expect(text).toContain('<svg');
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/(src|href)="https?:/i);
    expect(text).toContain('Alpine Outfitters (demo)');
    expect(text).toContain('Global Privacy Control not honoured');
    expect(text).toContain('USD 2,500');
    expect(text).toMatch(/Chain intact/);
    expect(text).toContain('2026-12'); // the withdrawals chart
  });

  it('escapes hostile text from the data', async () => {
    const l = await ledger();
    const hostile = '<img src=x onerror=alert(1)>';
    const created = await admin(l, 'POST', '/v1/sites', {
      id: 'hostile-shop',
      name: hostile,
      allowedOrigins: ['https://hostile.example'],
      config: demoConfig(),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { text } = await html(l, 'hostile-shop');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain(hostile);
    expect(text).not.toMatch(/<img/i);
    // No consents yet: the info finding is on the page.
    expect(text).toMatch(/No consents recorded yet/);
  });
});

/** Every route the app serves (besides the document and its page), as `METHOD /path/{param}`. */
const ROUTES = [
  'GET /v1/site-config',
  'POST /v1/events',
  'GET /v1/ledger-key',
  'POST /v1/lookup',
  'GET /v1/sites',
  'POST /v1/sites',
  'GET /v1/sites/{id}',
  'POST /v1/sites/{id}/policies',
  'GET /v1/sites/{id}/verify',
  'GET /v1/sites/{id}/checkpoints',
  'POST /v1/sites/{id}/checkpoints',
  'GET /v1/sites/{id}/audit',
  'POST /v1/sites/{id}/subjects/history',
  'POST /v1/sites/{id}/subjects/export',
  'POST /v1/sites/{id}/subjects/erase',
  'GET /v1/keys',
  'POST /v1/keys',
  'DELETE /v1/keys/{id}',
  'GET /healthz',
  'GET /metrics',
  'GET /consentry.js',
  'GET /consentry-inline.js',
  'GET /widget/{file}',
].sort();

interface OpenApiDoc {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<string, { summary?: string; responses?: object; requestBody?: object }>
  >;
  components: { schemas: Record<string, { type?: string; properties?: object }> };
}

describe('OpenAPI document and docs page', () => {
  it('the list above is what the app mounts', async () => {
    const l = await ledger();
    const mounted = l.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r !== 'GET /openapi.json' && r !== 'GET /docs');
    expect([...new Set(mounted)].sort()).toEqual(ROUTES);
  });

  it('GET /openapi.json is OpenAPI 3.1 with every route and the component schemas', async () => {
    const l = await ledger();
    const res = await l.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(ROUTES);
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}), `${method} ${path}`).not.toHaveLength(0);
      }

    const schemas = doc.components.schemas;
    for (const name of [
      'ConsentEvent',
      'ConsentBatch',
      'Receipt',
      'LookupRequest',
      'LookupResponse',
      'SiteConfig',
      'Error',
    ])
      expect(schemas[name], name).toMatchObject({ type: 'object' });
    expect(Object.keys(schemas.ConsentEvent!.properties ?? {})).toEqual(
      expect.arrayContaining(['eventId', 'siteId', 'visitorId', 'choices', 'regime', 'method']),
    );
    // Every route that reads a body says which; the routes' own schemas, not copies of them.
    const bodies = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => method === 'post')
        .map(([, op]) => [path, JSON.stringify(op.requestBody ?? null)] as const),
    );
    for (const [path, requestBody] of bodies)
      if (path !== '/v1/sites/{id}/checkpoints')
        expect(requestBody, path).toMatch(/"\$ref":"#\/components\/schemas\/\w+"/);
    expect(Object.keys(schemas.KeyCreate!.properties ?? {})).toEqual(['scope', 'siteId', 'label']);
    expect(schemas.SiteCreate!.properties).toMatchObject({
      config: { $ref: '#/components/schemas/SiteConfig' },
    });
    // Query parameters too: the audit's format and turnover, an admin look-up's site.
    const query = (path: string, method: string) =>
      (doc.paths[path]![method] as { parameters?: { name: string; in: string }[] }).parameters
        ?.filter((p) => p.in === 'query')
        .map((p) => p.name);
    expect(query('/v1/sites/{id}/audit', 'get')).toEqual(['format', 'turnover']);
    expect(query('/v1/lookup', 'post')).toEqual(['site']);
    // Every reference resolves to a component.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, name] of refs) expect(schemas[name!], name).toBeDefined();
  });

  it('GET /docs is an HTML page listing every route', async () => {
    const l = await ledger();
    const res = await l.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const text = await res.text();
    expect(text).toContain('/openapi.json');
    for (const route of ROUTES) expect(text).toContain(`<code>${route}</code>`);
  });
});
