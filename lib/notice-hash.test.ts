import { describe, expect, it } from 'vitest';
import { shopConfig } from '../tests/fixtures/site-configs';
import { noticeHash } from './notice-hash';
import type { SiteConfig, SiteConfigInput } from './site-config';
import { validateSiteConfig } from './site-config-rules';

const parsed = (edit: (config: SiteConfigInput) => void = () => {}): SiteConfig => {
  const input = shopConfig();
  edit(input);
  const result = validateSiteConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

const base = parsed();

describe('noticeHash', () => {
  it('is a lower-case SHA-256 hex digest', async () => {
    expect(await noticeHash(base, 'en')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is equal for equal configurations', async () => {
    expect(await noticeHash(parsed(), 'en')).toBe(await noticeHash(parsed(), 'en'));
    expect(await noticeHash(parsed(), 'de')).toBe(await noticeHash(base, 'de'));
  });

  it('does not depend on the order keys were written in', async () => {
    const reordered = parsed((c) => {
      const en = c.texts.en!;
      c.texts = {
        de: c.texts.de!,
        en: { purposes: en.purposes, description: en.description, title: en.title },
      };
    });
    expect(await noticeHash(reordered, 'en')).toBe(await noticeHash(base, 'en'));
  });

  it('does not depend on whether a default was written out', async () => {
    const explicit = parsed((c) => {
      c.purposes[2] = { id: 'personalisation', preTicked: false, services: [], recipients: [] };
    });
    expect(await noticeHash(explicit, 'en')).toBe(await noticeHash(base, 'en'));
  });

  it('differs per language', async () => {
    expect(await noticeHash(base, 'en')).not.toBe(await noticeHash(base, 'de'));
  });

  it('differs when the policy version changes', async () => {
    const next = parsed((c) => {
      c.policyVersion = '2026-12';
    });
    expect(await noticeHash(next, 'en')).not.toBe(await noticeHash(base, 'en'));
  });

  it.each<[string, (c: SiteConfigInput) => void]>([
    ['the title', (c) => (c.texts.en!.title += '!')],
    [
      'the description',
      (c) => (c.texts.en!.description = c.texts.en!.description.replace('cookies', 'Cookies')),
    ],
    ['a purpose name', (c) => (c.texts.en!.purposes.analytics!.name = 'Statistics')],
    ['a purpose description', (c) => (c.texts.en!.purposes.advertising!.description += ' ')],
    [
      'the privacy policy link',
      (c) => (c.texts.en!.privacyPolicyUrl = 'https://shop.example/privacy'),
    ],
  ])('differs when %s changes', async (_what, edit) => {
    expect(await noticeHash(parsed(edit), 'en')).not.toBe(await noticeHash(base, 'en'));
  });

  it.each<[string, (c: SiteConfigInput) => void]>([
    [
      'a purpose is added',
      (c) => {
        c.purposes.push({ id: 'profiling' });
        for (const t of Object.values(c.texts))
          t.purposes.profiling = { name: 'P', description: 'D' };
      },
    ],
    ['a service is added', (c) => c.purposes[1]!.services!.push({ name: 'Matomo' })],
    ['a cookie is added', (c) => c.purposes[0]!.services![0]!.cookies!.push('csrf')],
    ['a recipient changes', (c) => (c.purposes[8]!.recipients![0]!.name = 'Other Analytics Inc.')],
    ['a retention period changes', (c) => (c.purposes[1]!.retentionDays = 30)],
  ])('differs when %s', async (_what, edit) => {
    expect(await noticeHash(parsed(edit), 'en')).not.toBe(await noticeHash(base, 'en'));
  });

  it('does not change when only another language changes', async () => {
    const edited = parsed((c) => {
      c.texts.de!.title = 'Datenschutz';
    });
    expect(await noticeHash(edited, 'en')).toBe(await noticeHash(base, 'en'));
    expect(await noticeHash(edited, 'de')).not.toBe(await noticeHash(base, 'de'));
  });
});
