/** POST /v1/lookup: consent status by identifier digest, for the CRM extension (reader keys). */
import { Hono } from 'hono';
import { LookupRequestSchema } from '../../lib/lookup';
import type { PurposeId } from '../../lib/purposes';
import { jsonBody } from '../body';
import type { AppEnv } from '../context';
import { subjectRef } from '../crypto/subject-ref';
import { apiError, notFound } from '../errors';
import { answerContextKey, cachedLookupJson } from '../ledger/lookup-result';
import { findPeople, type Person } from '../ledger/person';

/** The people behind the digests: from the cache, the rest read in one go and cached. */
async function cachedPeople(
  { storage, secrets, people: cache }: AppEnv['Variables']['services'],
  siteId: string,
  digests: readonly string[],
): Promise<Person[]> {
  const found = digests.map((digest) => cache.get(siteId, digest));
  const missing = [...new Set(digests.filter((_, i) => !found[i]))];
  if (missing.length === 0) return found as Person[];
  const readAt = cache.epoch;
  const read = await findPeople(
    storage,
    siteId,
    missing.map((digest) => subjectRef(secrets.pepper, siteId, digest)),
  );
  const byDigest = new Map(missing.map((digest, i) => [digest, read[i]!]));
  for (const [digest, person] of byDigest) cache.set(siteId, digest, person, readAt);
  return digests.map((digest, i) => found[i] ?? byDigest.get(digest)!);
}

const RESULTS_OPEN = Buffer.from('{"results":[');
const COMMA = Buffer.from(',');

/** The look-up route. Answers never carry personal data; every look-up is logged with its size. */
export const lookupRoute = new Hono<AppEnv>().post('/', async (c) => {
  const { storage, now: clock } = c.var.services;
  const request = await jsonBody(c, LookupRequestSchema);
  const siteId = c.var.key.siteId ?? c.req.query('site');
  if (!siteId) throw apiError(400, 'bad_request', 'An admin key must name the site: ?site=<id>');
  const site = await c.var.services.cache.sites.get(siteId, () => storage.getSite(siteId));
  const policy = site && (await storage.getPolicy(site.id, site.currentPolicy));
  if (!site || !policy) throw notFound('site');
  const purposes: PurposeId[] = request.purposes ?? policy.config.purposes.map((p) => p.id);
  const now = clock();
  const context = { now, policyVersion: policy.version, lifetimeDays: policy.config.lifetimeDays };
  const people = await cachedPeople(c.var.services, site.id, request.digests);
  const contextKey = answerContextKey(purposes, context);
  // The LookupResponse, assembled from the answers' cached JSON bytes (same bytes as c.json).
  const parts: Buffer[] = [RESULTS_OPEN];
  request.digests.forEach((digest, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(cachedLookupJson(people[i]!, digest, purposes, context, contextKey));
  });
  parts.push(Buffer.from(`],"checkedAt":${JSON.stringify(new Date(now).toISOString())}}`));
  await storage.logAccess({
    at: now,
    keyId: c.var.key.id,
    siteId: site.id,
    action: 'lookup',
    count: request.digests.length,
  });
  c.header('cache-control', 'no-store');
  return c.body(Buffer.concat(parts), 200, { 'content-type': 'application/json' });
});
