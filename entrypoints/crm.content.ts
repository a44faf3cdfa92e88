/** The CRM content script, registered at run time for the CRM origins the rep granted. */
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCrmPage, type CrmPage } from '../components/content/crm-page';
import {
  SummaryMessageSchema,
  type IdentifyMessage,
  type IdentifyReply,
  type LookupMessage,
  type LookupReply,
  type SummaryReply,
} from '../components/shared/messages';
import { isChosenCrm } from '../components/shared/chosen-crm';
import { loadSettings, SETTINGS_KEY } from '../components/shared/settings-store';

/** Longest wait for answers before the popup is told who is on the page. */
const SUMMARY_WAIT_MS = 5000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  async main(ctx) {
    let settings = await loadSettings(browser.storage.local);
    // Registered for the CRMs' hosts, which in Firefox means every port of them: only the pages
    // of a CRM the rep chose are read.
    if (!isChosenCrm(location.href, settings)) return;
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && SETTINGS_KEY in changes)
        void loadSettings(browser.storage.local).then((s) => (settings = s));
    });
    // One typed request to the background per message kind (its reply type beside it).
    const request = <M, R>(message: M) => browser.runtime.sendMessage(message) as Promise<R>;
    const ask = (identifiers: LookupMessage['identifiers'], force: boolean) =>
      request<LookupMessage, LookupReply>({ type: 'consentry:lookup', identifiers, force });
    const identify = (
      kinds: IdentifyMessage['kinds'],
      raws: IdentifyMessage['raws'],
      phoneRegion: string,
    ) =>
      request<IdentifyMessage, IdentifyReply>({
        type: 'consentry:identify',
        kinds,
        raws,
        phoneRegion,
      });
    let controller = new AbortController();
    // Tear the page down and start again on the new view.
    const restart = () => {
      controller.abort();
      controller = new AbortController();
      page = startCrmPage(document, () => settings, ask, identify, controller.signal, restart);
    };
    let page: CrmPage = startCrmPage(
      document,
      () => settings,
      ask,
      identify,
      controller.signal,
      restart,
    );
    ctx.onInvalidated(() => controller.abort());
    // SPA navigation is announced before the URL changes: start again once it has (and the root
    // watcher starts again when the CRM then swaps the view in).
    ctx.addEventListener(window, 'wxt:locationchange', () => void setTimeout(restart, 0));
    browser.runtime.onMessage.addListener(async (message: unknown) => {
      if (!v.safeParse(SummaryMessageSchema, message).success) return undefined;
      // Everyone on the page: rows of long lists not scrolled to yet are read now, and their
      // answers awaited for a while (those still out are counted as being checked).
      await page.scanner.readAll();
      await Promise.race([page.overlay.settled(), delay(SUMMARY_WAIT_MS)]);
      if ((message as { refresh: boolean }).refresh) await page.overlay.refresh(true);
      // The page as it is now: the CRM may have moved to another view meanwhile.
      return {
        crm: page.adapterId,
        people: page.overlay.summary(),
        notice: page.overlay.state.notice.value,
      } satisfies SummaryReply;
    });
  },
});
