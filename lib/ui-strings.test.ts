import { describe, expect, it } from 'vitest';
import { RTL, STRINGS, stringsFor } from './ui-strings';

type Leaf = [path: string, value: unknown];

/** Every string leaf of a strings object, keyed by its dotted path (so `basis.consent`). */
const leaves = (value: unknown, prefix = ''): Leaf[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, inner]) =>
        leaves(inner, prefix ? `${prefix}.${key}` : key),
      )
    : [[prefix, value]];

const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();

const english = new Map(leaves(STRINGS.en) as [string, string][]);
const languages = Object.keys(STRINGS);
const translations = languages.filter((language) => language !== 'en');

describe('STRINGS', () => {
  it('offers at least 12 languages, including the required ones', () => {
    expect(languages.length).toBeGreaterThanOrEqual(12);
    expect(languages).toEqual(
      expect.arrayContaining([
        'en',
        'de',
        'fr',
        'es',
        'it',
        'pt',
        'nl',
        'pl',
        'sv',
        'ja',
        'zh-Hans',
        'zh-Hant',
        'ar',
      ]),
    );
  });

  it('keeps the statutory English wording of the CCPA link', () => {
    expect(STRINGS.en!.doNotSell).toBe('Do Not Sell or Share My Personal Information');
  });

  describe.each(languages)('%s', (language) => {
    const own = new Map(leaves(STRINGS[language]));

    it('has every English key non-empty, and no others', () => {
      expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, value] of own) {
        expect(typeof value, path).toBe('string');
        expect((value as string).trim(), path).not.toBe('');
      }
    });

    it('keeps every placeholder of the English text, and invents none', () => {
      for (const [path, text] of english)
        expect(placeholders(String(own.get(path))), path).toEqual(placeholders(text));
    });

    it('contains no angle brackets', () => {
      for (const [path, value] of own) expect(String(value), path).not.toMatch(/[<>]/);
    });

    it('gives "Reject all" the same weight as "Accept all"', () => {
      const { acceptAll, rejectAll } = STRINGS[language]!;
      const ratio = acceptAll.length / rejectAll.length;
      expect(ratio).toBeGreaterThan(2 / 3);
      expect(ratio).toBeLessThan(3 / 2);
    });
  });

  it('translates every text (only labels of a few letters, placeholders aside, may match English)', () => {
    for (const language of translations)
      for (const [path, text] of english)
        if (text.replace(/\{\w+\}|\P{L}/gu, '').length > 12)
          expect(
            String(new Map(leaves(STRINGS[language])).get(path)),
            `${language} ${path}`,
          ).not.toBe(text);
  });
});

describe('stringsFor', () => {
  it.each([
    ['de-AT', 'de'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-Hant', 'zh-Hant'],
    ['pt-BR', 'pt'],
    ['xx', 'en'],
    ['', 'en'],
    ['AR', 'ar'],
    ['FR-ca', 'fr'],
  ])('resolves %j to %s', (tag, expected) => {
    expect(stringsFor(tag)).toBe(STRINGS[expected]);
  });
});

describe('RTL', () => {
  it('holds Arabic and no left-to-right language', () => {
    expect(RTL.has('ar')).toBe(true);
    for (const language of languages) expect(RTL.has(language), language).toBe(language === 'ar');
  });

  it('holds only right-to-left scripts', () => {
    for (const language of RTL)
      expect(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'dv', 'sd', 'ug']).toContain(language);
  });
});
