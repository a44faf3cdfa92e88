import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statusOf, statusesOf, type DecisionEvent, type StatusContext } from './consent-status';
import type { PurposeId } from './purposes';
import type { RegimeId } from './regimes';
import { METHODS, type Method } from './schema-parts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 2026-03-01 09:30 UTC. */
const T0 = Date.UTC(2026, 2, 1, 9, 30);

let counter = 0;
const event = (
  at: number,
  choices: Partial<Record<PurposeId, boolean>>,
  overrides: Partial<Omit<DecisionEvent, 'at' | 'choices'>> = {},
): DecisionEvent => ({
  eventId: overrides.eventId ?? `evt-${String(++counter).padStart(4, '0')}`,
  at,
  method: overrides.method ?? 'save',
  policyVersion: overrides.policyVersion ?? 'v1',
  regime: overrides.regime ?? 'gdpr',
  choices,
});

const ctx = (now: number, extra: Partial<StatusContext> = {}): StatusContext => ({ now, ...extra });

describe('statusOf — single decisions', () => {
  it('is unknown, with no event and no expiry, when nothing was ever recorded', () => {
    expect(statusOf([], 'marketing_email', ctx(T0))).toEqual({
      status: 'unknown',
      event: null,
      reason: 'No decision recorded',
      expiresAt: null,
    });
  });

  it('is granted by an acceptance under the current policy, expiring after the GDPR lifetime', () => {
    const grant = event(T0, { marketing_email: true }, { method: 'accept_all' });
    const result = statusOf(
      [grant],
      'marketing_email',
      ctx(T0 + 10 * DAY, { policyVersion: 'v1' }),
    );
    expect(result).toEqual({
      status: 'granted',
      event: grant,
      reason: 'Granted on 2026-03-01',
      expiresAt: T0 + 182 * DAY,
    });
  });

  it('is denied by a refusal that follows no grant, without an expiry', () => {
    const refusal = event(T0, { marketing_email: false }, { method: 'reject_all' });
    expect(statusOf([refusal], 'marketing_email', ctx(T0 + DAY))).toEqual({
      status: 'denied',
      event: refusal,
      reason: 'Refused on 2026-03-01',
      expiresAt: null,
    });
  });

  it('is withdrawn by an event made through the withdrawal action even without an earlier grant', () => {
    const withdrawal = event(T0, { analytics: false }, { method: 'withdrawal' });
    expect(statusOf([withdrawal], 'analytics', ctx(T0 + DAY))).toEqual({
      status: 'withdrawn',
      event: withdrawal,
      reason: 'Withdrew consent on 2026-03-01',
      expiresAt: null,
    });
  });

  it.each<Method>(['reject_all', 'save', 'gpc', 'api', 'import'])(
    'treats a %s refusal that follows an earlier grant as a withdrawal',
    (method) => {
      const grant = event(T0, { marketing_email: true }, { method: 'accept_all' });
      const refusal = event(Date.UTC(2026, 9, 2, 14), { marketing_email: false }, { method });
      const result = statusOf([grant, refusal], 'marketing_email', ctx(Date.UTC(2026, 9, 3)));
      expect(result.status).toBe('withdrawn');
      expect(result.event).toBe(refusal);
      expect(result.reason).toBe('Withdrew consent on 2026-10-02');
      expect(result.expiresAt).toBeNull();
    },
  );

  it('says a Global Privacy Control opt-out was one, with its date', () => {
    const gpc = event(T0, { sale_sharing: false }, { method: 'gpc', regime: 'ccpa' });
    const result = statusOf([gpc], 'sale_sharing', ctx(T0 + HOUR));
    expect(result.status).toBe('denied');
    expect(result.reason).toContain('Global Privacy Control');
    expect(result.reason).toContain('2026-03-01');
  });

  it('does not mention Global Privacy Control for an ordinary refusal', () => {
    const refusal = event(T0, { sale_sharing: false }, { method: 'reject_all', regime: 'ccpa' });
    expect(statusOf([refusal], 'sale_sharing', ctx(T0 + HOUR)).reason).not.toContain(
      'Global Privacy Control',
    );
  });
});

