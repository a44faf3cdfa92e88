import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConsentBatchSchema, ConsentEventSchema, MAX_BATCH } from './consent-event';
import { ERROR_CODES, ErrorBodySchema } from './error-body';
import { parseWith, type FieldIssue } from './field-issues';
import { LookupRequestSchema, LookupResponseSchema, MAX_LOOKUP } from './lookup';
import { ReceiptSchema } from './receipt';

const HASH = 'a3f1'.repeat(16);
const digest = (n: number) => n.toString(16).padStart(64, '0');

const event = (): Record<string, unknown> => ({
  eventId: '3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60',
  siteId: 'shop-example',
  visitorId: 'v_1234567890abcdef',
  identifiers: { email: 'jane@example.com', phone: '+4930123456' },
  choices: { necessary: true, analytics: false, marketing_email: true },
  regime: 'gdpr',
  method: 'save',
  policyVersion: '2026-11',
  noticeHash: HASH,
  language: 'de',
  gpc: false,
  clientTime: '2026-11-03T10:15:30.123Z',
  pageUrl: 'https://shop.example/checkout?step=2',
});

/** A copy of `base` with the value at a dot path replaced, or removed when `undefined`. */
const withAt = (base: Record<string, unknown>, path: string, value: unknown) => {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
};

/** The issues for an input the schema must refuse. */
const issuesOf = (schema: v.GenericSchema, input: unknown): FieldIssue[] => {
  const result = parseWith(schema, input);
  if (result.ok) throw new Error(`expected a refusal, but ${JSON.stringify(input)} was accepted`);
  expect(result.error.length).toBeGreaterThan(0);
  return result.error;
};

/** The distinct paths of the issues, in order. */
const pathsOf = (schema: v.GenericSchema, input: unknown) => [
  ...new Set(issuesOf(schema, input).map((issue) => issue.path)),
];

const expectAccepted = (schema: v.GenericSchema, input: unknown) => {
  const result = parseWith(schema, input);
  expect(result.ok ? [] : result.error).toEqual([]);
};

