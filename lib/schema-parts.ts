/** Small schemas shared by the site configuration, the consent event and the look-up API. */
import * as v from 'valibot';
import { METHODS, PURPOSE_IDS, REGIME_IDS } from './ids';

export { METHODS, type Method } from './ids';

/** A non-empty string of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** A BCP 47 language tag as sites and browsers use them: "en", "pt-BR", "zh-Hant". */
export const LanguageTag = v.pipe(
  v.string(),
  v.maxLength(35),
  v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "zh-Hant"'),
);

/** An ISO 3166-1 alpha-2 country code in upper case. */
export const CountryCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"'),
);

/** A catalogue purpose id. */
export const PurposeIdSchema = v.picklist(PURPOSE_IDS, `must be one of: ${PURPOSE_IDS.join(', ')}`);

/** A regime id. */
export const RegimeIdSchema = v.picklist(REGIME_IDS, `must be one of: ${REGIME_IDS.join(', ')}`);

/** A lower-case hexadecimal SHA-256 digest. */
export const Sha256Hex = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters (SHA-256)'),
);

/** A policy version label such as "2026-11" or "v3.1". */
export const PolicyVersion = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"'),
);

/** An absolute http(s) URL of reasonable length. */
export const HttpUrl = v.pipe(
  v.string(),
  v.maxLength(2048, 'must be at most 2048 characters'),
  v.url('must be an absolute URL'),
  v.regex(/^https?:\/\//i, 'must be an http or https URL'),
);

/** Schema for a method of decision. */
export const MethodSchema = v.picklist(METHODS, `must be one of: ${METHODS.join(', ')}`);
