/** POST /v1/events: receipts, idempotency, strict validation and what the server stamps itself. */
import { createPublicKey, verify } from 'node:crypto';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json';
import type { ConsentEvent } from '../../lib/consent-event';
import { ErrorBodySchema } from '../../lib/error-body';
import { ReceiptSchema, type Receipt } from '../../lib/receipt';
import {
  consentEvent,
  testLedger,
  TEST_ORIGIN,
  ledgersClosedAfterEach,
  type TestLedger,
} from '../testing';

const T0 = Date.UTC(2026, 10, 29, 12);
const SITE = 'demo-shop';

type Ledger = TestLedger;
const ledger = ledgersClosedAfterEach({ now: T0 });

/** Verifies a receipt's signature against the published ledger key, as a visitor would offline. */
async function verifiesAgainstLedgerKey(l: Ledger, receipt: Receipt): Promise<boolean> {
  const res = await l.call('GET', '/v1/ledger-key');
  expect(res.status).toBe(200);
  const published = (await res.json()) as { keyId: string; publicKey: string; pem: string };
  expect(published.keyId).toBe(receipt.keyId);
  const fromRaw = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: published.publicKey },
    format: 'jwk',
  });
  const fromPem = createPublicKey(published.pem);
  const { signature, ...unsigned } = receipt;
  const payload = Buffer.from(canonicalJson(unsigned));
  const sig = Buffer.from(signature, 'base64url');
  const a = verify(null, payload, fromRaw, sig);
  const b = verify(null, payload, fromPem, sig);
  expect(a).toBe(b);
  return a;
}

