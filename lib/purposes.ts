import { PURPOSE_IDS, type PurposeId, type RegimeId } from './ids';

export { PURPOSE_IDS, type PurposeId } from './ids';

/** Lawful bases for processing (GDPR Art. 6(1), mirrored by LGPD Art. 7 and PIPL Art. 13). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;

/** A lawful basis for processing. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** How a person is contacted for a marketing purpose; the CRM extension guards these actions. */
export type Channel = 'email' | 'phone' | 'sms';

/** What the catalogue knows about a purpose, independent of any site. */
export interface PurposeDefinition {
  id: PurposeId;
  /** The basis a site gets unless its configuration names another. */
  defaultLegalBasis: LegalBasis;
  /** False only for what the service cannot run without; such a purpose is never asked for. */
  optional: boolean;
  /** The contact channel this purpose covers, if it is a direct-marketing purpose. */
  channel?: Channel;
  /** The law requires the recipients to be named to the person (PIPL Art. 23 and 39). */
  namesRecipients: boolean;
  /** Regimes that demand a separate, unbundled consent for it; "accept all" never grants it there. */
  separateConsentIn: readonly RegimeId[];
}

const definition = (
  id: PurposeId,
  extra: Partial<Omit<PurposeDefinition, 'id'>> = {},
): PurposeDefinition => ({
  id,
  defaultLegalBasis: 'consent',
  optional: true,
  namesRecipients: false,
  separateConsentIn: [],
  ...extra,
});

/** The purposes catalogue, keyed by id. */
export const PURPOSES: Readonly<Record<PurposeId, PurposeDefinition>> = {
  necessary: /* @__PURE__ */ definition('necessary', {
    defaultLegalBasis: 'legitimate_interests',
    optional: false,
  }),
  analytics: /* @__PURE__ */ definition('analytics'),
  personalisation: /* @__PURE__ */ definition('personalisation'),
  advertising: /* @__PURE__ */ definition('advertising'),
  marketing_email: /* @__PURE__ */ definition('marketing_email', { channel: 'email' }),
  marketing_phone: /* @__PURE__ */ definition('marketing_phone', { channel: 'phone' }),
  marketing_sms: /* @__PURE__ */ definition('marketing_sms', { channel: 'sms' }),
  sale_sharing: /* @__PURE__ */ definition('sale_sharing'),
  profiling: /* @__PURE__ */ definition('profiling'),
  // PIPL Art. 23; LGPD Art. 7 §5 (specific consent to share with other controllers).
  third_party_provision: /* @__PURE__ */ definition('third_party_provision', {
    namesRecipients: true,
    separateConsentIn: ['pipl', 'lgpd'],
  }),
  // PIPL Art. 39: the overseas recipient is named and the consent is separate.
  cross_border_transfer: /* @__PURE__ */ definition('cross_border_transfer', {
    namesRecipients: true,
    separateConsentIn: ['pipl'],
  }),
  // PIPL Art. 29; GDPR Art. 9(2)(a) explicit consent; LGPD Art. 11 I (specific and highlighted).
  sensitive_personal_info: /* @__PURE__ */ definition('sensitive_personal_info', {
    separateConsentIn: ['pipl', 'gdpr', 'lgpd'],
  }),
};

/** Tells whether a string names a catalogue purpose. */
export const isPurposeId = (value: unknown): value is PurposeId =>
  typeof value === 'string' && (PURPOSE_IDS as readonly string[]).includes(value);
