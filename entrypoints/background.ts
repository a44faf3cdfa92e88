/** The service worker: answers look-ups for every tab and keeps the content script registered for the chosen CRMs. */
import * as v from 'valibot';
import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { AnswerCache } from '../components/background/answer-cache';
import { syncContentScripts } from '../components/background/content-scripts';
import { adoptDemoSettings } from '../components/background/demo-settings';
import { replyToIdentify } from '../components/background/identify';
import { lookupReply } from '../components/background/answer-text';
import { fetchLookup } from '../components/background/ledger-client';
import { LookupBatcher } from '../components/background/lookup-batcher';
import { LookupService } from '../components/background/lookup-service';
import { LookupMessageSchema } from '../components/shared/messages';
import { DEFAULT_SETTINGS, type Settings } from '../components/shared/settings';
import { loadSettings, SETTINGS_KEY } from '../components/shared/settings-store';

export default defineBackground(() => {
  const cache = new AnswerCache();
  let latest: Settings | null = null;
  /** Reads the settings; a new ledger or key makes every cached answer meaningless. */
  const reload = async () => {
    const before = latest;
    latest = await loadSettings(browser.storage.local);
    if (
      before &&
      (before.backendUrl !== latest.backendUrl || before.readerKey !== latest.readerKey)
    )
      await cache.clear();
    return latest;
  };
  let ready = reload();
  const batcher = new LookupBatcher(async (digests) =>
    fetchLookup(latest ?? (await ready), digests),
  );
  const service = new LookupService(
    cache,
    batcher,
    () => (latest ?? DEFAULT_SETTINGS).cacheMinutes * 60_000,
  );

  browser.runtime.onMessage.addListener(
    (message: unknown, sender: browser.Runtime.MessageSender) => {
      if (sender.id !== browser.runtime.id) return undefined;
      // Raw text from a page is normalised here (a bad message is refused with the reason), and
      // what the cache knows of those people comes back with the keys.
      if ((message as { type?: unknown } | null)?.type === 'consentry:identify')
        return replyToIdentify(message, (ids) => service.saved(ids));
      const parsed = v.safeParse(LookupMessageSchema, message);
      if (!parsed.success) return undefined;
      return service.lookup(parsed.output.identifiers, parsed.output.force).then(lookupReply);
    },
  );

  // Registration changes only with the settings or the granted hosts; the worker itself wakes
  // up for every look-up, so it does not re-register on start.
  const sync = async () => {
    await syncContentScripts(browser, await ready).catch((error: unknown) =>
      console.warn('Consentry: content script registration failed', error),
    );
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    ready = reload();
    void sync();
  });
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  const onStart = async () => {
    // A demo build configures itself from the file the ledger's demo start wrote (a store build
    // has no such file); saving fires storage.onChanged, which registers the content script.
    const demo = await adoptDemoSettings(browser.storage.local, async () => {
      const res = await fetch(browser.runtime.getURL('/demo-settings.json'));
      return res.ok ? res.json() : null;
    }).catch(() => null);
    if (!demo) void sync();
    // Answers older than a day are of no use even as saved ones.
    void cache.prune(Date.now() - 86_400_000).catch(() => undefined);
  };
  browser.runtime.onInstalled.addListener(() => void onStart());
  browser.runtime.onStartup.addListener(() => void onStart());
});
