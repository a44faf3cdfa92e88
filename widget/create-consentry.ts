/**
 * `createConsentry(options)`: the widget for sites that bundle it, and the engine behind the
 * script tag. Fetches the site's setup from the ledger (or takes it inline), starts the headless
 * core, wires the outbox and returns the public API. Never throws into the host page: problems
 * are logged once and the API keeps answering (everything optional denied).
 */
import type { PurposeId } from '../lib/purposes';
import type { Receipt } from '../lib/receipt';
import type { RegimeId } from '../lib/regimes';
import type { UiStrings } from '../lib/ui-strings-en';
import { consentModeState } from '../lib/consent-mode';
import { consentDefault } from './core/consent-mode-bridge';
import {
  createCore,
  type ConsentryCore,
  type ConsentryState,
  type Identity,
} from './core/consentry';
import { localDeviceStore } from './core/device-store';
import { createOutbox } from './core/outbox';
import { fetchSetup, type InlineSetup, type SiteSetup } from './core/site-source';
import { pickLanguage } from '../lib/pick-language';

/** Options of createConsentry. */
export interface ConsentryOptions {
  /** The site key (pk_…); with it the setup comes from the ledger at `apiOrigin`. */
  siteKey?: string;
  /** The ledger's origin; the script tag defaults it to the script's own origin. */
  apiOrigin?: string;
  /** Inline configuration (validated like the ledger does) for sites without a ledger round trip. */
  inline?: {
    siteId: string;
    regime?: RegimeId;
    config: unknown;
    strings?: Record<string, UiStrings>;
  };
  /** Force a language; otherwise the page's `lang`, then the browser's, among the site's languages. */
  language?: string;
  /** The page's CSP nonce, carried onto the scripts the widget activates. */
  nonce?: string;
  /** Renders the notice; the script-tag build passes the Preact view, headless users omit it. */
  view?: (api: ConsentryApi) => void;
}

/** The public API, also on `window.consentry`. */
export interface ConsentryApi {
  /** Resolves once the setup is known (or failed: then everything optional stays denied). */
  ready: Promise<void>;
  state(): ConsentryState | null;
  granted(purpose: PurposeId): boolean;
  subscribe(listener: (state: ConsentryState) => void): () => void;
  showBanner(): void;
  showPreferences(): void;
  acceptAll(): Promise<void>;
  rejectAll(): Promise<void>;
  setPurposes(choices: Partial<Record<PurposeId, boolean>>): Promise<void>;
  withdraw(purposes?: PurposeId[]): Promise<void>;
  /** Links this device's choices to a person (before a decision: with the coming one). */
  identify(identity: Identity): Promise<boolean>;
  lastReceipt(): Receipt | null;
  /** Used by the view: the visitor's explicit per-purpose choice. */
  save(choices: Partial<Record<PurposeId, boolean>>): Promise<void>;
  /** Set by the view. */
  ui: { showBanner(): void; showPreferences(): void };
}

const warn = (message: string) => {
  try {
    console.warn(message);
  } catch {
    // no console
  }
};

/** Turns an inline configuration into a setup (validating it); builds that take inline configs pass one. */
export type InlineResolver = (inline: InlineSetup) => SiteSetup | Error;

/**
 * Starts the widget. `resolveInline` is what accepts inline configurations: the default script
 * tag leaves it out (the ledger validated the configuration already), which keeps the whole
 * validator out of its bytes.
 */
export function createConsentry(
  options: ConsentryOptions,
  win: Window = window,
  resolveInline?: InlineResolver,
): ConsentryApi {
  let core: ConsentryCore | null = null;
  const noUi = { showBanner: () => undefined, showPreferences: () => undefined };
  const api: ConsentryApi = {
    ready: Promise.resolve(),
    state: () => core?.state() ?? null,
    granted: (p) => core?.granted(p) ?? false,
    subscribe: (listener) => core?.subscribe(listener) ?? (() => undefined),
    showBanner: () => api.ui.showBanner(),
    showPreferences: () => api.ui.showPreferences(),
    acceptAll: () => core?.acceptAll() ?? Promise.resolve(),
    rejectAll: () => core?.rejectAll() ?? Promise.resolve(),
    setPurposes: (choices) => core?.setPurposes(choices) ?? Promise.resolve(),
    save: (choices) => core?.save(choices) ?? Promise.resolve(),
    withdraw: (purposes) => core?.withdraw(purposes) ?? Promise.resolve(),
    identify: (identity) => core?.identify(identity) ?? Promise.resolve(false),
    lastReceipt: () => core?.state().receipt ?? null,
    ui: noUi,
  };
  // Consent Mode's default goes out now, synchronously, before the configuration arrives: a tag
  // placed after the widget's (non-async) script then never runs without it.
  consentDefault(win as unknown as { dataLayer?: unknown[] }, consentModeState({}));
  api.ready = (async () => {
    const setup: SiteSetup | Error = options.inline
      ? (resolveInline?.(options.inline) ??
        new Error(
          'consentry: this build takes its configuration from the ledger; use consentry-inline.js for inline ones',
        ))
      : options.siteKey && options.apiOrigin
        ? await fetchSetup(options.apiOrigin, options.siteKey, (...a) => win.fetch(...a))
        : new Error('consentry: give a siteKey and apiOrigin, or an inline configuration');
    if (setup instanceof Error) return warn(setup.message);
    const outbox =
      options.siteKey && options.apiOrigin
        ? createOutbox({
            endpoint: `${options.apiOrigin}/v1/events`,
            siteKey: options.siteKey,
            fetch: (...a) => win.fetch(...a),
            onReceipt: (_id, receipt) => core?.receiptArrived(receipt),
            onRejected: (id, reason) =>
              warn(`consentry: the ledger refused event ${id}: ${reason}`),
          })
        : null;
    const language = pickLanguage(setup.config.languages, setup.config.defaultLanguage, [
      options.language,
      win.document.documentElement.lang,
      ...(win.navigator.languages ?? [win.navigator.language]),
    ]);
    core = createCore({
      setup,
      window: win,
      store: localDeviceStore(),
      outbox,
      language,
      nonce: options.nonce,
      consentModeDefaultPushed: true,
    });
    if (outbox) {
      void outbox.flush(); // events left by an earlier visit
      const hidden = () => void outbox.flush({ keepalive: true, force: true });
      win.addEventListener('pagehide', hidden);
      win.document.addEventListener(
        'visibilitychange',
        () => win.document.visibilityState === 'hidden' && hidden(),
      );
    }
    options.view?.(api);
  })().catch((error: unknown) => warn(`consentry: ${(error as Error).message}`));
  return api;
}
