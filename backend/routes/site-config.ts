/** GET /v1/site-config: what the widget needs, public and cacheable. */
import { Hono } from 'hono';
import { regimeForRegion } from '../../lib/region';
import { stringsFor } from '../../lib/ui-strings';
import { rawPublicKey } from '../crypto/secrets';
import { sha256 } from '../crypto/hash';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { regionOf } from '../request-facts';

/**
 * The site's current configuration and the regime for this visitor. The country comes from the
 * trusted proxy header when one is configured; without it (or for an unknown country) the site's
 * `fallbackRegime` applies (GDPR unless the site says otherwise).
 */
export const siteConfigRoute = new Hono<AppEnv>().get('/', async (c) => {
  const { storage, secrets, config } = c.var.services;
  const site = await storage.getSite(c.var.key.siteId!);
  const policy = site && (await storage.getPolicy(site.id, site.currentPolicy));
  if (!site || !policy) throw notFound('site');
  const region = regionOf(c);
  const body = JSON.stringify({
    siteId: site.id,
    policyVersion: policy.version,
    regime: regimeForRegion(region, policy.config.fallbackRegime),
    region,
    config: policy.config,
    // The widget carries English only; the site's other languages come with its configuration.
    strings: Object.fromEntries(
      policy.config.languages.map((language) => [language, stringsFor(language)]),
    ),
    ledgerKey: {
      keyId: secrets.keyId,
      algorithm: 'Ed25519',
      publicKey: rawPublicKey(secrets.publicKey).toString('base64url'),
    },
  });
  const etag = `"${sha256(body).slice(0, 32)}"`;
  const vary = ['Origin', config.countryHeader, config.regionHeader].filter(Boolean).join(', ');
  c.header('etag', etag);
  c.header('cache-control', 'public, max-age=300');
  c.header('vary', vary);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
});
