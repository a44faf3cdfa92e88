import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  originsOf,
  readSettings,
  validateSettings,
  type Settings,
} from './settings';

const READER_KEY = 'rk_abcdefghijklmnop1234';

const settings = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  backendUrl: 'https://consent.example.com',
  readerKey: READER_KEY,
  ...over,
});

const v1 = (over: Record<string, unknown> = {}) => ({
  version: 1,
  backendUrl: 'https://consent.example.com',
  readerKey: READER_KEY,
  origins: [],
  channels: ['email'],
  ...over,
});

describe('readSettings', () => {
  it('gives the defaults without a problem when nothing is stored yet', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problem: null });
    expect(readSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, problem: null });
  });

  it('returns valid current settings unchanged', () => {
    const stored = settings({
      crms: ['salesforce', 'zoho'],
      customOrigins: ['http://127.0.0.1:8787'],
      purposes: ['marketing_sms'],
      guard: 'block',
      phoneRegion: 'DE',
      cacheMinutes: 60,
    });
    expect(readSettings(stored)).toEqual({ settings: stored, problem: null });
  });

  it('moves a v1 origin list into presets and custom origins', () => {
    const { settings: migrated, problem } = readSettings(
      v1({
        origins: [
          'https://app.hubspot.com/*',
          'https://*.dynamics.com/*',
          'https://crm.example.com',
          'https://app-eu1.hubspot.com/*',
        ],
      }),
    );
    expect(problem).toBeNull();
    expect(migrated.version).toBe(SETTINGS_VERSION);
    expect(migrated.crms).toEqual(['hubspot', 'dynamics']);
    expect(migrated.customOrigins).toEqual(['https://crm.example.com']);
  });

  it('keeps the v1 ledger address and reader key', () => {
    const { settings: migrated } = readSettings(v1());
    expect(migrated.backendUrl).toBe('https://consent.example.com');
    expect(migrated.readerKey).toBe(READER_KEY);
  });

  it('turns v1 email and phone channels into the marketing purposes', () => {
    const { settings: migrated, problem } = readSettings(v1({ channels: ['phone', 'email'] }));
    expect(problem).toBeNull();
    expect(migrated.purposes).toEqual(['marketing_phone', 'marketing_email']);
  });

  it('keeps v1 channels that already name a purpose', () => {
    const { settings: migrated } = readSettings(v1({ channels: ['email', 'profiling'] }));
    expect(migrated.purposes).toEqual(['marketing_email', 'profiling']);
  });

  it('keeps the v1 guard mode, defaulting to warn when v1 had none', () => {
    expect(readSettings(v1({ guard: 'block' })).settings.guard).toBe('block');
    expect(readSettings(v1()).settings.guard).toBe('warn');
  });

  it('fills the settings v1 did not have with the defaults', () => {
    const { settings: migrated } = readSettings(v1());
    expect(migrated.phoneRegion).toBe(DEFAULT_SETTINGS.phoneRegion);
    expect(migrated.cacheMinutes).toBe(DEFAULT_SETTINGS.cacheMinutes);
  });

  it('falls back to the defaults, naming the field, when a v1 value is invalid', () => {
    const { settings: loaded, problem } = readSettings(v1({ readerKey: 'not-a-key' }));
    expect(loaded).toEqual(DEFAULT_SETTINGS);
    expect(problem).toMatch(/^readerKey: /);
  });

  it('keeps a rep\'s settings whose stored region is no phone country ("UK"), with the default region', () => {
    const stored = settings({ phoneRegion: 'UK' });
    const { settings: loaded, problem } = readSettings(stored);
    expect(loaded).toEqual({ ...stored, phoneRegion: DEFAULT_SETTINGS.phoneRegion });
    expect(problem).toBe(
      `phoneRegion: UK is not a country phone numbers can be read in; ${DEFAULT_SETTINGS.phoneRegion} is used until the options are saved`,
    );
    // Another bad value beside it still means the defaults: nothing half-read is used.
    expect(readSettings(settings({ phoneRegion: 'UK', cacheMinutes: 0 })).settings).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it('falls back to the defaults, naming the field, when a stored value is out of range', () => {
    const { settings: loaded, problem } = readSettings(settings({ cacheMinutes: 0 }));
    expect(loaded).toEqual(DEFAULT_SETTINGS);
    expect(problem).toMatch(/^cacheMinutes: /);
  });

  it('refuses settings with a field it does not know', () => {
    const { settings: loaded, problem } = readSettings({ ...settings(), extra: true });
    expect(loaded).toEqual(DEFAULT_SETTINGS);
    expect(problem).toContain('extra');
  });

  it('refuses settings from a newer version instead of guessing', () => {
    const { settings: loaded, problem } = readSettings({ ...settings(), version: 3 });
    expect(loaded).toEqual(DEFAULT_SETTINGS);
    expect(problem).toMatch(/^version: /);
  });

  it('never throws, and always gives settings that validate', () => {
    fc.assert(
      fc.property(fc.anything(), (stored) => {
        const { settings: loaded, problem } = readSettings(stored);
        expect(validateSettings(loaded).ok).toBe(true);
        if (problem !== null) expect(loaded).toEqual(DEFAULT_SETTINGS);
      }),
    );
  });
});

