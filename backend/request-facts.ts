import type { Context } from 'hono';
import type { AppEnv } from './context';

/** The visitor's region from the trusted proxy headers, when the operator configured them. */
export function regionOf(c: Context<AppEnv>): {
  country: string | null;
  subdivision: string | null;
} {
  const { countryHeader, regionHeader } = c.var.services.config;
  const country = countryHeader ? (c.req.header(countryHeader)?.trim().toUpperCase() ?? '') : '';
  const subdivision = regionHeader ? (c.req.header(regionHeader)?.trim().toUpperCase() ?? '') : '';
  return {
    country: /^[A-Z]{2}$/.test(country) ? country : null,
    subdivision: /^[A-Z0-9-]{1,6}$/.test(subdivision) ? subdivision : null,
  };
}

/** Whether the browser sent Global Privacy Control (`Sec-GPC: 1`). */
export const gpcHeaderOf = (c: Context<AppEnv>): boolean => c.req.header('sec-gpc')?.trim() === '1';

/** The client address as the socket saw it (never from a forwarded header unless one is trusted). */
export function clientAddress(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