describe('ConsentEventSchema', () => {
  it('accepts a complete event and returns it unchanged', () => {
    const result = parseWith(ConsentEventSchema, event());
    expect(result).toEqual({ ok: true, value: event() });
  });

  it('accepts an event without identifiers, and with only one of them', () => {
    expectAccepted(ConsentEventSchema, withAt(event(), 'identifiers', undefined));
    expectAccepted(ConsentEventSchema, withAt(event(), 'identifiers.phone', undefined));
    expectAccepted(ConsentEventSchema, withAt(event(), 'identifiers.email', undefined));
  });

  it.each(['accept_all', 'reject_all', 'save', 'gpc', 'withdrawal', 'api', 'import'])(
    'accepts the method %s',
    (method) => {
      expectAccepted(ConsentEventSchema, withAt(event(), 'method', method));
    },
  );

  it.each(['2026-11-03T10:15:30Z', '2026-11-03T10:15:30+01:00', '2026-11-03T10:15:30.5-05:00'])(
    'accepts the timestamp %s',
    (time) => {
      expectAccepted(ConsentEventSchema, withAt(event(), 'clientTime', time));
    },
  );

  it.each([
    ['an unknown top-level field', 'ip', '203.0.113.7', 'ip'],
    ['an unknown identifier', 'identifiers.fax', '+4930123456', 'identifiers.fax'],
    ['an unknown purpose', 'choices.tracking', true, 'choices.tracking'],
    ['a non-boolean choice', 'choices.analytics', 'yes', 'choices.analytics'],
    ['empty choices', 'choices', {}, 'choices'],
    ['a non-normalised email', 'identifiers.email', 'Jane@Example.com', 'identifiers.email'],
    ['an untrimmed email', 'identifiers.email', ' jane@example.com', 'identifiers.email'],
    ['a display-name email', 'identifiers.email', 'Jane <jane@example.com>', 'identifiers.email'],
    ['an invalid email', 'identifiers.email', 'jane@', 'identifiers.email'],
    ['a national phone number', 'identifiers.phone', '030 123456', 'identifiers.phone'],
    ['a spaced international phone', 'identifiers.phone', '+49 30 123456', 'identifiers.phone'],
    ['an impossible phone number', 'identifiers.phone', '+1', 'identifiers.phone'],
    ['a bad UUID', 'eventId', 'not-a-uuid', 'eventId'],
    ['a UUID without dashes', 'eventId', '3f1c2a9e8b7d4c6e9a5f1b2c3d4e5f60', 'eventId'],
    ['an upper-case notice hash', 'noticeHash', HASH.toUpperCase(), 'noticeHash'],
    ['a short notice hash', 'noticeHash', HASH.slice(1), 'noticeHash'],
    ['a non-hex notice hash', 'noticeHash', 'g'.repeat(64), 'noticeHash'],
    ['a prose timestamp', 'clientTime', 'yesterday', 'clientTime'],
    ['a date without time', 'clientTime', '2026-11-03', 'clientTime'],
    ['month 13', 'clientTime', '2026-13-03T10:15:30Z', 'clientTime'],
    ['a timestamp as a number', 'clientTime', 1_793_700_000_000, 'clientTime'],
    ['an ftp page URL', 'pageUrl', 'ftp://shop.example/file', 'pageUrl'],
    ['a javascript: page URL', 'pageUrl', 'javascript:alert(1)', 'pageUrl'],
    ['a relative page URL', 'pageUrl', '/checkout', 'pageUrl'],
    ['an unknown regime', 'regime', 'hipaa', 'regime'],
    ['an unknown method', 'method', 'click', 'method'],
    ['a bad language tag', 'language', 'German', 'language'],
    ['a string gpc flag', 'gpc', 'true', 'gpc'],
    ['a bad policy version', 'policyVersion', 'v 2', 'policyVersion'],
    ['a short visitor id', 'visitorId', 'v_12345', 'visitorId'],
    ['a visitor id with spaces', 'visitorId', 'visitor 12345', 'visitorId'],
    ['an empty site id', 'siteId', '', 'siteId'],
    ['a missing event id', 'eventId', undefined, 'eventId'],
    ['a missing notice hash', 'noticeHash', undefined, 'noticeHash'],
  ])('refuses %s', (_what, path, value, issuePath) => {
    expect(pathsOf(ConsentEventSchema, withAt(event(), path, value))).toEqual([issuePath]);
  });

  it('explains what a normalised email and an E.164 phone look like', () => {
    const issues = issuesOf(
      ConsentEventSchema,
      withAt(
        withAt(event(), 'identifiers.email', 'Jane@Example.com'),
        'identifiers.phone',
        '030 123456',
      ),
    );
    expect(issues.find((i) => i.path === 'identifiers.email')!.message).toMatch(/lower-case/);
    expect(issues.find((i) => i.path === 'identifiers.phone')!.message).toMatch(/E\.164/);
  });

  it.each([
    ['siteId', 'a'.repeat(65)],
    ['visitorId', 'v'.repeat(65)],
    ['policyVersion', 'v'.repeat(65)],
    ['language', `en-${'abcdefgh-'.repeat(4)}x1`],
    ['pageUrl', `https://shop.example/${'p'.repeat(2048)}`],
    [
      'identifiers.email',
      `${'j'.repeat(64)}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.example`,
    ],
    ['identifiers.phone', `+49${'1'.repeat(20)}`],
  ])('refuses an oversize %s', (path, value) => {
    expect(pathsOf(ConsentEventSchema, withAt(event(), path, value))).toEqual([path]);
  });

  it('accepts ids at their maximum length', () => {
    expectAccepted(
      ConsentEventSchema,
      withAt(withAt(event(), 'siteId', 's'.repeat(64)), 'visitorId', 'v'.repeat(64)),
    );
  });

  it('reports several problems at once, each with its own path', () => {
    const bad = withAt(
      withAt(withAt(event(), 'eventId', 'x'), 'gpc', 1),
      'choices.analytics',
      null,
    );
    expect(pathsOf(ConsentEventSchema, bad).sort()).toEqual([
      'choices.analytics',
      'eventId',
      'gpc',
    ]);
  });

  it.each([null, 42, 'event', [], {}])('refuses %j without throwing', (input) => {
    expect(issuesOf(ConsentEventSchema, input).length).toBeGreaterThan(0);
  });
});

