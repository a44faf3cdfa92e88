/**
 * The privacy regimes as data: one table, so the widget, the ledger and the extension read the
 * same rules. Citations live beside each rule. Over 150 lines because it is one table.
 */
import { PURPOSE_IDS, REGIME_IDS, type PurposeId, type RegimeId } from './ids';
import { PURPOSES } from './purposes';
import type { FineFormula } from './fines';

export { REGIME_IDS, type RegimeId } from './ids';

/** Opt-in: nothing optional before a yes. Opt-out: allowed until the person says no. */
export type ConsentModel = 'opt_in' | 'opt_out';

/** A legal reference kept with the rule it supports. */
export interface Citation {
  topic: string;
  ref: string;
}

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
  maxFine: FineFormula;
  citations: readonly Citation[];
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
    maxFine: {
      kind: 'greater_of',
      fixed: 20_000_000,
      turnoverPercent: 4,
      currency: 'EUR',
      ref: 'GDPR Art. 83(5)',
    },
    citations: [
      { topic: 'consent', ref: 'GDPR Art. 4(11), Art. 7; Recital 32 (no pre-ticked boxes)' },
      { topic: 'cookies', ref: 'ePrivacy Directive Art. 5(3)' },
      {
        topic: 'reject_all',
        ref: 'EDPB Cookie Banner Taskforce report (2023); CNIL Deliberation 2020-092',
      },
      { topic: 'withdrawal', ref: 'GDPR Art. 7(3)' },
      { topic: 'proof', ref: 'GDPR Art. 7(1)' },
      { topic: 'sensitive', ref: 'GDPR Art. 9(2)(a) (explicit consent)' },
      { topic: 'gpc', ref: 'GDPR Art. 21(5) (objection by automated means)' },
      { topic: 'lifetime', ref: 'CNIL Deliberation 2020-091 (six months is good practice)' },
      { topic: 'uk_ch', ref: 'UK GDPR and PECR reg. 6; Swiss FADP Art. 6' },
    ],
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
    maxFine: {
      kind: 'per_violation',
      perViolation: 2_500,
      perIntentional: 7_500,
      currency: 'USD',
      ref: 'Cal. Civ. Code § 1798.155, § 1798.199.90',
    },
    citations: [
      { topic: 'opt_out', ref: 'Cal. Civ. Code § 1798.120, § 1798.135 ("Do Not Sell or Share")' },
      { topic: 'gpc', ref: '11 CCR § 7025 (opt-out preference signals)' },
      { topic: 'sensitive', ref: 'Cal. Civ. Code § 1798.121 (right to limit)' },
      { topic: 'telemarketing', ref: '47 U.S.C. § 227 (TCPA)' },
    ],
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
    maxFine: {
      kind: 'per_violation',
      perViolation: 7_500,
      perIntentional: 20_000,
      currency: 'USD',
      ref: 'e.g. Tex. Bus. & Com. Code § 541.155; Colo. Rev. Stat. § 6-1-112',
    },
    citations: [
      { topic: 'gpc', ref: 'e.g. Colo. Rev. Stat. § 6-1-1306(1)(a)(IV); 4 CCR 904-3 Rule 5' },
      {
        topic: 'sensitive',
        ref: 'e.g. Colo. Rev. Stat. § 6-1-1308(7) (consent for sensitive data)',
      },
      { topic: 'telemarketing', ref: '47 U.S.C. § 227 (TCPA)' },
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
    maxFine: {
      kind: 'per_violation',
      perViolation: 7_500,
      perIntentional: 7_500,
      currency: 'USD',
      ref: 'e.g. Va. Code § 59.1-584',
    },
    citations: [
      { topic: 'opt_out', ref: 'e.g. Va. Code § 59.1-577(A)(5)' },
      { topic: 'sensitive', ref: 'e.g. Va. Code § 59.1-578(A)(5)' },
      { topic: 'telemarketing', ref: '47 U.S.C. § 227 (TCPA)' },
    ],
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
    maxFine: {
      kind: 'greater_of',
      fixed: 50_000_000,
      turnoverPercent: 5,
      currency: 'CNY',
      ref: 'PIPL Art. 66',
    },
    citations: [
      {
        topic: 'consent',
        ref: 'PIPL Art. 14 (voluntary, explicit, fully informed; re-consent on change)',
      },
      { topic: 'withdrawal', ref: 'PIPL Art. 15' },
      { topic: 'third_party', ref: 'PIPL Art. 23 (recipient named, separate consent)' },
      { topic: 'automated_marketing', ref: 'PIPL Art. 24 (an easy way to refuse)' },
      { topic: 'sensitive', ref: 'PIPL Art. 28, Art. 29 (separate consent)' },
      {
        topic: 'cross_border',
        ref: 'PIPL Art. 38, Art. 39 (overseas recipient named, separate consent)',
      },
    ],
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
    maxFine: {
      kind: 'capped_percent',
      turnoverPercent: 2,
      cap: 50_000_000,
      currency: 'BRL',
      ref: 'LGPD Art. 52 II',
    },
    citations: [
      {
        topic: 'consent',
        ref: 'LGPD Art. 7 I, Art. 8 (free, informed, unambiguous; burden of proof)',
      },
      { topic: 'withdrawal', ref: 'LGPD Art. 8 §5' },
      { topic: 'third_party', ref: 'LGPD Art. 7 §5 (specific consent to share)' },
      { topic: 'sensitive', ref: 'LGPD Art. 11 I (specific and highlighted consent)' },
    ],
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
    maxFine: { kind: 'none' },
    citations: [],
  },
};

/** Tells whether a string names a known regime. */
export const isRegimeId = (value: unknown): value is RegimeId =>
  typeof value === 'string' && (REGIME_IDS as readonly string[]).includes(value);
