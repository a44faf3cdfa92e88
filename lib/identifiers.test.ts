import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { identifierDigest, sha256Hex } from './digest';
import {
  asciiDomain,
  isPhoneRegion,
  normaliseEmail,
  normalisePhone,
  type IdentifierError,
} from './identifiers';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const emailOf = (input: string): string => {
  const result = normaliseEmail(input);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to normalise, got ${result.error}`);
  return result.value.value;
};

const phoneOf = (input: string, region?: string): string => {
  const result = normalisePhone(input, region);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to normalise, got ${result.error}`);
  return result.value.value;
};

describe('normaliseEmail — accepted input', () => {
  it.each<[string, string, string]>([
    ['surrounding spaces', '  jane@example.com  ', 'jane@example.com'],
    ['surrounding tabs and newlines', '\tjane@example.com\r\n', 'jane@example.com'],
    [
      'non-breaking spaces copied from a web page',
      '\u00a0jane@example.com\u00a0',
      'jane@example.com',
    ],
    ['a zero-width space copied from a web page', '\u200bjane@example.com', 'jane@example.com'],
    ['mixed case in local part and domain', 'Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['a display name', 'Jane Doe <jane@example.com>', 'jane@example.com'],
    ['a quoted display name with a comma', '"Doe, Jane" <Jane@Example.com>', 'jane@example.com'],
    [
      'a display name with spaces inside the brackets',
      'Jane < jane@example.com >',
      'jane@example.com',
    ],
    ['a mailto: link', 'mailto:jane@example.com', 'jane@example.com'],
    ['an upper-case MAILTO: link', 'MAILTO:Jane@Example.com', 'jane@example.com'],
    [
      'a mailto: link with ?subject=',
      'mailto:jane@example.com?subject=Hello%20there',
      'jane@example.com',
    ],
    [
      'a mailto: link with several query fields',
      'mailto:jane@example.com?subject=Hi&body=See%20you&cc=bob@example.com',
      'jane@example.com',
    ],
    [
      'a percent-encoded plus in a mailto: link',
      'mailto:jane%2Bnews@example.com',
      'jane+news@example.com',
    ],
    [
      'a percent-encoded at-sign in a mailto: link',
      'mailto:jane%40example.com',
      'jane@example.com',
    ],
    [
      'percent-encoded UTF-8 in a mailto: link',
      'mailto:jos%C3%A9@example.com',
      'jos\u00e9@example.com',
    ],
    ['a mailto: link inside angle brackets', 'Jane <mailto:jane@example.com>', 'jane@example.com'],
    ['plus-addressing, kept', 'jane+newsletter@example.com', 'jane+newsletter@example.com'],
    ['dots in the local part, kept', 'j.a.n.e@example.com', 'j.a.n.e@example.com'],
    ['a subdomain', 'jane@mail.example.co.uk', 'jane@mail.example.co.uk'],
    ['a hyphenated domain', 'jane@my-example.com', 'jane@my-example.com'],
    ['NFC accented local part', 'jos\u00e9@example.com', 'jos\u00e9@example.com'],
    ['NFD accented local part, composed', 'jose\u0301@example.com', 'jos\u00e9@example.com'],
    ['an upper-case accented local part', '\u00c5SA@example.se', '\u00e5sa@example.se'],
    // Domains are kept in their ASCII (punycode) form: the one WHATWG URL gives everywhere.
    ['an IDN domain', 'user@m\u00fcnchen.de', 'user@xn--mnchen-3ya.de'],
    ['an IDN domain in upper case', 'USER@M\u00dcNCHEN.DE', 'user@xn--mnchen-3ya.de'],
    [
      'a Chinese address with a Chinese TLD',
      '\u7528\u6237@\u4f8b\u5b50.\u4e2d\u56fd',
      '\u7528\u6237@xn--fsqu00a.xn--fiqs8s',
    ],
  ])('accepts %s', (_label, input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value: { kind: 'email', value: expected } });
  });

  it('accepts an address of exactly 254 characters', () => {
    const longest = `${'a'.repeat(58)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(longest).toHaveLength(254);
    expect(emailOf(longest)).toBe(longest);
  });

  it('gives NFD and NFC spellings of the same address the same value', () => {
    expect(emailOf('jose\u0301@example.com')).toBe(emailOf('jos\u00e9@example.com'));
    expect(emailOf('user@mu\u0308nchen.de')).toBe(emailOf('user@m\u00fcnchen.de'));
  });

  it('gives the Unicode and the punycode (ACE) spelling of an IDN domain the same value', () => {
    expect(emailOf('user@xn--mnchen-3ya.de')).toBe(emailOf('user@m\u00fcnchen.de'));
  });

  it('is idempotent: normalising a normalised address changes nothing', () => {
    for (const input of [
      '  "Doe, Jane" <Jane@Example.com>',
      'mailto:jose\u0301@Example.com?subject=x',
    ]) {
      const once = emailOf(input);
      expect(emailOf(once)).toBe(once);
    }
  });
});

describe('normaliseEmail — rejected input', () => {
  it.each<[string, unknown, IdentifierError]>([
    ['null', null, 'not_a_string'],
    ['undefined', undefined, 'not_a_string'],
    ['a number', 42, 'not_a_string'],
    ['an object', {}, 'not_a_string'],
    ['an array of strings', ['jane@example.com'], 'not_a_string'],
    ['the empty string', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['only whitespace of several kinds', ' \t\r\n ', 'empty'],
    ['an empty mailto: link', 'mailto:', 'empty'],
    ['no at-sign', 'no-at-sign', 'invalid_email'],
    ['nothing before the at-sign', '@example.com', 'invalid_email'],
    ['nothing after the at-sign', 'a@', 'invalid_email'],
    ['a domain without a TLD', 'a@b', 'invalid_email'],
    ['two at-signs', 'a@@b.com', 'invalid_email'],
    ['two addresses run together', 'a@b.com@c.com', 'invalid_email'],
    ['a space in the local part', 'a b@example.com', 'invalid_email'],
    ['two dots in a row', 'a..b@example.com', 'invalid_email'],
    ['a leading dot', '.a@example.com', 'invalid_email'],
    ['a trailing dot in the local part', 'a.@example.com', 'invalid_email'],
    ['a domain label starting with a hyphen', 'a@-example.com', 'invalid_email'],
    ['a domain label ending with a hyphen', 'a@example-.com', 'invalid_email'],
    ['an empty domain label', 'a@example..com', 'invalid_email'],
    ['an all-numeric TLD', 'a@example.123', 'invalid_email'],
    ['an underscore in the domain', 'a@exam_ple.com', 'invalid_email'],
    ['a local part longer than 64 characters', `${'a'.repeat(65)}@example.com`, 'invalid_email'],
    ['a domain label longer than 63 characters', `a@${'b'.repeat(64)}.com`, 'invalid_email'],
    ['an unclosed angle bracket', 'Jane <jane@example.com', 'invalid_email'],
    ['a fullwidth at-sign', 'jane\uff20example.com', 'invalid_email'],
    [
      'an address of 255 characters (the limit is 254)',
      `${'a'.repeat(59)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`,
      'too_long',
    ],
    ['input longer than 512 characters', `${' '.repeat(600)}jane@example.com`, 'too_long'],
    ['a huge pasted blob', `${'x'.repeat(10_000)}@example.com`, 'too_long'],
  ])('rejects %s', (_label, input, error) => {
    expect(normaliseEmail(input)).toEqual({ ok: false, error });
  });
});

describe('isPhoneRegion', () => {
  it('knows the countries phone numbers are read in, and nothing else', () => {
    for (const code of ['US', 'DE', 'CN', 'BR', 'GB']) expect(isPhoneRegion(code), code).toBe(true);
    for (const code of ['ZZ', 'XX', 'us', 'USA', '']) expect(isPhoneRegion(code), code).toBe(false);
  });
});

describe('normalisePhone — accepted input', () => {
  it.each<[string, string, string | undefined, string]>([
    ['a German national number with region DE', '030 1234567', 'DE', '+49301234567'],
    ['a German national number with a lower-case region', '030 1234567', 'de', '+49301234567'],
    ['a German number with a slash', '030/1234567', 'DE', '+49301234567'],
    [
      'an international German number with the (0) trunk prefix',
      '+49 (0)30 1234567',
      undefined,
      '+49301234567',
    ],
    ['the same with region DE', '+49 (0)30 1234567', 'DE', '+49301234567'],
    ['a German number with the 00 international prefix', '0049 30 1234567', 'DE', '+49301234567'],
    ['a US number with parentheses', '(415) 555-2671', 'US', '+14155552671'],
    ['a US number with en dashes', '415\u2013555\u20132671', 'US', '+14155552671'],
    ['an international US number without region', '+1 415-555-2671', undefined, '+14155552671'],
    ['an international number whatever the region', '+1 415-555-2671', 'DE', '+14155552671'],
    ['a tel: link', 'tel:+14155552671', undefined, '+14155552671'],
    ['a tel: link with visual separators', 'tel:+1-415-555-2671', undefined, '+14155552671'],
    ['an upper-case TEL: link', 'TEL:+14155552671', undefined, '+14155552671'],
    ['surrounding whitespace', '  +49 30 1234567\n', undefined, '+49301234567'],
    ['non-breaking spaces', '+49\u00a030\u00a01234567', undefined, '+49301234567'],
    ['a UK mobile with region GB', '07911 123456', 'GB', '+447911123456'],
    ['a UK mobile with the (0) trunk prefix', '+44 (0) 7911 123456', undefined, '+447911123456'],
    ['a Chinese mobile with region CN', '138 0013 8000', 'CN', '+8613800138000'],
    ['a Chinese mobile with hyphens', '138-0013-8000', 'CN', '+8613800138000'],
    ['a Chinese mobile with the 0086 prefix', '0086 138 0013 8000', 'CN', '+8613800138000'],
    ['a Brazilian mobile', '+55 11 91234-5678', undefined, '+5511912345678'],
    [
      'a Brazilian mobile with the area code in parentheses',
      '(11) 91234-5678',
      'BR',
      '+5511912345678',
    ],
    ['a French mobile in national form', '06 12 34 56 78', 'FR', '+33612345678'],
    [
      'fullwidth digits typed with a Chinese IME',
      '\uff11\uff13\uff18\uff10\uff10\uff11\uff13\uff18\uff10\uff10\uff10',
      'CN',
      '+8613800138000',
    ],
    [
      'a fullwidth plus and digits',
      '\uff0b\uff18\uff16 \uff11\uff13\uff18 \uff10\uff10\uff11\uff13 \uff18\uff10\uff10\uff10',
      undefined,
      '+8613800138000',
    ],
    ['an extension written "ext. 12"', '+1 415-555-2671 ext. 12', undefined, '+14155552671'],
    ['an extension written "EXT 12"', '(415) 555-2671 EXT 12', 'US', '+14155552671'],
    ['an extension written " x12"', '(415) 555-2671 x12', 'US', '+14155552671'],
    ['an extension written "x12" with no space', '415-555-2671x12', 'US', '+14155552671'],
    [
      'a tel: link with an RFC 3966 extension',
      'tel:+1-415-555-2671;ext=12',
      undefined,
      '+14155552671',
    ],
  ])('accepts %s', (_label, input, region, expected) => {
    expect(normalisePhone(input, region)).toEqual({
      ok: true,
      value: { kind: 'phone', value: expected },
    });
  });

  it('is idempotent: normalising an E.164 number changes nothing', () => {
    for (const e164 of ['+49301234567', '+14155552671', '+8613800138000', '+5511912345678']) {
      expect(phoneOf(e164)).toBe(e164);
    }
  });
});

describe('normalisePhone — rejected input', () => {
  it.each<[string, unknown, string | undefined, IdentifierError]>([
    ['a national number without a region', '030 1234567', undefined, 'invalid_phone'],
    ['a US national number without a region', '(415) 555-2671', undefined, 'invalid_phone'],
    ['words', 'call me', 'DE', 'invalid_phone'],
    ['words without a region', 'call me', undefined, 'invalid_phone'],
    ['a vanity number', '1-800-FLOWERS', 'US', 'invalid_phone'],
    ['too few digits', '12', 'DE', 'invalid_phone'],
    ['an unassigned country calling code', '+999 1234', undefined, 'invalid_phone'],
    ['a number too short for its country', '+49 30 12', undefined, 'invalid_phone'],
    ['null', null, 'DE', 'not_a_string'],
    ['a number value', 4930123456, 'DE', 'not_a_string'],
    ['an object', { phone: '+49301234567' }, undefined, 'not_a_string'],
    ['the empty string', '', 'DE', 'empty'],
    ['only whitespace', '  \t ', 'DE', 'empty'],
    ['an empty tel: link', 'tel:', undefined, 'empty'],
    ['input longer than 512 characters', '1'.repeat(600), 'DE', 'too_long'],
    ['a long run of digits within the limit', `+49${'1'.repeat(40)}`, undefined, 'invalid_phone'],
  ])('rejects %s', (_label, input, region, error) => {
    expect(normalisePhone(input, region)).toEqual({ ok: false, error });
  });

  it('does not throw on an unknown region code', () => {
    expect(() => normalisePhone('030 1234567', 'XX')).not.toThrow();
    expect(normalisePhone('030 1234567', 'XX').ok).toBe(false);
  });
});

describe('digests', () => {
  it('sha256Hex of the empty string is the well-known SHA-256 value', async () => {
    await expect(sha256Hex('')).resolves.toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it.each([
    'abc',
    'jane@example.com',
    'jos\u00e9@example.com',
    '\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a',
    '+8613800138000',
  ])('sha256Hex(%j) matches node:crypto over the UTF-8 bytes', async (text) => {
    await expect(sha256Hex(text)).resolves.toBe(nodeSha256(text));
  });

  it('identifierDigest is the lower-case hex SHA-256 of the normalised email', async () => {
    const result = normaliseEmail('  Jane Doe <Jane@Example.COM> ');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const digest = await identifierDigest(result.value);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(nodeSha256('jane@example.com'));
  });

  it('identifierDigest is the lower-case hex SHA-256 of the E.164 phone number', async () => {
    const result = normalisePhone('030 1234567', 'DE');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const digest = await identifierDigest(result.value);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(nodeSha256('+49301234567'));
  });

  it('gives every written form of one email address the same digest', async () => {
    const forms = [
      'jose\u0301@example.com',
      'jos\u00e9@example.com',
      '  JOS\u00c9@Example.com\n',
      'Jos\u00e9 <jos\u00e9@example.com>',
      'mailto:jos%C3%A9@example.com?subject=Hello',
    ];
    const digests = await Promise.all(
      forms.map((f) => identifierDigest({ kind: 'email', value: emailOf(f) })),
    );
    expect(new Set(digests)).toEqual(new Set([nodeSha256('jos\u00e9@example.com')]));
  });

  it('gives every written form of one phone number the same digest', async () => {
    const forms: [string, string | undefined][] = [
      ['030 1234567', 'DE'],
      ['+49 (0)30 1234567', undefined],
      ['0049 30 1234567', 'DE'],
      ['tel:+49301234567', undefined],
      ['\uff10\uff13\uff10 \uff11\uff12\uff13\uff14\uff15\uff16\uff17', 'DE'],
    ];
    const digests = await Promise.all(
      forms.map(([f, r]) => identifierDigest({ kind: 'phone', value: phoneOf(f, r) })),
    );
    expect(new Set(digests)).toEqual(new Set([nodeSha256('+49301234567')]));
  });

  it('gives different addresses different digests', async () => {
    const a = await identifierDigest({ kind: 'email', value: emailOf('jane+a@example.com') });
    const b = await identifierDigest({ kind: 'email', value: emailOf('jane+b@example.com') });
    expect(a).not.toBe(b);
  });
});

describe('asciiDomain', () => {
  const viaUrl = (domain: string): string | null => {
    try {
      return new URL(`http://${domain}`).hostname;
    } catch {
      return null;
    }
  };
  // Plain domains, numeric labels, hyphens, empty labels and ACE-looking labels.
  const domain = fc
    .array(
      fc.constantFrom('a', 'b', 'z', '0', '1', '9', 'x', '-', '.', 'xn--', '0x', 'com', 'de'),
      { minLength: 1, maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  it('decides every address as the URL parser would, for plain domains too', () => {
    fc.assert(
      fc.property(domain, (d) => {
        const fast = asciiDomain(d);
        const url = viaUrl(d);
        if (fast === url) return;
        // Where the shortcut answers otherwise, the address is refused either way.
        expect(normaliseEmail(`user@${d}`).ok).toBe(false);
        expect(url === null || /^(?:\d+|0x[0-9a-f]*)$/.test(url.split('.').at(-1) ?? '')).toBe(
          true,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ACE labels checked by the URL parser', () => {
    expect(asciiDomain('xn--mnchen-3ya.de')).toBe('xn--mnchen-3ya.de');
    expect(asciiDomain('xn--.de')).toBe(viaUrl('xn--.de'));
  });
});
