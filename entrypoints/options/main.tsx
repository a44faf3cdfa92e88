/** Options page entry: loads the settings and wires the form to permissions, the ledger check and storage. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { checkLedger } from '../../components/background/ledger-client';
import { originsOf, type Settings } from '../../components/shared/settings';
import { loadSettings, saveSettings } from '../../components/shared/settings-store';
import { OptionsForm } from '../../components/ui/options-form';

async function save(settings: Settings): Promise<{ ok: boolean; message: string }> {
  const { backend, crm } = originsOf(settings);
  // Asked for in the click that saves: the browser shows one prompt for exactly these hosts.
  const granted = await browser.permissions
    .request({ origins: [...backend, ...crm] })
    .catch(() => false);
  if (!granted)
    return {
      ok: false,
      message: 'Not saved: the browser did not grant access to the ledger and CRM addresses.',
    };
  const check = await checkLedger(settings);
  if (!check.ok) return { ok: false, message: `Not saved. ${check.message}` };
  await saveSettings(browser.storage.local, settings);
  const unused =
    (await browser.permissions.getAll()).origins?.filter(
      (o) => ![...backend, ...crm].includes(o),
    ) ?? [];
  if (unused.length) await browser.permissions.remove({ origins: unused }).catch(() => false);
  return {
    ok: true,
    message: `Saved. The ledger answered; Consentry now works on ${crm.length} CRM address${crm.length === 1 ? '' : 'es'} (reload open CRM tabs).`,
  };
}

void loadSettings(browser.storage.local).then((initial) => {
  render(<OptionsForm initial={initial} onSave={save} />, document.getElementById('app')!);
});
