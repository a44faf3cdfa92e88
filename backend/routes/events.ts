/** POST /v1/events: the consent write path (site keys, from the site's allowed origins). */
import { Hono } from 'hono';
import * as v from 'valibot';
import { ConsentBatchSchema, ConsentEventSchema, type ConsentEvent } from '../../lib/consent-event';
import type { FieldIssue } from '../../lib/field-issues';
import { normalisePhone } from '../../lib/identifiers';
import { PURPOSES } from '../../lib/purposes';
import type { AppEnv, Services } from '../context';
import { apiError, validationError } from '../errors';
import { consentDraft } from '../ledger/consent-draft';
import { receiptFor } from '../ledger/receipts';
import { jsonBody } from '../body';
import { gpcHeaderOf, regionOf } from '../request-facts';

type Body = v.InferOutput<typeof ConsentEventSchema> | v.InferOutput<typeof ConsentBatchSchema>;

/** A batch when the body has `events`, else one event: so errors name the fields of the right shape. */
const schemaFor = (raw: unknown): v.GenericSchema<unknown, Body> =>
  typeof raw === 'object' && raw !== null && 'events' in raw
    ? ConsentBatchSchema
    : ConsentEventSchema;

/** Checks what the schema cannot: the site, its policy version and its purposes. */
async function siteIssues(
  services: Services,
  siteId: string,
  events: ConsentEvent[],
  prefix: (i: number) => string,
) {
  const issues: FieldIssue[] = [];
  const policies = new Map<string, Awaited<ReturnType<Services['storage']['getPolicy']>>>();
  for (const [i, event] of events.entries()) {
    if (event.siteId !== siteId) {
      issues.push({ path: `${prefix(i)}siteId`, message: 'must be the site of the key' });
      continue;
    }
    if (!policies.has(event.policyVersion))
      policies.set(
        event.policyVersion,
        await services.storage.getPolicy(siteId, event.policyVersion),
      );
    const policy = policies.get(event.policyVersion);
    if (!policy) {
      issues.push({
        path: `${prefix(i)}policyVersion`,
        message: `the site has no policy version "${event.policyVersion}"`,
      });
      continue;
    }
    const phone = event.identifiers?.phone;
    if (phone) {
      const checked = normalisePhone(phone);
      if (!checked.ok || checked.value.value !== phone) {
        issues.push({
          path: `${prefix(i)}identifiers.phone`,
          message: 'must be a valid phone number in E.164 form',
        });
      }
    }
    const declared = new Set(policy.config.purposes.map((p) => p.id));
    for (const purpose of Object.keys(event.choices) as (keyof typeof PURPOSES)[]) {
      if (!declared.has(purpose)) {
        issues.push({
          path: `${prefix(i)}choices.${purpose}`,
          message: `purpose "${purpose}" is not declared by policy ${event.policyVersion}`,
        });
      } else if (!PURPOSES[purpose].optional && event.choices[purpose] === false) {
        issues.push({
          path: `${prefix(i)}choices.${purpose}`,
          message: `purpose "${purpose}" is not optional and cannot be refused`,
        });
      }
    }
  }
  return issues;
}

/** The events route. */
export const eventsRoute = new Hono<AppEnv>().post('/', async (c) => {
  const services = c.var.services;
  const body: Body = await jsonBody(c, schemaFor);
  const single = !('events' in body);
  const events = single ? [body] : body.events;
  const siteId = c.var.key.siteId!;
  const issues = await siteIssues(services, siteId, events, (i) => (single ? '' : `events.${i}.`));
  if (issues.length) throw validationError(issues);
  const region = regionOf(c);
  const facts = {
    receivedAt: services.now(),
    ...region,
    gpcHeader: gpcHeaderOf(c),
    keyId: c.var.key.id,
  };
  const drafts = await Promise.all(
    events.map((e) => consentDraft(e, facts, services.secrets.pepper)),
  );
  const outcomes = await Promise.all(drafts.map((d) => services.writer.write(d)));
  const results = outcomes.map((o) =>
    o.status === 'conflict'
      ? { eventId: o.row.eventId, status: o.status }
      : { eventId: o.row.eventId, status: o.status, receipt: receiptFor(o.row, services.secrets) },
  );
  if (single) {
    const [only] = outcomes;
    if (only!.status === 'conflict') {
      throw apiError(409, 'conflict', 'This event id was already used for a different event');
    }
    return c.json(results[0]!.receipt!, only!.status === 'stored' ? 201 : 200);
  }
  return c.json({ results }, outcomes.some((o) => o.status === 'stored') ? 201 : 200);
});
