/** Dynamics 365 (Unified Interface): forms are inputs, so email and phone are input values. */
import type { CrmAdapter } from '../adapter';

export const dynamics: CrmAdapter = {
  id: 'dynamics',
  label: 'Dynamics 365',
  matchesUrl: (url) =>
    /\.dynamics\.com$/.test(url.hostname) ||
    (url.pathname.endsWith('/main.aspx') && url.searchParams.has('pagetype')),
  markers: ['[data-id="editFormRoot"]'],
  fields: [
    { selector: 'input[data-id^="emailaddress"][data-id*=".fieldControl"]', kind: 'email' },
    { selector: 'input[data-id^="telephone"][data-id*=".fieldControl"]', kind: 'phone' },
    { selector: 'input[data-id^="mobilephone"][data-id*=".fieldControl"]', kind: 'phone' },
  ],
  actions: {
    email:
      'button[data-id*="SendEmail"], button[aria-label="Send Email"], button[data-id*="emailaddress1.fieldControl-mail-icon"]',
    call: 'button[data-id*="telephone1.fieldControl-phone-icon"], button[data-id*="Call"]',
  },
};
