/** Admin: data-subject requests. Identifiers travel in POST bodies, never in URLs (which get logged). */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { jsonBody } from '../body';
import type { AppEnv } from '../context';
import { validationError } from '../errors';
import {
  BadPersonQuery,
  erasePerson,
  exportPerson,
  history,
  type PersonQuery,
} from '../ledger/data-subject';
import { siteForAdmin } from './admin-site';

/** Who a data-subject request is about: the body of POST /v1/sites/:id/subjects/*. */
export const PersonQuerySchema = v.union(
  [
    v.strictObject({ email: v.pipe(v.string(), v.maxLength(512)) }),
    v.strictObject({
      phone: v.pipe(v.string(), v.maxLength(64)),
      defaultRegion: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z]{2}$/))),
    }),
    v.strictObject({ digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)) }),
  ],
  'must be exactly one of { email }, { phone, defaultRegion? } or { digest }',
);

async function run<T>(
  c: Context<AppEnv>,
  task: (siteId: string, query: PersonQuery) => Promise<T>,
): Promise<T> {
  const site = await siteForAdmin(c, c.req.param('id')!);
  const query = (await jsonBody(c, PersonQuerySchema)) as PersonQuery;
  try {
    return await task(site.id, query);
  } catch (error) {
    if (error instanceof BadPersonQuery)
      throw validationError([{ path: '', message: error.message }]);
    throw error;
  }
}

/** Routes under /v1/sites/:id/subjects for admin keys. */
export const subjectsRoute = new Hono<AppEnv>()
  .post('/history', async (c) => {
    const result = await run(c, (siteId, q) => history(c.var.services, siteId, q));
    await c.var.services.storage.logAccess({
      at: c.var.services.now(),
      keyId: c.var.key.id,
      siteId: result.siteId,
      action: 'history',
      count: 1,
    });
    c.header('cache-control', 'no-store');
    return c.json(result);
  })
  .post('/export', async (c) => {
    const result = await run(c, (siteId, q) =>
      exportPerson(c.var.services, siteId, q, c.var.key.id),
    );
    c.header('cache-control', 'no-store');
    c.header('content-disposition', 'attachment; filename="consentry-export.json"');
    return c.json(result);
  })
  .post('/erase', async (c) => {
    const result = await run(c, (siteId, q) =>
      erasePerson(c.var.services, siteId, q, c.var.key.id),
    );
    return c.json(result);
  });
