import { useState } from 'preact/hooks';
import { PURPOSES, type PurposeId } from '../../lib/purposes';
import type { ConsentryState } from '../core/consentry';
import type { UiStrings } from '../../lib/ui-strings-en';
import { useFocusTrap } from './use-focus-trap';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));

/**
 * The second layer, a modal dialog: every purpose with its description, legal basis, retention,
 * services and recipients, a switch per optional purpose, save; and, once saved, the receipt to
 * read and download. Everything from the configuration is inserted as text.
 */
export function Preferences({
  state,
  strings,
  onSave,
  onClose,
}: {
  state: ConsentryState;
  strings: UiStrings;
  onSave(choices: Partial<Record<PurposeId, boolean>>): void;
  onClose(): void;
}) {
  const config = state.setup.config;
  const texts = config.texts[state.language] ?? config.texts[config.defaultLanguage]!;
  const [draft, setDraft] = useState<Partial<Record<PurposeId, boolean>>>(() => ({
    ...state.granted,
  }));
  const ref = useFocusTrap<HTMLDivElement>(true, onClose);
  const [saved, setSaved] = useState(false);
  const separate = state.decision.regime.separateConsent;
  const receipt = state.receipt;
  const download = () => {
    if (!receipt) return;
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
  return (
    <div class="backdrop">
      <div
        ref={ref}
        class="panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="consentry-prefs-title"
      >
        <h2 id="consentry-prefs-title">{strings.preferencesTitle}</h2>
        <p>{texts.description}</p>
        {state.decision.gpcApplied && <p class="notice">{strings.gpcHonoured}</p>}
        {config.purposes.map((purpose) => {
          const t = texts.purposes[purpose.id];
          const optional = PURPOSES[purpose.id].optional;
          const id = `consentry-p-${purpose.id}`;
          const basis = purpose.legalBasis ?? PURPOSES[purpose.id].defaultLegalBasis;
          return (
            <section class="purpose" key={purpose.id} aria-labelledby={`${id}-name`}>
              <div class="row">
                <h3 id={`${id}-name`}>
                  {/* The purpose's name is the switch's visible label. */}
                  {optional ? (
                    <label for={id}>{t?.name ?? purpose.id}</label>
                  ) : (
                    (t?.name ?? purpose.id)
                  )}
                </h3>
                {optional ? (
                  <span class="switch">
                    <input
                      id={id}
                      type="checkbox"
                      role="switch"
                      checked={draft[purpose.id] === true}
                      aria-describedby={`${id}-desc`}
                      onChange={(e) =>
                        setDraft({
                          ...draft,
                          [purpose.id]: (e.currentTarget as HTMLInputElement).checked,
                        })
                      }
                    />
                    <span aria-hidden="true">{draft[purpose.id] ? strings.on : strings.off}</span>
                  </span>
                ) : (
                  <span class="muted">{strings.alwaysActive}</span>
                )}
              </div>
              <p id={`${id}-desc`}>{t?.description}</p>
              {separate.includes(purpose.id) && <p class="muted">{strings.separateConsent}</p>}
              <p class="muted">
                {strings.legalBasis}: {strings.basis[basis]}
                {purpose.retentionDays
                  ? ` · ${fill(strings.retention, { days: purpose.retentionDays })}`
                  : ''}
              </p>
              {purpose.services.length > 0 && (
                <p class="muted">
                  {strings.services}:{' '}
                  {purpose.services
                    .map((s) => (s.provider ? `${s.name} (${s.provider})` : s.name))
                    .join(', ')}
                </p>
              )}
              {purpose.recipients.length > 0 && (
                <div class="muted">
                  {strings.recipients}:
                  <ul>
                    {purpose.recipients.map((r) => (
                      <li key={r.name}>
                        {fill(strings.recipientIn, {
                          name: r.name,
                          country: r.country,
                          contact: r.contact,
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
          );
        })}
        {(receipt !== null || saved) && (
          <section class="purpose" aria-labelledby="consentry-receipt" aria-live="polite">
            <h3 id="consentry-receipt">{strings.receiptTitle}</h3>
            <p class="muted">
              {receipt
                ? fill(strings.receiptSaved, {
                    id: receipt.eventId,
                    date: receipt.receivedAt.slice(0, 10),
                  })
                : strings.receiptPending}
            </p>
          </section>
        )}
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => {
              onSave(draft);
              setSaved(true);
            }}
          >
            {strings.save}
          </button>
          {receipt !== null && (
            <button type="button" class="secondary" onClick={download}>
              {strings.downloadReceipt}
            </button>
          )}
          <button type="button" class="secondary" onClick={onClose}>
            {strings.close}
          </button>
        </div>
      </div>
    </div>
  );
}