const issuesOf = async (res: Response) => {
  const body: unknown = await res.json();
  const parsed = v.safeParse(ErrorBodySchema, body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  return (body as v.InferOutput<typeof ErrorBodySchema>).error;
};

describe('POST /v1/events: one event', () => {
  it('stores it and answers 201 with a receipt that verifies against GET /v1/ledger-key', async () => {
    const l = await ledger();
    const event = consentEvent({ identifiers: { email: 'jane@example.com' } });
    const res = await l.postEvents(event);
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as Receipt;
    expect(v.safeParse(ReceiptSchema, receipt).success).toBe(true);
    expect(receipt).toMatchObject({ eventId: event.eventId, siteId: SITE, position: 0 });
    expect(receipt.previousHash).toBe('0'.repeat(64));
    expect(await verifiesAgainstLedgerKey(l, receipt)).toBe(true);

    const [row] = await l.services.storage.readChain(SITE, 0, 10);
    expect(row).toMatchObject({ eventId: event.eventId, position: 0, hash: receipt.hash });
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
  });

  it('gives receipts that do not verify once any field is altered', async () => {
    const l = await ledger();
    const receipt = (await (await l.postEvents(consentEvent())).json()) as Receipt;
    expect(await verifiesAgainstLedgerKey(l, { ...receipt, position: 1 })).toBe(false);
    expect(await verifiesAgainstLedgerKey(l, { ...receipt, gpcHeader: !receipt.gpcHeader })).toBe(
      false,
    );
    expect(
      await verifiesAgainstLedgerKey(l, { ...receipt, receivedAt: new Date(T0 + 1).toISOString() }),
    ).toBe(false);
  });

  it('chains consecutive events: each receipt names the previous hash', async () => {
    const l = await ledger();
    const first = (await (await l.postEvents(consentEvent())).json()) as Receipt;
    const second = (await (await l.postEvents(consentEvent())).json()) as Receipt;
    expect(second.position).toBe(1);
    expect(second.previousHash).toBe(first.hash);
    expect(await verifiesAgainstLedgerKey(l, second)).toBe(true);
  });

  it('answers a retry with 200 and the same receipt, storing nothing new (even later)', async () => {
    const l = await ledger();
    const event = consentEvent({ identifiers: { email: 'jane@example.com' } });
    const first = await l.postEvents(event);
    const receipt = await first.json();
    l.setNow(T0 + 3_600_000);
    const again = await l.postEvents(event, { 'sec-gpc': '1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(receipt);
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
  });

  it('stores a retry sent concurrently with the original exactly once', async () => {
    const l = await ledger();
    const event = consentEvent();
    const [a, b] = await Promise.all([l.postEvents(event), l.postEvents(event)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await a.json()).toEqual(await b.json());
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
  });

  it('answers 409 to the same event id with a different body and stores nothing', async () => {
    const l = await ledger();
    const event = consentEvent();
    await l.postEvents(event);
    const [before] = await l.services.storage.readChain(SITE, 0, 10);
    const res = await l.postEvents({ ...event, choices: { analytics: false } });
    expect(res.status).toBe(409);
    expect((await issuesOf(res)).code).toBe('conflict');
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
    expect(await l.services.storage.readChain(SITE, 0, 10)).toEqual([before]);
  });

  it('accepts a text/plain body (sendBeacon cannot send application/json)', async () => {
    const l = await ledger();
    const res = await l.postEvents(JSON.stringify(consentEvent()), {
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(res.status).toBe(201);
    expect(await l.services.storage.chainLength(SITE)).toBe(1);
  });
});

describe('POST /v1/events: batches', () => {
  it('answers per event: stored, duplicate (with the original receipt) and conflict', async () => {
    const l = await ledger();
    const old = consentEvent();
    const oldReceipt = await (await l.postEvents(old)).json();
    const reused = consentEvent();
    await l.postEvents(reused);
    const fresh = [consentEvent(), consentEvent()];
    const res = await l.postEvents({
      events: [fresh[0], old, { ...reused, gpc: true }, fresh[1]],
    });
    expect(res.status).toBe(201);
    const { results } = (await res.json()) as {
      results: { eventId: string; status: string; receipt?: Receipt }[];
    };
    expect(results.map((r) => [r.eventId, r.status])).toEqual([
      [fresh[0]!.eventId, 'stored'],
      [old.eventId, 'duplicate'],
      [reused.eventId, 'conflict'],
      [fresh[1]!.eventId, 'stored'],
    ]);
    expect(results[1]!.receipt).toEqual(oldReceipt);
    expect(results[2]!.receipt).toBeUndefined();
    for (const r of [results[0]!, results[3]!]) {
      expect(v.safeParse(ReceiptSchema, r.receipt).success).toBe(true);
      expect(await verifiesAgainstLedgerKey(l, r.receipt!)).toBe(true);
    }
    expect(await l.services.storage.chainLength(SITE)).toBe(4);
  });

  it('answers 200 to a batch holding only retries', async () => {
    const l = await ledger();
    const events = [consentEvent(), consentEvent()];
    expect((await l.postEvents({ events })).status).toBe(201);
    const again = await l.postEvents({ events });
    expect(again.status).toBe(200);
    const { results } = (await again.json()) as { results: { status: string }[] };
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await l.services.storage.chainLength(SITE)).toBe(2);
  });

  it('refuses a whole batch when one event is invalid, naming it by index', async () => {
    const l = await ledger();
    const res = await l.postEvents({
      events: [consentEvent(), consentEvent({ policyVersion: '1999-01' })],
    });
    expect(res.status).toBe(422);
    const error = await issuesOf(res);
    expect(error.issues?.map((i) => i.path)).toEqual(['events.1.policyVersion']);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });

  it('refuses empty and oversized batches', async () => {
    const l = await ledger();
    const empty = await l.postEvents({ events: [] });
    expect(empty.status).toBe(422);
    expect((await issuesOf(empty)).issues?.map((i) => i.path)).toEqual(['events']);
    const tooMany = await l.postEvents({
      events: Array.from({ length: 51 }, () => consentEvent({ pageUrl: TEST_ORIGIN })),
    });
    expect(tooMany.status).toBe(422);
    expect((await issuesOf(tooMany)).issues?.map((i) => i.path)).toEqual(['events']);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });
});

describe('POST /v1/events: strict validation', () => {
  const cases: [string, () => unknown, string][] = [
    ['an unknown field', () => ({ ...consentEvent(), referrer: 'x' }), 'referrer'],
    [
      'an unknown purpose',
      () => consentEvent({ choices: { telepathy: true } as ConsentEvent['choices'] }),
      'choices.telepathy',
    ],
    [
      'a purpose the policy does not declare',
      () => consentEvent({ choices: { analytics: true, personalisation: true } }),
      'choices.personalisation',
    ],
    [
      'an unknown policy version',
      () => consentEvent({ policyVersion: '2020-01' }),
      'policyVersion',
    ],
    [
      'refusing "necessary"',
      () => consentEvent({ choices: { necessary: false } }),
      'choices.necessary',
    ],
    ['an oversized visitor id', () => consentEvent({ visitorId: 'v'.repeat(65) }), 'visitorId'],
    [
      'an oversized page URL',
      () => consentEvent({ pageUrl: `${TEST_ORIGIN}/${'p'.repeat(2100)}` }),
      'pageUrl',
    ],
    [
      'an oversized email',
      () => consentEvent({ identifiers: { email: `${'a'.repeat(250)}@example.com` } }),
      'identifiers.email',
    ],
    ['the id of another site', () => consentEvent({ siteId: 'other-shop' }), 'siteId'],
    [
      'an email that is not normalised',
      () => consentEvent({ identifiers: { email: 'Jane.Doe@Example.com' } }),
      'identifiers.email',
    ],
    [
      'a phone number not in E.164',
      () => consentEvent({ identifiers: { phone: '030 123456' } }),
      'identifiers.phone',
    ],
    ['no choice at all', () => consentEvent({ choices: {} }), 'choices'],
    ['an event id that is not a UUID', () => consentEvent({ eventId: 'abc' }), 'eventId'],
  ];

  it.each(cases)(
    'answers 422 to %s, naming the field, and stores nothing',
    async (_, body, path) => {
      const l = await ledger();
      const res = await l.postEvents(body());
      expect(res.status).toBe(422);
      const error = await issuesOf(res);
      expect(error.code).toBe('validation_failed');
      expect(error.issues?.map((i) => i.path)).toContain(path);
      expect(await l.services.storage.chainLength(SITE)).toBe(0);
    },
  );

  it("says a field is not known in plain words, not in the validator's", async () => {
    const l = await ledger();
    const res = await l.postEvents({ ...consentEvent(), referrer: 'x' });
    expect((await issuesOf(res)).issues).toContainEqual({
      path: 'referrer',
      message: 'is not a known field',
    });
    const notAnObject = await issuesOf(await l.postEvents(42));
    expect(notAnObject.issues?.[0]?.message, JSON.stringify(notAnObject)).toMatch(
      /Expected Object/,
    );
  });

  it('answers 400 to a body that is not JSON', async () => {
    const l = await ledger();
    const res = await l.postEvents('{"eventId": ');
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).code).toBe('bad_request');
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });

  it('answers 415 to a body of another content type', async () => {
    const l = await ledger();
    const res = await l.postEvents(JSON.stringify(consentEvent()), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(v.safeParse(ErrorBodySchema, await res.json()).success).toBe(true);
    expect(await l.services.storage.chainLength(SITE)).toBe(0);
  });
});

describe('POST /v1/events: what the server stamps', () => {
  it('stamps its own time of receipt, not the client clock', async () => {
    const l = await ledger();
    const at = Date.UTC(2026, 11, 3, 8, 30);
    l.setNow(at);
    const event = consentEvent({ clientTime: '2020-01-01T00:00:00.000Z' });
    const receipt = (await (await l.postEvents(event)).json()) as Receipt;
    expect(receipt.receivedAt).toBe(new Date(at).toISOString());
    const [row] = await l.services.storage.readChain(SITE, 0, 1);
    expect(row!.receivedAt).toBe(at);
    const record = JSON.parse(row!.record) as Record<string, unknown>;
    expect(record.receivedAt).toBe(new Date(at).toISOString());
    expect(record.clientTime).toBe('2020-01-01T00:00:00.000Z');
  });

  it('stamps the country from the trusted header and Sec-GPC into receipt and record', async () => {
    const l = await ledger({ config: { countryHeader: 'cf-ipcountry' } });
    const res = await l.postEvents(consentEvent(), { 'cf-ipcountry': 'de', 'sec-gpc': '1' });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as Receipt;
    expect(receipt.country).toBe('DE');
    expect(receipt.gpcHeader).toBe(true);
    expect(await verifiesAgainstLedgerKey(l, receipt)).toBe(true);
    const [row] = await l.services.storage.readChain(SITE, 0, 1);
    expect(JSON.parse(row!.record)).toMatchObject({ country: 'DE', gpcHeader: true });
  });

  it('says no GPC header and no country when the request carries neither', async () => {
    const l = await ledger({ config: { countryHeader: 'cf-ipcountry' } });
    const receipt = (await (await l.postEvents(consentEvent())).json()) as Receipt;
    expect(receipt.country).toBeNull();
    expect(receipt.gpcHeader).toBe(false);
  });

  it('ignores a country header the operator did not configure as trusted', async () => {
    const l = await ledger();
    const receipt = (await (
      await l.postEvents(consentEvent(), { 'cf-ipcountry': 'DE' })
    ).json()) as Receipt;
    expect(receipt.country).toBeNull();
    const [row] = await l.services.storage.readChain(SITE, 0, 1);
    expect(JSON.parse(row!.record)).toMatchObject({ country: null });
  });

  it('keeps neither the page query string nor plaintext identifiers in the chained record', async () => {
    const l = await ledger();
    const event = consentEvent({
      pageUrl: `${TEST_ORIGIN}/checkout?email=jane%40example.com&step=2#pay`,
      identifiers: { email: 'jane@example.com', phone: '+4930123456' },
    });
    expect((await l.postEvents(event)).status).toBe(201);
    const [row] = await l.services.storage.readChain(SITE, 0, 1);
    const record = JSON.parse(row!.record) as Record<string, unknown>;
    expect(record.page).toBe(`${TEST_ORIGIN}/checkout`);
    expect(row!.record).not.toContain('step=2');
    expect(row!.record).not.toContain('jane');
    expect(row!.record).not.toContain('4930123456');
    expect(row!.record).not.toContain(event.visitorId);
  });
});

describe('POST /v1/events: properties', () => {
  const valid = consentEvent();
  const KEYS = Object.keys(valid) as (keyof ConsentEvent)[];
  const notString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
  );
  const notBoolean = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([]));
  const notUuid = fc
    .string({ maxLength: 40 })
    .filter((s) => !/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(s));

  /** A valid event with one change that must make it invalid. */
  const mutated: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(...KEYS).map((key) => {
      const { [key]: _dropped, ...rest } = valid;
      return rest;
    }),
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !(k in valid) && k !== 'identifiers' && k !== '__proto__')
      .map((k) => ({ ...valid, [k]: 1 })),
    fc
      .tuple(
        fc.constantFrom<keyof ConsentEvent>(
          'eventId',
          'siteId',
          'visitorId',
          'regime',
          'method',
          'policyVersion',
          'noticeHash',
          'language',
          'clientTime',
          'pageUrl',
        ),
        notString,
      )
      .map(([key, value]) => ({ ...valid, [key]: value })),
    notBoolean.map((gpc) => ({ ...valid, gpc })),
    notUuid.map((eventId) => ({ ...valid, eventId })),
    fc
      .oneof(
        notString.filter((x) => typeof x !== 'object' || x === null || Array.isArray(x)),
        fc.constant({}),
      )
      .map((choices) => ({ ...valid, choices })),
    fc
      .constantFrom('personalisation', 'profiling', 'marketing_sms', 'telepathy')
      .map((p) => ({ ...valid, choices: { ...valid.choices, [p]: true } })),
    fc.constant({ ...valid, choices: { necessary: false } }),
    fc.string({ minLength: 65, maxLength: 80 }).map((visitorId) => ({ ...valid, visitorId })),
    fc
      .stringMatching(/^[a-z0-9-]{2,20}$/)
      .filter((s) => s !== SITE)
      .map((siteId) => ({ ...valid, siteId })),
    fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/)
      .filter((s) => s !== valid.policyVersion)
      .map((policyVersion) => ({ ...valid, policyVersion })),
    fc
      .emailAddress()
      .map((e) => e.toUpperCase())
      .filter((e) => /[A-Z]/.test(e))
      .map((email) => ({ ...valid, identifiers: { email } })),
    fc.constant({ ...valid, identifiers: { email: 'jane@example.com', fax: '1' } }),
  );

  it('answers 4xx to random JSON bodies and stores nothing', async () => {
    const l = await ledger({ config: { publicRateLimit: 1_000_000 } });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object()), async (body) => {
        const res = await l.postEvents(JSON.stringify(body));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await l.services.storage.chainLength(SITE)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('answers 4xx to bodies that are not JSON at all and stores nothing', async () => {
    const l = await ledger({ config: { publicRateLimit: 1_000_000 } });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        fc.pre(!/^\s*(\{|\[|"|-?\d|true|false|null)/.test(text));
        const res = await l.postEvents(text);
        expect(res.status).toBe(400);
        expect(await l.services.storage.chainLength(SITE)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('answers 4xx to mutated valid events, alone or in a batch, and stores nothing', async () => {
    const l = await ledger({ config: { publicRateLimit: 1_000_000 } });
    await fc.assert(
      fc.asyncProperty(mutated, fc.boolean(), async (body, batched) => {
        const res = await l.postEvents(
          batched ? { events: [consentEvent(), body, consentEvent()] } : body,
        );
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await l.services.storage.chainLength(SITE)).toBe(0);
      }),
      { numRuns: 250 },
    );
    // The unmutated event is accepted: the mutations, not the base, made the bodies invalid.
    expect((await l.postEvents(valid)).status).toBe(201);
  });

  it('stores each event exactly once, however its retries are interleaved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        async (distinct, picks, concurrent) => {
          const l = await testLedger({ now: T0 });
          try {
            const events = Array.from({ length: distinct }, () => consentEvent());
            const sends = [...events.keys(), ...picks.map((p) => p % distinct)];
            const responses = concurrent
              ? await Promise.all(sends.map((i) => l.postEvents(events[i])))
              : await sends.reduce<Promise<Response[]>>(
                  async (acc, i) => [...(await acc), await l.postEvents(events[i])],
                  Promise.resolve([]),
                );
            const receipts = new Map<string, unknown>();
            for (const [n, res] of responses.entries()) {
              expect([200, 201]).toContain(res.status);
              const receipt = (await res.json()) as Receipt;
              const id = events[sends[n]!]!.eventId;
              expect(receipt.eventId).toBe(id);
              if (receipts.has(id)) expect(receipt).toEqual(receipts.get(id));
              receipts.set(id, receipt);
            }
            expect(responses.filter((r) => r.status === 201)).toHaveLength(distinct);
            expect(await l.services.storage.chainLength(SITE)).toBe(distinct);
          } finally {
            await l.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
