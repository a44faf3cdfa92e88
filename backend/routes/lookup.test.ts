/** POST /v1/lookup: per-purpose status by identifier digest, for the CRM extension. */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../../lib/consent-event';
import { statusOf, type DecisionEvent } from '../../lib/consent-status';
import { identifierDigest } from '../../lib/digest';
import { ErrorBodySchema } from '../../lib/error-body';
import { normaliseEmail, normalisePhone } from '../../lib/identifiers';
import { LookupResponseSchema, type LookupResponse, type LookupResult } from '../../lib/lookup';
import type { PurposeId } from '../../lib/purposes';
import { METHODS } from '../../lib/schema-parts';
import { demoConfig } from '../demo/demo-config';
import { consentEvent, testLedger, ledgersClosedAfterEach, type TestLedger } from '../testing';

const T0 = Date.UTC(2026, 10, 29, 12);
const DAY = 86_400_000;
const SITE = 'demo-shop';
const PURPOSES: PurposeId[] = [
  'necessary',
  'analytics',
  'advertising',
  'marketing_email',
  'sale_sharing',
  'cross_border_transfer',
];

type Ledger = TestLedger;
const ledger = ledgersClosedAfterEach({ now: T0 });

const digestOfEmail = async (email: string) => {
  const n = normaliseEmail(email);
  if (!n.ok) throw new Error(`bad test email ${email}`);
  return identifierDigest(n.value);
};

async function post(l: Ledger, event: ConsentEvent, headers: Record<string, string> = {}) {
  const res = await l.postEvents(event, headers);
  expect(res.status, await res.clone().text()).toBe(201);
}

async function lookupRaw(l: Ledger, body: unknown, key = l.keys.reader) {
  return l.call('POST', '/v1/lookup', { key, body });
}

async function lookup(
  l: Ledger,
  digests: string[],
  purposes?: PurposeId[],
): Promise<LookupResponse> {
  const res = await lookupRaw(l, purposes ? { digests, purposes } : { digests });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(text);
  const parsed = v.safeParse(LookupResponseSchema, body);
  expect(parsed.success, text).toBe(true);
  return body as LookupResponse;
}

async function lookupOne(l: Ledger, email: string): Promise<LookupResult> {
  const { results } = await lookup(l, [await digestOfEmail(email)]);
  expect(results).toHaveLength(1);
  return results[0]!;
}

const statuses = (r: LookupResult) =>
  Object.fromEntries(Object.entries(r.purposes).map(([p, a]) => [p, a.status]));
const codes = (r: LookupResult) => r.warnings.map((w) => w.code);

