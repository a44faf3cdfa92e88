/**
 * The demo shop on a phone (375 px wide, mobile emulation), in both its languages: the page is no
 * wider than the screen, so nothing of it (nor the consent banner laid out over it) is cut off.
 * Scrolled to its end, its last line stays clear of where the widget's button sits. The shop is
 * built and served as `npm start` serves it, without a ledger: the page alone.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopApp } from '../../demo/shop-app';
import { launchChromium } from './chromium';

const out = mkdtempSync(join(tmpdir(), 'consentry-shop-phone-'));
let server: ServerType;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile: 'demo/vite.config.ts', logLevel: 'silent', build: { outDir: out } });
  const app = shopApp({ siteKey: () => 'pk_phone', distDir: out });
  server = await new Promise<ServerType>((ready) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the demo shop on a phone', () => {
  it.each(['en', 'de'])(
    'fits a 375 px screen in %s: header, newsletter form and all',
    async (lang) => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(`${origin}/demo/shop/?lang=${lang}`);
      const { scrollWidth, wider } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        wider: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
          .map((el) => `${el.localName}.${el.className}`),
      }));
      expect(wider).toEqual([]);
      expect(scrollWidth).toBe(375);
      // Still all there: the cart and the subscribe button, each wholly on screen.
      for (const id of ['cart-count', 'newsletter-submit']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x, id).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, id).toBeLessThanOrEqual(375);
      }
      await context.close();
    },
  );

  it.each([
    [375, 667],
    [1280, 800],
  ])(
    "keeps its last line clear of the widget's button at the bottom, %i px wide",
    async (width, height) => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${origin}/demo/shop/`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      // The lowest text on screen, scrolled to the end: the widget's "Privacy settings" button
      // takes the window's bottom 48 px (12 px from the edge, 36 px tall), plus a margin.
      const lowest = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let bottom = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) bottom = Math.max(bottom, r.bottom);
        }
        return bottom;
      });
      expect(lowest).toBeGreaterThan(0);
      expect(lowest).toBeLessThanOrEqual(height - 56);
      await page.close();
    },
  );
});
