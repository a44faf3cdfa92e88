import { REGIME_LAW } from './regime-law';
import { describe, expect, it } from 'vitest';
import { shopConfig } from '../tests/fixtures/site-configs';
import { PURPOSES } from './purposes';
import { regimeForRegion } from './region';
import { REGIME_IDS, REGIMES, type RegimeId } from './regimes';
import { resolveRegime } from './resolve-regime';
import { validateSiteConfig } from './site-config-rules';

const EU27 = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]; // prettier-ignore
const EEA_NON_EU = ['IS', 'LI', 'NO'];
const UOOM_STATES = ['CO', 'CT', 'TX', 'MT', 'OR', 'DE', 'NH', 'NJ', 'NE', 'MN', 'MD'];
const OPT_OUT_STATES = ['VA', 'UT', 'IA', 'IN', 'TN', 'KY', 'RI'];

describe('regimeForRegion', () => {
  it.each([...EU27, ...EEA_NON_EU])('puts a visitor from %s under GDPR', (country) => {
    expect(regimeForRegion({ country })).toBe('gdpr');
    // Even when the site's fallback is lenient: the country is known.
    expect(regimeForRegion({ country }, 'default')).toBe('gdpr');
  });

  it.each(['GB', 'UK', 'CH'])('puts a visitor from %s under GDPR (UK GDPR / FADP)', (country) => {
    expect(regimeForRegion({ country }, 'default')).toBe('gdpr');
  });

  it.each(['GF', 'GP', 'MQ', 'RE', 'YT', 'MF'])(
    'puts a visitor from the EU outermost region %s under GDPR',
    (country) => {
      expect(regimeForRegion({ country }, 'default')).toBe('gdpr');
    },
  );

  it('puts a visitor from the Åland Islands (AX, part of Finland and the EU) under GDPR', () => {
    expect(regimeForRegion({ country: 'AX' }, 'default')).toBe('gdpr');
  });

  it('puts a Californian under CCPA, however the state is written', () => {
    expect(regimeForRegion({ country: 'US', subdivision: 'US-CA' })).toBe('ccpa');
    expect(regimeForRegion({ country: 'US', subdivision: 'CA' })).toBe('ccpa');
    expect(regimeForRegion({ country: 'us', subdivision: 'us-ca' })).toBe('ccpa');
    expect(regimeForRegion({ country: ' US ', subdivision: ' ca ' })).toBe('ccpa');
  });

  it.each(UOOM_STATES)('puts a visitor from US-%s under the universal-opt-out regime', (state) => {
    expect(regimeForRegion({ country: 'US', subdivision: state })).toBe('us_uoom');
    expect(regimeForRegion({ country: 'US', subdivision: `US-${state}` })).toBe('us_uoom');
  });

  it.each(OPT_OUT_STATES)('puts a visitor from US-%s under the US opt-out regime', (state) => {
    expect(regimeForRegion({ country: 'US', subdivision: state })).toBe('us_opt_out');
    expect(regimeForRegion({ country: 'US', subdivision: `US-${state}` })).toBe('us_opt_out');
  });

  it.each([
    ['no subdivision', undefined],
    ['a null subdivision', null],
    ['an empty subdivision', ''],
    ['an unparseable subdivision', 'California'],
  ])('puts a US visitor with %s under CCPA, the strictest US regime', (_what, subdivision) => {
    expect(regimeForRegion({ country: 'US', subdivision }, 'default')).toBe('ccpa');
  });

  it('puts a visitor from a US state without a privacy law under the default regime', () => {
    expect(regimeForRegion({ country: 'US', subdivision: 'US-NY' })).toBe('default');
    expect(regimeForRegion({ country: 'US', subdivision: 'FL' })).toBe('default');
  });

  it('does not read a state code as a state of another country', () => {
    // "CA" as a country is Canada, not California.
    expect(regimeForRegion({ country: 'CA' })).toBe('default');
    expect(regimeForRegion({ country: 'CA', subdivision: 'CA' })).toBe('default');
    // A German visitor in a subdivision that happens to be called "CA" stays under GDPR.
    expect(regimeForRegion({ country: 'DE', subdivision: 'CA' })).toBe('gdpr');
  });

  it('puts China under PIPL and Brazil under LGPD', () => {
    expect(regimeForRegion({ country: 'CN' })).toBe('pipl');
    expect(regimeForRegion({ country: 'CN', subdivision: 'CN-BJ' })).toBe('pipl');
    expect(regimeForRegion({ country: 'BR' })).toBe('lgpd');
    expect(regimeForRegion({ country: 'BR', subdivision: 'SP' })).toBe('lgpd');
  });

  it.each(['JP', 'IN', 'AU', 'ZA', 'CA'])(
    'puts a visitor from %s under the default regime',
    (country) => {
      expect(regimeForRegion({ country })).toBe('default');
    },
  );

  it.each([
    ['an empty country', ''],
    ['the unknown-country code XX', 'XX'],
    ['the unknown-country code ZZ', 'ZZ'],
    ['the Tor code T1', 'T1'],
    ['a country name', 'Germany'],
    ['a three-letter code', 'DEU'],
    ['a one-letter code', 'D'],
    ['null', null],
    ['undefined', undefined],
  ])('gives %s the fallback regime', (_what, country) => {
    expect(regimeForRegion({ country })).toBe('gdpr');
    expect(regimeForRegion({ country }, 'ccpa')).toBe('ccpa');
    expect(regimeForRegion({ country, subdivision: 'US-CA' }, 'default')).toBe('default');
  });

  it('gives an empty region the fallback regime', () => {
    expect(regimeForRegion({})).toBe('gdpr');
    expect(regimeForRegion({}, 'lgpd')).toBe('lgpd');
  });

  it.each([
    ['de', 'gdpr'],
    ['De', 'gdpr'],
    ['uk', 'gdpr'],
    ['ch', 'gdpr'],
    ['cn', 'pipl'],
    ['br', 'lgpd'],
    ['jp', 'default'],
    ['xx', 'default'],
  ] as const)('reads the country %j case-insensitively', (country, regime) => {
    // "xx" is the unknown code in lower case: the fallback, here "default".
    expect(regimeForRegion({ country }, 'default')).toBe(regime);
  });
});

