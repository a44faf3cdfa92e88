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
import { loadSettings, SETTINGS_KEY } from '../components/shared/settings-store';

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  async main(ctx) {
    let settings = await loadSettings(browser.storage.local);
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && SETTINGS_KEY in changes)
        void loadSettings(browser.storage.local).then((s) => (settings = s));
    });
    // One typed request to the background per message kind (its reply type beside it).
    const request = <M, R>(message: M) => browser.runtime.sendMessage(message) as Promise<R>;
    const ask = (identifiers: LookupMessage['identifiers'], force: boolean) =>
      request<LookupMessage, LookupReply>({ type: 'consentry:lookup', identifiers, force });
    const identify = (candidates: IdentifyMessage['candidates'], phoneRegion: string) =>
      request<IdentifyMessage, IdentifyReply>({
        type: 'consentry:identify',
        candidates,
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
      // Everyone on the page: rows of long lists not scrolled to yet are read now.
      const { scanner, overlay } = page;
      await scanner.readAll();
      await overlay.settled();
      if ((message as { refresh: boolean }).refresh) await overlay.refresh(true);
      return {
        crm: page.adapterId,
        people: overlay.summary(),
        notice: overlay.state.notice.value,
      } satisfies SummaryReply;
    });
  },
});