describe('statusOf — lifetime and policy version', () => {
  it.each<[RegimeId, number, string]>([
    ['gdpr', 182, '2026-08-30'],
    ['ccpa', 365, '2027-03-01'],
  ])(
    'a %s grant is granted until %i days have passed and expired from then on',
    (regime, days, expiryDay) => {
      const grant = event(T0, { analytics: true }, { regime });
      const expiresAt = T0 + days * DAY;

      const justBefore = statusOf([grant], 'analytics', ctx(expiresAt - 1));
      expect(justBefore.status).toBe('granted');
      expect(justBefore.expiresAt).toBe(expiresAt);

      const atExpiry = statusOf([grant], 'analytics', ctx(expiresAt));
      expect(atExpiry).toEqual({
        status: 'expired',
        event: grant,
        reason: `Consent given on 2026-03-01 expired on ${expiryDay}`,
        expiresAt,
      });
    },
  );

  it('uses the context lifetime instead of the regime one when it is shorter', () => {
    const grant = event(T0, { analytics: true }, { regime: 'gdpr' });
    const context = ctx(T0 + 30 * DAY, { lifetimeDays: 30 });
    expect(statusOf([grant], 'analytics', context)).toEqual({
      status: 'expired',
      event: grant,
      reason: 'Consent given on 2026-03-01 expired on 2026-03-31',
      expiresAt: T0 + 30 * DAY,
    });
    expect(statusOf([grant], 'analytics', ctx(T0 + 29 * DAY, { lifetimeDays: 30 })).status).toBe(
      'granted',
    );
  });

  it('uses the context lifetime instead of the regime one when it is longer', () => {
    const grant = event(T0, { analytics: true }, { regime: 'gdpr' });
    const result = statusOf([grant], 'analytics', ctx(T0 + 300 * DAY, { lifetimeDays: 400 }));
    expect(result.status).toBe('granted');
    expect(result.expiresAt).toBe(T0 + 400 * DAY);
  });

  it('is outdated_policy when the grant was given under another policy version', () => {
    const grant = event(T0, { personalisation: true }, { policyVersion: '2026-01' });
    const result = statusOf(
      [grant],
      'personalisation',
      ctx(T0 + DAY, { policyVersion: '2026-03' }),
    );
    expect(result).toEqual({
      status: 'outdated_policy',
      event: grant,
      reason: 'Consent given on 2026-03-01 under policy 2026-01, now 2026-03',
      expiresAt: T0 + 182 * DAY,
    });
  });

  it('skips the policy check when the context names no policy version', () => {
    const grant = event(T0, { personalisation: true }, { policyVersion: '2026-01' });
    expect(statusOf([grant], 'personalisation', ctx(T0 + DAY)).status).toBe('granted');
  });

  it('does not call a refusal under an old policy outdated', () => {
    const refusal = event(T0, { personalisation: false }, { policyVersion: '2026-01' });
    const result = statusOf(
      [refusal],
      'personalisation',
      ctx(T0 + DAY, { policyVersion: '2026-03' }),
    );
    expect(result.status).toBe('denied');
  });

  it('does not let a refusal expire', () => {
    const refusal = event(T0, { advertising: false }, { method: 'reject_all' });
    expect(statusOf([refusal], 'advertising', ctx(T0 + 1000 * DAY)).status).toBe('denied');
  });
});

