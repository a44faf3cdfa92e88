// @vitest-environment happy-dom
// Contract test across the parts: the widget's headless core talking to the real ledger app.
import { serve, type ServerType } from '@hono/node-server';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgersClosedAfterEach, type TestLedger } from '../backend/testing';
import { identifierDigest } from '../lib/digest';
import { createConsentry, type ConsentryApi } from '../widget/create-consentry';

// happy-dom enforces mixed-content rules like a browser: the shop page is http, as the test ledger.
const PAGE_ORIGIN = 'http://shop.example';
const ledger = ledgersClosedAfterEach({ now: Date.UTC(2026, 10, 29, 12), origins: [PAGE_ORIGIN] });

const servers: ServerType[] = [];

/** Serves the ledger app over real HTTP on a free port; the widget reaches it with happy-dom's fetch (CORS and all). */
async function serveLedger(l: TestLedger): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch: l.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

async function widgetOn(l: TestLedger): Promise<ConsentryApi> {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
    `${PAGE_ORIGIN}/newsletter`,
  );
  window.localStorage.clear();
  const api = createConsentry({ siteKey: l.keys.site, apiOrigin: await serveLedger(l) }, window);
  await api.ready;
  return api;
}

const settle = async (l: TestLedger, api: ConsentryApi) => {
  for (let i = 0; i < 50 && !api.lastReceipt(); i++) await new Promise((r) => setTimeout(r, 10));
  await l.services.writer.idle();
};

beforeEach(() => {
  window.localStorage.clear();
  // A fresh IndexedDB per test, so no outbox carries events over to another test's ledger.
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('widget and ledger', () => {
  it('loads the site setup from the ledger and shows a visitor of unknown region the fallback (GDPR) banner', async () => {
    const l = await ledger();
    const api = await widgetOn(l);
    expect(api.state()?.decision).toMatchObject({ prompt: true, ui: 'opt_in_banner' });
    expect(api.state()?.setup.siteId).toBe('demo-shop');
  });

  it('records "accept all" in the ledger and hands the visitor a signed receipt', async () => {
    const l = await ledger();
    const api = await widgetOn(l);
    await api.acceptAll();
    await settle(l, api);
    const receipt = api.lastReceipt();
    expect(receipt).toMatchObject({ siteId: 'demo-shop', position: 0, algorithm: 'Ed25519' });
    expect(await l.services.storage.chainLength('demo-shop')).toBe(1);
  });

  it('identify links the visitor to their email: a CRM look-up then shows their consent', async () => {
    const l = await ledger();
    const api = await widgetOn(l);
    await api.setPurposes({ marketing_email: true, analytics: false });
    expect(await api.identify({ email: 'Jane@Example.com' })).toBe(true);
    await settle(l, api);
    const digest = await identifierDigest({ kind: 'email', value: 'jane@example.com' });
    const res = await l.call('POST', '/v1/lookup', {
      key: l.keys.reader,
      body: { digests: [digest] },
    });
    const body = (await res.json()) as {
      results: { purposes: Record<string, { status: string }>; warnings: { code: string }[] }[];
    };
    expect(body.results[0]!.purposes.marketing_email!.status).toBe('granted');
    expect(body.results[0]!.purposes.analytics!.status).toBe('denied');
    expect(body.results[0]!.warnings.map((w) => w.code)).toContain('unverified_identity');
  });

  it('keeps working without a ledger: everything optional stays denied and nothing throws', async () => {
    const api = createConsentry({ siteKey: 'pk_x', apiOrigin: 'http://127.0.0.1:9' }, window);
    await api.ready;
    expect(api.state()).toBeNull();
    expect(api.granted('analytics')).toBe(false);
    await expect(api.acceptAll()).resolves.toBeUndefined();
  });
});
