/** A ledger wired for tests: in-memory SQLite, secrets in a temporary folder, a clock the test moves. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsentEvent } from '../lib/consent-event';
import { createApp } from './app';
import { loadConfig, type ServerConfig } from './config';
import { DEMO_SITE, seedDemo } from './seed';
import { closeServices, createServices } from './services';
import { openSqlite } from './storage/sqlite';

/** The origin the test site allows. */
export const TEST_ORIGIN = 'https://shop.example';

/** Starts a ledger for one test. */
export async function testLedger(
  options: { now?: number; config?: Partial<ServerConfig>; path?: string; origins?: string[] } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-test-'));
  let now = options.now ?? Date.UTC(2026, 10, 29, 12);
  const config = loadConfig(
    {},
    { dataDir: dir, logLevel: 'silent', demo: false, ...options.config },
  );
  const services = createServices(config, {
    storage: openSqlite({ path: options.path ?? ':memory:' }),
    now: () => now,
  });
  const keys = (await seedDemo(services, options.origins ?? [TEST_ORIGIN]))!;
  const app = createApp(services);
  return {
    dir,
    services,
    app,
    keys,
    site: DEMO_SITE,
    setNow: (t: number) => void (now = t),
    advanceDays: (days: number) => void (now += days * 86_400_000),
    /** A request with a JSON body and a key. */
    call(
      method: string,
      path: string,
      init: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.key) headers.authorization = `Bearer ${init.key}`;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return app.request(path, {
        method,
        headers,
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body),
      });
    },
    /** Posts consent event(s) as the site's widget would. */
    postEvents(body: unknown, headers: Record<string, string> = {}) {
      return this.call('POST', '/v1/events', {
        key: keys.site,
        body,
        headers: { origin: TEST_ORIGIN, ...headers },
      });
    },
    async close() {
      await closeServices(services);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid consent event for the demo site; fields can be overridden. */
export const consentEvent = (overrides: Partial<ConsentEvent> = {}): ConsentEvent => ({
  eventId: randomUUID(),
  siteId: DEMO_SITE,
  visitorId: `v-${randomUUID().slice(0, 12)}`,
  choices: { analytics: true, advertising: false, marketing_email: true },
  regime: 'gdpr',
  method: 'save',
  policyVersion: '2026-11',
  noticeHash: 'a'.repeat(64),
  language: 'en',
  gpc: false,
  clientTime: '2026-11-29T11:59:58.000Z',
  pageUrl: `${TEST_ORIGIN}/checkout?step=2`,
  ...overrides,
});

/** A ledger opened by testLedger. */
export type TestLedger = Awaited<ReturnType<typeof testLedger>>;

/** For a test file: opens ledgers with these defaults and closes them after each test. */
export function ledgersClosedAfterEach(defaults: Parameters<typeof testLedger>[0] = {}) {
  const opened: TestLedger[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });
  return async (options: Parameters<typeof testLedger>[0] = {}): Promise<TestLedger> => {
    const l = await testLedger({
      ...defaults,
      ...options,
      config: { ...defaults.config, ...options.config },
    });
    opened.push(l);
    return l;
  };
}
