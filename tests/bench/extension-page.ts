/// <reference lib="webworker" />
/**
 * What `npm run bench:ext` runs inside the Chromium page: the content script's own code (adapter,
 * scanner, overlay) wired to the background's own look-up service and IndexedDB answer cache, as
 * the extension runs them: the background's part in a worker of its own, asked by message. The ledger is a
 * function answering every digest, counted, so "warm" can be proven: a warm run asks it nothing.
 * Also the baseline: a naive full-document TreeWalker over every text node with regexes.
 */
import { lookupReply } from '../../components/background/answer-text';
import { AnswerCache } from '../../components/background/answer-cache';
import { replyToIdentify } from '../../components/background/identify';
import { LookupBatcher } from '../../components/background/lookup-batcher';
import { LookupService } from '../../components/background/lookup-service';
import type { Ask, Identify } from '../../components/content/consent-overlay';
import type { IdentifyMessage, LookupReply } from '../../components/shared/messages';
import type { Identifier } from '../../lib/identifiers';
import { startCrmPage, type CrmPage } from '../../components/content/crm-page';
import { DEFAULT_SETTINGS, type Settings } from '../../components/shared/settings';
import type { Status } from '../../lib/consent-status';
import type { LookupResult } from '../../lib/lookup';

const STATUSES: Status[] = ['granted', 'denied', 'withdrawn', 'unknown'];
let ledgerAsked = 0;

/** The ledger: an answer for every digest, its status picked by the digest. */
const ledger = async (digests: string[]): Promise<LookupResult[]> => {
  ledgerAsked += digests.length;
  return digests.map((digest) => ({
    digest,
    verified: true,
    purposes: {
      marketing_email: {
        status: STATUSES[parseInt(digest.slice(0, 2), 16) % STATUSES.length]!,
        at: '2026-11-01T10:00:00.000Z',
        policyVersion: '2026-11',
        regime: 'gdpr',
        reason: '',
      },
    },
    warnings: [],
  }));
};

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  purposes: ['marketing_email'],
  phoneRegion: 'DE',
};

type Request =
  | { id: number; lookup: { identifiers: Identifier[]; force: boolean } }
  | { id: number; identify: IdentifyMessage };

/** The background's side, in a worker of its own as the extension's service worker is. */
function background(scope: DedicatedWorkerGlobalScope) {
  const service = new LookupService(
    new AnswerCache('bench-answers'),
    new LookupBatcher(ledger),
    () => 3_600_000,
  );
  scope.onmessage = async ({ data }: MessageEvent<Request>) => {
    const answers =
      'identify' in data
        ? await replyToIdentify(data.identify, (ids) => service.saved(ids))
        : lookupReply(await service.lookup(data.lookup.identifiers, data.lookup.force));
    scope.postMessage({ id: data.id, answers, ledgerAsked });
  };
}

const isWorker = typeof document === 'undefined';
if (isWorker) background(self as unknown as DedicatedWorkerGlobalScope);

// The content script asks the background by message, as runtime.sendMessage does.
const waiting = new Map<number, (reply: never) => void>();
let nextId = 0;
let ledgerAskedSeen = 0;
const worker = isWorker ? null : new Worker((document.currentScript as HTMLScriptElement).src);
/**
 * Page-thread time (ms) spent taking in the background's replies: a reply is deserialised when
 * its data is first read, on the page's thread, as the extension's messaging does before the
 * content script's callback runs. Counted with the overlay's own handling of the replies.
 */
let receivingMs = 0;
worker?.addEventListener('message', (event) => {
  const t0 = performance.now();
  const data = event.data;
  receivingMs += performance.now() - t0;
  ledgerAskedSeen = data.ledgerAsked;
  waiting.get(data.id)?.(data.answers as never);
  waiting.delete(data.id);
});
const ask: Ask = (identifiers, force) =>
  new Promise<LookupReply>((resolve) => {
    waiting.set(++nextId, resolve);
    worker!.postMessage({ id: nextId, lookup: { identifiers, force } } satisfies Request);
  });
const identify: Identify = (kinds, raws, phoneRegion) =>
  new Promise((resolve) => {
    waiting.set(++nextId, resolve);
    worker!.postMessage({
      id: nextId,
      identify: { type: 'consentry:identify', kinds, raws, phoneRegion },
    } satisfies Request);
  });

