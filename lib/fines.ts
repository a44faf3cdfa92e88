/** How a regime's maximum administrative fine is computed; the audit report uses it for risk. */
export type FineFormula =
  | { kind: 'greater_of'; fixed: number; turnoverPercent: number; currency: string; ref: string }
  | {
      kind: 'per_violation';
      perViolation: number;
      perIntentional: number;
      currency: string;
      ref: string;
    }
  | { kind: 'capped_percent'; turnoverPercent: number; cap: number; currency: string; ref: string }
  | { kind: 'none' };

/** The facts a fine depends on. Turnover is annual, in the formula's currency. */
export interface FineFacts {
  annualTurnover: number;
  violations?: number;
  intentional?: boolean;
}

/** A maximum exposure with the currency and the rule it came from. */
export interface FineExposure {
  amount: number;
  currency: string;
  ref: string;
}

/** Upper bound of the fine a formula allows for the given facts; null when the regime sets none. */
export const maxFine = (formula: FineFormula, facts: FineFacts): FineExposure | null => {
  const turnover = Number.isFinite(facts.annualTurnover) ? Math.max(0, facts.annualTurnover) : 0;
  const percentOf = (percent: number) => (turnover * percent) / 100;
  switch (formula.kind) {
    case 'greater_of':
      return {
        amount: Math.max(formula.fixed, percentOf(formula.turnoverPercent)),
        currency: formula.currency,
        ref: formula.ref,
      };
    case 'per_violation': {
      const each = facts.intentional ? formula.perIntentional : formula.perViolation;
      return {
        amount: each * Math.max(1, facts.violations ?? 1),
        currency: formula.currency,
        ref: formula.ref,
      };
    }
    case 'capped_percent':
      return {
        amount:
          Math.min(formula.cap, percentOf(formula.turnoverPercent)) *
          Math.max(1, facts.violations ?? 1),
        currency: formula.currency,
        ref: formula.ref,
      };
    case 'none':
      return null;
  }
};
