/** POST /v1/lookup: consent status by identifier digest, for the CRM extension (reader keys). */
import { Hono } from 'hono';
import { statusesOf } from '../../lib/consent-status';
import { LookupRequestSchema, type LookupResponse, type LookupResult } from '../../lib/lookup';
import type { PurposeId } from '../../lib/purposes';
import { jsonBody } from '../body';
import type { AppEnv } from '../context';
import { subjectRef } from '../crypto/subject-ref';
import { apiError, notFound } from '../errors';
import { decisionEvents, findPeople } from '../ledger/person';

const DAY_MS = 86_400_000;

/** The look-up route. Answers never carry personal data; every look-up is logged with its size. */
export const lookupRoute = new Hono<AppEnv>().post('/', async (c) => {
  const { storage, secrets, now: clock } = c.var.services;
  const request = await jsonBody(c, LookupRequestSchema);
  const siteId = c.var.key.siteId ?? c.req.query('site');
  if (!siteId) throw apiError(400, 'bad_request', 'An admin key must name the site: ?site=<id>');
  const site = await storage.getSite(siteId);
  const policy = site && (await storage.getPolicy(site.id, site.currentPolicy));
  if (!site || !policy) throw notFound('site');
  const purposes: PurposeId[] = request.purposes ?? policy.config.purposes.map((p) => p.id);
  const now = clock();
  const context = { now, policyVersion: policy.version, lifetimeDays: policy.config.lifetimeDays };
  const results: LookupResult[] = [];
  const people = await findPeople(
    storage,
    site.id,
    request.digests.map((digest) => subjectRef(secrets.pepper, site.id, digest)),
  );
  for (const [i, digest] of request.digests.entries()) {
    const person = people[i]!;
    const statuses = statusesOf(decisionEvents(person), purposes, context);
    const warnings: LookupResult['warnings'] = [];
    const known = person.entries.length > 0;
    if (person.erasedAt !== null && !known) {
      warnings.push({
        code: 'erased',
        message: `Erased on request on ${new Date(person.erasedAt).toISOString().slice(0, 10)}`,
      });
    }
    if (known && !person.verified) {
      warnings.push({
        code: 'unverified_identity',
        message: 'Identity claimed on the website, not confirmed (no double opt-in)',
      });
    }
    if (person.entries.at(-1)?.decision.gpc || person.entries.at(-1)?.decision.gpcHeader) {
      warnings.push({ code: 'gpc_opt_out', message: 'The browser sent Global Privacy Control' });
    }
    const soon = Object.values(statuses).some(
      (s) => s?.status === 'granted' && s.expiresAt !== null && s.expiresAt - now < 30 * DAY_MS,
    );
    if (soon) warnings.push({ code: 'expiring_soon', message: 'A consent expires within 30 days' });
    const answer: LookupResult['purposes'] = {};
    for (const purpose of purposes) {
      const s = statuses[purpose]!;
      answer[purpose] = {
        status: s.status,
        at: s.event ? new Date(s.event.at).toISOString() : null,
        policyVersion: s.event?.policyVersion ?? null,
        regime: s.event?.regime ?? null,
        reason: s.reason,
      };
    }
    results.push({ digest, verified: person.verified, purposes: answer, warnings });
  }
  await storage.logAccess({
    at: now,
    keyId: c.var.key.id,
    siteId: site.id,
    action: 'lookup',
    count: request.digests.length,
  });
  const body: LookupResponse = { results, checkedAt: new Date(now).toISOString() };
  c.header('cache-control', 'no-store');
  return c.json(body);
});
