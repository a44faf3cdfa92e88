/** The service worker: answers look-ups for every tab and keeps the content script registered for the chosen CRMs. */
import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { AnswerCache } from '../components/background/answer-cache';
import { fetchLookup } from '../components/background/ledger-client';
import { LookupBatcher } from '../components/background/lookup-batcher';
import { LookupService } from '../components/background/lookup-service';
import { syncContentScripts } from '../components/background/content-scripts';
import { LookupMessageSchema } from '../components/shared/messages';
import { loadSettings, SETTINGS_KEY } from '../components/shared/settings-store';
import * as v from 'valibot';

export default defineBackground(() => {
  let settings = loadSettings(browser.storage.local);
  const cache = new AnswerCache();
  const batcher = new LookupBatcher(async (digests) => fetchLookup(await settings, digests));
  let ttl = 10 * 60_000;
  void settings.then((s) => (ttl = s.cacheMinutes * 60_000));
  const service = new LookupService(cache, batcher, () => ttl);

  browser.runtime.onMessage.addListener(
    (message: unknown, sender: browser.Runtime.MessageSender) => {
      const parsed = v.safeParse(LookupMessageSchema, message);
      if (!parsed.success || sender.id !== browser.runtime.id) return undefined;
      return service.lookup(parsed.output.identifiers, parsed.output.force);
    },
  );

  const sync = async () => {
    const s = await settings;
    await syncContentScripts(browser, s).catch((error: unknown) =>
      console.warn('Consentry: content script registration failed', error),
    );
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const previous = settings;
    settings = loadSettings(browser.storage.local);
    void Promise.all([previous, settings]).then(([a, b]) => {
      ttl = b.cacheMinutes * 60_000;
      if (a.backendUrl !== b.backendUrl || a.readerKey !== b.readerKey) void cache.clear();
    });
    void sync();
  });
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  browser.runtime.onInstalled.addListener(() => void sync());
  browser.runtime.onStartup.addListener(() => void sync());
  void sync();
  // Answers older than a day are of no use even as stale ones.
  void cache.prune(Date.now() - 86_400_000).catch(() => undefined);
});
