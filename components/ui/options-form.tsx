/**
 * The options page: where the ledger is, the reader key, which CRMs to work on, which purposes
 * matter to the team, and warn-or-block. Saving validates, asks the browser for exactly the
 * hosts needed, checks the key against the ledger, and says plainly what went wrong.
 */
import { useState } from 'preact/hooks';
import { PURPOSE_IDS, type PurposeId } from '../../lib/ids';
import { purposeLabel } from '../shared/consent-summary';
import { CRM_PRESET_IDS, CRM_PRESETS, type CrmPresetId } from '../shared/crm-presets';
import { validateSettings, type Settings } from '../shared/settings';

export interface OptionsFormProps {
  initial: Settings;
  /** Grants, checks and stores; resolves to what to tell the user. */
  onSave: (settings: Settings) => Promise<{ ok: boolean; message: string }>;
}

const CONTACT_PURPOSES = PURPOSE_IDS.filter((p) => p !== 'necessary');

export function OptionsForm({ initial, onSave }: OptionsFormProps) {
  const [draft, setDraft] = useState<Settings>(initial);
  const [customText, setCustomText] = useState(initial.customOrigins.join('\n'));
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setDraft({ ...draft, [key]: value });
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...new Set([...list, item])] : list.filter((x) => x !== item);

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
        {CRM_PRESET_IDS.map((id: CrmPresetId) => (
          <label key={id} class="check">
            <input
              type="checkbox"
              name={`crm-${id}`}
              checked={draft.crms.includes(id)}
              onChange={(e) => set('crms', toggle(draft.crms, id, e.currentTarget.checked))}
            />
            {CRM_PRESETS[id].label}
          </label>
        ))}
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
        {CONTACT_PURPOSES.map((p: PurposeId) => (
          <label key={p} class="check">
            <input
              type="checkbox"
              name={`purpose-${p}`}
              checked={draft.purposes.includes(p)}
              onChange={(e) => set('purposes', toggle(draft.purposes, p, e.currentTarget.checked))}
            />
            {purposeLabel(p)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Emailing or calling someone without consent</legend>
        <label class="check">
          <input
            type="radio"
            name="guard"
            value="warn"
            checked={draft.guard === 'warn'}
            onChange={() => set('guard', 'warn')}
          />
          Warn first, let me go on
        </label>
        <label class="check">
          <input
            type="radio"
            name="guard"
            value="block"
            checked={draft.guard === 'block'}
            onChange={() => set('guard', 'block')}
          />
          Block
        </label>
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
