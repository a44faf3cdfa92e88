// The widget in real Chromium, against a real ledger over HTTP, on a shop page of another origin.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../backend/demo/demo-config';
import { axeViolations } from './axe';
import { launchChromium } from './chromium';
import { widgetHarness } from './widget-harness';

let browser: Browser;
let h: Awaited<ReturnType<typeof widgetHarness>>;

beforeAll(async () => {
  [browser, h] = await Promise.all([launchChromium(), widgetHarness({ countryHeader: true })]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const widget = (page: Page) => page.locator('#consentry-root');

async function visit(
  path: string,
  html: string,
  options: { headers?: Record<string, string>; country?: string; gpc?: boolean } = {},
) {
  const url = h.page(path, { html, headers: options.headers });
  const context = await browser.newContext();
  // What a trusted proxy in front of the ledger adds (the country), and the header a GPC browser
  // sends: added on the wire, as they would be, not by page script (which CORS would stop).
  const extra = {
    ...(options.country ? { 'x-test-country': options.country } : {}),
    ...(options.gpc ? { 'sec-gpc': '1' } : {}),
  };
  await context.route(`${h.ledgerOrigin}/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), ...extra } }),
  );
  if (options.gpc) {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
  }
  const page = await context.newPage();
  page.on('console', (m) => void (process.env.DEBUG_BROWSER && console.log('[page]', m.text())));
  await page.goto(url);
  await page.waitForFunction(
    () => !!(window as { consentry?: { state(): unknown } }).consentry?.state(),
  );
  return page;
}

/**
 * How many ledger entries came from the shop page at `path`: the ledger is shared by the whole
 * file, and a page closed by an earlier test may still deliver its last event (on pagehide).
 */
async function eventsFrom(path: string): Promise<number> {
  const rows = await h.ledger.services.storage.readChain('demo-shop', 0, 1_000_000);
  return rows.filter(
    (r) => r.kind === 'consent' && (JSON.parse(r.record) as { page: string }).page.endsWith(path),
  ).length;
}

const shop = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}</head><body><h1>Shop</h1>${body}</body></html>`;

describe('the widget in Chromium', { timeout: 30_000 }, () => {
  it('shows a Berlin visitor the opt-in dialog and runs gated scripts only after "Accept all"', async () => {
    const page = await visit(
      '/berlin',
      shop(
        `<script type="text/plain" data-consent="analytics">window.__analytics = true;</script>`,
        h.tag(),
      ),
      { country: 'DE' },
    );
    const dialog = widget(page).getByRole('dialog');
    await expect(dialog.getAttribute('aria-modal')).resolves.toBe('true');
    const names = await widget(page).getByRole('button').allInnerTexts();
    expect(names).toEqual(['Accept all', 'Reject all', 'Customise']);
    expect(
      await page.evaluate(() => (window as { __analytics?: boolean }).__analytics),
    ).toBeUndefined();
    await widget(page).getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => (window as { __analytics?: boolean }).__analytics === true);
    await page.waitForFunction(
      () => !!(window as { consentry?: { lastReceipt(): unknown } }).consentry?.lastReceipt(),
    );
    const receipt = await page.evaluate(() =>
      (
        window as unknown as { consentry: { lastReceipt(): { siteId: string; country: string } } }
      ).consentry.lastReceipt(),
    );
    expect(receipt).toMatchObject({ siteId: 'demo-shop', country: 'DE' });
    await expect(
      widget(page).getByRole('button', { name: 'Privacy settings' }).isVisible(),
    ).resolves.toBe(true);
    await page.context().close();
  });

  it("speaks the page's language with strings the ledger sends (German here), not only English", async () => {
    const html = shop('', h.tag()).replace('<html lang="en">', '<html lang="de">');
    const page = await visit('/german', html, { country: 'AT' });
    const names = await widget(page).getByRole('button').allInnerTexts();
    expect(names).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
    await expect(widget(page).getByRole('heading').first().innerText()).resolves.toBe(
      'Ihre Privatsphäre bei Alpine Outfitters',
    );
    await page.context().close();
  });

  it('takes an inline configuration through consentry-inline.js, without asking the ledger for one', async () => {
    const config = JSON.stringify(demoConfig()).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
    const tag = `<script src="${h.ledgerOrigin}/consentry-inline.js" data-config='${config}' data-site-id="inline-shop" data-regime="gdpr" async></script>`;
    const page = await visit('/inline', shop('', tag));
    expect(await widget(page).getByRole('button').allInnerTexts()).toEqual([
      'Accept all',
      'Reject all',
      'Customise',
    ]);
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { consentry: { state(): { siteId: string } } }).consentry.state()
            .siteId,
      ),
    ).toBe('inline-shop');
    await page.context().close();
  });

  it('has no axe-core violation in any state: banner, preferences, after saving, reopen button, opt-out notice', async () => {
    const page = await visit('/axe', shop('', h.tag()), { country: 'FR' });
    const states: Record<string, unknown> = {};
    states.banner = await axeViolations(page);
    await widget(page).getByRole('button', { name: 'Customise' }).click();
    states.preferences = await axeViolations(page);
    await widget(page).getByRole('switch').first().check();
    await widget(page).getByRole('button', { name: 'Save choices' }).click();
    await page.waitForFunction(
      () => !!(window as { consentry?: { lastReceipt(): unknown } }).consentry?.lastReceipt(),
    );
    states.saved = await axeViolations(page);
    await widget(page).getByRole('button', { name: 'Close' }).click();
    states.reopen = await axeViolations(page);
    await page.context().close();
    const ccpa = await visit('/axe-ccpa', shop('', h.tag()), { country: 'US', gpc: true });
    states.optOutNotice = await axeViolations(ccpa);
    await ccpa.context().close();
    expect(states).toEqual({
      banner: [],
      preferences: [],
      saved: [],
      reopen: [],
      optOutNotice: [],
    });
  });

  it('keeps a choice made offline in IndexedDB and delivers it exactly once on the next visit', async () => {
    const url = h.page('/offline', { html: shop('', h.tag()) });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => !!(window as { consentry?: { state(): unknown } }).consentry?.state(),
    );
    // The connection drops after the page loaded: every write to the ledger fails.
    await context.route(`${h.ledgerOrigin}/v1/events`, (route) =>
      route.abort('internetdisconnected'),
    );
    await widget(page).getByRole('button', { name: 'Reject all' }).click();
    await page.waitForTimeout(300);
    expect(await eventsFrom('/offline')).toBe(0);
    await context.unroute(`${h.ledgerOrigin}/v1/events`);
    // Next visit, back online: the queued event goes out once, and the banner stays away.
    await page.reload();
    await page.waitForFunction(
      () => !!(window as { consentry?: { state(): unknown } }).consentry?.state(),
    );
    await expect.poll(() => eventsFrom('/offline'), { timeout: 5000 }).toBe(1);
    await page.reload();
    await page.waitForTimeout(500);
    expect(await eventsFrom('/offline')).toBe(1);
    expect(await widget(page).getByRole('button', { name: 'Privacy settings' }).isVisible()).toBe(
      true,
    );
    await context.close();
  });

  it('sets the Consent Mode default before the Google tag runs, and updates it on every choice', async () => {
    const tag = h.tag().replace(' async>', '>'); // as the README says: before the Google tag, not async
    const gtag = `<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); } gtag('js', new Date()); gtag('config', 'G-TEST');</script>`;
    const page = await visit('/consent-mode', shop('', tag + gtag), { country: 'DE' });
    await widget(page).getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() =>
      ((window as unknown as { dataLayer: IArguments[] }).dataLayer ?? []).some(
        (a) =>
          a[0] === 'consent' &&
          a[1] === 'update' &&
          (a[2] as { analytics_storage?: string }).analytics_storage === 'granted',
      ),
    );
    const layer = await page.evaluate(() =>
      (window as unknown as { dataLayer: IArguments[] }).dataLayer.map((a) => [
        a[0],
        typeof a[1] === 'string' ? a[1] : '',
        (a[2] as { ad_storage?: string } | undefined)?.ad_storage ?? '',
      ]),
    );
    const index = (cmd: string, arg: string) => layer.findIndex(([c, a]) => c === cmd && a === arg);
    expect(index('consent', 'default')).toBe(0);
    expect(layer[0]![2]).toBe('denied');
    expect(index('consent', 'default')).toBeLessThan(index('config', 'G-TEST'));
    const lastUpdate = layer.map(([c, a]) => `${c} ${a}`).lastIndexOf('consent update');
    expect(lastUpdate).toBeGreaterThan(index('config', 'G-TEST'));
    expect(layer[lastUpdate]![2]).toBe('granted');
    await page.context().close();
  });

  it.each([
    ['CN', 'pipl', 'opt-in dialog', 'true'],
    ['BR', 'lgpd', 'opt-in dialog', 'true'],
    ['JP', 'default', 'opt-out notice', null],
  ])('gives a visitor from %s the %s regime and its %s', async (country, regime, _ui, modal) => {
    const page = await visit(`/regime-${country}`, shop('', h.tag()), { country });
    const state = await page.evaluate(
      () =>
        (
          window as unknown as { consentry: { state(): { decision: { regime: { id: string } } } } }
        ).consentry.state().decision.regime.id,
    );
    expect(state).toBe(regime);
    await expect(widget(page).getByRole('dialog').getAttribute('aria-modal')).resolves.toBe(modal);
    await page.context().close();
  });

  it('never grants cross-border transfer to a Shanghai visitor through Accept all; the separate switch does', async () => {
    const page = await visit('/shanghai', shop('', h.tag()), { country: 'CN' });
    await widget(page).getByRole('button', { name: 'Accept all' }).click();
    const granted = () =>
      page.evaluate(() =>
        (window as unknown as { consentry: { granted(p: string): boolean } }).consentry.granted(
          'cross_border_transfer',
        ),
      );
    expect(await granted()).toBe(false);
    await widget(page).getByRole('button', { name: 'Privacy settings' }).click();
    await widget(page).getByRole('switch', { name: 'Transfer abroad' }).check();
    await widget(page).getByRole('button', { name: 'Save choices' }).click();
    await expect.poll(granted).toBe(true);
    await page.context().close();
  });

  it('withdrawing in the preferences clears the declared cookies of that purpose and records it', async () => {
    const page = await visit('/withdraw', shop('', h.tag()), { country: 'DE' });
    await widget(page).getByRole('button', { name: 'Accept all' }).click();
    await page.evaluate(() => {
      document.cookie = '_pk_id.1=abc; path=/';
      document.cookie = 'shop_session=s1; path=/';
    });
    await widget(page).getByRole('button', { name: 'Privacy settings' }).click();
    await widget(page).getByRole('switch', { name: 'Analytics' }).uncheck();
    await widget(page).getByRole('button', { name: 'Save choices' }).click();
    await expect.poll(() => page.evaluate(() => document.cookie)).not.toContain('_pk_id.1');
    expect(await page.evaluate(() => document.cookie)).toContain('shop_session');
    await expect.poll(() => eventsFrom('/withdraw')).toBe(2);
    await page.context().close();
  });

  it('works on a page whose CSP forbids inline scripts, inline styles and eval and requires Trusted Types, with no violation', async () => {
    const nonce = 'c29tZS1ub25jZQ';
    const csp = [
      "default-src 'self'",
      `script-src 'nonce-${nonce}' ${h.ledgerOrigin}`,
      "style-src 'self'",
      `connect-src ${h.ledgerOrigin}`,
      "require-trusted-types-for 'script'",
      'trusted-types consentry',
    ].join('; ');
    const head = `<script nonce="${nonce}">window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));</script>${h.tag(`nonce="${nonce}"`)}`;
    const body = `<script type="text/plain" data-consent="analytics" nonce="${nonce}">window.__analytics = true;</script>`;
    const page = await visit('/strict', shop(body, head), {
      headers: { 'content-security-policy': csp },
      country: 'DE',
    });
    await widget(page).getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => (window as { __analytics?: boolean }).__analytics === true);
    await widget(page).getByRole('button', { name: 'Privacy settings' }).click();
    await expect(widget(page).getByRole('dialog').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => (window as { __violations?: string[] }).__violations)).toEqual(
      [],
    );
    await page.context().close();
  });

  it('shows a Californian with Global Privacy Control the opt-out notice saying GPC is honoured, and keeps sale/sharing off', async () => {
    const page = await visit('/california', shop('', h.tag()), { country: 'US', gpc: true });
    await expect(widget(page).getByRole('dialog').getAttribute('aria-modal')).resolves.toBeNull();
    await expect(
      widget(page)
        .getByText(/Global Privacy Control/)
        .isVisible(),
    ).resolves.toBe(true);
    const granted = await page.evaluate(() => {
      const c = (window as unknown as { consentry: { granted(p: string): boolean } }).consentry;
      return {
        sale: c.granted('sale_sharing'),
        ads: c.granted('advertising'),
        analytics: c.granted('analytics'),
      };
    });
    expect(granted).toEqual({ sale: false, ads: false, analytics: true });
    await page.context().close();
  });
  // Last, because it publishes a new policy for the shared demo site.
  it('asks again after the site publishes a new policy version, keeping earlier refusals', async () => {
    const page = await visit('/policy', shop('', h.tag()), { country: 'DE' });
    await widget(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(
      widget(page).getByRole('button', { name: 'Privacy settings' }).isVisible(),
    ).resolves.toBe(true);
    const config = { ...demoConfig(), policyVersion: '2027-01' };
    const published = await h.ledger.call('POST', '/v1/sites/demo-shop/policies', {
      key: h.ledger.keys.admin,
      body: { config, allowedOrigins: [h.shopOrigin] },
    });
    expect(published.status).toBe(201);
    await page.reload();
    await page.waitForFunction(
      () => !!(window as { consentry?: { state(): unknown } }).consentry?.state(),
    );
    const decision = await page.evaluate(
      () =>
        (
          window as unknown as {
            consentry: {
              state(): { decision: { reason: string; choices: Record<string, unknown> } };
            };
          }
        ).consentry.state().decision,
    );
    expect(decision.reason).toBe('policy_changed');
    expect(decision.choices.analytics).toEqual({ granted: false, source: 'stored' });
    expect(await widget(page).getByRole('button').allInnerTexts()).toEqual([
      'Accept all',
      'Reject all',
      'Customise',
    ]);
    await page.context().close();
  });
});
