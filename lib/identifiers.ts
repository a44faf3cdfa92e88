import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';
import type { Result } from './result';

/** Why an identifier could not be normalised. */
export type IdentifierError =
  'not_a_string' | 'empty' | 'too_long' | 'invalid_email' | 'invalid_phone';

/** A normalised identifier: the only form that is ever hashed, stored or compared. */
export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

const MAX_INPUT = 512;
// Local part: no spaces, controls, quotes or the specials RFC 5321 forbids unquoted.
const LOCAL = /^[^\s\p{Cc}"(),:;<>@[\\\]]{1,64}$/u;
// Domain (in its ASCII form): dot-separated labels of letters, digits and inner hyphens.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// Zero-width and byte-order characters ride along when addresses are copied from pages and mails.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// A trailing extension: "x12", "ext. 12", "#12" or RFC 3966's ";ext=12".
const EXTENSION = /(?:;ext=|\s*(?:ext\.?|x|#)\s*)\d{1,6}$/i;

const platform = globalThis as unknown as { URL: new (url: string) => { hostname: string } };

/** Lower-case letters, digits, dots and hyphens, and no ACE ("xn--") label to check. */
const PLAIN_DOMAIN = /^[a-z0-9.-]+$/;

/**
 * The ASCII (punycode) form of a lower-case domain, as WHATWG URL parsing gives it in browsers
 * and Node alike. A plain one is its own ASCII form and skips the parse (the parse was a third
 * of the cost of normalising an address on a CRM page): where URL would still answer otherwise
 * (a last label that reads as a number), the address is refused by the label checks either way.
 * Exported for its property test.
 */
export const asciiDomain = (domain: string): string | null => {
  if (PLAIN_DOMAIN.test(domain) && !domain.includes('xn--')) return domain;
  if (!domain || /[\s/?#@:[\]\\%]/.test(domain)) return null;
  try {
    return new platform.URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
};

const unwrapEmail = (raw: string): string => {
  let s = raw.replace(INVISIBLE, '').trim();
  const angled = /<([^<>]*)>\s*$/.exec(s); // "Jane Doe <jane@example.com>"
  if (angled) s = angled[1]!.trim();
  if (/^mailto:/i.test(s)) s = s.slice(7).split('?')[0]!;
  try {
    if (s.includes('%')) s = decodeURIComponent(s);
  } catch {
    // A stray "%" is not an escape; keep the text as it is and let validation decide.
  }
  return s.trim();
};

/**
 * Normalises an email address: trimmed, invisible characters dropped, NFC, lower-case, the domain
 * in its ASCII (punycode) form; mailto: and "Name <addr>" unwrapped. Never throws.
 */
export function normaliseEmail(
  input: unknown,
): Result<Identifier & { kind: 'email' }, IdentifierError> {
  if (typeof input !== 'string') return { ok: false, error: 'not_a_string' };
  if (input.length > MAX_INPUT) return { ok: false, error: 'too_long' };
  const text = unwrapEmail(input).normalize('NFC').toLowerCase();
  if (!text) return { ok: false, error: 'empty' };
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = at > 0 ? asciiDomain(text.slice(at + 1)) : null;
  const labels = domain?.split('.') ?? [];
  const valid =
    domain !== null &&
    LOCAL.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TLD.test(labels[labels.length - 1]!);
  if (!valid) return { ok: false, error: 'invalid_email' };
  const value = `${local}@${domain}`;
  return value.length > 254
    ? { ok: false, error: 'too_long' }
    : { ok: true, value: { kind: 'email', value } };
}

/** Whether `code` is a region phone numbers can be read in (ISO 3166-1 alpha-2, e.g. "DE"). */
export const isPhoneRegion = (code: string): boolean => isSupportedCountry(code);

/**
 * Normalises a phone number to E.164 ("+4930123456"). National numbers need the default region
 * (ISO 3166-1 alpha-2) they were written in. Uses libphonenumber's minimal metadata. Never throws.
 */
export function normalisePhone(
  input: unknown,
  defaultRegion?: string,
): Result<Identifier & { kind: 'phone' }, IdentifierError> {
  if (typeof input !== 'string') return { ok: false, error: 'not_a_string' };
  if (input.length > MAX_INPUT) return { ok: false, error: 'too_long' };
  const text = input
    .replace(INVISIBLE, '')
    .trim()
    .replace(/^tel:/i, '')
    .normalize('NFKC')
    .replace(EXTENSION, '');
  if (!text) return { ok: false, error: 'empty' };
  // Letters mean this is not a phone number (vanity numbers aside; E.164 has no extension).
  if (/[a-z]/i.test(text)) return { ok: false, error: 'invalid_phone' };
  const region = defaultRegion?.toUpperCase() as CountryCode | undefined;
  try {
    const phone = parsePhoneNumberFromString(text, region ? { defaultCountry: region } : {});
    return phone?.isValid()
      ? { ok: true, value: { kind: 'phone', value: phone.number } }
      : { ok: false, error: 'invalid_phone' };
  } catch {
    // libphonenumber throws on some malformed metadata look-ups; to callers it is just invalid.
    return { ok: false, error: 'invalid_phone' };
  }
}
