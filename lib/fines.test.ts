import { describe, expect, it } from 'vitest';
import { maxFine, type FineFormula } from './fines';
import { REGIME_LAW } from './regime-law';

const gdpr = REGIME_LAW.gdpr.maxFine;
const ccpa = REGIME_LAW.ccpa.maxFine;
const lgpd = REGIME_LAW.lgpd.maxFine;
const pipl = REGIME_LAW.pipl.maxFine;

const M = 1_000_000;

describe('maxFine under GDPR (Art. 83(5): EUR 20M or 4% of turnover, whichever is higher)', () => {
  it('uses the EUR 20M floor for a small company', () => {
    expect(maxFine(gdpr, { annualTurnover: 10 * M })).toEqual({
      amount: 20 * M,
      currency: 'EUR',
      ref: 'GDPR Art. 83(5)',
    });
  });

  it('uses 4% of a large turnover', () => {
    expect(maxFine(gdpr, { annualTurnover: 2_000 * M })?.amount).toBe(80 * M);
  });

  it('switches from the floor to 4% at EUR 500M turnover', () => {
    expect(maxFine(gdpr, { annualTurnover: 500 * M })?.amount).toBe(20 * M);
    expect(maxFine(gdpr, { annualTurnover: 600 * M })?.amount).toBe(24 * M);
  });

  it('treats a negative turnover as zero', () => {
    expect(maxFine(gdpr, { annualTurnover: -5_000 * M })?.amount).toBe(20 * M);
  });
});

describe('maxFine under CCPA (USD 2,500 per violation, 7,500 if intentional)', () => {
  it('charges one violation when none is given', () => {
    expect(maxFine(ccpa, { annualTurnover: 10 * M })).toEqual({
      amount: 2_500,
      currency: 'USD',
      ref: expect.stringContaining('1798.155') as string,
    });
  });

  it('charges the intentional rate for an intentional violation', () => {
    expect(maxFine(ccpa, { annualTurnover: 0, intentional: true })?.amount).toBe(7_500);
    expect(maxFine(ccpa, { annualTurnover: 0, intentional: false })?.amount).toBe(2_500);
  });

  it('multiplies by the number of violations', () => {
    expect(maxFine(ccpa, { annualTurnover: 0, violations: 1_000 })?.amount).toBe(2_500_000);
    expect(maxFine(ccpa, { annualTurnover: 0, violations: 1_000, intentional: true })?.amount).toBe(
      7_500_000,
    );
  });

  it('does not depend on turnover', () => {
    const small = maxFine(ccpa, { annualTurnover: 1, violations: 3 });
    const large = maxFine(ccpa, { annualTurnover: 1e12, violations: 3 });
    expect(small).toEqual(large);
  });
});

describe('maxFine under the US state laws', () => {
  it('uses the per-violation amounts of the universal-opt-out states', () => {
    expect(maxFine(REGIME_LAW.us_uoom.maxFine, { annualTurnover: 0, violations: 2 })?.amount).toBe(
      15_000,
    );
    expect(
      maxFine(REGIME_LAW.us_uoom.maxFine, { annualTurnover: 0, violations: 2, intentional: true })
        ?.amount,
    ).toBe(40_000);
  });
});

describe('maxFine under LGPD (2% of turnover, capped at BRL 50M per infraction)', () => {
  it('takes 2% of turnover below the cap', () => {
    expect(maxFine(lgpd, { annualTurnover: 1_000 * M })).toEqual({
      amount: 20 * M,
      currency: 'BRL',
      ref: 'LGPD Art. 52 II',
    });
  });

  it('caps one infraction at BRL 50M', () => {
    expect(maxFine(lgpd, { annualTurnover: 100_000 * M })?.amount).toBe(50 * M);
  });

  it('applies the cap per infraction', () => {
    expect(maxFine(lgpd, { annualTurnover: 100_000 * M, violations: 3 })?.amount).toBe(150 * M);
    expect(maxFine(lgpd, { annualTurnover: 100 * M, violations: 2 })?.amount).toBe(4 * M);
  });

  it('treats a negative turnover as zero', () => {
    expect(maxFine(lgpd, { annualTurnover: -100 * M })?.amount).toBe(0);
  });
});

describe('maxFine under PIPL (Art. 66: RMB 50M or 5% of turnover)', () => {
  it('uses the RMB 50M bound for a small company', () => {
    expect(maxFine(pipl, { annualTurnover: 100 * M })).toEqual({
      amount: 50 * M,
      currency: 'CNY',
      ref: 'PIPL Art. 66',
    });
  });

  it('uses 5% of a large turnover', () => {
    expect(maxFine(pipl, { annualTurnover: 10_000 * M })?.amount).toBe(500 * M);
  });

  it('treats a negative turnover as zero', () => {
    expect(maxFine(pipl, { annualTurnover: -1 })?.amount).toBe(50 * M);
  });
});

describe('maxFine without a fine regime', () => {
  it('returns null for the default regime', () => {
    expect(
      maxFine(REGIME_LAW.default.maxFine, { annualTurnover: 1_000 * M, violations: 10 }),
    ).toBeNull();
  });

  it('returns null for a formula of kind none', () => {
    const none: FineFormula = { kind: 'none' };
    expect(maxFine(none, { annualTurnover: 1 })).toBeNull();
  });
});
