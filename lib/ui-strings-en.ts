/**
 * The widget's built-in English UI strings and their shape. Kept apart from the other languages
 * (lib/ui-strings.ts) so the widget bundle carries only these; the ledger sends the rest.
 */

/** The widget's own UI strings (site texts come from the site configuration). */
export interface UiStrings {
  acceptAll: string;
  rejectAll: string;
  customise: string;
  save: string;
  close: string;
  preferencesTitle: string;
  /** Label of the small persistent button that reopens the preferences. */
  reopen: string;
  /** The CCPA/CPRA opt-out link; the English text is the statutory wording. */
  doNotSell: string;
  optOutDone: string;
  gpcHonoured: string;
  alwaysActive: string;
  separateConsent: string;
  legalBasis: string;
  /** Contains `{days}`. */
  retention: string;
  services: string;
  recipients: string;
  /** Contains `{name}`, `{country}` and `{contact}`. */
  recipientIn: string;
  receiptTitle: string;
  /** Contains `{id}` and `{date}`. */
  receiptSaved: string;
  receiptPending: string;
  downloadReceipt: string;
  withdrawAll: string;
  on: string;
  off: string;
  /** Human names of the legal bases. */
  basis: Record<
    | 'consent'
    | 'contract'
    | 'legal_obligation'
    | 'vital_interests'
    | 'public_task'
    | 'legitimate_interests',
    string
  >;
}

/** English, built into the widget; the ledger sends the site's other languages. */
export const EN_STRINGS: UiStrings = {
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  save: 'Save choices',
  close: 'Close',
  preferencesTitle: 'Privacy preferences',
  reopen: 'Privacy settings',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  optOutDone: 'You have opted out of the sale and sharing of your personal information.',
  gpcHonoured:
    "Your browser's Global Privacy Control signal is honoured: sale, sharing and targeted advertising stay off.",
  alwaysActive: 'Always active',
  separateConsent: 'Needs your separate consent',
  legalBasis: 'Legal basis',
  retention: 'Kept for {days} days',
  services: 'Services',
  recipients: 'Recipients',
  recipientIn: '{name} ({country}), contact: {contact}',
  receiptTitle: 'Your consent receipt',
  receiptSaved: 'Your choices were saved. Receipt {id}, recorded {date}.',
  receiptPending: 'Your choices were saved; the receipt will follow when the connection is back.',
  downloadReceipt: 'Download receipt',
  withdrawAll: 'Withdraw all consents',
  on: 'On',
  off: 'Off',
  basis: {
    consent: 'Consent',
    contract: 'Contract',
    legal_obligation: 'Legal obligation',
    vital_interests: 'Vital interests',
    public_task: 'Public task',
    legitimate_interests: 'Legitimate interests',
  },
};

/** Languages written right to left. */
export const RTL = new Set(['ar', 'fa', 'he', 'ur']);
