import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FILES, crmApp } from './crm-app';
import { SHOP_FILES, shopApp } from './shop-app';

// The build that ships, into a folder of its own so a running demo's dist/ is left alone.
const out = mkdtempSync(join(tmpdir(), 'consentry-demo-build-'));
beforeAll(async () => {
  await build({ configFile: 'demo/vite.config.ts', logLevel: 'silent', build: { outDir: out } });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build:demo', () => {
  it('writes exactly the files the sub-apps serve, and no shared chunk', () => {
    const files = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1))
      .sort();
    expect(files).toEqual(
      [...SHOP_FILES.map((f) => `shop/${f}`), ...CRM_FILES.map((f) => `crm/${f}`)].sort(),
    );
  });

  it('keeps the gated stand-ins free of imports, so each runs alone', () => {
    for (const file of ['analytics-demo.js', 'ads-demo.js']) {
      expect(readFileSync(join(out, 'shop', file), 'utf8')).not.toMatch(/\bimport\b/);
    }
  });

  it('is served by the sub-apps', async () => {
    const shop = shopApp({ siteKey: () => 'pk_x', distDir: out });
    for (const file of ['', ...SHOP_FILES]) {
      expect((await shop.request(`/demo/shop/${file}`)).status).toBe(200);
    }
    const crm = crmApp({ distDir: out });
    for (const path of ['/', '/contacts/1', ...CRM_FILES.map((f) => `/assets/${f}`)]) {
      expect((await crm.request(path)).status).toBe(200);
    }
  });
});