describe('the regime table', () => {
  it('keys every regime by its own id', () => {
    expect(Object.keys(REGIMES).sort()).toEqual([...REGIME_IDS].sort());
    for (const id of REGIME_IDS) expect(REGIMES[id].id).toBe(id);
  });

  it.each(REGIME_IDS.filter((id) => id !== 'default'))('cites the law behind %s', (id) => {
    const { citations } = REGIME_LAW[id];
    expect(citations.length).toBeGreaterThan(0);
    for (const citation of citations) {
      expect(citation.topic.trim()).not.toBe('');
      expect(citation.ref.trim()).not.toBe('');
    }
  });

  it('makes GDPR, PIPL and LGPD opt-in and the US regimes opt-out', () => {
    const model = (id: RegimeId) => REGIMES[id].model;
    expect(['gdpr', 'pipl', 'lgpd'].map((id) => model(id as RegimeId))).toEqual([
      'opt_in',
      'opt_in',
      'opt_in',
    ]);
    expect(['ccpa', 'us_uoom', 'us_opt_out'].map((id) => model(id as RegimeId))).toEqual([
      'opt_out',
      'opt_out',
      'opt_out',
    ]);
  });

  it.each(REGIME_IDS.filter((id) => REGIMES[id].model === 'opt_in'))(
    'requires "Reject all" on the first layer under the opt-in regime %s',
    (id) => {
      expect(REGIMES[id].rejectAllFirstLayer).toBe(true);
    },
  );

  it('requires separate consent under PIPL for sensitive data, third-party provision and cross-border transfer', () => {
    expect(REGIMES.pipl.separateConsent).toEqual(
      expect.arrayContaining([
        'sensitive_personal_info',
        'third_party_provision',
        'cross_border_transfer',
      ]),
    );
  });

  it('asks the recipients of third-party provision and cross-border transfer to be named', () => {
    expect(PURPOSES.third_party_provision.namesRecipients).toBe(true);
    expect(PURPOSES.cross_border_transfer.namesRecipients).toBe(true);
  });

  it('never bundles necessary into a separate consent, and never makes it optional', () => {
    expect(PURPOSES.necessary.optional).toBe(false);
    for (const id of REGIME_IDS) expect(REGIMES[id].separateConsent).not.toContain('necessary');
  });

  it.each(REGIME_IDS)('lets GPC opt out of sale/sharing and advertising under %s', (id) => {
    expect(REGIMES[id].gpc.optsOut).toEqual(
      expect.arrayContaining(['sale_sharing', 'advertising']),
    );
    expect(REGIMES[id].gpc.optsOut).not.toContain('necessary');
  });

  it('makes GPC a binding opt-out under CCPA (11 CCR 7025) and in the universal-opt-out states', () => {
    expect(REGIMES.ccpa.gpc.binding).toBe(true);
    expect(REGIMES.us_uoom.gpc.binding).toBe(true);
  });

  it('puts no country and no subdivision in two regimes', () => {
    const owner = new Map<string, RegimeId>();
    const clashes: string[] = [];
    for (const id of REGIME_IDS) {
      for (const place of [...REGIMES[id].countries, ...REGIMES[id].subdivisions]) {
        const other = owner.get(place);
        if (other) clashes.push(`${place}: ${other} and ${id}`);
        owner.set(place, id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('writes countries as ISO 3166-1 alpha-2 and subdivisions as ISO 3166-2', () => {
    for (const id of REGIME_IDS) {
      for (const country of REGIMES[id].countries) expect(country).toMatch(/^[A-Z]{2}$/);
      for (const subdivision of REGIMES[id].subdivisions)
        expect(subdivision).toMatch(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);
    }
  });

  it('sends every listed place to the regime that lists it', () => {
    for (const id of REGIME_IDS) {
      for (const country of REGIMES[id].countries)
        expect(regimeForRegion({ country }, 'default')).toBe(id);
      for (const subdivision of REGIMES[id].subdivisions) {
        const country = subdivision.slice(0, 2);
        expect(regimeForRegion({ country, subdivision }, 'default')).toBe(id);
      }
    }
  });

  it('keeps consent lifetimes within 13 months', () => {
    for (const id of REGIME_IDS) {
      expect(REGIMES[id].lifetimeDays).toBeGreaterThan(0);
      expect(REGIMES[id].lifetimeDays).toBeLessThanOrEqual(395);
    }
  });
});

describe('resolveRegime', () => {
  const parsed = (edit: Partial<ReturnType<typeof shopConfig>> = {}) => {
    const result = validateSiteConfig({ ...shopConfig(), ...edit });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };

  it('returns the table entry when the site changes nothing', () => {
    expect(resolveRegime('gdpr', parsed())).toEqual(REGIMES.gdpr);
    expect(resolveRegime('ccpa', parsed())).toEqual(REGIMES.ccpa);
  });

  it('applies the site default-regime model, with "Reject all" on the first layer when it is opt-in', () => {
    const regime = resolveRegime(
      'default',
      parsed({ defaultRegime: { model: 'opt_in', lifetimeDays: 90 } }),
    );
    expect(regime.model).toBe('opt_in');
    expect(regime.rejectAllFirstLayer).toBe(true);
    expect(regime.lifetimeDays).toBe(90);
  });

  it('applies the default-regime settings to the default regime only', () => {
    const config = parsed({ defaultRegime: { model: 'opt_in', lifetimeDays: 90 } });
    expect(resolveRegime('ccpa', config).model).toBe('opt_out');
    expect(resolveRegime('ccpa', config).lifetimeDays).toBe(REGIMES.ccpa.lifetimeDays);
  });

  it('lets the site lifetime override every regime', () => {
    const config = parsed({ lifetimeDays: 30, defaultRegime: { model: 'opt_in' } });
    for (const id of REGIME_IDS) expect(resolveRegime(id, config).lifetimeDays).toBe(30);
  });
});
