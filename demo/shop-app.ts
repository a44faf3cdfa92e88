/**
 * The demo shop as a Hono sub-app: `/demo/shop/` (the page, `?lang=de` for German) and its built
 * files under `/demo/shop/`. Mount it on the ledger's own app, so the widget's script and API share
 * the page's origin.
 */
import { Hono } from 'hono';
import { SAME_ORIGIN_CSP, builtFile, htmlPage, isBuilt, notBuilt } from './responses';
import { SHOP_PATH } from './shop/shop-path';
import { shopPage } from './shop/shop-page';

/**
 * The shop page's policy: nothing inline, everything from the ledger's origin, and Trusted Types
 * with only the widget's `consentry` policy (it creates the gated scripts).
 */
export const SHOP_CSP = [
  ...SAME_ORIGIN_CSP,
  "require-trusted-types-for 'script'",
  'trusted-types consentry',
].join('; ');

/** The files `npm run build:demo` writes to `<distDir>/shop/`. */
export const SHOP_FILES = ['shop.js', 'shop.css', 'analytics-demo.js', 'ads-demo.js'] as const;

/** Options of shopApp. */
export interface ShopAppOptions {
  /** The demo site's public key (pk_…), read on every page view. */
  siteKey: () => string;
  /** The demo build's folder (`dist/demo`). */
  distDir: string;
}

/** Builds the demo shop's routes. */
export function shopApp({ siteKey, distDir }: ShopAppOptions): Hono {
  const app = new Hono();
  const files = new Set<string>(SHOP_FILES);
  app.get(SHOP_PATH.slice(0, -1), (c) =>
    c.redirect(`${SHOP_PATH}${new URL(c.req.url).search}`, 301),
  );
  app.get(SHOP_PATH, async function shopPageRoute(c) {
    if (!(await isBuilt(distDir, 'shop/shop.js'))) return notBuilt(c, 'shop/shop.js');
    return htmlPage(c, shopPage({ siteKey: siteKey(), lang: c.req.query('lang') }), SHOP_CSP);
  });
  app.get(`${SHOP_PATH}:file`, function shopFileRoute(c) {
    const file = c.req.param('file');
    return files.has(file) ? builtFile(c, distDir, `shop/${file}`) : c.text('Not found\n', 404);
  });
  return app;
}
