import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { hashKey, looksLikeKey } from '../auth/api-keys';
import { presentedKey } from './require-key';

const ALLOW_HEADERS = 'authorization, content-type, x-consentry-key';

/**
 * CORS for the public, site-key routes only: a browser origin is allowed when it is one of the
 * site's allowed origins. Preflights are answered for the site named by `?key=`, or for any site
 * listing the origin (preflights carry no headers). Real requests from other origins get 403.
 */
export const siteCors = () =>
  createMiddleware<AppEnv>(async function siteCors(c, next) {
    const origin = c.req.header('origin');
    const { storage } = c.var.services;
    if (c.req.method === 'OPTIONS') {
      const presented = presentedKey(c.req);
      const key =
        presented && looksLikeKey(presented)
          ? await storage.findKeyByHash(hashKey(presented))
          : null;
      const sites = key?.siteId ? [await storage.getSite(key.siteId)] : await storage.listSites();
      const allowed = !!origin && sites.some((s) => s?.allowedOrigins.includes(origin));
      if (!allowed) return c.body(null, 204, { vary: 'Origin' });
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    c.header('vary', 'Origin', { append: true });
  });

/**
 * After the key is known: refuses requests from origins the site does not allow. Writes must come
 * from a browser on an allowed origin; public reads may also come without an Origin (servers, curl).
 */
export const checkSiteOrigin = (options: { requireOrigin: boolean }) =>
  createMiddleware<AppEnv>(async function checkSiteOrigin(c, next) {
    const origin = c.req.header('origin');
    const { storage, cache } = c.var.services;
    const siteId = c.var.key.siteId;
    const site = siteId ? await cache.sites.get(siteId, () => storage.getSite(siteId)) : null;
    if (!site) throw apiError(403, 'forbidden', 'This key is not bound to a site');
    if (!origin && !options.requireOrigin) return next();
    if (!origin || !site.allowedOrigins.includes(origin)) {
      throw apiError(403, 'forbidden', 'This origin is not allowed for the site');
    }
    c.header('access-control-allow-origin', origin);
    await next();
  });