describe('statusOf — histories', () => {
  it('is granted again after a re-consent that follows a withdrawal', () => {
    const first = event(T0, { marketing_email: true });
    const withdrawal = event(T0 + 5 * DAY, { marketing_email: false }, { method: 'withdrawal' });
    const again = event(T0 + 9 * DAY, { marketing_email: true }, { method: 'accept_all' });
    const result = statusOf([first, withdrawal, again], 'marketing_email', ctx(T0 + 10 * DAY));
    expect(result.status).toBe('granted');
    expect(result.event).toBe(again);
    expect(result.reason).toBe('Granted on 2026-03-10');
    expect(result.expiresAt).toBe(T0 + 9 * DAY + 182 * DAY);
  });

  it('ignores events that do not mention the purpose', () => {
    const grant = event(T0, { marketing_email: true, analytics: true });
    const laterAnalyticsOnly = event(T0 + DAY, { analytics: false }, { method: 'withdrawal' });
    const laterAdsOnly = event(T0 + 2 * DAY, { advertising: false }, { method: 'reject_all' });
    const result = statusOf(
      [grant, laterAnalyticsOnly, laterAdsOnly],
      'marketing_email',
      ctx(T0 + 3 * DAY),
    );
    expect(result.status).toBe('granted');
    expect(result.event).toBe(grant);
  });

  it('is unknown when only other purposes were decided', () => {
    const other = event(T0, { analytics: true, advertising: false });
    expect(statusOf([other], 'marketing_phone', ctx(T0 + DAY)).status).toBe('unknown');
  });

  it('picks the latest decision by time, not by position in the input', () => {
    const older = event(T0, { analytics: false }, { method: 'reject_all' });
    const newer = event(T0 + DAY, { analytics: true }, { method: 'accept_all' });
    const result = statusOf([newer, older], 'analytics', ctx(T0 + 2 * DAY));
    expect(result.status).toBe('granted');
    expect(result.event).toBe(newer);
  });

  it('breaks a tie in time by event id, whatever the order', () => {
    const a = event(T0, { analytics: true }, { eventId: 'a' });
    const b = event(T0, { analytics: false }, { eventId: 'b', method: 'reject_all' });
    expect(statusOf([a, b], 'analytics', ctx(T0 + DAY)).event).toBe(b);
    expect(statusOf([b, a], 'analytics', ctx(T0 + DAY)).event).toBe(b);
  });

  it('accepts any iterable of events, such as a Set or a generator', () => {
    const grant = event(T0, { analytics: true });
    const refusal = event(T0 + DAY, { analytics: false });
    function* gen() {
      yield refusal;
      yield grant;
    }
    const expected = statusOf([grant, refusal], 'analytics', ctx(T0 + 2 * DAY));
    expect(expected.status).toBe('withdrawn');
    expect(statusOf(new Set([grant, refusal]), 'analytics', ctx(T0 + 2 * DAY))).toEqual(expected);
    expect(statusOf(gen(), 'analytics', ctx(T0 + 2 * DAY))).toEqual(expected);
  });
});

describe('statusOf — reason dates', () => {
  it.each<[string, number, string]>([
    ['late in the UTC day', Date.UTC(2026, 9, 2, 23, 59, 59), '2026-10-02'],
    ['just after UTC midnight', Date.UTC(2026, 9, 3, 0, 0, 1), '2026-10-03'],
    ['single-digit month and day, zero-padded', Date.UTC(2027, 0, 5, 12), '2027-01-05'],
  ])('writes the date as YYYY-MM-DD in UTC (%s)', (_label, at, day) => {
    const refusal = event(at, { analytics: false }, { method: 'withdrawal' });
    const { reason } = statusOf([refusal], 'analytics', ctx(at + DAY));
    expect(reason).toBe(`Withdrew consent on ${day}`);
    expect(reason).toMatch(/\b\d{4}-\d{2}-\d{2}$/);
  });
});

