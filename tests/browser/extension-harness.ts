/**
 * What the extension's browser tests stand on: the built extension (a test build that is granted
 * 127.0.0.1 at install, so the options page's permission request needs no prompt), a real ledger
 * over HTTP, a CRM server for fixture pages, and Chromium with the extension loaded.
 */
import { serve, type ServerType } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testLedger, type TestLedger } from '../../backend/testing';
import { launchWithExtension } from './chromium';

const root = join(import.meta.dirname, '..', '..');

let built: string | null = null;
/** Builds the extension once per test file into a temporary folder; returns the unpacked folder. */
export function buildExtension(): string {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'consentry-ext-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], {
    cwd: root,
    env: {
      ...process.env,
      CONSENTRY_EXT_HOSTS: 'http://127.0.0.1/*',
      CONSENTRY_EXT_OUT: out,
      NODE_ENV: 'production',
    },
    stdio: 'pipe',
  });
  built = join(out, 'chrome-mv3');
  return built;
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

export async function extensionHarness() {
  const extension = buildExtension();
  const pages = new Map<string, string>();
  const crm = createServer((req, res) => {
    const html = pages.get(req.url ?? '/') ?? pages.get((req.url ?? '/').split('?')[0]!);
    if (!html) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  const crmOrigin = await listen(crm);
  const ledger: TestLedger = await testLedger({ now: Date.now(), origins: [crmOrigin] });
  let ledgerServer: ServerType | null = null;
  let ledgerPort = 0;
  const startLedger = () =>
    new Promise<void>((resolve) => {
      const s = serve({ fetch: ledger.app.fetch, port: ledgerPort, hostname: '127.0.0.1' }, () => {
        ledgerPort = (s.address() as AddressInfo).port;
        ledgerServer = s;
        resolve();
      });
    });
  await startLedger();
  const profile = mkdtempSync(join(tmpdir(), 'consentry-profile-'));
  const { context, worker, extensionId } = await launchWithExtension(extension, profile);
  return {
    ledger,
    crmOrigin,
    ledgerOrigin: () => `http://127.0.0.1:${ledgerPort}`,
    context,
    worker,
    extensionId,
    /** Serves `html` at `path` on the CRM server and returns its URL. */
    page(path: string, html: string): string {
      pages.set(path.split('#')[0]!, html);
      return `${crmOrigin}${path}`;
    },
    /** Stops the ledger's HTTP server (the extension then sees it as unreachable), or starts it again. */
    async ledgerDown() {
      const s = ledgerServer as unknown as Server | null;
      const closed = new Promise((r) => s?.close(r));
      s?.closeAllConnections();
      await closed;
      ledgerServer = null;
    },
    ledgerUp: startLedger,
    /** Fills in and saves the real options page; returns the status it shows. */
    async configure(o: {
      purposes: string[];
      guard?: 'warn' | 'block';
      readerKey?: string;
    }): Promise<string> {
      const options: Page = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.fill('input[name="backendUrl"]', `http://127.0.0.1:${ledgerPort}`);
      await options.fill('input[name="readerKey"]', o.readerKey ?? ledger.keys.reader);
      await options.fill('textarea[name="customOrigins"]', crmOrigin);
      for (const box of await options.locator('input[name^="purpose-"]').all()) {
        const name = (await box.getAttribute('name'))!.slice('purpose-'.length);
        await box.setChecked(o.purposes.includes(name));
      }
      await options.check(`input[name="guard"][value="${o.guard ?? 'warn'}"]`);
      await options.click('button[type="submit"]');
      const status = options.getByTestId('options-status');
      await status.waitFor();
      const text = (await status.textContent()) ?? '';
      await options.close();
      // Saving registers the content script in the background; pages opened before that miss it.
      if (text.startsWith('Saved'))
        for (let i = 0; i < 50; i++) {
          const ids = await worker.evaluate(async () => {
            const api = (
              globalThis as unknown as {
                chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
              }
            ).chrome;
            return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
          });
          if (ids.length) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      return text;
    },
    async close() {
      await context.close();
      await new Promise((r) => crm.close(r));
      await new Promise((r) => (ledgerServer ? ledgerServer.close(r) : r(null)));
      await ledger.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type ExtensionHarness = Awaited<ReturnType<typeof extensionHarness>>;
