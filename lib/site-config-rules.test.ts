import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shopConfig } from '../tests/fixtures/site-configs';
import type { FieldIssue } from './field-issues';
import type { SiteConfigInput } from './site-config';
import { validateSiteConfig } from './site-config-rules';

/** The issues of an input that must be refused; fails the test when it is accepted. */
const issuesOf = (input: unknown): FieldIssue[] => {
  const result = validateSiteConfig(input);
  if (result.ok) throw new Error('expected the configuration to be refused, but it was accepted');
  return result.error;
};

const pathsOf = (input: unknown) => issuesOf(input).map((issue) => issue.path);

/** The one issue at `path`; fails when there is none. */
const issueAt = (input: unknown, path: string): FieldIssue => {
  const issues = issuesOf(input);
  const found = issues.find((issue) => issue.path === path);
  if (!found) throw new Error(`no issue at "${path}"; got ${JSON.stringify(issues)}`);
  return found;
};

const expectValid = (input: unknown) => {
  const result = validateSiteConfig(input);
  expect(result.ok ? [] : result.error).toEqual([]);
  expect(result.ok).toBe(true);
};

/** The shop configuration with an edit applied to a typed copy. */
const shop = (edit: (config: SiteConfigInput) => void = () => {}): SiteConfigInput => {
  const config = shopConfig();
  edit(config);
  return config;
};

