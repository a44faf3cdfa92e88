/** Admin: API keys. A key is shown once, when created; only its hash is kept. */
import { Hono } from 'hono';
import * as v from 'valibot';
import { generateKey } from '../auth/api-keys';
import { jsonBody } from '../body';
import type { AppEnv } from '../context';
import { apiError, notFound, validationError } from '../errors';
import type { KeyRow } from '../storage/storage';

/** The body of POST /v1/keys. */
export const KeyBodySchema = v.strictObject({
  scope: v.picklist(['site', 'reader', 'admin'], 'must be site, reader or admin'),
  siteId: v.optional(v.pipe(v.string(), v.maxLength(63))),
  label: v.optional(v.pipe(v.string(), v.maxLength(200, 'must be at most 200 characters')), ''),
});

const publicView = ({ hash: _hash, ...key }: KeyRow) => key;

/** Routes under /v1/keys for admin keys. */
export const keysRoute = new Hono<AppEnv>()
  .get('/', async (c) => {
    const keys = await c.var.services.storage.listKeys();
    const mine = c.var.key.siteId;
    return c.json({ keys: keys.filter((k) => mine === null || k.siteId === mine).map(publicView) });
  })
  .post('/', async (c) => {
    const { storage, now } = c.var.services;
    const body = await jsonBody(c, KeyBodySchema);
    if (body.scope !== 'admin' && !body.siteId)
      throw validationError([{ path: 'siteId', message: `a ${body.scope} key belongs to a site` }]);
    if (c.var.key.siteId !== null && body.siteId === undefined) {
      throw apiError(403, 'forbidden', 'A site-bound admin key cannot create keys for all sites');
    }
    if (c.var.key.siteId !== null && body.siteId !== c.var.key.siteId) {
      // Another site's id is answered as unknown, so a site-bound key cannot probe for sites.
      throw notFound('site');
    }
    if (body.siteId && !(await storage.getSite(body.siteId))) throw notFound('site');
    const { key, id, hash } = generateKey(body.scope);
    const row: KeyRow = {
      id,
      siteId: body.siteId ?? null,
      scope: body.scope,
      hash,
      label: body.label,
      createdAt: now(),
      revokedAt: null,
    };
    await storage.insertKey(row);
    return c.json({ ...publicView(row), key }, 201);
  })
  .delete('/:id', async (c) => {
    const { storage, now } = c.var.services;
    const id = c.req.param('id');
    const target = (await storage.listKeys()).find((k) => k.id === id);
    if (!target || (c.var.key.siteId !== null && target.siteId !== c.var.key.siteId))
      throw notFound('key');
    if (target.id === c.var.key.id) throw apiError(409, 'conflict', 'A key cannot revoke itself');
    await storage.revokeKey(id, now());
    c.var.services.cache.keys.clear();
    return c.json({ ...publicView(target), revokedAt: target.revokedAt ?? now() });
  });