describe('ConsentBatchSchema', () => {
  const batch = (n: number) => ({ events: Array.from({ length: n }, event) });

  it(`accepts 1 and ${MAX_BATCH} events`, () => {
    expect(MAX_BATCH).toBe(50);
    expectAccepted(ConsentBatchSchema, batch(1));
    expectAccepted(ConsentBatchSchema, batch(50));
  });

  it('refuses 51 events', () => {
    const issues = issuesOf(ConsentBatchSchema, batch(51));
    expect(issues).toEqual([{ path: 'events', message: 'must hold at most 50 events' }]);
  });

  it('refuses an empty batch', () => {
    expect(issuesOf(ConsentBatchSchema, batch(0))).toEqual([
      { path: 'events', message: 'must hold at least one event' },
    ]);
  });

  it('points at the bad field of the bad event', () => {
    const input = batch(3);
    input.events[1] = withAt(event(), 'identifiers.email', 'Jane@Example.com');
    expect(pathsOf(ConsentBatchSchema, input)).toEqual(['events.1.identifiers.email']);
  });

  it('refuses unknown fields beside the events', () => {
    expect(pathsOf(ConsentBatchSchema, { ...batch(1), siteId: 'shop' })).toEqual(['siteId']);
  });

  it('refuses a bare array of events', () => {
    expect(issuesOf(ConsentBatchSchema, [event()]).length).toBeGreaterThan(0);
  });
});

const receipt = (): Record<string, unknown> => ({
  eventId: '3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60',
  siteId: 'shop-example',
  position: 0,
  hash: HASH,
  previousHash: '0'.repeat(64),
  receivedAt: '2026-11-03T10:15:31.004Z',
  country: 'DE',
  gpcHeader: false,
  algorithm: 'Ed25519',
  keyId: 'ledger-2026-11',
  signature: `${'Ab0_-'.repeat(17)}Q`,
});

describe('ReceiptSchema', () => {
  it('accepts a receipt, with or without a country', () => {
    expect(parseWith(ReceiptSchema, receipt())).toEqual({ ok: true, value: receipt() });
    expectAccepted(ReceiptSchema, withAt(receipt(), 'country', null));
    expectAccepted(ReceiptSchema, withAt(receipt(), 'position', 123_456));
  });

  it.each([
    ['a negative position', 'position', -1],
    ['a fractional position', 'position', 1.5],
    ['an upper-case hash', 'hash', HASH.toUpperCase()],
    ['a short previous hash', 'previousHash', '0'.repeat(63)],
    ['another algorithm', 'algorithm', 'RS256'],
    ['a padded base64 signature', 'signature', `${'A'.repeat(86)}==`],
    ['a standard base64 signature', 'signature', `${'A+/'.repeat(28)}AB`],
    ['a short signature', 'signature', 'A'.repeat(85)],
    ['a lower-case country', 'country', 'de'],
    ['a missing country', 'country', undefined],
    ['a bad receipt time', 'receivedAt', 'now'],
    ['an empty key id', 'keyId', ''],
    ['a bad event id', 'eventId', '42'],
    ['an unknown field', 'note', 'x'],
  ])('refuses %s', (_what, path, value) => {
    expect(pathsOf(ReceiptSchema, withAt(receipt(), path, value))).toEqual([path]);
  });
});

describe('LookupRequestSchema', () => {
  it('accepts 1 and 500 distinct digests, with or without purposes', () => {
    expect(MAX_LOOKUP).toBe(500);
    expectAccepted(LookupRequestSchema, { digests: [HASH] });
    expectAccepted(LookupRequestSchema, {
      digests: Array.from({ length: 500 }, (_, i) => digest(i)),
      purposes: ['marketing_email', 'marketing_phone'],
    });
  });

  it('refuses an empty request and more than 500 digests', () => {
    expect(issuesOf(LookupRequestSchema, { digests: [] })).toEqual([
      { path: 'digests', message: 'must hold at least one digest' },
    ]);
    const tooMany = { digests: Array.from({ length: 501 }, (_, i) => digest(i)) };
    expect(issuesOf(LookupRequestSchema, tooMany)).toEqual([
      { path: 'digests', message: 'must hold at most 500 digests' },
    ]);
  });

  it('refuses a repeated digest', () => {
    expect(issuesOf(LookupRequestSchema, { digests: [digest(1), digest(2), digest(1)] })).toEqual([
      { path: 'digests', message: 'must not repeat a digest' },
    ]);
  });

  it('refuses upper-case hex, naming the digest', () => {
    const issues = issuesOf(LookupRequestSchema, { digests: [digest(1), HASH.toUpperCase()] });
    expect(issues.map((i) => i.path)).toEqual(['digests.1']);
    expect(issues[0]!.message).toMatch(/lower-case hex/);
  });

  it.each([
    ['a plaintext email', { digests: ['jane@example.com'] }, 'digests.0'],
    ['an email beside the digests', { digests: [HASH], email: 'jane@example.com' }, 'email'],
    ['an unknown purpose', { digests: [HASH], purposes: ['tracking'] }, 'purposes.0'],
    ['an empty purpose list', { digests: [HASH], purposes: [] }, 'purposes'],
    ['a missing digest list', { purposes: ['analytics'] }, 'digests'],
  ])('refuses %s', (_what, input, path) => {
    expect(pathsOf(LookupRequestSchema, input)).toEqual([path]);
  });
});