/** The shop configuration as loose JSON with the value at a dot path replaced (or removed when `undefined`). */
const shopWith = (path: string, value: unknown): Record<string, unknown> => {
  const config = structuredClone(shopConfig()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let node = config;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return config;
};

/** Indexes of purposes in the shop fixture. */
const ANALYTICS = 1;
const THIRD_PARTY = 7;
const CROSS_BORDER = 8;

describe('validateSiteConfig: a realistic configuration', () => {
  it('accepts the shop configuration', () => {
    expectValid(shopConfig());
  });

  it('fills in the defaults a site leaves out', () => {
    const result = validateSiteConfig(shopConfig());
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const config = result.value;
    expect(config.ui).toEqual({ rejectAll: 'first_layer', rejectAllStyle: 'equal' });
    expect(config.fallbackRegime).toBe('gdpr');
    const personalisation = config.purposes.find((p) => p.id === 'personalisation')!;
    expect(personalisation).toEqual({
      id: 'personalisation',
      preTicked: false,
      services: [],
      recipients: [],
    });
    const necessary = config.purposes.find((p) => p.id === 'necessary')!;
    expect(necessary.services).toEqual([{ name: 'Session', cookies: ['sid'], storageKeys: [] }]);
    const thirdParty = config.purposes.find((p) => p.id === 'third_party_provision')!;
    expect(thirdParty.recipients[0]!.dataTypes).toEqual([]);
    expect(config.regimes).toBeUndefined();
    expect(config.consentMode).toBeUndefined();
    expect(config.lifetimeDays).toBeUndefined();
  });

  it('does not change the input it validates', () => {
    const input = shopConfig();
    const copy = structuredClone(input);
    validateSiteConfig(input);
    expect(input).toEqual(copy);
  });

  it('accepts explicit values at the edges of the allowed ranges', () => {
    expectValid(
      shop((c) => {
        c.lifetimeDays = 395;
        c.defaultRegime = { model: 'opt_out', lifetimeDays: 1 };
        c.fallbackRegime = 'ccpa';
        c.ui = { rejectAll: 'first_layer', rejectAllStyle: 'equal' };
        c.consentMode = { analytics_storage: ['analytics'], ad_storage: ['advertising'] };
        c.texts.en!.title = 't'.repeat(200);
        c.texts.en!.privacyPolicyUrl = 'https://shop.example/privacy';
      }),
    );
  });
});

describe('validateSiteConfig: "Reject all" must be as easy as "Accept all"', () => {
  it.each(['second_layer', 'hidden'] as const)(
    'refuses "Reject all" placed on %s when an opt-in regime is served',
    (placement) => {
      const config = shop((c) => {
        c.ui = { rejectAll: placement };
      });
      expect(pathsOf(config)).toEqual(['ui.rejectAll']);
      const issue = issueAt(config, 'ui.rejectAll');
      expect(issue.message).toMatch(/Reject all/);
      expect(issue.message).toMatch(/first layer/);
      expect(issue.message).toContain(placement);
      expect(issue.message).toMatch(/GDPR/);
      expect(issue.message).toMatch(/PIPL/);
    },
  );

  it.each(['secondary', 'link'] as const)(
    'refuses a "Reject all" styled as %s when an opt-in regime is served',
    (style) => {
      const config = shop((c) => {
        c.ui = { rejectAllStyle: style };
      });
      expect(pathsOf(config)).toEqual(['ui.rejectAllStyle']);
      const issue = issueAt(config, 'ui.rejectAllStyle');
      expect(issue.message).toMatch(/Reject all/);
      expect(issue.message).toMatch(/same weight/);
      expect(issue.message).toContain(style);
    },
  );

  it('reports both the placement and the style when both are wrong', () => {
    const config = shop((c) => {
      c.ui = { rejectAll: 'hidden', rejectAllStyle: 'link' };
    });
    expect(pathsOf(config).sort()).toEqual(['ui.rejectAll', 'ui.rejectAllStyle']);
  });

  it.each([['gdpr'], ['pipl'], ['lgpd']] as const)(
    'refuses a hidden "Reject all" when only %s is served',
    (regime) => {
      const config = shop((c) => {
        c.regimes = [regime];
        c.fallbackRegime = regime;
        c.ui = { rejectAll: 'hidden' };
      });
      expect(pathsOf(config)).toContain('ui.rejectAll');
    },
  );

  it('names only the opt-in regimes the site serves', () => {
    const config = shop((c) => {
      c.regimes = ['ccpa', 'lgpd'];
      c.fallbackRegime = 'ccpa';
      c.ui = { rejectAll: 'second_layer' };
    });
    const issue = issueAt(config, 'ui.rejectAll');
    expect(issue.message).toMatch(/LGPD/);
    expect(issue.message).not.toMatch(/GDPR \//);
    expect(issue.message).not.toMatch(/PIPL/);
  });

  it('allows a second-layer, link-styled "Reject all" when only opt-out regimes are served', () => {
    expectValid(
      shop((c) => {
        c.regimes = ['ccpa', 'us_uoom'];
        c.fallbackRegime = 'ccpa';
        c.ui = { rejectAll: 'second_layer', rejectAllStyle: 'link' };
      }),
    );
    expectValid(
      shop((c) => {
        c.regimes = ['ccpa', 'us_uoom', 'us_opt_out', 'default'];
        c.fallbackRegime = 'ccpa';
        c.ui = { rejectAll: 'hidden', rejectAllStyle: 'secondary' };
      }),
    );
  });

  it('refuses it when visitors of unknown region fall back to an opt-in regime', () => {
    // The fallback regime governs every visitor whose region is unknown, so the site serves it.
    const config = shop((c) => {
      c.regimes = ['ccpa', 'us_uoom'];
      c.fallbackRegime = 'gdpr';
      c.ui = { rejectAll: 'hidden' };
    });
    expect(issueAt(config, 'ui.rejectAll').message).toMatch(/GDPR/);
  });

  it('refuses it again when the default regime is configured as opt-in and served', () => {
    const config = shop((c) => {
      c.regimes = ['ccpa', 'default'];
      c.fallbackRegime = 'ccpa';
      c.defaultRegime = { model: 'opt_in' };
      c.ui = { rejectAll: 'second_layer', rejectAllStyle: 'secondary' };
    });
    expect(pathsOf(config).sort()).toEqual(['ui.rejectAll', 'ui.rejectAllStyle']);
    expect(issueAt(config, 'ui.rejectAll').message).toMatch(/Default/);
  });

  it('refuses it when every regime is served (no list) and the default regime is opt-in', () => {
    const config = shop((c) => {
      c.defaultRegime = { model: 'opt_in' };
      c.ui = { rejectAll: 'hidden' };
    });
    expect(issueAt(config, 'ui.rejectAll').message).toMatch(/Default/);
  });

  it('ignores an opt-in default regime when the site does not serve it', () => {
    expectValid(
      shop((c) => {
        c.regimes = ['ccpa'];
        c.fallbackRegime = 'ccpa';
        c.defaultRegime = { model: 'opt_in' };
        c.ui = { rejectAll: 'hidden' };
      }),
    );
  });
});

describe('validateSiteConfig: no pre-ticked boxes', () => {
  it('refuses a pre-ticked optional purpose, naming it', () => {
    const config = shop((c) => {
      c.purposes[ANALYTICS]!.preTicked = true;
    });
    expect(pathsOf(config)).toEqual([`purposes.${ANALYTICS}.preTicked`]);
    const { message } = issueAt(config, `purposes.${ANALYTICS}.preTicked`);
    expect(message).toContain('analytics');
    expect(message).toMatch(/pre-ticked/);
  });

  it('refuses every pre-ticked optional purpose, each at its own path', () => {
    const config = shop((c) => {
      for (const purpose of c.purposes) purpose.preTicked = true;
    });
    const paths = pathsOf(config);
    const expected = shopConfig()
      .purposes.map((p, i) => (p.id === 'necessary' ? null : `purposes.${i}.preTicked`))
      .filter((p) => p !== null);
    expect(paths.sort()).toEqual(expected.sort());
  });

  it('refuses pre-ticking even when only opt-out regimes are served', () => {
    const config = shop((c) => {
      c.regimes = ['ccpa'];
      c.fallbackRegime = 'ccpa';
      c.purposes[ANALYTICS]!.preTicked = true;
    });
    expect(pathsOf(config)).toContain(`purposes.${ANALYTICS}.preTicked`);
  });

  it('allows the necessary purpose to be shown ticked', () => {
    expectValid(
      shop((c) => {
        c.purposes[0]!.preTicked = true;
      }),
    );
  });
});

describe('validateSiteConfig: PIPL recipients', () => {
  it.each([
    ['third_party_provision', THIRD_PARTY],
    ['cross_border_transfer', CROSS_BORDER],
  ] as const)('refuses %s without named recipients when PIPL is served', (id, index) => {
    const config = shop((c) => {
      c.purposes[index]!.recipients = [];
    });
    expect(pathsOf(config)).toEqual([`purposes.${index}.recipients`]);
    const { message } = issueAt(config, `purposes.${index}.recipients`);
    expect(message).toContain(id);
    expect(message).toMatch(/PIPL/);
    expect(message).toMatch(/recipient/);
  });

  it('refuses a purpose whose recipients were left out entirely', () => {
    const config = shopWith(`purposes.${THIRD_PARTY}.recipients`, undefined);
    expect(pathsOf(config)).toEqual([`purposes.${THIRD_PARTY}.recipients`]);
  });

  it('allows purposes without recipients when PIPL is not served', () => {
    expectValid(
      shop((c) => {
        c.regimes = ['gdpr', 'ccpa', 'lgpd'];
        c.purposes[THIRD_PARTY]!.recipients = [];
        c.purposes[CROSS_BORDER]!.recipients = [];
      }),
    );
  });

  it('refuses a cross-border recipient located in China', () => {
    const config = shop((c) => {
      c.purposes[CROSS_BORDER]!.recipients!.push({
        name: 'Beijing Data Co.',
        contact: 'dpo@beijing.example',
        country: 'CN',
      });
    });
    expect(pathsOf(config)).toEqual([`purposes.${CROSS_BORDER}.recipients.1.country`]);
    const { message } = issueAt(config, `purposes.${CROSS_BORDER}.recipients.1.country`);
    expect(message).toContain('Beijing Data Co.');
    expect(message).toMatch(/overseas/);
  });

  it('allows a third-party recipient in China (only cross-border ones must be overseas)', () => {
    expectValid(
      shop((c) => {
        c.purposes[THIRD_PARTY]!.recipients = [
          { name: 'Shanghai Logistics', contact: 'privacy@sh.example', country: 'CN' },
        ];
      }),
    );
  });

  it('refuses a recipient without a contact or with a malformed country', () => {
    const noContact = shopWith(`purposes.${THIRD_PARTY}.recipients.0.contact`, undefined);
    expect(pathsOf(noContact)).toEqual([`purposes.${THIRD_PARTY}.recipients.0.contact`]);
    const lowerCountry = shopWith(`purposes.${THIRD_PARTY}.recipients.0.country`, 'de');
    const issue = issueAt(lowerCountry, `purposes.${THIRD_PARTY}.recipients.0.country`);
    expect(issue.message).toMatch(/ISO 3166-1/);
  });
});

describe('validateSiteConfig: languages and translations', () => {
  it('refuses a declared language with no texts at all', () => {
    const config = shop((c) => {
      delete c.texts.de;
    });
    expect(pathsOf(config)).toEqual(['texts.de']);
    const { message } = issueAt(config, 'texts.de');
    expect(message).toMatch(/missing translation/);
    expect(message).toContain('"de"');
  });

  it('refuses a purpose missing its texts in one language', () => {
    const config = shop((c) => {
      delete c.texts.de!.purposes.analytics;
    });
    expect(pathsOf(config)).toEqual(['texts.de.purposes.analytics']);
    const { message } = issueAt(config, 'texts.de.purposes.analytics');
    expect(message).toMatch(/missing translation/);
    expect(message).toContain('analytics');
    expect(message).toContain('"de"');
  });

  it('refuses texts given for a language the site does not declare', () => {
    const config = shop((c) => {
      c.texts.fr = structuredClone(c.texts.en!);
    });
    expect(pathsOf(config)).toEqual(['texts.fr']);
    expect(issueAt(config, 'texts.fr').message).toMatch(/not in languages/);
  });

  it('refuses a default language that is not declared', () => {
    const config = shop((c) => {
      c.defaultLanguage = 'fr';
    });
    expect(pathsOf(config)).toEqual(['defaultLanguage']);
    expect(issueAt(config, 'defaultLanguage').message).toContain('"fr"');
  });

  it('refuses a language declared twice', () => {
    const config = shop((c) => {
      c.languages = ['en', 'de', 'en'];
    });
    expect(pathsOf(config)).toEqual(['languages']);
    expect(issueAt(config, 'languages').message).toMatch(/twice/);
  });

  it('accepts a third language with complete texts', () => {
    expectValid(
      shop((c) => {
        c.languages.push('pt-BR');
        c.texts['pt-BR'] = structuredClone(c.texts.en!);
      }),
    );
  });
});

describe('validateSiteConfig: purposes and Consent Mode', () => {
  it('refuses a purpose declared twice', () => {
    const config = shop((c) => {
      c.purposes.push({ id: 'analytics' });
    });
    const index = shopConfig().purposes.length;
    expect(pathsOf(config)).toEqual([`purposes.${index}.id`]);
    expect(issueAt(config, `purposes.${index}.id`).message).toMatch(
      /"analytics" is declared twice/,
    );
  });

  it('refuses a Consent Mode key mapped to an undeclared purpose', () => {
    const config = shop((c) => {
      c.consentMode = { analytics_storage: ['analytics', 'profiling'] };
    });
    expect(pathsOf(config)).toEqual(['consentMode.analytics_storage']);
    expect(issueAt(config, 'consentMode.analytics_storage').message).toContain('"profiling"');
  });

  it('refuses an empty purpose list', () => {
    expect(pathsOf(shopWith('purposes', []))).toContain('purposes');
  });
});

describe('validateSiteConfig: shape errors come back as field issues with dot paths', () => {
  it.each([
    ['top level', 'theme', 'top level'],
    ['ui', 'ui.position', 'bottom'],
    ['a purpose', `purposes.${ANALYTICS}.cookies`, ['_ga']],
    ['a service', 'purposes.0.services.0.domain', 'shop.example'],
    ['a recipient', `purposes.${THIRD_PARTY}.recipients.0.email`, 'a@b.example'],
    ['notice texts', 'texts.en.button', 'OK'],
    ['purpose texts', 'texts.de.purposes.analytics.icon', 'chart'],
  ])('refuses an unknown field in %s', (_where, path, value) => {
    const config = shopWith(path, value);
    expect(pathsOf(config)).toEqual([path]);
  });

  it('refuses an unknown field in the default regime', () => {
    const config = { ...shopConfig(), defaultRegime: { model: 'opt_in', strict: true } };
    expect(pathsOf(config)).toEqual(['defaultRegime.strict']);
  });

  it.each([
    ['an unknown purpose id', `purposes.${ANALYTICS}.id`, 'tracking', `purposes.${ANALYTICS}.id`],
    [
      'an unknown purpose in the texts',
      'texts.en.purposes.tracking',
      { name: 'T', description: 'D' },
      'texts.en.purposes.tracking',
    ],
    ['an unknown regime', 'regimes', ['gdpr', 'hipaa'], 'regimes.1'],
    [
      'an unknown legal basis',
      `purposes.${ANALYTICS}.legalBasis`,
      'because',
      `purposes.${ANALYTICS}.legalBasis`,
    ],
  ])('refuses %s, listing the allowed values', (_what, path, value, issuePath) => {
    const config = shopWith(path, value);
    expect(pathsOf(config)).toEqual([issuePath]);
    expect(issueAt(config, issuePath).message).toMatch(/must be one of: /);
  });

  it.each([
    ['an unknown Consent Mode key', 'consentMode', { ads: ['advertising'] }, 'consentMode.ads'],
    ['an unknown reject-all placement', 'ui.rejectAll', 'footer', 'ui.rejectAll'],
    ['an unknown reject-all style', 'ui.rejectAllStyle', 'ghost', 'ui.rejectAllStyle'],
    ['an unknown default-regime model', 'defaultRegime.model', 'maybe', 'defaultRegime.model'],
    ['an unknown fallback regime', 'fallbackRegime', 'world', 'fallbackRegime'],
    ['an empty regimes list', 'regimes', [], 'regimes'],
  ])('refuses %s', (_what, path, value, issuePath) => {
    expect(pathsOf(shopWith(path, value))).toEqual([issuePath]);
  });

  it.each([
    ['languages.1', 'German'],
    ['languages.1', 'DE'],
    ['defaultLanguage', 'en_US'],
    ['defaultLanguage', ''],
  ])('refuses the bad language tag at %s = %j', (path, tag) => {
    const issue = issueAt(shopWith(path, tag), path);
    expect(issue.message).toMatch(/language tag/);
  });

  it('refuses a bad language tag used as a texts key', () => {
    const config = shop((c) => {
      c.texts.English = c.texts.en!;
    });
    expect(issueAt(config, 'texts.English').message).toMatch(/language tag/);
  });

  it.each([
    ['texts.en.title', 201, 200],
    ['texts.en.description', 5001, 5000],
    ['texts.de.purposes.analytics.name', 101, 100],
    ['texts.de.purposes.analytics.description', 2001, 2000],
    ['purposes.0.services.0.name', 121, 120],
    [`purposes.${THIRD_PARTY}.recipients.0.name`, 201, 200],
    [`purposes.${THIRD_PARTY}.recipients.0.contact`, 301, 300],
  ])('refuses a too-long string at %s (%i characters)', (path, length, max) => {
    const config = shopWith(path, 'x'.repeat(length));
    expect(pathsOf(config)).toEqual([path]);
    expect(issueAt(config, path).message).toBe(`must be at most ${max} characters`);
  });

  it.each([
    ['texts.en.title', ''],
    ['purposes.0.services.0.name', ''],
  ])('refuses an empty string at %s', (path, value) => {
    expect(issueAt(shopWith(path, value), path).message).toBe('must not be empty');
  });

  it('refuses a policy version that is not a simple label', () => {
    expect(pathsOf(shopWith('policyVersion', 'v 1/2'))).toEqual(['policyVersion']);
    expect(pathsOf(shopWith('policyVersion', ''))).toEqual(['policyVersion']);
  });

  it.each([30.5, 0, -1, 396, 1000, '30'])('refuses lifetimeDays = %j', (days) => {
    expect(pathsOf(shopWith('lifetimeDays', days))).toEqual(['lifetimeDays']);
  });

  it('explains that a lifetime may not exceed 13 months', () => {
    expect(issueAt(shopWith('lifetimeDays', 396), 'lifetimeDays').message).toMatch(/395/);
    expect(
      pathsOf({ ...shopConfig(), defaultRegime: { model: 'opt_out', lifetimeDays: 400 } }),
    ).toEqual(['defaultRegime.lifetimeDays']);
  });

  it.each([2.5, 0, 3651])('refuses retentionDays = %j', (days) => {
    const path = `purposes.${ANALYTICS}.retentionDays`;
    expect(pathsOf(shopWith(path, days))).toEqual([path]);
  });

  it.each([
    ['not a url', /absolute URL/],
    ['/privacy', /absolute URL/],
    ['javascript:alert(1)', /http or https/],
    ['ftp://shop.example/privacy', /http or https/],
    ['data:text/html,<script>alert(1)</script>', /http or https/],
    [`https://shop.example/${'a'.repeat(2048)}`, /2048/],
  ])('refuses the privacy policy URL %j', (url, message) => {
    const config = shopWith('texts.en.privacyPolicyUrl', url);
    expect(pathsOf(config).every((p) => p === 'texts.en.privacyPolicyUrl')).toBe(true);
    expect(issueAt(config, 'texts.en.privacyPolicyUrl').message).toMatch(message);
  });

  it('refuses a javascript: URL for a service privacy policy', () => {
    const path = 'purposes.0.services.0.privacyPolicyUrl';
    expect(issueAt(shopWith(path, 'javascript:alert(document.cookie)'), path).message).toMatch(
      /http or https/,
    );
  });

  it.each(['has space', 'a;b', 'a=b', 'a,b', ''])('refuses the cookie name %j', (name) => {
    const path = 'purposes.0.services.0.cookies.0';
    expect([...new Set(pathsOf(shopWith(path, name)))]).toEqual([path]);
  });

  it('reports every missing required field at once', () => {
    const paths = pathsOf({ policyVersion: '1' });
    expect(paths).toEqual(
      expect.arrayContaining(['defaultLanguage', 'languages', 'purposes', 'texts']),
    );
  });

  it('refuses wrong types deep inside with their paths', () => {
    const config = shopWith('purposes.0.services', { name: 'Session' });
    expect(pathsOf(config)).toEqual(['purposes.0.services']);
    expect(pathsOf(shopWith('texts.de', null))).toEqual(['texts.de']);
    expect(pathsOf(shopWith('ui', 'first_layer'))).toEqual(['ui']);
    expect(pathsOf(shopWith('purposes.2.preTicked', 'no'))).toEqual(['purposes.2.preTicked']);
  });
});

describe('validateSiteConfig never throws', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', []],
    ['a string', 'x'],
    ['a function', () => shopConfig()],
    ['an empty object', {}],
    ['a date', new Date(0)],
    ['a map', new Map([['policyVersion', '1']])],
    ['an object without prototype', Object.create(null) as unknown],
    ['purposes as a string', { ...shopConfig(), purposes: 'all' }],
    ['texts as an array', { ...shopConfig(), texts: [] }],
    ['purposes full of nulls', { ...shopConfig(), purposes: [null, 1, 'x', []] }],
    ['languages as numbers', { ...shopConfig(), languages: [1, 2] }],
    ['ui as an array', { ...shopConfig(), ui: ['first_layer'] }],
    ['consentMode as a string', { ...shopConfig(), consentMode: 'default' }],
  ])('refuses %s with at least one issue', (_what, input) => {
    let result: ReturnType<typeof validateSiteConfig> | undefined;
    expect(() => {
      result = validateSiteConfig(input);
    }).not.toThrow();
    expect(result!.ok).toBe(false);
    if (!result!.ok) {
      expect(result!.error.length).toBeGreaterThan(0);
      for (const issue of result!.error) {
        expect(typeof issue.path).toBe('string');
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
  });

  it('does not let a "__proto__" key in JSON pollute prototypes', () => {
    const json = JSON.stringify(shopConfig()).replace('"de":{"title"', '"__proto__":{"title"');
    const result = validateSiteConfig(JSON.parse(json));
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it('returns ok:false with issues, and never throws, for anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
          withBoxedValues: true,
        }),
        (input) => {
          const result = validateSiteConfig(input);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws when any part of a valid configuration is replaced by garbage', () => {
    const paths = [
      'policyVersion',
      'defaultLanguage',
      'languages',
      'languages.0',
      'purposes',
      'purposes.0',
      'purposes.0.id',
      'purposes.0.services',
      'purposes.0.services.0',
      `purposes.${THIRD_PARTY}.recipients`,
      `purposes.${THIRD_PARTY}.recipients.0`,
      'texts',
      'texts.en',
      'texts.en.purposes',
      'texts.en.purposes.analytics',
      'ui',
      'consentMode',
      'regimes',
      'defaultRegime',
      'lifetimeDays',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const result = validateSiteConfig(shopWith(path, value));
        if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
