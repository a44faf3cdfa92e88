/**
 * The options page: where the ledger is, the reader key, which CRMs to work on, which purposes
 * matter to the team, and warn-or-block. Saving validates, asks the browser for exactly the
 * hosts needed, checks the key against the ledger, and says plainly what went wrong.
 */
import { useState } from 'preact/hooks';
import { PURPOSE_IDS } from '../../lib/ids';
import { purposeLabel } from '../shared/consent-summary';
import { CRM_PRESET_IDS, CRM_PRESETS } from '../shared/crm-presets';
import { validateSettings, type Settings } from '../shared/settings';
import { CheckboxList } from './checkbox-list';

export interface OptionsFormProps {
  initial: Settings;
  /** Grants, checks and stores; resolves to what to tell the user. */
  onSave: (settings: Settings) => Promise<{ ok: boolean; message: string }>;
}

const CONTACT_PURPOSES = PURPOSE_IDS.filter((p) => p !== 'necessary');
const GUARD_MODES = [
  ['warn', 'Warn first, let me go on'],
  ['block', 'Block'],
] as const;

export function OptionsForm({ initial, onSave }: OptionsFormProps) {
  const [draft, setDraft] = useState<Settings>(initial);
  const [customText, setCustomText] = useState(initial.customOrigins.join('\n'));
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setDraft({ ...draft, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const candidate = { ...draft, customOrigins: customText.split(/\s+/).filter(Boolean) };
    const checked = validateSettings(candidate);
    if (!checked.ok) {
      setStatus({ ok: false, message: `Not saved. ${checked.error}` });
      return;
    }
    setBusy(true);
    try {
      setStatus(await onSave(checked.settings));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="options" onSubmit={submit} noValidate>
      <h1>Consentry for CRMs</h1>
      <fieldset>
        <legend>Consent ledger</legend>
        <label>
          Ledger address
          <input
            name="backendUrl"
            type="url"
            placeholder="https://consent.example.com"
            value={draft.backendUrl}
            onInput={(e) => set('backendUrl', e.currentTarget.value.trim())}
            required
          />
        </label>
        <label>
          Reader key
          <input
            name="readerKey"
            type="password"
            autoComplete="off"
            placeholder="rk_…"
            value={draft.readerKey}
            onInput={(e) => set('readerKey', e.currentTarget.value.trim())}
            required
          />
        </label>
        <p class="hint">
          Kept in this browser only (never synced). Only digests of emails and phone numbers are
          sent to the ledger.
        </p>
      </fieldset>
      <fieldset>
        <legend>CRMs to work on</legend>
        <CheckboxList
          name="crm"
          items={CRM_PRESET_IDS}
          label={(id) => CRM_PRESETS[id].label}
          selected={draft.crms}
          onChange={(crms) => set('crms', crms)}
        />
        <label>
          Other CRM addresses (self-hosted EspoCRM, SuiteCRM, Odoo…), one per line
          <textarea
            name="customOrigins"
            rows={3}
            placeholder="https://crm.example.com"
            value={customText}
            onInput={(e) => setCustomText(e.currentTarget.value)}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Purposes that matter to this team</legend>
        <CheckboxList
          name="purpose"
          items={CONTACT_PURPOSES}
          label={purposeLabel}
          selected={draft.purposes}
          onChange={(purposes) => set('purposes', purposes)}
        />
      </fieldset>
      <fieldset>
        <legend>Emailing or calling someone without consent</legend>
        {GUARD_MODES.map(([mode, text]) => (
          <label key={mode} class="check">
            <input
              type="radio"
              name="guard"
              value={mode}
              checked={draft.guard === mode}
              onChange={() => set('guard', mode)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Details</legend>
        <label>
          Country for phone numbers written without +code
          <input
            name="phoneRegion"
            maxLength={2}
            value={draft.phoneRegion}
            onInput={(e) => set('phoneRegion', e.currentTarget.value.toUpperCase())}
          />
        </label>
        <label>
          Ask the ledger again after (minutes)
          <input
            name="cacheMinutes"
            type="number"
            min={1}
            max={1440}
            value={draft.cacheMinutes}
            onInput={(e) => set('cacheMinutes', Number(e.currentTarget.value))}
          />
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Save'}
      </button>
      {status && (
        <p
          class={status.ok ? 'ok' : 'error'}
          role={status.ok ? 'status' : 'alert'}
          data-testid="options-status"
        >
          {status.message}
        </p>
      )}
    </form>
  );
}
