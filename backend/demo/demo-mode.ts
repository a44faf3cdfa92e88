/**
 * Demo mode at start: the demo shop on the ledger's own origin (so the widget's script and API
 * share the page's origin), the demo CRM on a port of its own (a CRM is another site), and the
 * demo build of the extension pre-configured with the ledger, the reader key and the CRM.
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { crmApp } from '../../demo/crm-app';
import { shopApp } from '../../demo/shop-app';
import type { AppEnv, Services } from '../context';
import type { DemoKeys } from './demo-keys';

/** Where the demo is, once started. */
export interface RunningDemo {
  shopUrl: string;
  crmUrl: string;
  /** The pre-configured extension folder, or null when it is not built. */
  extensionDir: string | null;
  stop(): Promise<void>;
}

/** The origin a browser on this machine uses for a port of ours. */
const originFor = (host: string, port: number) =>
  `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;

/** Mounts the demo shop on the ledger's app. */
export function mountDemoShop(app: Hono<AppEnv>, services: Services, keys: DemoKeys): void {
  app.route('/', shopApp({ siteKey: () => keys.site, distDir: services.config.demoDir }));
}

/** Starts the demo CRM and writes the extension's demo settings. */
export async function startDemo(
  services: Services,
  keys: DemoKeys,
  ledgerPort: number,
): Promise<RunningDemo> {
  const { config } = services;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: crmApp({ distDir: config.demoDir }).fetch,
        port: config.demoCrmPort,
        hostname: config.host,
      },
      () => resolve(s),
    );
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `the demo CRM's port ${config.demoCrmPort} is in use: set CONSENTRY_DEMO_CRM_PORT to a free one, or CONSENTRY_DEMO=false`,
            )
          : error,
      ),
    );
  });
  const ledgerUrl = originFor(config.host, ledgerPort);
  const crmUrl = originFor(config.host, (server.address() as AddressInfo).port);
  let extensionDir: string | null = null;
  if (existsSync(join(config.demoExtensionDir, 'manifest.json'))) {
    extensionDir = config.demoExtensionDir;
    // The extension's own settings format (components/shared/settings.ts), checked again there.
    const settings = {
      version: 2,
      backendUrl: ledgerUrl,
      readerKey: keys.reader,
      crms: [],
      customOrigins: [crmUrl],
      purposes: ['marketing_email', 'marketing_phone'],
      guard: 'warn',
      phoneRegion: 'DE',
      cacheMinutes: 1,
    };
    writeFileSync(
      join(extensionDir, 'demo-settings.json'),
      `${JSON.stringify(settings, null, 2)}\n`,
    );
  }
  return {
    shopUrl: `${ledgerUrl}/demo/shop/`,
    crmUrl: `${crmUrl}/`,
    extensionDir,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
