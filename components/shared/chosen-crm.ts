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

/** Whether the page at `href` is on a CRM the settings name (preset or custom origin). */
export function isChosenCrm(href: string, settings: Pick<Settings, 'crms' | 'customOrigins'>) {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (
    settings.customOrigins.some((o) => URL.canParse(o) && new URL(o).origin === url.origin) ||
    settings.crms.some((id) => CRM_PRESETS[id].origins.some((p) => matchesPattern(url, p)))
  );
}
