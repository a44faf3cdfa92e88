import type { EffectiveChoice } from './decide';
import type { PurposeId } from './purposes';
import type { ConsentModeKey } from './site-config';

/** The mapping most sites want; a site's own `consentMode` replaces it key by key. */
export const DEFAULT_CONSENT_MODE: Readonly<Record<ConsentModeKey, readonly PurposeId[]>> = {
  ad_storage: ['advertising'],
  ad_user_data: ['advertising'],
  ad_personalization: ['advertising', 'personalisation'],
  analytics_storage: ['analytics'],
  functionality_storage: ['necessary'],
  personalization_storage: ['personalisation'],
  security_storage: ['necessary'],
};

/** A Google Consent Mode v2 state: every key granted or denied. */
export type ConsentModeState = Record<ConsentModeKey, 'granted' | 'denied'>;

/**
 * The Consent Mode state for the effective choices: a key is granted only when every purpose
 * mapped to it is granted (a purpose the site does not use counts as denied, "necessary" as granted).
 */
export function consentModeState(
  choices: Partial<Record<PurposeId, Pick<EffectiveChoice, 'granted'>>>,
  mapping: Partial<Record<ConsentModeKey, readonly PurposeId[]>> = {},
): ConsentModeState {
  const state = {} as ConsentModeState;
  for (const key of Object.keys(DEFAULT_CONSENT_MODE) as ConsentModeKey[]) {
    const purposes = mapping[key] ?? DEFAULT_CONSENT_MODE[key];
    const granted = purposes.every((p) => p === 'necessary' || choices[p]?.granted === true);
    state[key] = granted ? 'granted' : 'denied';
  }
  return state;
}
