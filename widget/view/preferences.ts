import { PURPOSES, type PurposeId } from '../../lib/purposes';
import type { ConsentryState } from '../core/consentry';
import type { UiStrings } from '../../lib/ui-strings-en';
import { button, h, type VNode } from './dom';

/** The visitor's switches, not saved yet. */
export type Draft = Partial<Record<PurposeId, boolean>>;

/** What the preferences layer shows and can ask for. */
export interface PreferencesProps {
  state: ConsentryState;
  strings: UiStrings;
  draft: Draft;
  /** Saved in this opening of the layer (the receipt section then shows, pending or not). */
  saved: boolean;
  onToggle(purpose: PurposeId, on: boolean): void;
  onSave(): void;
  onClose(): void;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));

const download = (receipt: NonNullable<ConsentryState['receipt']>) => {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }),
  );
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: `consent-receipt-${receipt.eventId}.json`,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/**
 * The second layer, a modal dialog: every purpose with its description, legal basis, retention,
 * services and recipients, a switch per optional purpose, save; and, once saved, the receipt to
 * read and download. Everything from the configuration is inserted as text.
 */
export function preferences(props: PreferencesProps): VNode {
  const { state, strings, draft } = props;
  const config = state.setup.config;
  const texts = config.texts[state.language] ?? config.texts[config.defaultLanguage]!;
  const separate = state.decision.regime.separateConsent;
  const receipt = state.receipt;
  const muted = { class: 'muted' };
  return h(
    'div',
    { class: 'backdrop' },
    h(
      'div',
      {
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'consentry-prefs-title',
      },
      h('h2', { id: 'consentry-prefs-title' }, strings.preferencesTitle),
      h('p', null, texts.description),
      state.decision.gpcApplied && h('p', { class: 'notice' }, strings.gpcHonoured),
      config.purposes.map((purpose) => {
        const t = texts.purposes[purpose.id];
        const name = t?.name ?? purpose.id;
        const optional = PURPOSES[purpose.id].optional;
        const id = `consentry-p-${purpose.id}`;
        const basis = purpose.legalBasis ?? PURPOSES[purpose.id].defaultLegalBasis;
        return h(
          'section',
          { class: 'purpose', 'aria-labelledby': `${id}-name` },
          h(
            'div',
            { class: 'row' },
            // The purpose's name is the switch's visible label.
            h('h3', { id: `${id}-name` }, optional ? h('label', { for: id }, name) : name),
            optional
              ? h(
                  'span',
                  { class: 'switch' },
                  h('input', {
                    id,
                    type: 'checkbox',
                    role: 'switch',
                    checked: draft[purpose.id] === true,
                    'aria-describedby': `${id}-desc`,
                    onChange: (e) =>
                      props.onToggle(purpose.id, (e.currentTarget as HTMLInputElement).checked),
                  }),
                  h(
                    'span',
                    { 'aria-hidden': 'true' },
                    draft[purpose.id] ? strings.on : strings.off,
                  ),
                )
              : h('span', muted, strings.alwaysActive),
          ),
          h('p', { id: `${id}-desc` }, t?.description),
          separate.includes(purpose.id) && h('p', muted, strings.separateConsent),
          h(
            'p',
            muted,
            strings.legalBasis,
            ': ',
            strings.basis[basis],
            purpose.retentionDays
              ? ` · ${fill(strings.retention, { days: purpose.retentionDays })}`
              : '',
          ),
          purpose.services.length > 0 &&
            h(
              'p',
              muted,
              strings.services,
              ':',
              ' ',
              purpose.services
                .map((s) => (s.provider ? `${s.name} (${s.provider})` : s.name))
                .join(', '),
            ),
          purpose.recipients.length > 0 &&
            h(
              'div',
              muted,
              strings.recipients,
              ':',
              h(
                'ul',
                null,
                purpose.recipients.map((r) =>
                  h(
                    'li',
                    null,
                    fill(strings.recipientIn, {
                      name: r.name,
                      country: r.country,
                      contact: r.contact,
                    }),
                  ),
                ),
              ),
            ),
        );
      }),
      (receipt !== null || props.saved) &&
        h(
          'section',
          { class: 'purpose', 'aria-labelledby': 'consentry-receipt', 'aria-live': 'polite' },
          h('h3', { id: 'consentry-receipt' }, strings.receiptTitle),
          h(
            'p',
            muted,
            receipt
              ? fill(strings.receiptSaved, {
                  id: receipt.eventId,
                  date: receipt.receivedAt.slice(0, 10),
                })
              : strings.receiptPending,
          ),
        ),
      h(
        'div',
        { class: 'actions' },
        button(strings.save, props.onSave, 'primary'),
        receipt !== null && button(strings.downloadReceipt, () => download(receipt), 'secondary'),
        button(strings.close, props.onClose, 'secondary'),
      ),
    ),
  );
}