async function publishPolicy(l: Ledger, policyVersion: string) {
  const res = await l.call('POST', `/v1/sites/${SITE}/policies`, {
    key: l.keys.admin,
    body: { config: { ...demoConfig(), policyVersion } },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('POST /v1/lookup: statuses', () => {
  it('reports granted and denied purposes with date, policy version and regime', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        choices: { necessary: true, analytics: true, advertising: false, marketing_email: true },
        regime: 'gdpr',
      }),
    );
    const r = await lookupOne(l, '  Jane@Example.COM ');
    expect(r.digest).toBe(await digestOfEmail('jane@example.com'));
    expect(statuses(r)).toEqual({
      necessary: 'granted',
      analytics: 'granted',
      advertising: 'denied',
      marketing_email: 'granted',
      sale_sharing: 'unknown',
      cross_border_transfer: 'unknown',
    });
    expect(r.purposes.marketing_email).toMatchObject({
      at: new Date(T0).toISOString(),
      policyVersion: '2026-11',
      regime: 'gdpr',
    });
    expect(r.purposes.sale_sharing).toMatchObject({ at: null, policyVersion: null, regime: null });
  });

  it('reports only the purposes asked for', async () => {
    const l = await ledger();
    await post(l, consentEvent({ identifiers: { email: 'jane@example.com' } }));
    const { results } = await lookup(
      l,
      [await digestOfEmail('jane@example.com')],
      ['marketing_email'],
    );
    expect(Object.keys(results[0]!.purposes)).toEqual(['marketing_email']);
  });

  it('finds a person by phone digest as well as by email digest', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com', phone: '+4930123456' },
        choices: { marketing_email: true },
      }),
    );
    const phone = normalisePhone('+49 30 123456');
    if (!phone.ok) throw new Error('bad test phone');
    const { results } = await lookup(l, [await identifierDigest(phone.value)]);
    expect(results[0]!.purposes.marketing_email!.status).toBe('granted');
  });

  it('reports a withdrawal, with the date of the withdrawal', async () => {
    const l = await ledger();
    const visitorId = 'visitor-withdraw-1';
    await post(
      l,
      consentEvent({
        visitorId,
        identifiers: { email: 'jane@example.com' },
        choices: { marketing_email: true },
      }),
    );
    l.advanceDays(10);
    await post(
      l,
      consentEvent({
        visitorId,
        identifiers: { email: 'jane@example.com' },
        method: 'withdrawal',
        choices: { marketing_email: false },
      }),
    );
    const r = await lookupOne(l, 'jane@example.com');
    expect(r.purposes.marketing_email).toMatchObject({
      status: 'withdrawn',
      at: new Date(T0 + 10 * DAY).toISOString(),
    });
    expect(r.purposes.marketing_email!.reason).toContain('2026-12-09');
  });

  it('counts a later anonymous event of the same device for the person', async () => {
    const l = await ledger();
    const visitorId = 'visitor-linked-1';
    await post(
      l,
      consentEvent({
        visitorId,
        identifiers: { email: 'jane@example.com' },
        choices: { analytics: true, marketing_email: true },
      }),
    );
    l.advanceDays(2);
    const anonymous = consentEvent({
      visitorId,
      method: 'withdrawal',
      choices: { marketing_email: false },
    });
    expect(anonymous.identifiers).toBeUndefined();
    await post(l, anonymous);
    const r = await lookupOne(l, 'jane@example.com');
    expect(r.purposes.marketing_email!.status).toBe('withdrawn');
    expect(r.purposes.analytics!.status).toBe('granted');
  });

  it('does not count another device that never identified as the person', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        choices: { marketing_email: true },
      }),
    );
    l.advanceDays(1);
    await post(l, consentEvent({ method: 'withdrawal', choices: { marketing_email: false } }));
    expect((await lookupOne(l, 'jane@example.com')).purposes.marketing_email!.status).toBe(
      'granted',
    );
  });

  it('reports a grant as expired once the regime lifetime (182 days under GDPR) has passed', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        choices: { marketing_email: true },
      }),
    );
    l.advanceDays(160);
    const before = await lookupOne(l, 'jane@example.com');
    expect(before.purposes.marketing_email!.status).toBe('granted');
    expect(codes(before)).toContain('expiring_soon');
    l.advanceDays(23);
    const after = await lookupOne(l, 'jane@example.com');
    expect(after.purposes.marketing_email!.status).toBe('expired');
    expect(codes(after)).not.toContain('expiring_soon');
  });

  it('reports a grant under a superseded policy version as outdated_policy', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        choices: { marketing_email: true, advertising: false },
      }),
    );
    await publishPolicy(l, '2027-01');
    const r = await lookupOne(l, 'jane@example.com');
    expect(r.purposes.marketing_email).toMatchObject({
      status: 'outdated_policy',
      policyVersion: '2026-11',
    });
    expect(r.purposes.advertising!.status).toBe('denied');
    // A fresh grant under the new version is current again.
    l.advanceDays(1);
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        policyVersion: '2027-01',
        choices: { marketing_email: true },
      }),
    );
    expect((await lookupOne(l, 'jane@example.com')).purposes.marketing_email).toMatchObject({
      status: 'granted',
      policyVersion: '2027-01',
    });
  });

  it('answers unknown, unverified and without warnings for someone never seen', async () => {
    const l = await ledger();
    await post(l, consentEvent({ identifiers: { email: 'jane@example.com' } }));
    const r = await lookupOne(l, 'nobody@example.com');
    expect(new Set(Object.values(statuses(r)))).toEqual(new Set(['unknown']));
    expect(Object.keys(r.purposes).sort()).toEqual([...PURPOSES].sort());
    expect(r.verified).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('says an identity claimed through the widget is not verified', async () => {
    const l = await ledger();
    await post(l, consentEvent({ identifiers: { email: 'jane@example.com' } }));
    const r = await lookupOne(l, 'jane@example.com');
    expect(r.verified).toBe(false);
    expect(codes(r)).toContain('unverified_identity');
  });

  it('warns when the person opted out by Global Privacy Control', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({
        identifiers: { email: 'jane@example.com' },
        gpc: true,
        method: 'gpc',
        choices: { sale_sharing: false, advertising: false },
      }),
      { 'sec-gpc': '1' },
    );
    const r = await lookupOne(l, 'jane@example.com');
    expect(codes(r)).toContain('gpc_opt_out');
    expect(r.purposes.sale_sharing!.status).toBe('denied');
    expect(r.purposes.sale_sharing!.reason).toMatch(/Global Privacy Control/);
    const other = await lookupOne(l, 'nobody@example.com');
    expect(codes(other)).not.toContain('gpc_opt_out');
  });

  it('answers in request order, one result per digest', async () => {
    const l = await ledger();
    await post(
      l,
      consentEvent({ identifiers: { email: 'a@example.com' }, choices: { marketing_email: true } }),
    );
    await post(
      l,
      consentEvent({
        identifiers: { email: 'c@example.com' },
        choices: { marketing_email: false },
      }),
    );
    const digests = await Promise.all(
      ['c@example.com', 'b@example.com', 'a@example.com'].map(digestOfEmail),
    );
    const { results } = await lookup(l, digests);
    expect(results.map((r) => r.digest)).toEqual(digests);
    expect(results.map((r) => r.purposes.marketing_email!.status)).toEqual([
      'denied',
      'unknown',
      'granted',
    ]);
  });

  it('never returns an email, phone, visitor id or page in the answer', async () => {
    const l = await ledger();
    const event = consentEvent({
      visitorId: 'visitor-secret-77',
      identifiers: { email: 'jane.doe@example.com', phone: '+4930123456' },
      pageUrl: 'https://shop.example/account?user=jane.doe',
    });
    await post(l, event);
    const res = await lookupRaw(l, { digests: [await digestOfEmail('jane.doe@example.com')] });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [
      'jane.doe',
      'jane',
      'example.com',
      '4930123456',
      'visitor-secret-77',
      '/account',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('POST /v1/lookup: bad requests and accountability', () => {
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  const cases: [string, unknown, string][] = [
    ['no digest', { digests: [] }, 'digests'],
    ['501 digests', { digests: Array.from({ length: 501 }, (_, i) => hex(i)) }, 'digests'],
    ['a repeated digest', { digests: [hex(1), hex(2), hex(1)] }, 'digests'],
    ['an upper-case digest', { digests: ['A'.repeat(64)] }, 'digests.0'],
    ['an email instead of a digest', { digests: ['jane@example.com'] }, 'digests.0'],
    ['an unknown purpose', { digests: [hex(1)], purposes: ['telepathy'] }, 'purposes.0'],
    ['an unknown field', { digests: [hex(1)], email: 'jane@example.com' }, 'email'],
  ];

  it.each(cases)('answers 422 to %s', async (_, body, path) => {
    const l = await ledger();
    const res = await lookupRaw(l, body);
    expect(res.status).toBe(422);
    const error: unknown = await res.json();
    expect(v.safeParse(ErrorBodySchema, error).success).toBe(true);
    const issues = (error as v.InferOutput<typeof ErrorBodySchema>).error.issues ?? [];
    expect(issues.map((i) => i.path)).toContain(path);
    expect(await l.services.storage.accessLog(SITE, 0)).toEqual([]);
  });

  it('accepts exactly 500 digests', async () => {
    const l = await ledger();
    const { results } = await lookup(
      l,
      Array.from({ length: 500 }, (_, i) => hex(i)),
    );
    expect(results).toHaveLength(500);
  });

  it('needs an admin key to name the site, and answers 404 for a site that does not exist', async () => {
    const l = await ledger();
    const body = { digests: [hex(1)] };
    const unnamed = await l.call('POST', '/v1/lookup', { key: l.keys.admin, body });
    expect(unnamed.status).toBe(400);
    expect(v.safeParse(ErrorBodySchema, await unnamed.json()).success).toBe(true);
    const named = await l.call('POST', `/v1/lookup?site=${SITE}`, { key: l.keys.admin, body });
    expect(named.status).toBe(200);
    const missing = await l.call('POST', '/v1/lookup?site=no-such-shop', {
      key: l.keys.admin,
      body,
    });
    expect(missing.status).toBe(404);
  });

  it('logs who looked up how many identifiers, and when', async () => {
    const l = await ledger();
    const reader = (await l.services.storage.listKeys()).find((k) => k.scope === 'reader')!;
    await lookup(l, [hex(1), hex(2), hex(3)]);
    l.advanceDays(1);
    await lookup(l, [hex(4)]);
    expect(await l.services.storage.accessLog(SITE, 0)).toEqual([
      { at: T0, keyId: reader.id, siteId: SITE, action: 'lookup', count: 3 },
      { at: T0 + DAY, keyId: reader.id, siteId: SITE, action: 'lookup', count: 1 },
    ]);
  });
});

describe('POST /v1/lookup: the status equals lib/ statusOf over the same events', () => {
  const OPTIONAL: PurposeId[] = PURPOSES.filter((p) => p !== 'necessary');
  const choicesArb = fc
    .record(
      {
        necessary: fc.constant(true),
        ...Object.fromEntries(OPTIONAL.map((p) => [p, fc.boolean()])),
      } as Record<PurposeId, fc.Arbitrary<boolean>>,
      { requiredKeys: [] },
    )
    .filter((c) => Object.keys(c).length > 0);
  const stepArb = fc.record({
    advance: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 3 * DAY }),
      fc.integer({ min: 0, max: 200 * DAY }),
    ),
    choices: choicesArb,
    method: fc.constantFrom(...METHODS),
    regime: fc.constantFrom('gdpr' as const, 'ccpa' as const, 'pipl' as const, 'lgpd' as const),
    anonymous: fc.boolean(),
    publishBefore: fc.boolean(),
    oldPolicy: fc.boolean(),
  });

  it('for random sequences of decisions, methods, policy changes and clock moves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 * DAY }),
        async (steps, finalAdvance) => {
          const l = await testLedger({ now: T0 });
          try {
            let now = T0;
            const versions = ['2026-11'];
            const visitorId = `v-${randomUUID().slice(0, 8)}`;
            const decisions: DecisionEvent[] = [];
            for (const [i, step] of steps.entries()) {
              now += step.advance;
              l.setNow(now);
              if (step.publishBefore && versions.length < 3) {
                versions.push(`2027-0${versions.length}`);
                await publishPolicy(l, versions.at(-1)!);
              }
              const policyVersion = step.oldPolicy ? versions[0]! : versions.at(-1)!;
              const event = consentEvent({
                visitorId,
                identifiers: i === 0 || !step.anonymous ? { email: 'prop@example.com' } : undefined,
                choices: step.choices,
                method: step.method,
                regime: step.regime,
                policyVersion,
              });
              await post(l, event);
              decisions.push({
                eventId: event.eventId,
                at: now,
                method: step.method,
                policyVersion,
                regime: step.regime,
                choices: step.choices,
              });
            }
            now += finalAdvance;
            l.setNow(now);
            const r = await lookupOne(l, 'prop@example.com');
            for (const purpose of PURPOSES) {
              const expected = statusOf(decisions, purpose, {
                now,
                policyVersion: versions.at(-1)!,
              });
              expect(r.purposes[purpose], purpose).toEqual({
                status: expected.status,
                at: expected.event ? new Date(expected.event.at).toISOString() : null,
                policyVersion: expected.event?.policyVersion ?? null,
                regime: expected.event?.regime ?? null,
                reason: expected.reason,
              });
            }
          } finally {
            await l.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
