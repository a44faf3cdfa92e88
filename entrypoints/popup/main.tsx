/** Popup entry: asks the current tab's content script for its summary. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { SummaryMessage, SummaryReply } from '../../components/shared/messages';
import { PopupView } from '../../components/ui/popup-view';

/** The tab the popup is about: `?tab=<id>` when opened as a page (tests), else the active one. */
async function currentTab(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (fromQuery) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function Popup() {
  const [summary, setSummary] = useState<SummaryReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async (refresh: boolean) => {
    setBusy(true);
    try {
      const tab = await currentTab();
      if (tab === undefined) throw new Error('no tab');
      setSummary(
        (await browser.tabs.sendMessage(tab, {
          type: 'consentry:summary',
          refresh,
        } satisfies SummaryMessage)) as SummaryReply,
      );
      setError(null);
    } catch {
      setError(
        'Consentry is not active on this page. Add this CRM in the options, then reload the page.',
      );
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(false), []);
  return (
    <PopupView
      summary={summary}
      error={error}
      busy={busy}
      onRefresh={() => void load(true)}
      onOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
