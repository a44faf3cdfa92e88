import { REGIME_IDS, REGIMES, type RegimeId } from './regimes';

/** Where a visitor is, as far as the server or the page knows. */
export interface Region {
  /** ISO 3166-1 alpha-2 country code, any case; "UK" is accepted for GB. */
  country?: string | null;
  /** ISO 3166-2 subdivision: "CA" or "US-CA" for California. */
  subdivision?: string | null;
}

const COUNTRY = /^[A-Z]{2}$/;
const SUBDIVISION = /^[A-Z0-9]{1,3}$/;

const canonicalCountry = (raw: string | null | undefined): string | null => {
  const upper = raw?.trim().toUpperCase() ?? '';
  if (upper === 'UK') return 'GB';
  // XX, ZZ and T1 are what CDNs send when they do not know the country.
  if (!COUNTRY.test(upper) || upper === 'XX' || upper === 'ZZ') return null;
  return upper;
};

const canonicalSubdivision = (country: string, raw: string | null | undefined): string | null => {
  const upper = raw?.trim().toUpperCase() ?? '';
  const local = upper.startsWith(`${country}-`) ? upper.slice(country.length + 1) : upper;
  return SUBDIVISION.test(local) ? `${country}-${local}` : null;
};

/**
 * The regime that governs a visitor from this region. An unknown country gets the fallback,
 * which sites should leave at the strictest regime (GDPR) unless they know better.
 */
export const regimeForRegion = (region: Region, fallback: RegimeId = 'gdpr'): RegimeId => {
  const country = canonicalCountry(region.country);
  if (!country) return fallback;
  const subdivision = canonicalSubdivision(country, region.subdivision);
  // A US visitor whose state is unknown gets the strictest US regime, as most US sites do.
  if (country === 'US' && !subdivision) return 'ccpa';
  for (const id of REGIME_IDS) {
    const regime = REGIMES[id];
    if (subdivision && regime.subdivisions.includes(subdivision)) return id;
    if (regime.countries.includes(country)) return id;
  }
  return 'default';
};
