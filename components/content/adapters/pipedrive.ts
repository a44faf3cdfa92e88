/** Pipedrive: little public markup is known, so links, inputs and text (the generic rules) plus URL detection. */
import type { CrmAdapter } from '../adapter';

export const pipedrive: CrmAdapter = {
  id: 'pipedrive',
  label: 'Pipedrive',
  matchesUrl: (url) =>
    /\.pipedrive\.com$/.test(url.hostname) ||
    /^\/(person|deal|organization)\/\d+/.test(url.pathname),
};
