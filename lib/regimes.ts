/**
 * The privacy regimes as data: one table, so the widget, the ledger and the extension read the
 * same rules. Their citations and fine formulas are in regime-law.ts. Over 150 lines because it
 * is one table.
 */
import { PURPOSE_IDS, REGIME_IDS, type PurposeId, type RegimeId } from './ids';
import { PURPOSES } from './purposes';

export { REGIME_IDS, type RegimeId } from './ids';

/** Opt-in: nothing optional before a yes. Opt-out: allowed until the person says no. */
export type ConsentModel = 'opt_in' | 'opt_out';

/** What a regime requires of a consent notice and of the records behind it. */
export interface Regime {
  id: RegimeId;
  name: string;
  model: ConsentModel;
  /** "Reject all" must sit on the first layer, with the same weight as "Accept all". */
  rejectAllFirstLayer: boolean;
  /** What Global Privacy Control means here; Consentry honours it everywhere, binding or not. */
  gpc: { binding: boolean; optsOut: readonly PurposeId[] };
  /** Purposes needing a separate, unbundled consent (derived from the purposes catalogue). */
  separateConsent: readonly PurposeId[];
  /** Under an opt-out model, purposes that still need an opt-in. */
  optInPurposes: readonly PurposeId[];
  /** How long a consent stays valid before the person is asked again. */
  lifetimeDays: number;
  /** ISO 3166-1 alpha-2 countries, and ISO 3166-2 subdivisions (e.g. US-CO), the regime covers. */
  countries: readonly string[];
  subdivisions: readonly string[];
}

const separateConsentFor = (id: RegimeId): PurposeId[] =>
  PURPOSE_IDS.filter((p) => PURPOSES[p].separateConsentIn.includes(id));

/** Six months: the CNIL's recommended lifetime of a cookie choice, and cookieconsent's default. */
export const DEFAULT_LIFETIME_DAYS = 182;

const EEA = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', // EU 27
  'IS', 'LI', 'NO', // EEA
  'AX', 'GF', 'GP', 'MQ', 'RE', 'YT', 'MF', // EU regions with their own ISO codes
]; // prettier-ignore

const AD_SALE: readonly PurposeId[] = ['sale_sharing', 'advertising'];
// TCPA (47 U.S.C. § 227) wants prior express written consent for marketing calls and texts.
const TCPA: readonly PurposeId[] = ['marketing_phone', 'marketing_sms'];

/** The regime table. */
export const REGIMES: Readonly<Record<RegimeId, Regime>> = {
  gdpr: {
    id: 'gdpr',
    name: 'GDPR / UK GDPR / ePrivacy',
    model: 'opt_in',
    rejectAllFirstLayer: true,
    gpc: { binding: false, optsOut: [...AD_SALE, 'profiling'] },
    separateConsent: /* @__PURE__ */ separateConsentFor('gdpr'),
    optInPurposes: [],
    lifetimeDays: DEFAULT_LIFETIME_DAYS,
    countries: [...EEA, 'GB', 'CH'],
    subdivisions: [],
  },
  ccpa: {
    id: 'ccpa',
    name: 'CCPA / CPRA (California)',
    model: 'opt_out',
    rejectAllFirstLayer: false,
    gpc: { binding: true, optsOut: AD_SALE },
    separateConsent: /* @__PURE__ */ separateConsentFor('ccpa'),
    optInPurposes: TCPA,
    // Cal. Civ. Code § 1798.135(c)(4): wait 12 months before asking an opted-out consumer again.
    lifetimeDays: 365,
    countries: [],
    subdivisions: ['US-CA'],
  },
  us_uoom: {
    id: 'us_uoom',
    name: 'US state privacy laws with universal opt-out duties',
    model: 'opt_out',
    rejectAllFirstLayer: false,
    gpc: { binding: true, optsOut: AD_SALE },
    separateConsent: /* @__PURE__ */ separateConsentFor('us_uoom'),
    optInPurposes: [...TCPA, 'sensitive_personal_info'],
    lifetimeDays: 365,
    countries: [],
    subdivisions: [
      'US-CO',
      'US-CT',
      'US-TX',
      'US-MT',
      'US-OR',
      'US-DE',
      'US-NH',
      'US-NJ',
      'US-NE',
      'US-MN',
      'US-MD',
    ],
  },
  us_opt_out: {
    id: 'us_opt_out',
    name: 'US state privacy laws with opt-out duties',
    model: 'opt_out',
    rejectAllFirstLayer: false,
    gpc: { binding: false, optsOut: AD_SALE },
    separateConsent: /* @__PURE__ */ separateConsentFor('us_opt_out'),
    optInPurposes: [...TCPA, 'sensitive_personal_info'],
    lifetimeDays: 365,
    countries: [],
    subdivisions: ['US-VA', 'US-UT', 'US-IA', 'US-IN', 'US-TN', 'US-KY', 'US-RI'],
  },
  pipl: {
    id: 'pipl',
    name: 'PIPL (China)',
    model: 'opt_in',
    rejectAllFirstLayer: true,
    gpc: { binding: false, optsOut: [...AD_SALE, 'profiling'] },
    separateConsent: /* @__PURE__ */ separateConsentFor('pipl'),
    optInPurposes: [],
    lifetimeDays: DEFAULT_LIFETIME_DAYS,
    countries: ['CN'],
    subdivisions: [],
    // The text reads "or"; exposure takes the higher of the two as the upper bound.
  },
  lgpd: {
    id: 'lgpd',
    name: 'LGPD (Brazil)',
    model: 'opt_in',
    rejectAllFirstLayer: true,
    gpc: { binding: false, optsOut: AD_SALE },
    separateConsent: /* @__PURE__ */ separateConsentFor('lgpd'),
    optInPurposes: [],
    lifetimeDays: DEFAULT_LIFETIME_DAYS,
    countries: ['BR'],
    subdivisions: [],
  },
  default: {
    id: 'default',
    name: 'Default (no specific regime)',
    model: 'opt_out',
    rejectAllFirstLayer: false,
    gpc: { binding: false, optsOut: AD_SALE },
    separateConsent: /* @__PURE__ */ separateConsentFor('default'),
    optInPurposes: [...TCPA, 'sensitive_personal_info'],
    lifetimeDays: DEFAULT_LIFETIME_DAYS,
    countries: [],
    subdivisions: [],
  },
};

/** Tells whether a string names a known regime. */
export const isRegimeId = (value: unknown): value is RegimeId =>
  typeof value === 'string' && (REGIME_IDS as readonly string[]).includes(value);
