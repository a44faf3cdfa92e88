/** The schema of a site's consent configuration; the dark-pattern rules are in site-config-rules. */
import * as v from 'valibot';
import { LEGAL_BASES, PURPOSE_IDS } from './purposes';
import {
  CountryCode,
  HttpUrl,
  LanguageTag,
  PolicyVersion,
  PurposeIdSchema,
  RegimeIdSchema,
  text,
} from './schema-parts';

/** The Google Consent Mode v2 keys a site can map its purposes to. */
export const CONSENT_MODE_KEYS = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

/** One Google Consent Mode key. */
export type ConsentModeKey = (typeof CONSENT_MODE_KEYS)[number];

const StorageName = v.pipe(
  text(200),
  v.regex(/^[^\s;,=]+$/, 'must be a cookie or storage key name (a trailing * matches a prefix)'),
);

const ServiceSchema = v.strictObject({
  name: text(120),
  provider: v.optional(text(120)),
  privacyPolicyUrl: v.optional(HttpUrl),
  cookies: v.optional(v.array(StorageName), []),
  storageKeys: v.optional(v.array(StorageName), []),
});

const RecipientSchema = v.strictObject({
  name: text(200),
  /** How the person reaches the recipient (PIPL Art. 23 and 39 want a contact). */
  contact: text(300),
  country: CountryCode,
  dataTypes: v.optional(v.array(text(100)), []),
});

const PurposeConfigSchema = v.strictObject({
  id: PurposeIdSchema,
  legalBasis: v.optional(v.picklist(LEGAL_BASES, `must be one of: ${LEGAL_BASES.join(', ')}`)),
  retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
  /** Shown as already ticked. Refused for optional purposes; present only so the refusal is explicit. */
  preTicked: v.optional(v.boolean(), false),
  services: v.optional(v.array(ServiceSchema), []),
  recipients: v.optional(v.array(RecipientSchema), []),
});

const PurposeTextsSchema = v.strictObject({ name: text(100), description: text(2000) });

const NoticeTextsSchema = v.strictObject({
  title: text(200),
  description: text(5000),
  privacyPolicyUrl: v.optional(HttpUrl),
  purposes: v.record(PurposeIdSchema, PurposeTextsSchema),
});

const UiSchema = v.strictObject({
  rejectAll: v.optional(v.picklist(['first_layer', 'second_layer', 'hidden']), 'first_layer'),
  rejectAllStyle: v.optional(v.picklist(['equal', 'secondary', 'link']), 'equal'),
});

const LifetimeDays = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(395, 'must be at most 395 days (13 months)'),
);

/** Schema of a site configuration, before the dark-pattern rules. */
export const SiteConfigSchema = v.strictObject({
  policyVersion: PolicyVersion,
  defaultLanguage: LanguageTag,
  languages: v.pipe(
    v.array(LanguageTag),
    v.minLength(1, 'must declare at least one language'),
    v.maxLength(40),
  ),
  purposes: v.pipe(
    v.array(PurposeConfigSchema),
    v.minLength(1, 'must declare at least one purpose'),
    v.maxLength(PURPOSE_IDS.length),
  ),
  texts: v.record(LanguageTag, NoticeTextsSchema),
  ui: v.optional(UiSchema, {}),
  consentMode: v.optional(
    v.record(
      v.picklist(CONSENT_MODE_KEYS),
      v.pipe(v.array(PurposeIdSchema), v.minLength(1, 'must map at least one purpose')),
    ),
  ),
  /** Overrides the regime's consent lifetime. */
  lifetimeDays: v.optional(LifetimeDays),
  /** The regimes this site serves; all of them unless listed. Rules apply to every one served. */
  regimes: v.optional(v.pipe(v.array(RegimeIdSchema), v.minLength(1))),
  /** The regime for visitors whose region is unknown. */
  fallbackRegime: v.optional(RegimeIdSchema, 'gdpr'),
  /** How the site treats visitors no specific regime covers. */
  defaultRegime: v.optional(
    v.strictObject({
      model: v.picklist(['opt_in', 'opt_out']),
      lifetimeDays: v.optional(LifetimeDays),
    }),
  ),
});

/** A parsed site configuration (defaults filled in). */
export type SiteConfig = v.InferOutput<typeof SiteConfigSchema>;

/** What a site configuration looks like as written, before defaults. */
export type SiteConfigInput = v.InferInput<typeof SiteConfigSchema>;

/** One purpose as a site configures it. */
export type PurposeConfig = SiteConfig['purposes'][number];

/** A named recipient of personal information. */
export type Recipient = PurposeConfig['recipients'][number];
