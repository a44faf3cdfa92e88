/**
 * Whether a page is one of the CRMs the rep chose. Host permissions and the content script's
 * registration are match patterns, which in Firefox carry no port: a custom origin such as
 * `http://127.0.0.1:8788` lets the script into every port of that host. The script checks the page
 * itself before doing anything: a custom origin is matched with its port, a preset by its
 * patterns (https, the host or, for `*.`, any subdomain of it).
 */
import { CRM_PRESETS } from './crm-presets';
import type { Settings } from './settings';

/** Whether `url` matches a preset's pattern (`https://host/*` or `https://*.host/*`). */
function matchesPattern(url: URL, pattern: string): boolean {
  const m = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
  if (!m || url.protocol !== `${m[1]}:` || url.port !== '') return false;
  const host = m[2]!;
  return host.startsWith('*.')
    ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))
    : url.hostname === host;
}

/**
 * Whether `url` is on a custom origin: the same origin, or for one written with `*.` (a host and
 * its subdomains, as its match pattern reads) the same scheme and port on such a host.
 */
function matchesCustom(url: URL, origin: string): boolean {
  if (!URL.canParse(origin)) return false;
  const o = new URL(origin);
  if (!o.hostname.startsWith('*.')) return o.origin === url.origin;
  const base = o.hostname.slice(2);
  return (
    o.protocol === url.protocol &&
    o.port === url.port &&
    (url.hostname === base || url.hostname.endsWith(`.${base}`))
  );
}

/** Whether the page at `href` is on a CRM the settings name (preset or custom origin). */
export function isChosenCrm(href: string, settings: Pick<Settings, 'crms' | 'customOrigins'>) {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (
    settings.customOrigins.some((o) => matchesCustom(url, o)) ||
    settings.crms.some((id) => CRM_PRESETS[id].origins.some((p) => matchesPattern(url, p)))
  );
}
