/**
 * The people of the end-to-end test in Chromium: shop visitors, each a browser context of their
 * own with the country (and state) a trusted proxy would add and, for some, Global Privacy
 * Control; and the sales rep's Chromium with the demo build of the extension loaded. Readers
 * return what these people see: badges, popovers, the popup, dialogs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, launchWithExtension, type ExtensionBrowser } from '../browser/chromium';

/** Where a shop visitor is and what their browser sends. */
export interface VisitorOptions {
  country: string;
  /** ISO 3166-2 subdivision, e.g. US-CA. */
  region?: string;
  gpc?: boolean;
}

/** A visitor's own browser context (their device): the proxy's geography headers, GPC. */
export async function visitorContext(
  browser: Browser,
  { country, region, gpc }: VisitorOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    // What a trusted proxy in front of the ledger adds, and the header a GPC browser sends.
    extraHTTPHeaders: {
      'x-test-country': country,
      ...(region ? { 'x-test-region': region } : {}),
      ...(gpc ? { 'sec-gpc': '1' } : {}),
    },
  });
  if (gpc)
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
  return context;
}

/** The browser of the shop's visitors (one context each). */
export const launchVisitorsBrowser = launchChromium;

/** The sales rep's Chromium with the unpacked extension loaded, as "Load unpacked" does. */
export const launchRepBrowser = launchWithExtension;

export type RepBrowser = ExtensionBrowser;

/** Waits until `check` resolves truthy; rejects with `what` (and the last value) after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Saves a screenshot for the README when SCREENSHOTS_DIR is set. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  // Fades and slides finished, as the reader sees the page (the banner was once caught half in).
  const animations = 'disabled' as const;
  if ('goto' in target)
    await target.screenshot({ path, animations, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path, animations });
}

/** The widget on a shop page (its shadow root is open, so locators reach inside). */
export const widget = (page: Page) => page.locator('#consentry-root');

/** Resolves with the ledger's answer to the page's next delivery of events matching `body`. */
export function nextDelivery(page: Page, body: (json: string) => boolean) {
  return page.waitForResponse(
    (r) =>
      r.url().endsWith('/v1/events') &&
      r.request().method() === 'POST' &&
      body(r.request().postData() ?? ''),
    { timeout: 20_000 },
  );
}

/** A badge on a CRM page, for an identifier key such as `email:anna.schmidt@example.de`. */
export const badge = (page: Page, key: string) =>
  page.locator(`consentry-overlay .badge[data-key="${key}"]`).first();

/** What a badge says: its accessible name (its words and the person), or null when there is none. */
export async function badgeSays(page: Page, key: string): Promise<string | null> {
  const b = badge(page, key);
  if ((await b.count()) === 0) return null;
  return b.getAttribute('aria-label');
}

/** Waits until the badge for `key` says `expected` (e.g. "Consent given: anna@…"). */
export async function expectBadge(page: Page, key: string, expected: string, timeoutMs = 15_000) {
  await until(
    `the badge of ${key} to say "${expected}"`,
    async () => {
      const said = await badgeSays(page, key);
      if (said === expected) return true;
      throw new Error(`it says ${JSON.stringify(said)}`);
    },
    timeoutMs,
  );
}

/** One row of a badge's popover, as the rep reads it. */
export interface PurposeRow {
  status: string;
  since: string;
  policy: string;
  regime: string;
}

/** Opens a badge's popover and reads it: the heading, each purpose's row, and the notes below. */
export async function readPopover(page: Page, key: string) {
  await badge(page, key).click();
  const dialog = page.locator('consentry-overlay [role="dialog"]');
  await dialog.locator('tbody tr').first().waitFor();
  const heading = ((await dialog.locator('h2').textContent()) ?? '').trim();
  const cells = await dialog
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())),
    );
  const purposes: Record<string, PurposeRow> = {};
  for (const [label = '', status = '', since = '', policy = '', regime = ''] of cells)
    purposes[label] = { status, since, policy, regime };
  const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
  const box = await dialog.boundingBox();
  const window = page.viewportSize();
  return {
    heading,
    purposes,
    text,
    /** Whether the whole popover, its Close button included, is inside the window. */
    fitsInWindow: !!box && !!window && box.y >= 0 && box.y + box.height <= window.height,
    /** Closes it as the rep can whether or not its Close button is in the window: the badge again. */
    close: async () => {
      await badge(page, key).click();
      await dialog.waitFor({ state: 'detached' });
    },
  };
}

/** Whether the background has registered the CRM content script (it does once configured). */
export function contentScriptRegistered(rep: RepBrowser): Promise<boolean> {
  return rep.worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
      }
    ).chrome;
    return (await api.scripting.getRegisteredContentScripts()).length > 0;
  });
}
