import type { SiteConfig } from '../../lib/site-config';
import { isPurposeId } from '../../lib/purposes';
import { isRegimeId, type RegimeId } from '../../lib/regimes';
import { EN_STRINGS, type UiStrings } from '../../lib/ui-strings-en';

/** A site's configuration and the regime that governs this visitor. */
export interface SiteSetup {
  siteId: string;
  regime: RegimeId;
  config: SiteConfig;
  /** UI strings by language; English is built in, the ledger sends the site's languages. */
  strings: Record<string, UiStrings>;
}

/** Inline configuration, for sites without a ledger round trip (the regime is then the site's call). */
export interface InlineSetup {
  siteId: string;
  regime?: RegimeId;
  config: unknown;
  /** UI strings for languages other than English (e.g. from lib/ui-strings.ts in a bundle). */
  strings?: Record<string, UiStrings>;
}

/**
 * The ledger validated the configuration when it was published; here only its shape is checked,
 * so a broken answer is refused without carrying the whole validator in the widget.
 */
function looksLikeConfig(config: unknown): config is SiteConfig {
  const c = config as Partial<Record<keyof SiteConfig, unknown>> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.policyVersion === 'string' &&
    typeof c.defaultLanguage === 'string' &&
    Array.isArray(c.languages) &&
    Array.isArray(c.purposes) &&
    c.purposes.every(
      (p: { id?: unknown }) =>
        isPurposeId(p?.id) && Array.isArray((p as { services?: unknown }).services),
    ) &&
    typeof c.texts === 'object' &&
    c.texts !== null &&
    typeof c.ui === 'object'
  );
}

/** Accepts only complete string tables (every key of the English one, as strings). */
export function validStrings(value: unknown): Record<string, UiStrings> {
  const out: Record<string, UiStrings> = { en: EN_STRINGS };
  if (typeof value !== 'object' || value === null) return out;
  for (const [language, table] of Object.entries(value as Record<string, unknown>)) {
    const t = table as Record<string, unknown> | null;
    const complete =
      typeof t === 'object' &&
      t !== null &&
      Object.keys(EN_STRINGS).every((k) =>
        k === 'basis' ? typeof t.basis === 'object' : typeof t[k] === 'string',
      );
    if (complete) out[language] = t as unknown as UiStrings;
  }
  return out;
}

/** Fetches the site's configuration and this visitor's regime from the ledger. */
export async function fetchSetup(
  apiOrigin: string,
  siteKey: string,
  fetcher: typeof fetch,
): Promise<SiteSetup | Error> {
  try {
    const res = await fetcher(`${apiOrigin}/v1/site-config?key=${encodeURIComponent(siteKey)}`, {
      credentials: 'omit',
    });
    if (!res.ok)
      return new Error(`consentry: the ledger answered ${res.status} for the site configuration`);
    const body = (await res.json()) as {
      siteId?: unknown;
      regime?: unknown;
      config?: unknown;
      strings?: unknown;
    };
    if (
      typeof body.siteId !== 'string' ||
      !isRegimeId(body.regime) ||
      !looksLikeConfig(body.config)
    ) {
      return new Error('consentry: the ledger sent a configuration this widget cannot use');
    }
    return {
      siteId: body.siteId,
      regime: body.regime,
      config: body.config,
      strings: validStrings(body.strings),
    };
  } catch (error) {
    return new Error(`consentry: could not reach the ledger (${(error as Error).message})`);
  }
}
