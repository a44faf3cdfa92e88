import { describe, expect, it } from 'vitest';
import { CRM_PRESET_IDS, CRM_PRESETS, originPattern } from './crm-presets';

describe('originPattern', () => {
  it.each([
    ['https://crm.example.com', 'https://crm.example.com/*'],
    ['https://crm.example.com/', 'https://crm.example.com/*'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1/*'],
    ['https://crm.example.com:8443/', 'https://crm.example.com/*'],
    ['  HTTPS://CRM.Example.COM  ', 'https://crm.example.com/*'],
    ['http://[::1]:3000', 'http://[::1]/*'],
  ])('turns the origin %j into %j', (origin, pattern) => {
    expect(originPattern(origin)).toBe(pattern);
  });

  it.each([
    ['an empty string', ''],
    ['a bare host name', 'crm.example.com'],
    ['another scheme', 'ftp://crm.example.com'],
    ['a script URL', 'javascript:alert(1)'],
    ['a path', 'https://crm.example.com/app'],
    ['a match pattern', 'https://crm.example.com/*'],
    ['credentials', 'https://user:secret@crm.example.com'],
    ['a query', 'https://crm.example.com/?tab=1'],
    ['a fragment', 'https://crm.example.com/#home'],
  ])('refuses %s', (_, origin) => {
    expect(originPattern(origin)).toBeNull();
  });
});

describe('CRM_PRESETS', () => {
  it('names every preset, each with https match patterns only', () => {
    expect(CRM_PRESET_IDS).toEqual(Object.keys(CRM_PRESETS));
    for (const id of CRM_PRESET_IDS) {
      expect(CRM_PRESETS[id].label).not.toBe('');
      for (const origin of CRM_PRESETS[id].origins) expect(origin).toMatch(/^https:\/\/[^/]+\/\*$/);
    }
  });
});