const lookupResponse = () => ({
  results: [
    {
      digest: HASH,
      verified: true,
      purposes: {
        marketing_email: {
          status: 'withdrawn',
          at: '2026-10-02T08:00:00Z',
          policyVersion: '2026-09',
          regime: 'gdpr',
          reason: 'Withdrew consent on 2026-10-02',
        },
        marketing_phone: {
          status: 'unknown',
          at: null,
          policyVersion: null,
          regime: null,
          reason: 'No record',
        },
      },
      warnings: [{ code: 'expiring_soon', message: 'Analytics consent expires in 5 days' }],
    },
  ],
  checkedAt: '2026-11-03T10:15:31Z',
});

describe('LookupResponseSchema', () => {
  it('accepts a response, and one with no results', () => {
    expectAccepted(LookupResponseSchema, lookupResponse());
    expectAccepted(LookupResponseSchema, { results: [], checkedAt: '2026-11-03T10:15:31Z' });
  });

  it.each(['granted', 'denied', 'withdrawn', 'expired', 'outdated_policy', 'unknown'])(
    'accepts the status %s',
    (status) => {
      const input = lookupResponse();
      input.results[0]!.purposes.marketing_email.status = status;
      expectAccepted(LookupResponseSchema, input);
    },
  );

  it.each([
    ['an unknown status', 'results.0.purposes.marketing_email.status', 'maybe'],
    [
      'an unknown purpose',
      'results.0.purposes.tracking',
      { status: 'granted', at: null, policyVersion: null, regime: null, reason: '' },
    ],
    ['an unknown warning code', 'results.0.warnings.0.code', 'spam'],
    ['a too-long reason', 'results.0.purposes.marketing_email.reason', 'r'.repeat(301)],
    ['a too-long warning', 'results.0.warnings.0.message', 'w'.repeat(301)],
    ['personal data in a result', 'results.0.email', 'jane@example.com'],
    ['a missing verified flag', 'results.0.verified', undefined],
    ['a bad digest', 'results.0.digest', 'jane@example.com'],
    ['a bad check time', 'checkedAt', 'today'],
    ['a bad decision time', 'results.0.purposes.marketing_email.at', '02/10/2026'],
  ])('refuses %s', (_what, path, value) => {
    const input = withAt(lookupResponse() as unknown as Record<string, unknown>, path, value);
    expect(pathsOf(LookupResponseSchema, input)).toEqual([path]);
  });
});

describe('ErrorBodySchema', () => {
  it.each(ERROR_CODES)('accepts the code %s', (code) => {
    expectAccepted(ErrorBodySchema, { error: { code, message: 'Something went wrong' } });
  });

  it('accepts a validation failure with field issues', () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'The event is invalid',
        issues: [{ path: 'events.0.eventId', message: 'must be a UUID' }],
      },
    };
    expect(parseWith(ErrorBodySchema, body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['an unknown code', { error: { code: 'teapot', message: 'x' } }, 'error.code'],
    [
      'a too-long message',
      { error: { code: 'internal', message: 'm'.repeat(1001) } },
      'error.message',
    ],
    [
      'a stack trace',
      { error: { code: 'internal', message: 'x', stack: 'at foo()' } },
      'error.stack',
    ],
    ['a field beside the error', { error: { code: 'internal', message: 'x' }, ok: false }, 'ok'],
    [
      'an issue without a message',
      { error: { code: 'validation_failed', message: 'x', issues: [{ path: 'a' }] } },
      'error.issues.0.message',
    ],
    ['a bare message', { message: 'x' }, 'error'],
  ])('refuses %s', (_what, input, path) => {
    expect(pathsOf(ErrorBodySchema, input)).toContain(path);
  });
});
