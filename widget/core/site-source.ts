import { validateSiteConfig } from '../../lib/site-config-rules';
import type { SiteConfig } from '../../lib/site-config';
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

/** Accepts only complete string tables (every key of the English one, as strings). */
function validStrings(value: unknown): Record<string, UiStrings> {
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

/** Validates an inline configuration with lib's rules; the error lists the problems. */
export function inlineSetup(inline: InlineSetup): SiteSetup | Error {
  const parsed = validateSiteConfig(inline.config);
  if (!parsed.ok)
    return new Error(
      `consentry: invalid configuration: ${parsed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return {
    siteId: inline.siteId,
    regime: inline.regime ?? parsed.value.fallbackRegime,
    config: parsed.value,
    strings: validStrings(inline.strings),
  };
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
    const parsed = validateSiteConfig(body.config);
    if (typeof body.siteId !== 'string' || !isRegimeId(body.regime) || !parsed.ok) {
      return new Error('consentry: the ledger sent a configuration this widget cannot use');
    }
    return {
      siteId: body.siteId,
      regime: body.regime,
      config: parsed.value,
      strings: validStrings(body.strings),
    };
  } catch (error) {
    return new Error(`consentry: could not reach the ledger (${(error as Error).message})`);
  }
}