describe('statusesOf', () => {
  it('returns exactly one status per requested purpose', () => {
    const events = [
      event(T0, { analytics: true, advertising: false }),
      event(T0 + DAY, { analytics: false }, { method: 'withdrawal' }),
    ];
    const result = statusesOf(
      events,
      ['analytics', 'advertising', 'marketing_sms'],
      ctx(T0 + 2 * DAY),
    );
    expect(Object.keys(result).sort()).toEqual(['advertising', 'analytics', 'marketing_sms']);
    expect(result.analytics?.status).toBe('withdrawn');
    expect(result.advertising?.status).toBe('denied');
    expect(result.marketing_sms?.status).toBe('unknown');
  });

  it('returns an empty record when no purposes are asked for', () => {
    expect(statusesOf([event(T0, { analytics: true })], [], ctx(T0))).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const PURPOSES = ['analytics', 'marketing_email', 'advertising', 'sale_sharing'] as const;
const REGIMES: readonly RegimeId[] = ['gdpr', 'ccpa', 'pipl', 'lgpd', 'default'];
const POLICIES = ['v1', 'v2', 'v3'] as const;
/** Events fall within 60 days of T0, on the hour, so equal times happen often. */
const SPAN_HOURS = 60 * 24;

const choicesArb = fc.record(
  {
    analytics: fc.boolean(),
    marketing_email: fc.boolean(),
    advertising: fc.boolean(),
    sale_sharing: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<Record<PurposeId, boolean>>>;

const eventArb: fc.Arbitrary<DecisionEvent> = fc.record({
  eventId: fc.uuid(),
  at: fc.integer({ min: 0, max: SPAN_HOURS }).map((h) => T0 + h * HOUR),
  method: fc.constantFrom(...METHODS),
  policyVersion: fc.constantFrom(...POLICIES),
  regime: fc.constantFrom(...REGIMES),
  choices: choicesArb,
});

const eventsArb = fc.uniqueArray(eventArb, { selector: (e) => e.eventId, maxLength: 25 });

const purposeArb = fc.constantFrom(...PURPOSES);

/** `now` ranges from before the first event to well past every lifetime. */
const contextArb: fc.Arbitrary<StatusContext> = fc.record(
  {
    now: fc.integer({ min: -10 * 24, max: 500 * 24 }).map((h) => T0 + h * HOUR),
    policyVersion: fc.constantFrom(...POLICIES),
    lifetimeDays: fc.integer({ min: 1, max: 400 }),
  },
  { requiredKeys: ['now'] },
);

const lastAt = (events: readonly DecisionEvent[]) => Math.max(T0, ...events.map((e) => e.at));

const without = (choices: Partial<Record<PurposeId, boolean>>, purpose: PurposeId) => {
  const copy = { ...choices };
  delete copy[purpose];
  return copy;
};

describe('statusOf — properties', () => {
  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
          ),
        ),
        purposeArb,
        contextArb,
        ([events, permuted], purpose, context) => {
          const expected = statusOf(events, purpose, context);
          expect(statusOf(permuted, purpose, context)).toEqual(expected);
          expect(statusOf([...events].reverse(), purpose, context)).toEqual(expected);
        },
      ),
    );
  });

  it('is not changed by adding or removing events that do not mention the purpose', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(eventArb, { maxLength: 15 }),
        purposeArb,
        contextArb,
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.boolean(),
        (events, extra, purpose, context, positions, pushLater) => {
          const expected = statusOf(events, purpose, context);

          // Added: unrelated events inserted anywhere, possibly later than every other event.
          const mixed = [...events];
          extra.forEach((e, i) => {
            const unrelated: DecisionEvent = {
              ...e,
              eventId: `unrelated-${i}`,
              at: pushLater ? e.at + 100 * DAY : e.at,
              choices: without(e.choices, purpose),
            };
            mixed.splice((positions[i] ?? i) % (mixed.length + 1), 0, unrelated);
          });
          expect(statusOf(mixed, purpose, context)).toEqual(expected);

          // Removed: only the events that mention the purpose are kept.
          const relevant = events.filter((e) => e.choices[purpose] !== undefined);
          expect(statusOf(relevant, purpose, context)).toEqual(expected);
        },
      ),
    );
  });

  it('is granted after a later grant under the current policy within its lifetime', () => {
    fc.assert(
      fc.property(
        eventsArb,
        purposeArb,
        fc.constantFrom(...POLICIES),
        fc.constantFrom(...REGIMES),
        fc.constantFrom<Method>('accept_all', 'save', 'api', 'import'),
        fc.integer({ min: 1, max: 10 * DAY }),
        fc.integer({ min: 0, max: 181 * DAY }),
        (events, purpose, policyVersion, regime, method, gap, age) => {
          const at = lastAt(events) + gap;
          const grant = event(
            at,
            { [purpose]: true },
            { eventId: 'appended', method, policyVersion, regime },
          );
          const result = statusOf([...events, grant], purpose, { now: at + age, policyVersion });
          expect(result.status).toBe('granted');
          expect(result.event).toBe(grant);
          expect(result.expiresAt).toBeGreaterThan(at + age);
        },
      ),
    );
  });

  it('is denied after a later refusal, or withdrawn when the purpose had been granted before', () => {
    fc.assert(
      fc.property(
        eventsArb,
        purposeArb,
        contextArb,
        fc.constantFrom<Method>('reject_all', 'save', 'gpc', 'api', 'import'),
        fc.integer({ min: 1, max: 10 * DAY }),
        (events, purpose, context, method, gap) => {
          const refusal = event(
            lastAt(events) + gap,
            { [purpose]: false },
            { eventId: 'appended', method },
          );
          const result = statusOf([...events, refusal], purpose, context);
          const grantedBefore = events.some((e) => e.choices[purpose] === true);
          expect(result.status).toBe(grantedBefore ? 'withdrawn' : 'denied');
          expect(result.event).toBe(refusal);
          expect(result.expiresAt).toBeNull();
        },
      ),
    );
  });

  it('is withdrawn after a later withdrawal, whatever came before', () => {
    fc.assert(
      fc.property(
        eventsArb,
        purposeArb,
        contextArb,
        fc.integer({ min: 1, max: 10 * DAY }),
        (events, purpose, context, gap) => {
          const at = lastAt(events) + gap;
          const withdrawal = event(
            at,
            { [purpose]: false },
            { eventId: 'appended', method: 'withdrawal' },
          );
          const result = statusOf([...events, withdrawal], purpose, context);
          expect(result.status).toBe('withdrawn');
          expect(result.reason).toBe(
            `Withdrew consent on ${new Date(at).toISOString().slice(0, 10)}`,
          );
        },
      ),
    );
  });

  it('is unknown exactly when no event mentions the purpose', () => {
    fc.assert(
      fc.property(eventsArb, purposeArb, contextArb, (events, purpose, context) => {
        const mentioned = events.some((e) => e.choices[purpose] !== undefined);
        const result = statusOf(events, purpose, context);
        expect(result.status === 'unknown').toBe(!mentioned);
        expect(result.event === null).toBe(!mentioned);
      }),
    );
  });

  it('gives an expiry exactly for statuses that rest on a grant', () => {
    fc.assert(
      fc.property(eventsArb, purposeArb, contextArb, (events, purpose, context) => {
        const result = statusOf(events, purpose, context);
        const restsOnGrant = ['granted', 'expired', 'outdated_policy'].includes(result.status);
        expect(result.expiresAt !== null).toBe(restsOnGrant);
        if (result.expiresAt !== null) {
          expect(result.expiresAt).toBeGreaterThan(result.event!.at);
          expect(result.status === 'expired').toBe(context.now >= result.expiresAt);
        }
      }),
    );
  });
});

describe('statusesOf — properties', () => {
  it('agrees with statusOf for every purpose asked for', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.uniqueArray(fc.constantFrom<PurposeId>(...PURPOSES, 'necessary', 'profiling')),
        contextArb,
        (events, purposes, context) => {
          const all = statusesOf(events, purposes, context);
          expect(Object.keys(all).sort()).toEqual([...purposes].sort());
          for (const purpose of purposes) {
            expect(all[purpose]).toEqual(statusOf(events, purpose, context));
          }
        },
      ),
    );
  });
});
