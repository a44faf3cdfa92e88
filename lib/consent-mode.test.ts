import { describe, expect, it } from 'vitest';
import { consentModeState, DEFAULT_CONSENT_MODE } from './consent-mode';
import { PURPOSE_IDS, type PurposeId } from './purposes';
import { CONSENT_MODE_KEYS } from './site-config';

const granted = (...ids: PurposeId[]) =>
  Object.fromEntries(ids.map((id) => [id, { granted: true }])) as Partial<
    Record<PurposeId, { granted: boolean }>
  >;

const grantedKeys = (state: Record<string, 'granted' | 'denied'>) =>
  Object.entries(state)
    .filter(([, value]) => value === 'granted')
    .map(([key]) => key)
    .sort();

describe('consentModeState with the default mapping', () => {
  it('answers every Consent Mode v2 key', () => {
    expect(Object.keys(consentModeState({})).sort()).toEqual([...CONSENT_MODE_KEYS].sort());
  });

  it('grants only the necessary storage when nothing was granted', () => {
    expect(consentModeState({})).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'granted',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('grants every key when every purpose is granted', () => {
    const state = consentModeState(granted(...PURPOSE_IDS));
    expect(grantedKeys(state)).toEqual([...CONSENT_MODE_KEYS].sort());
  });

  it('grants analytics storage for analytics only', () => {
    expect(grantedKeys(consentModeState(granted('analytics')))).toEqual([
      'analytics_storage',
      'functionality_storage',
      'security_storage',
    ]);
  });

  it('grants ad personalisation only when advertising and personalisation are both granted', () => {
    const adsOnly = consentModeState(granted('advertising'));
    expect(adsOnly.ad_storage).toBe('granted');
    expect(adsOnly.ad_user_data).toBe('granted');
    expect(adsOnly.ad_personalization).toBe('denied');
    expect(consentModeState(granted('personalisation')).ad_personalization).toBe('denied');
    expect(consentModeState(granted('advertising', 'personalisation')).ad_personalization).toBe(
      'granted',
    );
  });

  it('denies a key whose purpose was refused', () => {
    const state = consentModeState({
      analytics: { granted: false },
      advertising: { granted: true },
    });
    expect(state.analytics_storage).toBe('denied');
    expect(state.ad_storage).toBe('granted');
  });

  it('always grants the keys mapped to necessary, even if necessary is reported as refused', () => {
    const state = consentModeState({ necessary: { granted: false } });
    expect(state.functionality_storage).toBe('granted');
    expect(state.security_storage).toBe('granted');
  });

  it('uses the mapping most sites want', () => {
    expect(DEFAULT_CONSENT_MODE.analytics_storage).toEqual(['analytics']);
    expect(DEFAULT_CONSENT_MODE.ad_storage).toEqual(['advertising']);
    expect(DEFAULT_CONSENT_MODE.security_storage).toEqual(['necessary']);
  });
});

describe('consentModeState with a site mapping', () => {
  it('replaces the mapped key and keeps the defaults for the others', () => {
    const mapping = { analytics_storage: ['analytics', 'profiling'] as PurposeId[] };
    const analyticsOnly = consentModeState(granted('analytics', 'advertising'), mapping);
    expect(analyticsOnly.analytics_storage).toBe('denied');
    expect(analyticsOnly.ad_storage).toBe('granted');
    expect(consentModeState(granted('analytics', 'profiling'), mapping).analytics_storage).toBe(
      'granted',
    );
  });

  it('can grant a key from a purpose the default mapping does not use', () => {
    const state = consentModeState(granted('marketing_email'), {
      ad_user_data: ['marketing_email'],
    });
    expect(state.ad_user_data).toBe('granted');
    expect(state.ad_storage).toBe('denied');
  });

  it('can tie a key to necessary so it is always granted', () => {
    const state = consentModeState({}, { personalization_storage: ['necessary'] });
    expect(state.personalization_storage).toBe('granted');
  });

  it('can make a necessary key depend on an optional purpose', () => {
    const state = consentModeState({}, { functionality_storage: ['personalisation'] });
    expect(state.functionality_storage).toBe('denied');
    expect(state.security_storage).toBe('granted');
  });
});
