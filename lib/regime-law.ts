/**
 * The law behind each regime: citations for its rules and its maximum-fine formula. Kept apart
 * from the rules (regimes.ts) so the widget, which needs only the rules, does not carry them.
 */
import type { FineFormula } from './fines';
import type { RegimeId } from './ids';

/** A legal reference kept with the rule it supports. */
export interface Citation {
  topic: string;
  ref: string;
}

/** Citations and fine formula of a regime. */
export interface RegimeLaw {
  maxFine: FineFormula;
  citations: readonly Citation[];
}

/** The law table, by regime. */
export const REGIME_LAW: Readonly<Record<RegimeId, RegimeLaw>> = {
  gdpr: {
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
    maxFine: { kind: 'none' },
    citations: [],
  },
};
