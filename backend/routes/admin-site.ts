import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import type { SiteRow } from '../storage/storage';

/** The site named in the path, if this admin key may see it; otherwise 404 (never 403, so ids cannot be probed). */
export async function siteForAdmin(c: Context<AppEnv>, id: string): Promise<SiteRow> {
  const key = c.var.key;
  const site =
    key.siteId === null || key.siteId === id ? await c.var.services.storage.getSite(id) : null;
  if (!site) throw notFound('site');
  return site;
}
