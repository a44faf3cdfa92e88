/**
 * Serves the built widget (`npm run build:widget`): `/consentry.js` (and `/consentry-inline.js`)
 * for the script tag (an hour of caching plus revalidation by ETag, so updates reach sites), and
 * the same bytes under `/widget/consentry.<hash>.js`, cached for a year as immutable, for sites
 * that pin a version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { sha256 } from '../crypto/hash';
import { apiError } from '../errors';

interface Built {
  body: Buffer;
  hash: string;
}

const cache = new Map<string, Built | null>();

function load(dir: string, file: string): Built | null {
  const key = join(dir, file);
  if (!cache.has(key)) {
    try {
      const body = readFileSync(key);
      cache.set(key, { body, hash: sha256(body).slice(0, 16) });
    } catch {
      cache.set(key, null);
    }
  }
  return cache.get(key)!;
}

const missing = () =>
  apiError(
    404,
    'not_found',
    'The widget is not built: run `npm run build:widget` (npm start does it for you)',
  );

const FILES = ['consentry.js', 'consentry-inline.js'];

/** Routes for the widget files. */
export const widgetRoute = new Hono<AppEnv>();

for (const file of FILES) {
  widgetRoute.get(`/${file}`, (c) => {
    const built = load(c.var.services.config.widgetDir, file);
    if (!built) throw missing();
    const etag = `"${built.hash}"`;
    c.header('etag', etag);
    c.header('cache-control', 'public, max-age=3600, stale-while-revalidate=86400');
    c.header('x-consentry-widget', `/widget/${file.replace(/\.js$/, '')}.${built.hash}.js`);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(new Uint8Array(built.body), 200, {
      'content-type': 'text/javascript; charset=utf-8',
    });
  });
}

widgetRoute.get('/widget/:file', (c) => {
  const pinned = /^(consentry(?:-inline)?)\.([0-9a-f]{16})\.js$/.exec(c.req.param('file'));
  const built = pinned ? load(c.var.services.config.widgetDir, `${pinned[1]}.js`) : null;
  if (!built || built.hash !== pinned?.[2]) throw missing();
  c.header('cache-control', 'public, max-age=31536000, immutable');
  return c.body(new Uint8Array(built.body), 200, {
    'content-type': 'text/javascript; charset=utf-8',
  });
});
