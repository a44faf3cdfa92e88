/**
 * The id lists of purposes and regimes, apart from their tables, so a bundle that only validates
 * ids (the widget's schemas) does not carry the catalogue and the regime data.
 */

/** Every purpose a site may declare, in the order notices list them. */
export const PURPOSE_IDS = [
  'necessary',
  'analytics',
  'personalisation',
  'advertising',
  'marketing_email',
  'marketing_phone',
  'marketing_sms',
  'sale_sharing',
  'profiling',
  'third_party_provision',
  'cross_border_transfer',
  'sensitive_personal_info',
] as const;

/** One purpose from the catalogue. */
export type PurposeId = (typeof PURPOSE_IDS)[number];

/** Every regime Consentry knows. */
export const REGIME_IDS = [
  'gdpr',
  'ccpa',
  'us_uoom',
  'us_opt_out',
  'pipl',
  'lgpd',
  'default',
] as const;

/** One regime id. */
export type RegimeId = (typeof REGIME_IDS)[number];

/** How a consent decision was made. */
export const METHODS = [
  'accept_all',
  'reject_all',
  'save',
  'gpc',
  'withdrawal',
  'api',
  'import',
] as const;

/** One method of decision. */
export type Method = (typeof METHODS)[number];