describe('validateSettings', () => {
  it('accepts complete settings and returns them', () => {
    const input = settings({ crms: ['twenty'] });
    expect(validateSettings(input)).toEqual({ ok: true, settings: input });
  });

  it('accepts an empty ledger address and reader key (not set up yet)', () => {
    expect(validateSettings(DEFAULT_SETTINGS).ok).toBe(true);
  });

  it.each<[string, Partial<Settings>, RegExp]>([
    [
      'a ledger address with a path',
      { backendUrl: 'https://consent.example.com/api' },
      /^backendUrl: /,
    ],
    [
      'a ledger address that is not http(s)',
      { backendUrl: 'ftp://consent.example.com' },
      /^backendUrl: /,
    ],
    [
      'a reader key without the rk_ prefix',
      { readerKey: 'abcdefghijklmnop1234' },
      /^readerKey: .*reader key/,
    ],
    ['a reader key that is too short', { readerKey: 'rk_short' }, /^readerKey: /],
    ['no purpose at all', { purposes: [] }, /^purposes: choose at least one purpose$/],
    ['a lower-case region', { phoneRegion: 'us' }, /^phoneRegion: .*country code/],
    [
      'a region that is no country',
      { phoneRegion: 'ZZ' },
      /^phoneRegion: is not a country phone numbers can be read in \(such as US or DE\)$/,
    ],
    [
      'a cache time over a day',
      { cacheMinutes: 24 * 60 + 1 },
      /^cacheMinutes: must be at most 1440 minutes \(a day\)$/,
    ],
    [
      'a fractional cache time',
      { cacheMinutes: 1.5 },
      /^cacheMinutes: must be a whole number of minutes$/,
    ],
    ['an empty cache time', { cacheMinutes: 0 }, /^cacheMinutes: must be at least 1 minute$/],
    [
      'a custom origin with a path',
      { customOrigins: ['https://crm.example.com/app'] },
      /^customOrigins\.0: .*origin/,
    ],
  ])('refuses %s, naming the field', (_, over, message) => {
    const result = validateSettings(settings(over));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses an unknown CRM preset and guard mode', () => {
    expect(validateSettings({ ...settings(), crms: ['sugarcrm'] }).ok).toBe(false);
    expect(validateSettings({ ...settings(), guard: 'ignore' }).ok).toBe(false);
  });

  it('allows at most 50 custom origins', () => {
    const origins = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://crm${i}.example.com`);
    expect(validateSettings(settings({ customOrigins: origins(50) })).ok).toBe(true);
    const result = validateSettings(settings({ customOrigins: origins(51) }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^customOrigins: /);
  });
});

describe('originsOf', () => {
  it('gives the ledger origin as a match pattern, or nothing when it is not set', () => {
    expect(originsOf(settings()).backend).toEqual(['https://consent.example.com/*']);
    expect(originsOf(DEFAULT_SETTINGS).backend).toEqual([]);
  });

  it("lists every preset CRM's origins followed by the custom ones", () => {
    const { crm } = originsOf(
      settings({ crms: ['zoho', 'twenty'], customOrigins: ['http://127.0.0.1:8787'] }),
    );
    expect(crm).toEqual([
      'https://crm.zoho.com/*',
      'https://crm.zoho.eu/*',
      'https://app.twenty.com/*',
      'http://127.0.0.1/*',
    ]);
  });

  it('lists an origin once when a custom origin repeats a preset', () => {
    const { crm } = originsOf(
      settings({
        crms: ['twenty'],
        customOrigins: ['https://app.twenty.com', 'https://app.twenty.com:443/'],
      }),
    );
    expect(crm).toEqual(['https://app.twenty.com/*']);
  });

  it('asks for no CRM origin when none is chosen', () => {
    expect(originsOf(settings()).crm).toEqual([]);
  });
});
