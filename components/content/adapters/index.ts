/** Every adapter, most specific first; the generic one matches any page. */
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

/** The adapter for a page. */
export const adapterFor = (url: URL, doc: Document): CrmAdapter =>
  ADAPTERS.find((a) => a.detect(url, doc)) ?? generic;
