/**
 * Boots the script-tag builds: `<script src="https://ledger.example/consentry.js" data-site="pk_…" async>`.
 * The ledger origin defaults to the script's own origin (`data-api` overrides it); `data-lang`
 * forces a language; `data-config` (JSON, with `data-site-id` and optional `data-regime`) gives an
 * inline configuration instead. The page's CSP nonce is taken from the script itself. The API
 * lands on `window.consentry`.
 */
import type { RegimeId } from '../lib/regimes';
import { createConsentry, type ConsentryApi, type InlineResolver } from './create-consentry';
import { mountView } from './view/mount-view';

declare global {
  interface Window {
    consentry?: ConsentryApi;
  }
}

/** Starts the widget from its script tag; `resolveInline` makes `data-config` work. */
export function boot(resolveInline?: InlineResolver): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  let inline: { siteId: string; regime?: RegimeId; config: unknown } | undefined;
  if (data.config) {
    try {
      inline = {
        siteId: data.siteId ?? 'inline',
        regime: data.regime as RegimeId | undefined,
        config: JSON.parse(data.config),
      };
    } catch {
      console.warn('consentry: data-config is not valid JSON');
      return;
    }
  }
  const src = script?.src ? new URL(script.src, location.href) : null;
  window.consentry = createConsentry(
    {
      siteKey: data.site,
      apiOrigin: data.api ?? src?.origin,
      inline,
      language: data.lang,
      nonce: script?.nonce,
      view: (api) => void mountView(api),
    },
    window,
    resolveInline,
  );
}
