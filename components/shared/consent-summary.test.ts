import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../lib/consent-status';
import { PURPOSE_IDS, type PurposeId } from '../../lib/ids';
import type { LookupResult } from '../../lib/lookup';
import { PURPOSES } from '../../lib/purposes';
import {
  VERDICT_TEXT,
  mayContact,
  purposeLabel,
  purposesFor,
  verdictOf,
  type Verdict,
} from './consent-summary';

const resultWith = (statuses: Partial<Record<PurposeId, Status>>): LookupResult => ({
  digest: 'a'.repeat(64),
  verified: true,
  purposes: Object.fromEntries(
    Object.entries(statuses).map(([p, status]) => [
      p,
      { status, at: null, policyVersion: null, regime: null, reason: '' },
    ]),
  ),
  warnings: [],
});

describe('purposesFor', () => {
  it('keeps email marketing and channel-less purposes for an email address', () => {
    expect(
      purposesFor('email', ['marketing_email', 'marketing_phone', 'marketing_sms', 'profiling']),
    ).toEqual(['marketing_email', 'profiling']);
  });

  it('keeps phone, SMS and channel-less purposes for a phone number', () => {
    expect(
      purposesFor('phone', ['marketing_email', 'marketing_phone', 'marketing_sms', 'profiling']),
    ).toEqual(['marketing_phone', 'marketing_sms', 'profiling']);
  });

  it('gives nothing when the team cares only about the other channel', () => {
    expect(purposesFor('phone', ['marketing_email'])).toEqual([]);
    expect(purposesFor('email', ['marketing_phone', 'marketing_sms'])).toEqual([]);
  });

  it('gives each catalogue purpose to the kinds its channel reaches', () => {
    const email = purposesFor('email', PURPOSE_IDS);
    const phone = purposesFor('phone', PURPOSE_IDS);
    for (const p of PURPOSE_IDS) {
      const channel = PURPOSES[p].channel;
      expect(email.includes(p), `${p} for email`).toBe(!channel || channel === 'email');
      expect(phone.includes(p), `${p} for phone`).toBe(!channel || channel !== 'email');
    }
  });
});

describe('verdictOf', () => {
  const both: PurposeId[] = ['marketing_email', 'profiling'];

  it.each<[string, Partial<Record<PurposeId, Status>>, Verdict]>([
    ['every purpose granted', { marketing_email: 'granted', profiling: 'granted' }, 'granted'],
    ['one purpose withdrawn', { marketing_email: 'withdrawn', profiling: 'denied' }, 'withdrawn'],
    ['one purpose denied', { marketing_email: 'granted', profiling: 'denied' }, 'lacking'],
    ['one purpose never asked', { marketing_email: 'granted', profiling: 'unknown' }, 'lacking'],
    ['one purpose missing from the answer', { marketing_email: 'granted' }, 'lacking'],
    ['one purpose expired', { marketing_email: 'granted', profiling: 'expired' }, 'expired'],
    [
      'one purpose under an old policy',
      { marketing_email: 'outdated_policy', profiling: 'granted' },
      'expired',
    ],
    ['denied beats expired', { marketing_email: 'expired', profiling: 'denied' }, 'lacking'],
    ['nothing on record', { marketing_email: 'unknown', profiling: 'unknown' }, 'unknown'],
    ['an empty answer', {}, 'unknown'],
  ])('says %s', (_, statuses, verdict) => {
    expect(verdictOf(resultWith(statuses), both)).toBe(verdict);
  });

  it('is unknown when no purpose applies', () => {
    expect(verdictOf(resultWith({ marketing_email: 'granted' }), [])).toBe('unknown');
  });

  it('ignores answers for purposes the team does not care about', () => {
    const result = resultWith({ marketing_email: 'granted', advertising: 'withdrawn' });
    expect(verdictOf(result, ['marketing_email'])).toBe('granted');
  });

  it('allows contact only when every purpose is granted', () => {
    const purposes = fc.uniqueArray(fc.constantFrom(...PURPOSE_IDS), { minLength: 1 });
    fc.assert(
      fc.property(purposes, fc.array(fc.constantFrom(...STATUSES)), (ps, ss) => {
        const statuses = Object.fromEntries(ps.map((p, i) => [p, ss[i] ?? 'unknown']));
        const verdict = verdictOf(resultWith(statuses), ps);
        const allGranted = ps.every((p) => statuses[p] === 'granted');
        expect(mayContact(verdict)).toBe(allGranted);
        if (ps.some((p) => statuses[p] === 'withdrawn')) expect(verdict).toBe('withdrawn');
      }),
    );
  });
});

describe('VERDICT_TEXT', () => {
  it('tells every verdict apart by symbol and by words, not by colour alone', () => {
    const texts = Object.values(VERDICT_TEXT);
    expect(new Set(texts.map((t) => t.symbol)).size).toBe(texts.length);
    expect(new Set(texts.map((t) => t.short)).size).toBe(texts.length);
  });
});

describe('purposeLabel', () => {
  it('writes a purpose id as words', () => {
    expect(purposeLabel('marketing_email')).toBe('Marketing email');
    expect(purposeLabel('third_party_provision')).toBe('Third party provision');
  });
});
