/**
 * Whether a page is one of the CRMs the rep chose. Host permissions and the content script's
 * registration are match patterns, which in Firefox carry no port: a custom origin such as
 * `http://127.0.0.1:8788` lets the script into every port of that host. The script checks the page
 * itself before doing anything: a custom origin is matched with its port, a preset by its
 * patterns (https, the host or, for `*.`, any subdomain of it).
 */
import { CRM_PRESETS } from './crm-presets';
import type { Settings } from './settings';

/** An origin with `*.` before its host: `https://*.example.com`, `http://*.test:8080`. */
const WILDCARD_ORIGIN = /^(https?):\/\/\*\.([^/:]+)(?::(\d+))?\/?$/i;

/**
 * Whether `url` is on `origin`: the same origin, or for one written with `*.` (a host and its
 * subdomains, as its match pattern reads) the same scheme and port on such a host. The wildcard
 * is read by hand: browsers' URL parsers differ on `*` in a host (Chromium makes it `%2A`).
 */
function onOrigin(url: URL, origin: string): boolean {
  const m = WILDCARD_ORIGIN.exec(origin.trim());
  if (!m) return URL.canParse(origin) && new URL(origin).origin === url.origin;
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const port = m[3] === (scheme === 'https' ? '443' : '80') ? '' : (m[3] ?? '');
  return (
    url.protocol === `${scheme}:` &&
    url.port === port &&
    (url.hostname === host || url.hostname.endsWith(`.${host}`))
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
    settings.customOrigins.some((o) => onOrigin(url, o)) ||
    // A preset's patterns are `https://host/*` or `https://*.host/*`: the origin before the path.
    settings.crms.some((id) =>
      CRM_PRESETS[id].origins.some((pattern) => onOrigin(url, pattern.slice(0, -'/*'.length))),
    )
  );
}