const EMAIL = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[a-z]{2,}/gi;
const PHONE = /(?:\+|\(\d)[\d\s().-]{6,20}\d/g;

let current: { page: CrmPage; controller: AbortController } | null = null;

const badges = () =>
  document.querySelector('consentry-overlay')?.shadowRoot?.querySelectorAll('.badge') ?? [];

const api = {
  /** The baseline: every text node of the document, both regexes on each. */
  naive(): { ms: number; found: number } {
    const t0 = performance.now();
    let found = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n as Text).data;
      for (const _ of text.matchAll(EMAIL)) found++;
      for (const _ of text.matchAll(PHONE)) found++;
    }
    return { ms: performance.now() - t0, found };
  },

  /** Starts the content script; resolves when its first pass is over. */
  async start(): Promise<{
    wallMs: number;
    busyMs: number;
    findMs: number;
    initialMs: number;
    initialFound: number;
    longestSliceMs: number;
    slices: number;
    found: number;
  }> {
    // The extension's content script starts in a task of its own (at document_idle): so does this
    // one, so that task is among those the round watches for long ones.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const controller = new AbortController();
    const t0 = performance.now();
    const page = startCrmPage(document, () => settings, ask, identify, controller.signal);
    current = { page, controller };
    await page.scanner.ready;
    return {
      wallMs: performance.now() - t0,
      busyMs: page.scanner.stats.busyMs,
      findMs: page.scanner.stats.findMs,
      initialMs: page.scanner.stats.initialMs,
      initialFound: page.scanner.stats.initialFound,
      longestSliceMs: page.scanner.stats.longestSliceMs,
      slices: page.scanner.stats.slices,
      found: page.scanner.found.length,
    };
  },

  stop(): void {
    current?.controller.abort();
    current = null;
  },

  /** Main-thread time the scanner has spent so far (ms), and its slice count. */
  stats: () => ({ ...current!.page.scanner.stats }),

  /**
   * Main-thread time spent on the background's replies so far (ms): taking them in, and the
   * overlay's handling of them.
   */
  repliesMs: () => current!.page.overlay.stats.busyMs + receivingMs,

  /** Waits until the scanner has nothing queued. */
  idle: () => current!.page.scanner.idle(),

  /**
   * Prepends rows to the list, as a CRM appends a page of results, and waits until the scanner
   * is idle and the badge for `key` is drawn: the scanner's and the replies' main-thread time
   * meanwhile (ms).
   */
  async appendRows(html: string, key: string): Promise<[scanner: number, replies: number]> {
    const template = document.createElement('template');
    template.innerHTML = html;
    const [scanBefore, repliesBefore] = [api.stats().busyMs, api.repliesMs()];
    document.getElementById('rows')!.prepend(template.content);
    const drawn = api.badgeFor(key, performance.now());
    await api.idle();
    await drawn;
    return [api.stats().busyMs - scanBefore, api.repliesMs() - repliesBefore];
  },

  /**
   * Reads the whole page, as the popup's summary asks for it (rows of long lists not scrolled to
   * included) and waits for every answer: main-thread time spent (scanner and replies), wall time.
   */
  async readAll(): Promise<{ busyMs: number; wallMs: number; found: number }> {
    const { scanner, overlay } = current!.page;
    const busy = () => scanner.stats.busyMs + api.repliesMs();
    const [before, t0] = [busy(), performance.now()];
    await scanner.readAll();
    await overlay.settled();
    return { busyMs: busy() - before, wallMs: performance.now() - t0, found: scanner.found.length };
  },

  /** Answers the overlay has, and how many digests the ledger was asked for in all. */
  answered: () => ({ answers: current!.page.overlay.answers.size, ledgerAsked: ledgerAskedSeen }),

  /**
   * Resolves with the time (ms after `since`) a badge for `key` is on screen: checked at each
   * frame, and timed once the frame that draws it is over.
   */
  badgeFor(key: string, since: number, timeoutMs = 5_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const until = since + timeoutMs;
      const check = () => {
        for (const b of badges())
          if ((b as HTMLElement).dataset.key === key && b.getBoundingClientRect().width > 0)
            return void setTimeout(() => resolve(performance.now() - since), 0);
        if (performance.now() > until) return reject(new Error(`no badge for ${key}`));
        requestAnimationFrame(check);
      };
      check();
    });
  },
};

/** What the page offers the bench, as `window.bench`. */
export type BenchApi = typeof api;

if (!isWorker) (window as unknown as { bench: BenchApi }).bench = api;
