/** Twenty: mailto:/tel: links in a virtualised table whose rows are reused for other records. */
import type { CrmAdapter } from '../adapter';

export const twenty: CrmAdapter = {
  id: 'twenty',
  label: 'Twenty',
  matchesUrl: (url) =>
    url.hostname === 'app.twenty.com' || /^\/(objects|object)\/[a-zA-Z]+/.test(url.pathname),
};
