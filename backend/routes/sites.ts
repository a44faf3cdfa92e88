/** Admin: sites and their policy versions. */
import { Hono } from 'hono';
import * as v from 'valibot';
import { text } from '../../lib/schema-parts';
import { validateSiteConfig } from '../../lib/site-config-rules';
import { jsonBody } from '../body';
import type { AppEnv } from '../context';
import { apiError, validationError } from '../errors';
import type { FieldIssue } from '../../lib/field-issues';
import { OriginSchema as Origin } from '../origin';
import { SiteIdSchema, siteIdFor } from '../site-id';
import { siteForAdmin } from './admin-site';

/** The body of POST /v1/sites (its config checked by validateSiteConfig). */
export const SiteBodySchema = v.strictObject({
  id: v.optional(SiteIdSchema),
  name: text(200),
  allowedOrigins: v.pipe(v.array(Origin), v.maxLength(50)),
  config: v.unknown(),
});

/** The body of POST /v1/sites/:id/policies. */
export const PolicyBodySchema = v.strictObject({
  allowedOrigins: v.optional(v.pipe(v.array(Origin), v.maxLength(50))),
  config: v.unknown(),
});

const prefixed = (issues: FieldIssue[]) =>
  issues.map((i) => ({ ...i, path: i.path ? `config.${i.path}` : 'config' }));

/** Routes under /v1/sites for admin keys. */
export const sitesRoute = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { storage } = c.var.services;
    const sites = await storage.listSites();
    return c.json({
      sites: sites.filter((s) => c.var.key.siteId === null || s.id === c.var.key.siteId),
    });
  })
  .post('/', async (c) => {
    const { storage, now } = c.var.services;
    if (c.var.key.siteId !== null)
      throw apiError(403, 'forbidden', 'A site-bound admin key cannot create sites');
    const body = await jsonBody(c, SiteBodySchema);
    const config = validateSiteConfig(body.config);
    if (!config.ok)
      throw validationError(prefixed(config.error), 'The site configuration is not valid');
    const made = siteIdFor(body.id, body.name);
    if (!made.ok) throw validationError([{ path: 'id', message: made.message }]);
    const { id } = made;
    if (await storage.getSite(id)) throw apiError(409, 'conflict', `A site with id "${id}" exists`);
    const at = now();
    const site = {
      id,
      name: body.name,
      allowedOrigins: body.allowedOrigins,
      currentPolicy: config.value.policyVersion,
      createdAt: at,
    };
    await storage.createSite(site, {
      siteId: id,
      version: config.value.policyVersion,
      config: config.value,
      publishedAt: at,
    });
    return c.json({ site }, 201);
  })
  .get('/:id', async (c) => {
    const site = await siteForAdmin(c, c.req.param('id'));
    const policy = await c.var.services.storage.getPolicy(site.id, site.currentPolicy);
    return c.json({ site, config: policy?.config ?? null });
  })
  .post('/:id/policies', async (c) => {
    const { storage, now } = c.var.services;
    const site = await siteForAdmin(c, c.req.param('id'));
    const body = await jsonBody(c, PolicyBodySchema);
    const config = validateSiteConfig(body.config);
    if (!config.ok)
      throw validationError(prefixed(config.error), 'The site configuration is not valid');
    const version = config.value.policyVersion;
    if (await storage.getPolicy(site.id, version)) {
      throw apiError(
        409,
        'conflict',
        `Policy version "${version}" is already published and cannot change; publish a new version`,
      );
    }
    await storage.publishPolicy(
      { siteId: site.id, version, config: config.value, publishedAt: now() },
      body.allowedOrigins,
    );
    c.var.services.cache.sites.clear();
    return c.json({ site: await storage.getSite(site.id), config: config.value }, 201);
  });
