import { describe, expect, it } from 'vitest';
import { pickLanguage } from './pick-language';

describe('pickLanguage', () => {
  const offered = ['en', 'de', 'pt-BR', 'zh-Hans', 'zh-Hant', 'ar'];
  it.each([
    ['an explicit option first', ['de', 'en'], 'de'],
    ['the page language over the browser', [undefined, 'ar', 'de-DE'], 'ar'],
    ['a regional tag by its primary subtag', ['de-AT'], 'de'],
    ['an exact regional tag, any case', ['PT-br'], 'pt-BR'],
    ['Taiwanese Chinese as traditional', ['zh-TW'], 'zh-Hant'],
    ['Hong Kong Chinese as traditional', ['zh-HK'], 'zh-Hant'],
    ['mainland Chinese as simplified', ['zh-CN'], 'zh-Hans'],
    ['bare "zh" as simplified', ['zh'], 'zh-Hans'],
    ['underscored browser tags', ['de_CH'], 'de'],
    ['the default when nothing matches', ['ja', 'ko'], 'en'],
    ['the default when nothing is wanted', [null, '', undefined], 'en'],
  ])('picks %s', (_label, wanted, expected) => {
    expect(pickLanguage(offered, 'en', wanted)).toBe(expected);
  });
});
