/**
 * What the widget's browser tests stand on: the built widget, a real ledger over HTTP serving it,
 * and a shop page on another origin (with the headers a test wants, e.g. a strict CSP).
 */
import { serve, type ServerType } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'vite';
import { testLedger, type TestLedger } from '../../backend/testing';

/** Builds dist/widget once per test run (vitest may call this from several files). */
let built: Promise<string> | null = null;
export function buildWidget(): Promise<string> {
  built ??= (async () => {
    const root = join(import.meta.dirname, '..', '..');
    // Vitest sets NODE_ENV=test, which Vite would bake into the bundle: build what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      for (const mode of ['production', 'inline']) {
        await build({
          root,
          configFile: join(root, 'widget', 'vite.config.ts'),
          mode,
          logLevel: 'warn',
        });
      }
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    return join(root, 'dist', 'widget');
  })();
  return built;
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

/** A page the shop serves: its HTML and response headers. */
export type Page = { html: string; headers?: Record<string, string> };

/** Starts the ledger (serving the widget) and the shop; pages are registered by path. */
export async function widgetHarness(options: { countryHeader?: boolean } = {}) {
  const widgetDir = await buildWidget();
  const pages = new Map<string, Page>();
  const shop = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]!);
    if (!page) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers })
      .end(page.html);
  });
  const shopOrigin = await listen(shop);
  const ledger: TestLedger = await testLedger({
    now: Date.now(),
    origins: [shopOrigin],
    config: {
      widgetDir,
      publicRateLimit: 100_000,
      ...(options.countryHeader ? { countryHeader: 'x-test-country' } : {}),
    },
  });
  const ledgerServer: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: ledger.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const ledgerOrigin = `http://127.0.0.1:${(ledgerServer.address() as AddressInfo).port}`;
  return {
    ledger,
    shopOrigin,
    ledgerOrigin,
    /** Registers a page at `path` and returns its URL. */
    page(path: string, page: Page): string {
      pages.set(path, page);
      return `${shopOrigin}${path}`;
    },
    /** The script tag that embeds the widget. */
    tag(extra = ''): string {
      return `<script src="${ledgerOrigin}/consentry.js" data-site="${ledger.keys.site}" ${extra} async></script>`;
    },
    async close() {
      await new Promise((r) => shop.close(r));
      await new Promise((r) => ledgerServer.close(r));
      await ledger.close();
    },
  };
}
