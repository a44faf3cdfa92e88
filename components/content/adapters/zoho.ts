/** Zoho CRM (Lyte): `data-zcqa` hooks; the record email often shows as plain text in the header. */
import type { CrmAdapter } from '../adapter';

export const zoho: CrmAdapter = {
  id: 'zoho',
  label: 'Zoho CRM',
  matchesUrl: (url) =>
    /^crm\.zoho\.[a-z.]+$/.test(url.hostname) || /^\/crm\/org\d+\//.test(url.pathname),
  markers: ['crux-detailpage-header', '[data-zcqa="detailViewLyteTag"]'],
  actions: {
    email: '[data-zcqa="sendmail"], [data-zcqa="send_email"], [data-zcqa="dv_sendmail"]',
    call: '[data-zcqa="call"], [data-zcqa="dv_call"]',
  },
};
