// Screenshots of the widget's states, taken in Chromium on a shop page; the test fails if a state
// does not render. `npm run screenshots` writes them to tests/browser/screenshots/ for the README;
// the ordinary test run writes them to a temporary folder.
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { widgetHarness } from './widget-harness';

const OUT = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'consentry-shots-'));
let browser: Browser;
let h: Awaited<ReturnType<typeof widgetHarness>>;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  [browser, h] = await Promise.all([launchChromium(), widgetHarness({ countryHeader: true })]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const SHOP = `<style>body{font:17px/1.5 Georgia,serif;margin:0;color:#222}header{background:#17324d;color:#fff;padding:18px 32px}
main{padding:24px 32px;max-width:900px}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:16px}.card{border:1px solid #ddd;border-radius:8px;padding:14px;height:140px}</style>
<header><strong>Alpine Outfitters</strong></header><main><h1>Autumn collection</h1><p>Boots, tents and jackets for the mountains.</p>
<div class="grid"><div class="card">Trail boots</div><div class="card">Four-season tent</div><div class="card">Down jacket</div></div></main>`;

async function open(path: string, lang: string, country: string, gpc = false): Promise<Page> {
  const url = h.page(path, {
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Alpine Outfitters</title>${h.tag()}</head><body>${SHOP}</body></html>`,
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  const headers = { 'x-test-country': country, ...(gpc ? { 'sec-gpc': '1' } : {}) };
  await context.route(`${h.ledgerOrigin}/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), ...headers } }),
  );
  if (gpc)
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => !!(window as { consentry?: { state(): unknown } }).consentry?.state(),
  );
  await page.waitForTimeout(400); // past the entry animation
  return page;
}

async function shoot(page: Page, name: string) {
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  expect(statSync(file).size).toBeGreaterThan(10_000);
}

describe('README screenshots', { timeout: 60_000 }, () => {
  it('captures the banner, the preferences, the reopen button, a German page and the CCPA notice with GPC', async () => {
    const berlin = await open('/shot-banner', 'en', 'DE');
    await shoot(berlin, 'banner');
    await berlin.locator('#consentry-root').getByRole('button', { name: 'Customise' }).click();
    await berlin.waitForTimeout(300);
    await shoot(berlin, 'preferences');
    await berlin.locator('#consentry-root').getByRole('button', { name: 'Close' }).click();
    await berlin.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await berlin.waitForTimeout(300);
    await shoot(berlin, 'reopen-button');
    await berlin.context().close();
    const german = await open('/shot-de', 'de', 'AT');
    await shoot(german, 'banner-de');
    await german.context().close();
    const california = await open('/shot-ccpa', 'en', 'US', true);
    await shoot(california, 'ccpa-gpc');
    await california.context().close();
  });
});
