/** Every adapter, most specific first; the generic one (last) is for any other page. */
import type { CrmAdapter } from '../adapter';
import { dynamics } from './dynamics';
import { generic } from './generic';
import { hubspot } from './hubspot';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import { twenty } from './twenty';
import { zoho } from './zoho';

export const ADAPTERS: readonly CrmAdapter[] = [
  salesforce,
  hubspot,
  dynamics,
  zoho,
  pipedrive,
  twenty,
  generic,
];

const MARKED = ADAPTERS.filter((a) => a.marker);
const ANY_MARKER = MARKED.map((a) => a.marker).join(', ');

/**
 * The adapter for a page: by its address first, then by its markup, with one query for every
 * adapter's marker. On a page no address tells (a custom origin), a query that finds nothing walks
 * the whole document: one such walk per adapter was 50 ms of the script's first task on a
 * 50,000-row list.
 */
export function adapterFor(url: URL, doc: Document): CrmAdapter {
  const byUrl = ADAPTERS.find((a) => a.matchesUrl?.(url));
  if (byUrl) return byUrl;
  const marked = doc.querySelector(ANY_MARKER);
  return (marked && MARKED.find((a) => marked.matches(a.marker!))) || generic;
}
