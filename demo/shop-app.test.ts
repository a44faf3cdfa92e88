import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOP_FILES, shopApp } from './shop-app';

const built = mkdtempSync(join(tmpdir(), 'consentry-demo-'));
mkdirSync(join(built, 'shop'));
for (const file of SHOP_FILES) writeFileSync(join(built, 'shop', file), `/* ${file} */`);
const empty = mkdtempSync(join(tmpdir(), 'consentry-demo-empty-'));
afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

const page = async (query = '', siteKey = 'pk_demo123') => {
  const res = await shopApp({ siteKey: () => siteKey, distDir: built }).request(
    `/demo/shop/${query}`,
  );
  return { res, body: await res.text() };
};

describe('shopApp', () => {
  it('serves the English page with the widget on one script tag carrying the site key', async () => {
    const { res, body } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<script src="/consentry.js" data-site="pk_demo123" async></script>');
    expect(body.match(/consentry\.js/g)).toHaveLength(1);
    expect(body).toContain('Subscribe');
    expect(body).toContain('href="/demo/shop/?lang=de"');
    for (const id of ['newsletter-email', 'newsletter-submit', 'newsletter-thanks']) {
      expect(body).toContain(`data-testid="${id}"`);
    }
  });

  it('reads the site key on every request', async () => {
    let key = 'pk_first';
    const app = shopApp({ siteKey: () => key, distDir: built });
    expect(await (await app.request('/demo/shop/')).text()).toContain('data-site="pk_first"');
    key = 'pk_second';
    expect(await (await app.request('/demo/shop/')).text()).toContain('data-site="pk_second"');
  });

  it('switches to German with ?lang=de', async () => {
    const { body } = await page('?lang=de');
    expect(body).toContain('<html lang="de">');
    expect(body).toContain('Abonnieren');
    expect(body).toContain('Datenschutzeinstellungen');
    expect(body).toContain('449,00');
    expect(body).toContain('href="/demo/shop/?lang=en"');
    expect(body).not.toContain('>Subscribe');
  });

  it.each(['?lang=fr', '?lang=', '?lang=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E', ''])(
    'falls back to English for %j',
    async (query) => {
      const { body } = await page(query);
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('Subscribe');
      expect(body).not.toContain('alert(1)');
    },
  );

  it('escapes a hostile site key', async () => {
    const { body } = await page('', '"><script>alert(1)</script>');
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('data-site="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('sends a strict content security policy the page keeps: no inline script or style', async () => {
    const { res, body } = await page();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const tag of body.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src="/);
    expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('gates the analytics and advertising stand-ins behind their purposes', async () => {
    const { body } = await page();
    const gated = (purpose: string, file: string) =>
      new RegExp(
        `<script\\s+type="text/plain"\\s+data-consent="${purpose}"\\s+data-type="module"\\s+src="/demo/shop/${file}"`,
      );
    expect(body).toMatch(gated('analytics', 'analytics-demo.js'));
    expect(body).toMatch(gated('advertising', 'ads-demo.js'));
    expect(body).toContain('data-testid="analytics-status"');
    expect(body).toMatch(/data-testid="ad-slot"[^>]*hidden/);
  });

  it('redirects /demo/shop to /demo/shop/, keeping the query', async () => {
    const res = await shopApp({ siteKey: () => 'k', distDir: built }).request('/demo/shop?lang=de');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/demo/shop/?lang=de');
  });

  it('serves the built files with their types, an ETag and revalidation', async () => {
    const app = shopApp({ siteKey: () => 'k', distDir: built });
    const js = await app.request('/demo/shop/analytics-demo.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, no-cache');
    expect(await js.text()).toBe('/* analytics-demo.js */');
    const css = await app.request('/demo/shop/shop.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const again = await app.request('/demo/shop/analytics-demo.js', {
      headers: { 'if-none-match': js.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for files that are not part of the build', async () => {
    const app = shopApp({ siteKey: () => 'k', distDir: built });
    for (const path of ['/demo/shop/secret.js', '/demo/shop/..%2Fpackage.json']) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it('says to run npm run build:demo when the build is missing', async () => {
    const app = shopApp({ siteKey: () => 'k', distDir: empty });
    for (const path of ['/demo/shop/', '/demo/shop/shop.js', '/demo/shop/shop.css']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('npm run build:demo');
    }
  });
});
